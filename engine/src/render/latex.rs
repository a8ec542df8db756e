//! LaTeX, in the lecture's own spelling: `\frac{\partial f}{\partial c}`, `\frac{1}{2}c^{-\frac{1}{2}}`.

use super::math::Cmp;
use super::notation::{is_numeric, name_parts, Notation, Operator, Piece};
use super::number::Written;

/// LaTeX notation with a given precision.
#[derive(Clone, Copy, Debug)]
pub struct Latex {
    /// Significant digits for computed numbers.
    pub digits: usize,
}

/// A name in LaTeX: Greek letters as commands, multi-letter names upright.
fn symbol(name: &str) -> String {
    match name {
        "π" => r"\pi".into(),
        "σ" => r"\sigma".into(),
        "ℓ" => r"\ell".into(),
        "ŷ" => r"\hat{y}".into(),
        "η" => r"\eta".into(),
        "β" => r"\beta".into(),
        "ε" => r"\epsilon".into(),
        "m̂" => r"\hat{m}".into(),
        "v̂" => r"\hat{v}".into(),
        _ if name.chars().count() > 1 && !is_numeric(name) => {
            format!(r"\mathit{{{}}}", escape(name))
        }
        _ => escape(name),
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', r"\backslash ")
        .replace('_', r"\_")
        .replace(['{', '}'], "")
}

impl Notation for Latex {
    fn digits(&self) -> usize {
        self.digits
    }

    fn name(&self, name: &str) -> String {
        let parts = name_parts(name);
        let mut out = symbol(parts.base);
        if !parts.sup.is_empty() {
            out.push_str(&format!("^{{{}}}", escape(parts.sup)));
        }
        if !parts.sub.is_empty() {
            out.push_str(&format!("_{{{}}}", escape(parts.sub)));
        }
        out
    }

    fn number(&self, written: Written) -> String {
        match written {
            Written::Plain(s) => s,
            Written::Scientific(m, e) => format!(r"{m} \times 10^{{{e}}}"),
            Written::NaN => r"\mathrm{NaN}".into(),
            Written::Infinite(true) => r"-\infty".into(),
            Written::Infinite(false) => r"\infty".into(),
        }
    }

    fn fraction(&self, n: i64, d: i64) -> String {
        let sign = if n < 0 { "-" } else { "" };
        format!(r"{sign}\frac{{{}}}{{{d}}}", n.abs())
    }

    fn paren(&self, inner: String) -> String {
        format!(r"\left({inner}\right)")
    }

    fn operator(&self, op: Operator) -> String {
        match op {
            Operator::Plus => " + ",
            Operator::Minus => " - ",
            Operator::Negate => "-",
            Operator::NumberDot => r" \cdot ",
            Operator::Dot | Operator::Juxtapose => "",
            Operator::Times => r" \times ",
            Operator::Equals => " = ",
            Operator::Gets => r" \leftarrow ",
            Operator::Comma => ", ",
        }
        .into()
    }

    fn divide(&self, num: Piece, den: Piece) -> String {
        format!(r"\frac{{{}}}{{{}}}", num.0, den.0)
    }

    fn power(&self, base: String, exponent: Piece) -> String {
        format!("{base}^{{{}}}", exponent.0)
    }

    fn call(&self, function: &str, args: Vec<String>, power: Option<String>) -> String {
        let name = match function {
            "exp" | "log" | "sin" | "cos" | "tan" | "tanh" => format!(r"\{function}"),
            "σ" => r"\sigma".into(),
            other => format!(r"\operatorname{{{}}}", escape(other)),
        };
        let power = power.map(|p| format!("^{{{p}}}")).unwrap_or_default();
        format!(r"{name}{power}\left({}\right)", args.join(", "))
    }

    fn sqrt(&self, arg: Piece) -> String {
        format!(r"\sqrt{{{}}}", arg.0)
    }

    fn abs(&self, inner: String) -> String {
        format!(r"\left|{inner}\right|")
    }

    fn indicator(&self, inner: String, cmp: Cmp) -> String {
        let cmp = match cmp {
            Cmp::AtLeast => r"\geq",
            Cmp::Below => "<",
        };
        format!(r"\mathbb{{1}}({inner} {cmp} 0)")
    }

    fn partial(&self, num: String, den: String) -> String {
        format!(r"\frac{{\partial {num}}}{{\partial {den}}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::math::Math;
    use crate::render::notation::render;

    #[test]
    fn the_lectures_spelling() {
        let latex = |m: &Math| render(&Latex { digits: 5 }, m);
        let c = Math::name("c");
        assert_eq!(
            latex(&Math::Mul(vec![
                Math::Ratio(1, 2),
                c.clone().pow(Math::Ratio(-1, 2))
            ])),
            r"\frac{1}{2}c^{-\frac{1}{2}}"
        );
        assert_eq!(
            latex(&Math::Partial("f".into(), "c".into())),
            r"\frac{\partial f}{\partial c}"
        );
        assert_eq!(latex(&Math::name("w_0")), "w_{0}");
        assert_eq!(latex(&Math::Num(1.5e-7)), r"1.5 \times 10^{-7}");
        assert_eq!(
            latex(&Math::Indicator(Box::new(Math::name("a")), Cmp::AtLeast)),
            r"\mathbb{1}(a \geq 0)"
        );
    }
}
