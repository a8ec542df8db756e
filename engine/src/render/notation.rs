//! One walk over [`Math`] for every output format. The walk decides structure and parentheses;
//! a [`Notation`] only spells each construct, so text, LaTeX and MathML agree by construction.

use super::math::{Cmp, Math, Prec};
use super::number::{self, Written};

/// A rendered piece and how tightly it binds.
pub type Piece = (String, Prec);

/// How one output format spells each construct.
pub trait Notation {
    /// Significant digits for computed numbers.
    fn digits(&self) -> usize;
    /// A name: `x`, `w_1`, `π`, `2`.
    fn name(&self, name: &str) -> String;
    /// A computed number.
    fn number(&self, written: Written) -> String;
    /// An exact fraction n/d with d > 1 (sign included in n).
    fn fraction(&self, n: i64, d: i64) -> String;
    /// An integer.
    fn integer(&self, n: i64) -> String {
        self.number(Written::Plain(n.to_string()))
    }
    /// `(inner)`
    fn paren(&self, inner: String) -> String;
    /// A sequence of pieces written side by side.
    fn row(&self, parts: Vec<String>) -> String {
        parts.concat()
    }
    /// An operator symbol between or before operands, spaces included as the format wants.
    fn operator(&self, op: Operator) -> String;
    /// A quotient; the pieces carry their precedence for formats that need parentheses.
    fn divide(&self, num: Piece, den: Piece) -> String;
    /// A power; `base` already parenthesised when needed.
    fn power(&self, base: String, exponent: Piece) -> String;
    /// A function call, optionally raised to a power written after the name (tanh²(u)).
    fn call(&self, function: &str, args: Vec<String>, power: Option<String>) -> String;
    /// A square root.
    fn sqrt(&self, arg: Piece) -> String;
    /// |inner|
    fn abs(&self, inner: String) -> String;
    /// 𝟙(inner ≥ 0) or 𝟙(inner < 0).
    fn indicator(&self, inner: String, cmp: Cmp) -> String;
    /// ∂num/∂den
    fn partial(&self, num: String, den: String) -> String;
    /// The whole formula, as the format wraps it.
    fn finish(&self, body: String) -> String {
        body
    }
}

/// Operator symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    /// binary `+`
    Plus,
    /// binary `-`
    Minus,
    /// unary `-`
    Negate,
    /// implicit or `·` product between two factors (text writes `·`, typeset maths nothing)
    Dot,
    /// a visible product sign before a number, where writing nothing would merge the digits
    NumberDot,
    /// implicit product where nothing is written (2x)
    Juxtapose,
    /// explicit `×`
    Times,
    /// `=`
    Equals,
    /// `←`, an update
    Gets,
    /// `,` between function arguments
    Comma,
}

/// Renders `math` in `notation`.
pub fn render(notation: &impl Notation, math: &Math) -> String {
    notation.finish(walk(notation, math).0)
}

fn wrap(notation: &dyn Notation, piece: Piece, parens: bool) -> String {
    if parens {
        notation.paren(piece.0)
    } else {
        piece.0
    }
}

/// The walk takes the notation as `dyn`, so the program holds one copy of it, not one per format.
fn walk(n: &dyn Notation, math: &Math) -> Piece {
    let prec = math.prec();
    let child = |m: &Math| walk(n, m);
    let operand = |m: &Math, below: Prec| {
        let piece = walk(n, m);
        let parens = piece.1 < below;
        wrap(n, piece, parens)
    };
    let text = match math {
        Math::Name(name) => n.name(name),
        Math::Num(v) => n.number(number::write(*v, n.digits())),
        Math::Ratio(num, 1) => n.integer(*num),
        Math::Ratio(num, den) => n.fraction(*num, *den),
        Math::Neg(inner) => n.row(vec![
            n.operator(Operator::Negate),
            operand(inner, Prec::Product),
        ]),
        Math::Add(terms) => join(
            n,
            terms.iter().map(|t| operand(t, Prec::Sum)),
            Operator::Plus,
        ),
        Math::Sub(a, b) => {
            let right = child(b);
            let parens = right.1 <= Prec::Sum;
            n.row(vec![
                operand(a, Prec::Sum),
                n.operator(Operator::Minus),
                wrap(n, right, parens),
            ])
        }
        Math::Mul(factors) => {
            let mut parts = Vec::with_capacity(factors.len() * 2);
            for (i, f) in factors.iter().enumerate() {
                if i > 0 {
                    let juxtapose = matches!(factors[i - 1], Math::Ratio(k, 1) if k >= 0)
                        && matches!(
                            f,
                            Math::Name(_) | Math::Call(..) | Math::Pow(..) | Math::Indicator(..)
                        )
                        && !matches!(f, Math::Pow(b, _) if !matches!(**b, Math::Name(_)));
                    let op = if juxtapose {
                        Operator::Juxtapose
                    } else if matches!(f, Math::Ratio(..) | Math::Num(_)) {
                        Operator::NumberDot
                    } else {
                        Operator::Dot
                    };
                    parts.push(n.operator(op));
                }
                let piece = child(f);
                let parens = piece.1 < Prec::Product || (i > 0 && is_negative(f));
                parts.push(wrap(n, piece, parens));
            }
            n.row(parts)
        }
        Math::Times(factors) => join(
            n,
            factors.iter().map(|f| operand(f, Prec::Product)),
            Operator::Times,
        ),
        Math::Div(a, b) => n.divide(child(a), child(b)),
        Math::Pow(base, exponent) => {
            if let Math::Call(f, args) = &**base {
                let args = args.iter().map(|a| child(a).0).collect();
                n.call(f, args, Some(child(exponent).0))
            } else if let Math::Partial(..) = **base {
                // (∂f/∂w)², not ∂f/∂w² (the square of the whole derivative).
                n.power(wrap(n, child(base), true), child(exponent))
            } else {
                n.power(operand(base, Prec::Atom), child(exponent))
            }
        }
        Math::Call("sqrt", args) if args.len() == 1 => n.sqrt(child(&args[0])),
        Math::Call(f, args) => n.call(f, args.iter().map(|a| child(a).0).collect(), None),
        Math::Abs(inner) => n.abs(child(inner).0),
        Math::Indicator(inner, cmp) => n.indicator(child(inner).0, *cmp),
        Math::Partial(num, den) => n.partial(n.name(num), n.name(den)),
        Math::Eq(parts) => join(n, parts.iter().map(|p| child(p).0), Operator::Equals),
        Math::Gets(parts) => {
            let mut out = Vec::with_capacity(parts.len() * 2);
            for (i, part) in parts.iter().enumerate() {
                match i {
                    0 => {}
                    1 => out.push(n.operator(Operator::Gets)),
                    _ => out.push(n.operator(Operator::Equals)),
                }
                out.push(child(part).0);
            }
            n.row(out)
        }
    };
    (text, prec)
}

fn is_negative(m: &Math) -> bool {
    matches!(m, Math::Neg(_))
        || matches!(m, Math::Ratio(k, _) if *k < 0)
        || matches!(m, Math::Num(v) if *v < 0.0)
}

fn join(n: &dyn Notation, parts: impl Iterator<Item = String>, op: Operator) -> String {
    let mut out = Vec::new();
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push(n.operator(op));
        }
        out.push(part);
    }
    n.row(out)
}

/// A name's parts: `w^{1}_{0,1}` is w with superscript 1 and subscript 0,1; `w_1` and `w1` are w
/// with subscript 1; `x` is just x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameParts<'a> {
    /// The letter(s) written large.
    pub base: &'a str,
    /// Written above (empty for none).
    pub sup: &'a str,
    /// Written below (empty for none).
    pub sub: &'a str,
}

/// Strips one pair of braces: `{0,1}` -> `0,1`.
fn unbrace(s: &str) -> &str {
    s.strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(s)
}

/// Splits a name into its parts.
pub fn name_parts(name: &str) -> NameParts<'_> {
    let (head, sub) = match name.split_once('_') {
        Some((head, sub)) if !head.is_empty() && !sub.is_empty() => (head, unbrace(sub)),
        _ => (name, ""),
    };
    let (base, sup) = match head.split_once('^') {
        Some((base, sup)) if !base.is_empty() && !sup.is_empty() => (base, unbrace(sup)),
        _ => (head, ""),
    };
    if sup.is_empty() && sub.is_empty() && !is_numeric(name) {
        let letters = name.trim_end_matches(|c: char| c.is_ascii_digit());
        if !letters.is_empty() && letters.len() < name.len() {
            return NameParts {
                base: letters,
                sup: "",
                sub: &name[letters.len()..],
            };
        }
    }
    NameParts { base, sup, sub }
}

/// True for names that are numbers (constant leaves are named by their value).
pub fn is_numeric(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_base_superscript_and_subscript() {
        let parts = |n| {
            let p = name_parts(n);
            (p.base, p.sup, p.sub)
        };
        assert_eq!(parts("w^{1}_{0,1}"), ("w", "1", "0,1"));
        assert_eq!(parts("a^{2}_{3}"), ("a", "2", "3"));
        assert_eq!(parts("w_1"), ("w", "", "1"));
        assert_eq!(parts("x12"), ("x", "", "12"));
        assert_eq!(parts("ŷ"), ("ŷ", "", ""));
        assert_eq!(parts("2.5"), ("2.5", "", ""));
    }
}
