//! Text -> tokens. Accepts the ASCII operators and their typeset forms (× · ÷ − π), so that an
//! expression pasted from slides parses as typed.

use super::error::{ParseError, ParseErrorKind};
use super::span::Span;

/// One lexical unit of an expression, borrowing names from the source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Token<'a> {
    /// A numeric literal, already converted.
    Number(f64),
    /// A name: variable, constant or function.
    Ident(&'a str),
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

impl Token<'_> {
    /// How the token is named in error messages.
    pub fn describe(&self) -> String {
        match self {
            Token::Number(n) => format!("the number {n}"),
            Token::Ident(name) => format!(
                "'{}'",
                crate::render::text::excerpt(name, crate::render::text::QUOTED)
            ),
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
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spanned<'a> {
    /// The token.
    pub token: Token<'a>,
    /// Its bytes in the source.
    pub span: Span,
}

/// Splits `source` into tokens, ending with [`Token::End`].
pub fn tokenize(source: &str) -> Result<Vec<Spanned<'_>>, ParseError> {
    let mut lexer = Lexer::new(source);
    let mut tokens = Vec::new();
    loop {
        let token = lexer.next_token()?;
        tokens.push(token);
        if token.token == Token::End {
            return Ok(tokens);
        }
    }
}

/// Reads tokens one at a time, so the parser never holds the whole token list.
#[derive(Clone, Debug)]
pub struct Lexer<'a> {
    source: &'a str,
    /// The byte offset of the next character.
    pos: usize,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `source`.
    pub fn new(source: &'a str) -> Self {
        Lexer { source, pos: 0 }
    }

    /// The character at the current position, if any.
    fn peek_char(&self) -> Option<char> {
        let byte = *self.source.as_bytes().get(self.pos)?;
        if byte.is_ascii() {
            Some(byte as char)
        } else {
            self.source[self.pos..].chars().next()
        }
    }

    /// The next token; [`Token::End`] for ever once the input is used up.
    pub fn next_token(&mut self) -> Result<Spanned<'a>, ParseError> {
        let source = self.source;
        while let Some(c) = self.peek_char().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
        let start = self.pos;
        let Some(c) = self.peek_char() else {
            return Ok(Spanned {
                token: Token::End,
                span: Span::new(source.len(), source.len()),
            });
        };
        self.pos += c.len_utf8();
        let token = if c.is_ascii_digit() || c == '.' {
            self.pos = number_end(source, start);
            let text = &source[start..self.pos];
            let span = Span::new(start, self.pos);
            match text.parse::<f64>() {
                Ok(value) if value.is_finite() => Token::Number(value),
                Ok(_) => {
                    return Err(ParseError::new(
                        span,
                        ParseErrorKind::NumberTooLarge(text.into()),
                    ))
                }
                Err(_) => {
                    return Err(ParseError::new(
                        span,
                        ParseErrorKind::BadNumber(text.into()),
                    ))
                }
            }
        } else if c == 'π' {
            Token::Ident("pi")
        } else if c == '√' {
            Token::Ident("sqrt")
        } else if c.is_alphabetic() || c == '_' {
            while let Some(c) = self
                .peek_char()
                .filter(|&c| c != 'π' && (c.is_alphanumeric() || c == '_'))
            {
                self.pos += c.len_utf8();
            }
            Token::Ident(&source[start..self.pos])
        } else {
            match c {
                '+' => Token::Plus,
                '-' | '−' => Token::Minus,
                '*' if self.peek_char() == Some('*') => {
                    self.pos += 1;
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
                        Span::new(start, self.pos),
                        ParseErrorKind::UnexpectedChar(other),
                    ))
                }
            }
        };
        Ok(Spanned {
            token,
            span: Span::new(start, self.pos),
        })
    }
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

    fn kinds(source: &str) -> Vec<Token<'_>> {
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
            vec![Token::Number(2.0), Token::Ident("e"), Token::End]
        );
        assert_eq!(
            kinds("2e-x"),
            vec![
                Token::Number(2.0),
                Token::Ident("e"),
                Token::Minus,
                Token::Ident("x"),
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
                Token::Ident("pi"),
                Token::Star,
                Token::Ident("x"),
                Token::Slash,
                Token::Ident("y"),
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
