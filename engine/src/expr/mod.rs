//! The expression language: text -> tokens -> syntax tree, with byte spans for error messages.

mod ast;
mod error;
mod generate;
mod lexer;
mod parser;
mod print;
mod span;

pub use ast::{Ast, AstId, AstKind, AstNode, Constant, VarId};
pub use error::{ParseError, ParseErrorKind};
pub use generate::random_expression;
pub use lexer::{tokenize, Spanned, Token};
pub use parser::{parse, MAX_DEPTH, MAX_LEN};
pub use print::to_source;
pub use span::Span;
