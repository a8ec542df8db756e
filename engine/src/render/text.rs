//! Plain Unicode text: `∂f/∂c = ∂f/∂e·∂e/∂c + ∂f/∂d·∂d/∂c = 1 × -sin(c) + 1 × ½·c^(-½) = -0.82228`.

use super::math::{Cmp, Prec};
use super::notation::{name_parts, Notation, Operator, Piece};
use super::number::Written;

/// `text` begun with a capital, for a message that continues a sentence elsewhere: only a Latin
/// letter is capitalised, so one that opens with a symbol (ŷ, φ, ∂) keeps it as formulas write it.
pub fn sentence(text: &str) -> String {
    let mut sentence = text.to_string();
    if let Some(first) = sentence.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    sentence
}

/// Plain-text notation with a given precision.
#[derive(Clone, Copy, Debug)]
pub struct Text {
    /// Significant digits for computed numbers.
    pub digits: usize,
}

const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const SUBSCRIPT: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

/// `n` in superscript digits (`-2` -> `⁻²`).
fn superscript(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let digits = digits
        .chars()
        .map(|c| SUPERSCRIPT[c as usize - '0' as usize]);
    (if n < 0 { Some('⁻') } else { None })
        .into_iter()
        .chain(digits)
        .collect()
}

/// A node's name as text: `w^{1}_{0,2}` as `w¹₀,₂`, `x_1` as `x₁`, anything else unchanged.
pub fn display_name(name: &str) -> String {
    Text { digits: 0 }.name(name)
}

/// How many characters of what a user gave a message quotes.
pub const QUOTED: usize = 40;

/// At most `chars` characters of `text` (with … where it was cut), for quoting what a user gave
/// in a message without repeating all of it: a refused 50 MB file is not read back to them.
pub fn excerpt(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

impl Notation for Text {
    fn digits(&self) -> usize {
        self.digits
    }

    fn name(&self, name: &str) -> String {
        let parts = name_parts(name);
        let script = |s: &str, digits: &[char; 10], brackets: [char; 2]| -> Option<String> {
            s.chars()
                .map(|c| match c {
                    '0'..='9' => Some(digits[c as usize - '0' as usize]),
                    ',' => Some(','),
                    // A sample's index, as in x⁽²⁾.
                    '(' | ')' => Some(brackets[usize::from(c == ')')]),
                    _ => None,
                })
                .collect()
        };
        match (
            script(parts.sup, &SUPERSCRIPT, ['⁽', '⁾']),
            script(parts.sub, &SUBSCRIPT, ['₍', '₎']),
        ) {
            (Some(sup), Some(sub)) => format!("{}{sup}{sub}", parts.base),
            _ => name.to_string(),
        }
    }

    fn number(&self, written: Written) -> String {
        match written {
            Written::Plain(s) => s,
            Written::Scientific(m, e) => format!("{m}e{e}"),
            Written::NaN => "NaN".into(),
            Written::Infinite(true) => "-∞".into(),
            Written::Infinite(false) => "∞".into(),
        }
    }

    fn fraction(&self, n: i64, d: i64) -> String {
        let glyph = match (n.abs(), d) {
            (1, 2) => Some("½"),
            (1, 3) => Some("⅓"),
            (2, 3) => Some("⅔"),
            (1, 4) => Some("¼"),
            (3, 4) => Some("¾"),
            _ => None,
        };
        let sign = if n < 0 { "-" } else { "" };
        match glyph {
            Some(g) => format!("{sign}{g}"),
            None => format!("{n}/{d}"),
        }
    }

    fn paren(&self, inner: String) -> String {
        format!("({inner})")
    }

    fn operator(&self, op: Operator) -> String {
        match op {
            Operator::Plus => " + ",
            Operator::Minus => " - ",
            Operator::Negate => "-",
            Operator::Dot | Operator::NumberDot => "·",
            Operator::Juxtapose => "",
            Operator::Times => " × ",
            Operator::Equals => " = ",
            Operator::Gets => " ← ",
            Operator::Comma => ", ",
        }
        .into()
    }

    fn divide(&self, num: Piece, den: Piece) -> String {
        let num = if num.1 < Prec::Product {
            self.paren(num.0)
        } else {
            num.0
        };
        let den = if den.1 <= Prec::Product {
            self.paren(den.0)
        } else {
            den.0
        };
        format!("{num}/{den}")
    }

    fn power(&self, base: String, exponent: Piece) -> String {
        match exponent.0.parse::<i64>() {
            Ok(n) if exponent.0 == n.to_string() => format!("{base}{}", superscript(n)),
            _ if exponent.1 == Prec::Atom => format!("{base}^{}", exponent.0),
            _ => format!("{base}^({})", exponent.0),
        }
    }

    fn call(&self, function: &str, args: Vec<String>, power: Option<String>) -> String {
        let power = match power {
            Some(p) => match p.parse::<i64>() {
                Ok(n) => superscript(n),
                Err(_) => format!("^{p}"),
            },
            None => String::new(),
        };
        format!("{function}{power}({})", args.join(", "))
    }

    fn sqrt(&self, arg: Piece) -> String {
        if arg.1 == Prec::Atom {
            format!("√{}", arg.0)
        } else {
            format!("√({})", arg.0)
        }
    }

    fn abs(&self, inner: String) -> String {
        format!("|{inner}|")
    }

    fn indicator(&self, inner: String, cmp: Cmp) -> String {
        match cmp {
            Cmp::AtLeast => format!("𝟙({inner} ≥ 0)"),
            Cmp::Below => format!("𝟙({inner} < 0)"),
        }
    }

    fn partial(&self, num: String, den: String) -> String {
        format!("∂{num}/∂{den}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_capitalises_a_latin_letter_only() {
        assert_eq!(sentence("the loss"), "The loss");
        assert_eq!(sentence("ŷ is 0.5"), "ŷ is 0.5");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn an_excerpt_is_short_and_says_it_was_cut() {
        assert_eq!(excerpt("abc", 5), "abc");
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(excerpt("∂∂∂∂", 2), "∂∂…");
        assert_eq!(excerpt(&"x".repeat(50_000_000), 40).chars().count(), 41);
    }
    use crate::render::math::Math;
    use crate::render::notation::render;

    fn text(m: &Math) -> String {
        render(&Text { digits: 5 }, m)
    }

    #[test]
    fn the_lectures_local_derivatives() {
        let c = Math::name("c");
        assert_eq!(
            text(&Math::Mul(vec![
                Math::Ratio(1, 2),
                c.clone().pow(Math::Ratio(-1, 2))
            ])),
            "½·c^(-½)"
        );
        assert_eq!(text(&-Math::call("sin", c.clone())), "-sin(c)");
        assert_eq!(text(&Math::Mul(vec![Math::int(2), Math::name("x")])), "2x");
        assert_eq!(
            text(&Math::Mul(vec![
                Math::int(3),
                Math::name("x").pow(Math::int(2))
            ])),
            "3x²"
        );
        assert_eq!(
            text(&Math::Sub(
                Box::new(Math::int(1)),
                Box::new(Math::call("tanh", c).pow(Math::int(2)))
            )),
            "1 - tanh²(c)"
        );
    }

    #[test]
    fn names_take_subscripts() {
        assert_eq!(text(&Math::name("w_1")), "w₁");
        assert_eq!(text(&Math::name("x12")), "x₁₂");
        assert_eq!(text(&Math::name("w_ab")), "w_ab");
        assert_eq!(text(&Math::name("π")), "π");
    }

    #[test]
    fn products_and_quotients_get_the_parentheses_they_need() {
        let sum = Math::Add(vec![Math::name("a"), Math::name("b")]);
        assert_eq!(
            text(&Math::Mul(vec![sum.clone(), Math::name("c")])),
            "(a + b)·c"
        );
        assert_eq!(
            text(&Math::Div(
                Box::new(sum.clone()),
                Box::new(Math::name("c").pow(Math::int(2)))
            )),
            "(a + b)/c²"
        );
        assert_eq!(
            text(&Math::Times(vec![Math::Num(-0.822), sum])),
            "-0.822 × (a + b)"
        );
        assert_eq!(
            text(&Math::Add(vec![Math::Num(1.0), Math::Num(-0.5)])),
            "1 + -0.5"
        );
    }
}
