//! Syntax tree -> source text that parses back to the same tree, with only the parentheses that
//! are needed. Iterative, so that trees of any depth print.

use super::ast::{Ast, AstId, AstKind};
use crate::ops::{Function, Op, Shape};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Sum,
    Product,
    Unary,
    Power,
    Atom,
}

fn prec(ast: &Ast, id: AstId) -> Prec {
    match &ast.node(id).kind {
        AstKind::Number(v) if v.is_sign_negative() => Prec::Unary,
        AstKind::Number(_) | AstKind::Constant(_) | AstKind::Var(_) => Prec::Atom,
        AstKind::Apply { op, .. } => match op {
            Op::Add | Op::Sub => Prec::Sum,
            Op::Mul | Op::Div => Prec::Product,
            Op::Neg => Prec::Unary,
            Op::Pow | Op::PowConst(_) => Prec::Power,
            _ => Prec::Atom,
        },
    }
}

enum Piece {
    Node(AstId, bool),
    Text(&'static str),
    Owned(String),
}

/// The source text of a parsed expression: `sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))`.
pub fn to_source(ast: &Ast) -> String {
    let mut out = String::new();
    if ast.nodes.is_empty() {
        return out;
    }
    let mut stack = vec![Piece::Node(ast.root(), false)];
    while let Some(piece) = stack.pop() {
        let (id, parens) = match piece {
            Piece::Text(t) => {
                out.push_str(t);
                continue;
            }
            Piece::Owned(t) => {
                out.push_str(&t);
                continue;
            }
            Piece::Node(id, parens) => (id, parens),
        };
        let mut pieces = Vec::with_capacity(7);
        if parens {
            pieces.push(Piece::Text("("));
        }
        pieces_of(ast, id, &mut pieces);
        if parens {
            pieces.push(Piece::Text(")"));
        }
        stack.extend(pieces.into_iter().rev());
    }
    out
}

/// The pieces one node prints as, in order; its arguments as nodes still to print.
fn pieces_of(ast: &Ast, id: AstId, pieces: &mut Vec<Piece>) {
    let node = ast.node(id);
    let (op, args) = match &node.kind {
        AstKind::Number(v) => return pieces.push(Piece::Owned(v.to_string())),
        AstKind::Constant(c) => return pieces.push(Piece::Text(c.source())),
        AstKind::Var(v) => return pieces.push(Piece::Owned(ast.variables[v.0 as usize].clone())),
        AstKind::Apply { op, args } => (*op, *args),
    };
    let child = |i: usize, paren_below: Prec, strict: bool| {
        let p = prec(ast, args[i]);
        Piece::Node(
            args[i],
            if strict {
                p <= paren_below
            } else {
                p < paren_below
            },
        )
    };
    let binary = |symbol: &'static str, level: Prec| {
        [
            child(0, level, false),
            Piece::Text(symbol),
            child(1, level, true),
        ]
    };
    match op {
        Op::Add => pieces.extend(binary(" + ", Prec::Sum)),
        Op::Sub => pieces.extend(binary(" - ", Prec::Sum)),
        Op::Mul => pieces.extend(binary(" * ", Prec::Product)),
        Op::Div => pieces.extend(binary(" / ", Prec::Product)),
        Op::Neg => pieces.extend([Piece::Text("-"), child(0, Prec::Unary, false)]),
        Op::Pow => pieces.extend([
            child(0, Prec::Atom, false),
            Piece::Text("^"),
            child(1, Prec::Unary, false),
        ]),
        Op::PowConst(p) => {
            pieces.push(child(0, Prec::Atom, false));
            pieces.push(Piece::Owned(if p < 0.0 {
                format!("^({p})")
            } else {
                format!("^{p}")
            }));
        }
        _ => {
            let function = Function::lookup(op.name());
            pieces.extend([
                Piece::Text(op.name()),
                Piece::Text("("),
                Piece::Node(args[0], false),
            ]);
            if let (Some(a), Some(Shape::Parameterised { .. })) =
                (op.parameter(), function.map(|f| f.shape))
            {
                pieces.push(Piece::Owned(format!(", {a}")));
            }
            pieces.push(Piece::Text(")"));
        }
    }
}
