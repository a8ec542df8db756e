//! MathML Core, which browsers typeset natively (no script, no CDN) and screen readers read.

use super::math::Cmp;
use super::notation::{is_numeric, name_parts, Notation, Operator, Piece};
use super::number::Written;

/// MathML notation with a given precision; each formula becomes one `<math>` element.
#[derive(Clone, Copy, Debug)]
pub struct MathMl {
    /// Significant digits for computed numbers.
    pub digits: usize,
}

/// Escapes text for an XML element's content.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn mo(s: &str) -> String {
    format!("<mo>{}</mo>", escape(s))
}

fn mn(s: &str) -> String {
    format!("<mn>{}</mn>", escape(s))
}

fn mrow(inner: String) -> String {
    format!("<mrow>{inner}</mrow>")
}

fn atom(name: &str) -> String {
    if is_numeric(name) {
        mn(name)
    } else {
        format!("<mi>{}</mi>", escape(name))
    }
}

impl Notation for MathMl {
    fn digits(&self) -> usize {
        self.digits
    }

    fn name(&self, name: &str) -> String {
        let parts = name_parts(name);
        let script = |s: &str| {
            if s.contains(',') {
                mrow(s.split(',').map(atom).collect::<Vec<_>>().join(&mo(",")))
            } else if let Some((layer, sample)) = s.split_once('(') {
                // A sample's index in brackets after the layer: a¹⁽²⁾.
                let sample = sample.trim_end_matches(')');
                let layer = if layer.is_empty() {
                    String::new()
                } else {
                    atom(layer)
                };
                mrow(format!("{layer}{}{}{}", mo("("), atom(sample), mo(")")))
            } else {
                atom(s)
            }
        };
        match (parts.sup.is_empty(), parts.sub.is_empty()) {
            (true, true) => atom(parts.base),
            (true, false) => format!("<msub>{}{}</msub>", atom(parts.base), script(parts.sub)),
            (false, true) => format!("<msup>{}{}</msup>", atom(parts.base), script(parts.sup)),
            (false, false) => format!(
                "<msubsup>{}{}{}</msubsup>",
                atom(parts.base),
                script(parts.sub),
                script(parts.sup)
            ),
        }
    }

    fn number(&self, written: Written) -> String {
        let signed = |s: &str| match s.strip_prefix('-') {
            Some(rest) => mrow(format!("{}{}", mo("-"), mn(rest))),
            None => mn(s),
        };
        match written {
            Written::Plain(s) => signed(&s),
            Written::Scientific(m, e) => mrow(format!(
                "{}{}<msup>{}{}</msup>",
                signed(&m),
                mo("×"),
                mn("10"),
                signed(&e.to_string())
            )),
            Written::NaN => "<mi>NaN</mi>".into(),
            Written::Infinite(true) => mrow(format!("{}{}", mo("-"), mi_inf())),
            Written::Infinite(false) => mi_inf(),
        }
    }

    fn fraction(&self, n: i64, d: i64) -> String {
        let frac = format!(
            "<mfrac>{}{}</mfrac>",
            mn(&n.abs().to_string()),
            mn(&d.to_string())
        );
        if n < 0 {
            mrow(format!("{}{frac}", mo("-")))
        } else {
            frac
        }
    }

    fn paren(&self, inner: String) -> String {
        mrow(format!("{}{inner}{}", mo("("), mo(")")))
    }

    fn row(&self, parts: Vec<String>) -> String {
        mrow(parts.concat())
    }

    fn operator(&self, op: Operator) -> String {
        match op {
            Operator::Plus => mo("+"),
            Operator::Minus | Operator::Negate => mo("-"),
            Operator::NumberDot => mo("·"),
            Operator::Dot | Operator::Juxtapose => mo("\u{2062}"),
            Operator::Times => mo("×"),
            Operator::Equals => mo("="),
            Operator::Gets => mo("←"),
            Operator::Comma => mo(","),
        }
    }

    fn divide(&self, num: Piece, den: Piece) -> String {
        format!("<mfrac>{}{}</mfrac>", num.0, den.0)
    }

    fn power(&self, base: String, exponent: Piece) -> String {
        format!("<msup>{base}{}</msup>", exponent.0)
    }

    fn call(&self, function: &str, args: Vec<String>, power: Option<String>) -> String {
        let name = format!("<mi>{}</mi>", escape(function));
        let name = match power {
            Some(p) => format!("<msup>{name}{p}</msup>"),
            None => name,
        };
        let args = args.join(&mo(","));
        mrow(format!(
            "{name}{}{}{args}{}",
            mo("\u{2061}"),
            mo("("),
            mo(")")
        ))
    }

    fn sqrt(&self, arg: Piece) -> String {
        format!("<msqrt>{}</msqrt>", arg.0)
    }

    fn abs(&self, inner: String) -> String {
        mrow(format!("{}{inner}{}", mo("|"), mo("|")))
    }

    fn indicator(&self, inner: String, cmp: Cmp) -> String {
        let cmp = match cmp {
            Cmp::AtLeast => "≥",
            Cmp::Below => "<",
        };
        mrow(format!(
            "<mi mathvariant=\"double-struck\">1</mi>{}{inner}{}{}{}",
            mo("("),
            mo(cmp),
            mn("0"),
            mo(")")
        ))
    }

    fn partial(&self, num: String, den: String) -> String {
        format!(
            "<mfrac>{}{}</mfrac>",
            mrow(format!("{}{num}", mo("∂"))),
            mrow(format!("{}{den}", mo("∂")))
        )
    }

    fn finish(&self, body: String) -> String {
        format!("<math display=\"block\">{body}</math>")
    }
}

fn mi_inf() -> String {
    "<mi>∞</mi>".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::math::Math;
    use crate::render::notation::render;

    #[test]
    fn partials_are_fractions_and_names_are_escaped() {
        let ml = |m: &Math| render(&MathMl { digits: 5 }, m);
        assert_eq!(
            ml(&Math::Partial("f".into(), "x_1".into())),
            "<math display=\"block\"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow>\
             <mrow><mo>∂</mo><msub><mi>x</mi><mn>1</mn></msub></mrow></mfrac></math>"
        );
        assert!(ml(&Math::name("<script>")).contains("&lt;script&gt;"));
        assert!(ml(&Math::Num(-0.5)).contains("<mo>-</mo><mn>0.5</mn>"));
    }
}
