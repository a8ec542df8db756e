//! Text -> tokens. Accepts the ASCII operators and their typeset forms (× · ÷ − π), so that an
//! expression pasted from slides parses as typed.

use super::error::{ParseError, ParseErrorKind};
use super::span::Span;

/// One lexical unit of an expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A numeric literal, already converted.
    Number(f64),
    /// A name: variable, constant or function.
    Ident(String),
    /// `+`
    Plus,
    /// `-` or `−`
    Minus,
    /// `*`, `×` or `·`
    Star,
    /// `/` or `÷`
    Slash,
    /// `^` or `**`
    Caret,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// The end of the input.
    End,
}

impl Token {
    /// How the token is named in error messages.
    pub fn describe(&self) -> String {
        match self {
            Token::Number(n) => format!("the number {n}"),
            Token::Ident(name) => format!("'{name}'"),
            Token::Plus => "'+'".into(),
            Token::Minus => "'-'".into(),
            Token::Star => "'*'".into(),
            Token::Slash => "'/'".into(),
            Token::Caret => "'^'".into(),
            Token::LParen => "'('".into(),
            Token::RParen => "')'".into(),
            Token::Comma => "','".into(),
            Token::End => "the end of the input".into(),
        }
    }
}

/// A token and where it stands in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned {
    /// The token.
    pub token: Token,
    /// Its bytes in the source.
    pub span: Span,
}

/// Splits `source` into tokens, ending with [`Token::End`].
pub fn tokenize(source: &str) -> Result<Vec<Spanned>, ParseError> {
    let mut tokens = Vec::with_capacity(source.len() / 2 + 1);
    let mut chars = source.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let token = if c.is_ascii_digit() || c == '.' {
            let end = number_end(source, start);
            let text = &source[start..end];
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            match text.parse::<f64>() {
                Ok(value) if value.is_finite() => Token::Number(value),
                Ok(_) => {
                    return Err(ParseError::new(
                        Span::new(start, end),
                        ParseErrorKind::NumberTooLarge(text.to_string()),
                    ))
                }
                Err(_) => {
                    return Err(ParseError::new(
                        Span::new(start, end),
                        ParseErrorKind::BadNumber(text.to_string()),
                    ))
                }
            }
        } else if c.is_alphabetic() || c == '_' || c == '√' {
            if c == 'π' || c == '√' {
                chars.next();
                Token::Ident(if c == 'π' { "pi" } else { "sqrt" }.into())
            } else {
                let mut end = start;
                while let Some(&(i, c)) = chars.peek() {
                    if c == 'π' || !(c.is_alphanumeric() || c == '_') {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                Token::Ident(source[start..end].to_string())
            }
        } else {
            chars.next();
            match c {
                '+' => Token::Plus,
                '-' | '−' => Token::Minus,
                '*' if chars.peek().is_some_and(|&(_, c)| c == '*') => {
                    chars.next();
                    Token::Caret
                }
                '*' | '×' | '·' | '⋅' => Token::Star,
                '/' | '÷' => Token::Slash,
                '^' => Token::Caret,
                '(' => Token::LParen,
                ')' => Token::RParen,
                ',' => Token::Comma,
                other => {
                    return Err(ParseError::new(
                        Span::new(start, start + other.len_utf8()),
                        ParseErrorKind::UnexpectedChar(other),
                    ))
                }
            }
        };
        let end = chars.peek().map_or(source.len(), |&(i, _)| i);
        tokens.push(Spanned {
            token,
            span: Span::new(start, trim_end(source, start, end)),
        });
    }
    tokens.push(Spanned {
        token: Token::End,
        span: Span::new(source.len(), source.len()),
    });
    Ok(tokens)
}

/// The end of the token starting at `start`, before any whitespace that was peeked past.
fn trim_end(source: &str, start: usize, end: usize) -> usize {
    start + source[start..end].trim_end().len()
}

/// The end of a numeric literal: digits, one '.', and an exponent only when digits follow it,
/// so that `2e` reads as 2·e and `2e-x` as 2·e - x.
fn number_end(source: &str, start: usize) -> usize {
    let bytes = source.as_bytes();
    let mut i = start;
    let mut seen_dot = false;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || (bytes[i] == b'.' && !seen_dot)) {
        seen_dot |= bytes[i] == b'.';
        i += 1;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        if j < bytes.len() && bytes[j].is_ascii_digit() {
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<Token> {
        tokenize(source)
            .unwrap()
            .into_iter()
            .map(|t| t.token)
            .collect()
    }

    #[test]
    fn numbers_in_every_written_form() {
        for (text, value) in [
            ("2", 2.0),
            ("2.5", 2.5),
            (".5", 0.5),
            ("1e-3", 1e-3),
            ("2.5E+2", 250.0),
        ] {
            assert_eq!(
                kinds(text),
                vec![Token::Number(value), Token::End],
                "{text}"
            );
        }
    }

    #[test]
    fn an_exponent_needs_digits_so_2e_is_two_times_e() {
        assert_eq!(
            kinds("2e"),
            vec![Token::Number(2.0), Token::Ident("e".into()), Token::End]
        );
        assert_eq!(
            kinds("2e-x"),
            vec![
                Token::Number(2.0),
                Token::Ident("e".into()),
                Token::Minus,
                Token::Ident("x".into()),
                Token::End
            ]
        );
    }

    #[test]
    fn typeset_operators_are_accepted() {
        assert_eq!(
            kinds("2×π·x÷y−1**2"),
            vec![
                Token::Number(2.0),
                Token::Star,
                Token::Ident("pi".into()),
                Token::Star,
                Token::Ident("x".into()),
                Token::Slash,
                Token::Ident("y".into()),
                Token::Minus,
                Token::Number(1.0),
                Token::Caret,
                Token::Number(2.0),
                Token::End
            ]
        );
    }

    #[test]
    fn spans_cover_the_token_and_not_the_space_after_it() {
        let tokens = tokenize("w_0  + 12").unwrap();
        assert_eq!(tokens[0].span, Span::new(0, 3));
        assert_eq!(tokens[1].span, Span::new(5, 6));
        assert_eq!(tokens[2].span, Span::new(7, 9));
    }

    #[test]
    fn bad_characters_and_numbers_are_located() {
        let err = tokenize("x + $").unwrap_err();
        assert_eq!(err.span, Span::new(4, 5));
        assert_eq!(err.kind, ParseErrorKind::UnexpectedChar('$'));
        let err = tokenize("1 + .").unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::BadNumber(".".into()));
    }
}
