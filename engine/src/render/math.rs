//! A small tree for written mathematics: how a formula looks, not how it computes. Every
//! renderer (text, LaTeX, MathML) reads the same tree, so they cannot disagree.

/// A comparison inside an indicator, as in 𝟙(u ≥ 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// `≥`
    AtLeast,
    /// `<`
    Below,
}

/// Written mathematics.
#[derive(Clone, Debug, PartialEq)]
pub enum Math {
    /// A name: a node (`c`), a variable (`x`, `w_1`) or a named constant (`π`).
    Name(String),
    /// A computed number, typeset with the renderer's precision.
    Num(f64),
    /// An exact ratio written as a fraction when the denominator is not 1: `½`, `2`.
    Ratio(i64, i64),
    /// `-u`
    Neg(Box<Math>),
    /// `u + v + ...` (a negative term is written `+ -0.8`, as the lecture does).
    Add(Vec<Math>),
    /// `u - v`
    Sub(Box<Math>, Box<Math>),
    /// Implicit or `·` product: `2x`, `½·c^(-½)`, `σ(a)·σ(-a)`.
    Mul(Vec<Math>),
    /// Explicit product `u × v`, used for the numeric chain-rule terms (`1 × -sin(c)`).
    Times(Vec<Math>),
    /// `u / v`
    Div(Box<Math>, Box<Math>),
    /// `u^v`
    Pow(Box<Math>, Box<Math>),
    /// A named function applied to arguments: `exp(a)`, `σ(a)`.
    Call(&'static str, Vec<Math>),
    /// `|u|`
    Abs(Box<Math>),
    /// The indicator 𝟙(u ≥ 0) or 𝟙(u < 0).
    Indicator(Box<Math>, Cmp),
    /// The partial derivative ∂num/∂den.
    Partial(String, String),
    /// A chain of equal things: `a = x² = 4`.
    Eq(Vec<Math>),
    /// An update: the first link `←`, the rest `=`: `w ← w - η·∂f/∂w = 0.5 - 0.1 × 0.83 = 0.417`.
    Gets(Vec<Math>),
}

impl Math {
    /// A name.
    pub fn name(s: impl Into<String>) -> Math {
        Math::Name(s.into())
    }

    /// An integer.
    pub fn int(n: i64) -> Math {
        Math::Ratio(n, 1)
    }

    /// A number, as an exact small fraction when it is one (½, -3/2), otherwise as a decimal.
    pub fn number(v: f64) -> Math {
        for den in [1, 2, 3, 4] {
            let num = v * den as f64;
            if num.is_finite() && num.abs() < 1e6 && num == num.round() {
                return Math::Ratio(num as i64, den);
            }
        }
        Math::Num(v)
    }

    /// `self^exp`
    pub fn pow(self, exp: Math) -> Math {
        Math::Pow(Box::new(self), Box::new(exp))
    }

    /// A function applied to one argument.
    pub fn call(f: &'static str, arg: Math) -> Math {
        Math::Call(f, vec![arg])
    }
}

impl std::ops::Neg for Math {
    type Output = Math;

    /// `-self`, folding the sign into a number.
    fn neg(self) -> Math {
        match self {
            Math::Ratio(n, d) => Math::Ratio(-n, d),
            Math::Num(v) => Math::Num(-v),
            other => Math::Neg(Box::new(other)),
        }
    }
}

/// Binding strength, for deciding where parentheses go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Prec {
    /// `=`
    Eq,
    /// `+`, `-`
    Sum,
    /// `·`, `×`, `/`, unary minus
    Product,
    /// `^`
    Power,
    /// Names, numbers, calls, anything bracketed.
    Atom,
}

impl Math {
    /// How tightly this expression binds.
    pub fn prec(&self) -> Prec {
        match self {
            Math::Eq(_) | Math::Gets(_) => Prec::Eq,
            Math::Add(_) | Math::Sub(..) => Prec::Sum,
            Math::Neg(_) | Math::Mul(_) | Math::Times(_) | Math::Div(..) => Prec::Product,
            Math::Ratio(_, d) if *d != 1 => Prec::Product,
            Math::Ratio(n, _) if *n < 0 => Prec::Product,
            Math::Num(v) if *v < 0.0 => Prec::Product,
            Math::Pow(..) => Prec::Power,
            _ => Prec::Atom,
        }
    }
}
