//! Tokens -> syntax tree, by recursive descent. Recursion is bounded by [`MAX_DEPTH`] and the
//! input by [`MAX_LEN`], so no input can overflow the stack or run for long.
//!
//! Grammar, loosest first:
//! ```text
//! sum     = product (('+' | '-') product)*
//! product = unary (('*' | '/') unary | power)*      -- the bare `power` only right after a number: 2x
//! unary   = ('-' | '+') unary | power
//! power   = primary ('^' unary)?                    -- right-associative, tighter than unary minus
//! primary = number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
//! ```

use rustc_hash::FxHashMap;

use super::ast::{Ast, AstId, AstKind, AstNode, Constant, VarId};
use super::error::{ParseError, ParseErrorKind};
use super::lexer::{Lexer, Spanned, Token};
use super::span::Span;
use crate::ops::{Function, Op, Shape};

/// The deepest nesting accepted (parentheses, unary signs, powers, calls).
pub const MAX_DEPTH: usize = 256;
/// The longest input accepted, in bytes.
pub const MAX_LEN: usize = 4 << 20;

/// Parses `source` into a syntax tree.
pub fn parse(source: &str) -> Result<Ast, ParseError> {
    if source.len() > MAX_LEN {
        return Err(ParseError::new(
            Span::new(MAX_LEN, source.len()),
            ParseErrorKind::TooLong { limit: MAX_LEN },
        ));
    }
    let mut lexer = Lexer::new(source);
    let current = lexer.next_token()?;
    if current.token == Token::End {
        return Err(ParseError::new(
            Span::new(0, source.len()),
            ParseErrorKind::Empty,
        ));
    }
    let mut parser = Parser {
        lexer,
        current,
        at_start: true,
        ast: Ast {
            nodes: Vec::with_capacity(source.len() / 4 + 1),
            variables: Vec::new(),
        },
        depth: 0,
        after_number: false,
        variables: FxHashMap::default(),
    };
    parser.sum()?;
    let next = parser.peek();
    match next.token {
        Token::End => Ok(parser.ast),
        Token::RParen => Err(ParseError::new(next.span, ParseErrorKind::UnmatchedClose)),
        _ => Err(ParseError::new(
            next.span,
            ParseErrorKind::Trailing {
                found: next.token.describe(),
            },
        )),
    }
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    /// The next token, not yet consumed.
    current: Spanned<'a>,
    /// Nothing has been consumed yet.
    at_start: bool,
    ast: Ast,
    depth: usize,
    /// Whether the token just consumed was a number, which allows implicit multiplication.
    after_number: bool,
    /// Each variable's index in `ast.variables`.
    variables: FxHashMap<&'a str, VarId>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Spanned<'a> {
        self.current
    }

    /// Consumes the current token and returns it.
    fn bump(&mut self) -> Result<Spanned<'a>, ParseError> {
        let token = self.current;
        self.after_number = matches!(token.token, Token::Number(_));
        self.at_start = false;
        self.current = self.lexer.next_token()?;
        Ok(token)
    }

    /// The index of the variable `name`, added on first sight.
    fn variable(&mut self, name: &'a str) -> VarId {
        let next = VarId(self.ast.variables.len() as u32);
        let id = *self.variables.entry(name).or_insert(next);
        if id == next {
            self.ast.variables.push(name.to_string());
        }
        id
    }

    fn push(&mut self, kind: AstKind, span: Span, first: AstId) -> AstId {
        let id = AstId(self.ast.nodes.len() as u32);
        self.ast.nodes.push(AstNode { kind, span, first });
        id
    }

    fn push_leaf(&mut self, kind: AstKind, span: Span) -> AstId {
        let first = AstId(self.ast.nodes.len() as u32);
        self.push(kind, span, first)
    }

    fn push_apply(&mut self, op: Op, args: &[AstId]) -> AstId {
        let first = self.ast.node(args[0]).first;
        let span = args
            .iter()
            .map(|&a| self.ast.node(a).span)
            .reduce(Span::to)
            .unwrap_or_default();
        let pair = [args[0], *args.get(1).unwrap_or(&args[0])];
        self.push(AstKind::Apply { op, args: pair }, span, first)
    }

    /// Drops the subtree rooted at `id`, which must be the last one parsed, and returns its value.
    fn fold_constant(&mut self, id: AstId) -> Option<f64> {
        let value = self.ast.constant_value(id)?;
        let first = self.ast.node(id).first.index();
        self.ast.nodes.truncate(first);
        Some(value)
    }

    fn sum(&mut self) -> Result<AstId, ParseError> {
        let mut lhs = self.product()?;
        loop {
            let op = match self.peek().token {
                Token::Plus => Op::Add,
                Token::Minus => Op::Sub,
                _ => return Ok(lhs),
            };
            self.bump()?;
            let rhs = self.product()?;
            lhs = self.push_apply(op, &[lhs, rhs]);
        }
    }

    fn product(&mut self) -> Result<AstId, ParseError> {
        let mut lhs = self.unary()?;
        loop {
            let rhs = match self.peek().token {
                Token::Star | Token::Slash => {
                    let op = if self.bump()?.token == Token::Star {
                        Op::Mul
                    } else {
                        Op::Div
                    };
                    let rhs = self.unary()?;
                    (op, rhs)
                }
                Token::Ident(_) | Token::LParen if self.after_number => (Op::Mul, self.power()?),
                _ => return Ok(lhs),
            };
            lhs = self.push_apply(rhs.0, &[lhs, rhs.1]);
        }
    }

    fn unary(&mut self) -> Result<AstId, ParseError> {
        self.depth += 1;
        // The whole expression is level 1; each parenthesis, call, sign or power nests one more.
        if self.depth > MAX_DEPTH + 1 {
            return Err(ParseError::new(
                self.peek().span,
                ParseErrorKind::TooDeep { limit: MAX_DEPTH },
            ));
        }
        let result = match self.peek().token {
            Token::Minus => {
                let minus = self.bump()?.span;
                let operand = self.unary()?;
                let node = &mut self.ast.nodes[operand.index()];
                if let AstKind::Number(v) = node.kind {
                    node.kind = AstKind::Number(-v);
                    node.span = minus.to(node.span);
                    Ok(operand)
                } else {
                    let id = self.push_apply(Op::Neg, &[operand]);
                    self.ast.nodes[id.index()].span = minus.to(self.ast.nodes[id.index()].span);
                    Ok(id)
                }
            }
            Token::Plus => {
                self.bump()?;
                self.unary()
            }
            _ => self.power(),
        };
        self.depth -= 1;
        result
    }

    fn power(&mut self) -> Result<AstId, ParseError> {
        let base = self.primary()?;
        if self.peek().token != Token::Caret {
            return Ok(base);
        }
        self.bump()?;
        let exponent = self.unary()?;
        let exponent_span = self.ast.node(exponent).span;
        let id = match self.fold_constant(exponent) {
            Some(p) => self.push_apply(Op::PowConst(p), &[base]),
            None => self.push_apply(Op::Pow, &[base, exponent]),
        };
        let node = &mut self.ast.nodes[id.index()];
        node.span = node.span.to(exponent_span);
        Ok(id)
    }

    fn primary(&mut self) -> Result<AstId, ParseError> {
        let Spanned { token, span } = self.peek();
        match token {
            Token::Number(v) => {
                self.bump()?;
                Ok(self.push_leaf(AstKind::Number(v), span))
            }
            Token::Ident(name) => {
                self.bump()?;
                if self.peek().token == Token::LParen {
                    return self.call(name, span);
                }
                // Every function name is at least two bytes long (σ is two in UTF-8), so the
                // common one-letter variables skip the look-up.
                if name.len() > 1 && Function::lookup(name).is_some() {
                    return Err(ParseError::new(
                        span,
                        ParseErrorKind::MissingParentheses { name: name.into() },
                    ));
                }
                let kind = match name {
                    "pi" => AstKind::Constant(Constant::Pi),
                    "e" => AstKind::Constant(Constant::E),
                    _ => AstKind::Var(self.variable(name)),
                };
                // A name ends a number's reach: `2x y` must not read as 2·x·y.
                self.after_number = false;
                Ok(self.push_leaf(kind, span))
            }
            Token::LParen => {
                self.bump()?;
                let inner = self.sum()?;
                let close = self.expect_close(span)?;
                self.ast.nodes[inner.index()].span = span.to(close);
                Ok(inner)
            }
            Token::RParen if self.at_start => {
                Err(ParseError::new(span, ParseErrorKind::UnmatchedClose))
            }
            other => Err(ParseError::new(
                span,
                ParseErrorKind::ExpectedOperand {
                    found: other.describe(),
                },
            )),
        }
    }

    fn expect_close(&mut self, open: Span) -> Result<Span, ParseError> {
        let next = self.peek();
        if next.token == Token::RParen {
            self.bump()?;
            Ok(next.span)
        } else {
            Err(ParseError::new(
                next.span,
                ParseErrorKind::Unclosed {
                    open,
                    found: next.token.describe(),
                },
            ))
        }
    }

    fn call(&mut self, name: &str, name_span: Span) -> Result<AstId, ParseError> {
        let Some(function) = Function::lookup(name) else {
            let kind = if name == "pi" || name == "e" {
                ParseErrorKind::NotAFunction { name: name.into() }
            } else {
                ParseErrorKind::UnknownFunction {
                    name: name.into(),
                    suggestion: Function::suggest(name),
                }
            };
            return Err(ParseError::new(name_span, kind));
        };
        let open = self.bump()?.span;
        let mut args = vec![self.sum()?];
        while self.peek().token == Token::Comma {
            self.bump()?;
            args.push(self.sum()?);
        }
        let close = self.expect_close(open)?;
        let call_span = name_span.to(close);
        let max_args = match function.shape {
            Shape::Unary(_) => 1,
            Shape::Parameterised { .. } => 2,
        };
        if args.len() > max_args {
            let expected = if max_args == 1 {
                "1 argument"
            } else {
                "1 or 2 arguments"
            };
            return Err(ParseError::new(
                call_span,
                ParseErrorKind::Arity {
                    function: function.name,
                    expected,
                    found: args.len(),
                },
            ));
        }
        let op = match function.shape {
            Shape::Unary(op) => op,
            Shape::Parameterised {
                parameter,
                default,
                make,
            } => {
                let value = match args.get(1) {
                    None => default,
                    Some(&a) => {
                        let span = self.ast.node(a).span;
                        let value = self.fold_constant(a).ok_or(ParseError::new(
                            span,
                            ParseErrorKind::NotConstant {
                                function: function.name,
                                parameter,
                            },
                        ))?;
                        args.truncate(1);
                        value
                    }
                };
                make(value)
            }
        };
        // Calls are atoms: `2sin(x)` may be followed by nothing implicit.
        self.after_number = false;
        let id = self.push_apply(op, &args);
        self.ast.nodes[id.index()].span = call_span;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::print::to_source;

    fn reads_as(source: &str, expected: &str) {
        let ast = parse(source).unwrap_or_else(|e| panic!("{}", e.render(source)));
        assert_eq!(to_source(&ast), expected, "{source}");
    }

    fn fails(source: &str) -> String {
        parse(source).unwrap_err().message(source)
    }

    #[test]
    fn precedence_and_associativity() {
        reads_as("-x^2", "-x^2");
        reads_as("2^3^2", "2^9");
        reads_as("a - b - c", "a - b - c");
        reads_as("a - (b - c)", "a - (b - c)");
        reads_as("a / b * c", "a / b * c");
        reads_as("(-x)^2", "(-x)^2");
        reads_as("x ** 2 * y", "x^2 * y");
        reads_as("-2", "-2");
        reads_as("x^-1", "x^(-1)");
        reads_as("+x", "x");
    }

    #[test]
    fn constant_exponents_are_folded_into_the_power() {
        let ast = parse("x^(1/2)").unwrap();
        assert_eq!(ast.nodes.len(), 2);
        assert!(
            matches!(ast.nodes[1].kind, AstKind::Apply { op: Op::PowConst(p), .. } if p == 0.5)
        );
        reads_as("x^y", "x^y");
    }

    #[test]
    fn implicit_multiplication_after_a_number() {
        reads_as("2x", "2 * x");
        reads_as("3(x+1)", "3 * (x + 1)");
        reads_as("2pi", "2 * pi");
        reads_as("2x^2", "2 * x^2");
        reads_as("2sin(x)", "2 * sin(x)");
        assert!(fails("2x y").contains("before 'y'"));
        assert!(fails("x y").contains("before 'y'"));
    }

    #[test]
    fn functions_and_their_parameters() {
        reads_as("ln(x) + σ(x) + √(x)", "log(x) + sigmoid(x) + sqrt(x)");
        reads_as("leaky_relu(x)", "leaky_relu(x, 0.1)");
        reads_as("elu(x, 0.5*2)", "elu(x, 1)");
        assert!(fails("elu(x, y)").contains("parameter a of elu must be a number"));
        assert!(fails("sqrt(x, 2)").contains("sqrt takes 1 argument but was given 2"));
    }

    #[test]
    fn errors_say_what_and_where() {
        assert_eq!(
            fails("sqrt(x^2 + 1"),
            "error at column 13: expected ')' to close '(' at column 5, found the end of the input"
        );
        assert_eq!(
            fails("ecp(x)"),
            "error at column 1: unknown function 'ecp'; did you mean 'exp'?"
        );
        assert!(fails("").contains("empty"));
        assert!(fails("   ").contains("empty"));
        assert!(fails("+").contains("found the end of the input"));
        assert!(fails("*").contains("found '*'"));
        assert_eq!(
            fails("x + 1)"),
            "error at column 6: ')' has no matching '('"
        );
        assert!(fails(")").contains("no matching"));
        assert!(fails("pi(2)").contains("constant, not a function"));
        assert!(fails("sin x").contains("write sin(...)"));
        assert!(fails("x +* y").starts_with("error at column 4"));
        assert!(fails("1e999").contains("too large"));
        assert!(fails("1 + .").contains("'.' is not a number"));
    }

    #[test]
    fn depth_and_length_are_limited_not_crashed_on() {
        let deep = format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(fails(&deep).contains("nested more than"));
        let minus = format!("{}x", "-".repeat(100_000));
        assert!(fails(&minus).contains("nested more than"));
        let towers = format!("x{}", "^x".repeat(100_000));
        assert!(fails(&towers).contains("nested more than"));
        let long = "x+".repeat(MAX_LEN);
        assert!(fails(&long).contains("longer than"));
    }

    #[test]
    fn the_depth_limit_is_exact() {
        // Unoptimised test builds use far larger stack frames than the release builds (the app's
        // WebAssembly runs with a 1 MiB stack): give this thread room for them.
        std::thread::Builder::new()
            .stack_size(32 << 20)
            .spawn(|| {
                let nested = |n: usize| format!("{}x{}", "sin(".repeat(n), ")".repeat(n));
                assert!(
                    parse(&nested(MAX_DEPTH)).is_ok(),
                    "{MAX_DEPTH} nested calls"
                );
                let message = fails(&nested(MAX_DEPTH + 1));
                assert!(
                    message.contains(&format!("nested more than {MAX_DEPTH} levels")),
                    "{message}"
                );
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn long_flat_sums_are_fine() {
        let sum = format!("x{}", " + x".repeat(200_000));
        assert_eq!(parse(&sum).unwrap().nodes.len(), 400_001);
    }
}
