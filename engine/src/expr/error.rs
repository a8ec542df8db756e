//! Parse errors: what went wrong and where, rendered with a caret under the column.

use std::fmt;

use crate::render::text::{excerpt, QUOTED};

use super::span::Span;

/// A parse error: the bytes it is about and what is wrong with them.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    /// The bytes of the source the error is about.
    pub span: Span,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// What is wrong with the input.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseErrorKind {
    /// Nothing but white space.
    Empty,
    /// Longer than the parser accepts.
    TooLong { limit: usize },
    /// Nested deeper than the parser accepts.
    TooDeep { limit: usize },
    /// A character that is not part of the language.
    UnexpectedChar(char),
    /// Digits that do not form a number, such as a lone `.`.
    BadNumber(String),
    /// A literal too large for a 64-bit float.
    NumberTooLarge(String),
    /// An operand was expected (after an operator, at the start, inside parentheses).
    ExpectedOperand { found: String },
    /// A `(` that is never closed.
    Unclosed { open: Span, found: String },
    /// A `)` with no `(` before it.
    UnmatchedClose,
    /// A complete expression followed by more input.
    Trailing { found: String },
    /// A name followed by `(` that is not a known function.
    UnknownFunction {
        name: String,
        suggestion: Option<&'static str>,
    },
    /// A function named without its parenthesised argument, such as `sin x`.
    MissingParentheses { name: String },
    /// A constant used as a function, such as `pi(2)`.
    NotAFunction { name: String },
    /// A function given the wrong number of arguments.
    Arity {
        function: &'static str,
        expected: &'static str,
        found: usize,
    },
    /// A parameter that must be a number (the `a` of leaky_relu and elu) depends on a variable.
    NotConstant {
        function: &'static str,
        parameter: &'static str,
    },
}

impl ParseError {
    /// An error of `kind` about `span`.
    pub fn new(span: Span, kind: ParseErrorKind) -> Self {
        ParseError { span, kind }
    }

    /// The one-line message with its column: `error at column 12: expected ')' ...`.
    pub fn message(&self, source: &str) -> String {
        let detail = match &self.kind {
            ParseErrorKind::Unclosed { open, found } => format!(
                "expected ')' to close '(' at column {}, found {found}",
                open.column(source)
            ),
            other => other.to_string(),
        };
        format!("error at column {}: {detail}", self.span.column(source))
    }

    /// The message, the source line and a caret line under the offending column(s). A line
    /// longer than [`SHOWN_LINE`] characters is cut to the part around the error, with `…` where
    /// it was cut, so a megabyte of input never becomes a megabyte of message.
    pub fn render(&self, source: &str) -> String {
        let line: Vec<char> = source
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let column = self.span.column(source) - 1;
        let width = self.span.width(source);
        let (mut from, mut to) = (0, line.len());
        if line.len() > SHOWN_LINE {
            from = column.saturating_sub(SHOWN_LINE / 2);
            to = (from + SHOWN_LINE).min(line.len());
            from = to.saturating_sub(SHOWN_LINE);
        }
        let (before, after) = (
            if from > 0 { "…" } else { "" },
            if to < line.len() { "…" } else { "" },
        );
        let shown: String = line[from..to].iter().collect();
        let under = column.saturating_sub(from) + before.chars().count();
        let caret = format!(
            "{}{}",
            " ".repeat(under),
            "^".repeat(width.min((to + 1).saturating_sub(column)).max(1))
        );
        format!(
            "{}\n  {before}{}{after}\n  {}",
            self.message(source),
            shown.trim_end(),
            caret
        )
    }
}

/// The most characters of the source line an error shows.
pub const SHOWN_LINE: usize = 72;

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::Empty => {
                write!(f, "the expression is empty; type one, such as x^2 + 1")
            }
            ParseErrorKind::TooLong { limit } => {
                write!(f, "the expression is longer than {limit} bytes")
            }
            ParseErrorKind::TooDeep { limit } => {
                write!(f, "the expression is nested more than {limit} levels deep")
            }
            ParseErrorKind::UnexpectedChar(c) => write!(f, "unexpected character '{c}'"),
            ParseErrorKind::BadNumber(text) => {
                write!(f, "'{}' is not a number", excerpt(text, QUOTED))
            }
            ParseErrorKind::NumberTooLarge(text) => write!(
                f,
                "'{}' is too large: numbers go up to about 1.8e308",
                excerpt(text, QUOTED)
            ),
            ParseErrorKind::ExpectedOperand { found } => {
                write!(f, "expected a number, a variable or '(' but found {found}")
            }
            ParseErrorKind::Unclosed { found, .. } => {
                write!(f, "expected ')' to close '(', found {found}")
            }
            ParseErrorKind::UnmatchedClose => write!(f, "')' has no matching '('"),
            ParseErrorKind::Trailing { found } => {
                write!(f, "expected an operator such as '+' or '*' before {found}")
            }
            ParseErrorKind::UnknownFunction { name, suggestion } => {
                let name = excerpt(name, QUOTED);
                write!(f, "unknown function '{name}'")?;
                match suggestion {
                    Some(s) => write!(f, "; did you mean '{s}'?"),
                    None => write!(f, "; write '*' to multiply, as in {name}*(...)"),
                }
            }
            ParseErrorKind::MissingParentheses { name } => {
                write!(f, "'{name}' is a function: write {name}(...)")
            }
            ParseErrorKind::NotAFunction { name } => write!(
                f,
                "'{name}' is a constant, not a function; write '*' to multiply"
            ),
            ParseErrorKind::Arity {
                function,
                expected,
                found,
            } => write!(f, "{function} takes {expected} but was given {found}"),
            ParseErrorKind::NotConstant {
                function,
                parameter,
            } => write!(
                f,
                "the parameter {parameter} of {function} must be a number, not depend on a variable"
            ),
        }
    }
}

impl std::error::Error for ParseError {}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (bytes {}..{})",
            self.kind,
            self.span.start(),
            self.span.end()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_error() {
        let source = format!("{}+ * {}", "x + ".repeat(10_000), "y + ".repeat(10_000));
        let at = source.find("* ").unwrap();
        let err = ParseError::new(
            Span::new(at, at + 1),
            ParseErrorKind::ExpectedOperand {
                found: "'*'".into(),
            },
        );
        let text = err.render(&source);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].chars().count() <= SHOWN_LINE + 4, "{}", lines[1]);
        assert!(lines[1].starts_with("  …") && lines[1].ends_with('…'));
        // The caret still stands under the '*'.
        let caret = lines[2].find('^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('*'));
    }

    #[test]
    fn the_caret_stands_under_the_column() {
        let source = "sqrt(x^2 + 1";
        let err = ParseError::new(
            Span::new(12, 12),
            ParseErrorKind::Unclosed {
                open: Span::new(4, 5),
                found: "the end of the input".into(),
            },
        );
        assert_eq!(
            err.render(source),
            "error at column 13: expected ')' to close '(' at column 5, found the end of the input\n  \
             sqrt(x^2 + 1\n              ^"
        );
    }
}
