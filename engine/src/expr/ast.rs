//! The syntax tree, kept as an arena in post-order: every node's arguments come before it, and
//! every subtree occupies one contiguous run ending at its root. So the tree can be walked with
//! plain loops (no recursion, no deep `Drop`), whatever its depth.

use super::span::Span;
use crate::ops::Op;

/// The index of a node in an [`Ast`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AstId(pub u32);

impl AstId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The index of a variable in [`Ast::variables`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VarId(pub u32);

/// A named mathematical constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constant {
    /// π
    Pi,
    /// Euler's number e
    E,
}

impl Constant {
    /// Its value.
    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }

    /// How it is written in the source language.
    pub fn source(self) -> &'static str {
        match self {
            Constant::Pi => "pi",
            Constant::E => "e",
        }
    }

    /// How it is written in mathematics.
    pub fn symbol(self) -> &'static str {
        match self {
            Constant::Pi => "π",
            Constant::E => "e",
        }
    }
}

/// What a syntax node is.
#[derive(Clone, Debug, PartialEq)]
pub enum AstKind {
    /// A numeric literal (a leading minus folded in).
    Number(f64),
    /// `pi` or `e`.
    Constant(Constant),
    /// A variable, by its index in [`Ast::variables`].
    Var(VarId),
    /// An operation on one or two earlier nodes (`args[..op.arity()]` are used).
    Apply {
        /// The operation.
        op: Op,
        /// Its arguments.
        args: [AstId; 2],
    },
}

/// One node of the syntax tree.
#[derive(Clone, Debug, PartialEq)]
pub struct AstNode {
    /// What it is.
    pub kind: AstKind,
    /// The source text it was parsed from.
    pub span: Span,
    /// The first node of its subtree: the subtree is `first..=` this node.
    pub first: AstId,
}

impl AstNode {
    /// The argument nodes, in order.
    pub fn args(&self) -> &[AstId] {
        match &self.kind {
            AstKind::Apply { op, args } => &args[..op.arity()],
            _ => &[],
        }
    }
}

/// A parsed expression: nodes in post-order, the root last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ast {
    /// The nodes; never empty after a successful parse.
    pub nodes: Vec<AstNode>,
    /// The variables' names, each once, in order of first appearance.
    pub variables: Vec<String>,
}

impl Ast {
    /// The root node (the last one).
    pub fn root(&self) -> AstId {
        AstId(self.nodes.len().saturating_sub(1) as u32)
    }

    /// The node `id`.
    pub fn node(&self, id: AstId) -> &AstNode {
        &self.nodes[id.index()]
    }

    /// The value of the subtree at `id` if it contains no variable.
    pub fn constant_value(&self, id: AstId) -> Option<f64> {
        let node = self.node(id);
        match node.kind {
            AstKind::Number(v) => return Some(v),
            AstKind::Var(_) => return None,
            _ => {}
        }
        let first = node.first.index();
        let mut values = Vec::with_capacity(id.index() + 1 - first);
        for node in &self.nodes[first..=id.index()] {
            let value = match &node.kind {
                AstKind::Number(v) => *v,
                AstKind::Constant(c) => c.value(),
                AstKind::Var(_) => return None,
                AstKind::Apply { op, .. } => {
                    let args: Vec<f64> = node
                        .args()
                        .iter()
                        .map(|a| values[a.index() - first])
                        .collect();
                    op.eval(&args)
                }
            };
            values.push(value);
        }
        values.last().copied()
    }
}
