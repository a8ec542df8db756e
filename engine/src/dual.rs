//! Dual numbers for forward-mode differentiation, and the `Scalar` trait that lets one generic
//! evaluator in `ops` run on plain `f64` and on duals alike.
//!
//! The derivative rules here are written a second time, in forward form, on purpose: forward mode
//! is the independent check of the reverse-mode partials in `ops`.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// What an operation can be evaluated on.
pub trait Scalar:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// A constant (zero derivative).
    fn constant(v: f64) -> Self;
    /// The primal value.
    fn value(self) -> f64;
    /// eᵘ
    fn exp(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// √u
    fn sqrt(self) -> Self;
    /// sin u
    fn sin(self) -> Self;
    /// cos u
    fn cos(self) -> Self;
    /// tan u
    fn tan(self) -> Self;
    /// tanh u
    fn tanh(self) -> Self;
    /// |u|
    fn abs(self) -> Self;
    /// u^p for a constant p.
    fn powf(self, p: f64) -> Self;
    /// u^v
    fn pow(self, v: Self) -> Self;
    /// 1 / (1 + e^-u)
    fn sigmoid(self) -> Self;
    /// max(u, 0), with derivative 1 at 0 (the lecture's convention).
    fn relu(self) -> Self;
    /// max(u, a·u); derivative 1 for u ≥ 0, else a.
    fn leaky_relu(self, a: f64) -> Self;
    /// u for u ≥ 0, else a(eᵘ - 1); derivative 1 for u ≥ 0, else a·eᵘ.
    fn elu(self, a: f64) -> Self;
}

/// The numerically careful logistic function: never overflows `exp`.
pub fn sigmoid(u: f64) -> f64 {
    if u >= 0.0 {
        1.0 / (1.0 + (-u).exp())
    } else {
        let e = u.exp();
        e / (1.0 + e)
    }
}

impl Scalar for f64 {
    fn constant(v: f64) -> Self {
        v
    }
    fn value(self) -> f64 {
        self
    }
    fn exp(self) -> Self {
        f64::exp(self)
    }
    fn ln(self) -> Self {
        f64::ln(self)
    }
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    fn sin(self) -> Self {
        f64::sin(self)
    }
    fn cos(self) -> Self {
        f64::cos(self)
    }
    fn tan(self) -> Self {
        f64::tan(self)
    }
    fn tanh(self) -> Self {
        // The network's own tanh, so a network drawn as a graph shows the trainer's values bit
        // for bit, on every target.
        crate::nn::activation::tanh(self)
    }
    fn abs(self) -> Self {
        f64::abs(self)
    }
    fn powf(self, p: f64) -> Self {
        f64::powf(self, p)
    }
    fn pow(self, v: Self) -> Self {
        f64::powf(self, v)
    }
    fn sigmoid(self) -> Self {
        sigmoid(self)
    }
    fn relu(self) -> Self {
        if self >= 0.0 {
            self
        } else if self < 0.0 {
            0.0
        } else {
            f64::NAN
        }
    }
    fn leaky_relu(self, a: f64) -> Self {
        if self >= 0.0 {
            self
        } else {
            a * self
        }
    }
    fn elu(self, a: f64) -> Self {
        if self >= 0.0 {
            self
        } else {
            a * self.exp_m1()
        }
    }
}

/// A dual number u + u'ε with ε² = 0: the value and its derivative along one input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dual {
    /// The value.
    pub re: f64,
    /// The derivative with respect to the chosen input.
    pub eps: f64,
}

impl Dual {
    /// A value with the given derivative.
    pub fn new(re: f64, eps: f64) -> Self {
        Dual { re, eps }
    }

    /// Applies f with f' at this point (the chain rule in forward form).
    fn chain(self, f: f64, df: f64) -> Self {
        // A zero tangent stays zero even where f' is infinite (sqrt at 0 of a constant).
        let eps = if self.eps == 0.0 { 0.0 } else { df * self.eps };
        Dual::new(f, eps)
    }
}

impl Add for Dual {
    type Output = Dual;
    fn add(self, o: Dual) -> Dual {
        Dual::new(self.re + o.re, self.eps + o.eps)
    }
}

impl Sub for Dual {
    type Output = Dual;
    fn sub(self, o: Dual) -> Dual {
        Dual::new(self.re - o.re, self.eps - o.eps)
    }
}

impl Mul for Dual {
    type Output = Dual;
    fn mul(self, o: Dual) -> Dual {
        Dual::new(self.re * o.re, self.eps * o.re + self.re * o.eps)
    }
}

impl Div for Dual {
    type Output = Dual;
    fn div(self, o: Dual) -> Dual {
        Dual::new(
            self.re / o.re,
            (self.eps * o.re - self.re * o.eps) / (o.re * o.re),
        )
    }
}

impl Neg for Dual {
    type Output = Dual;
    fn neg(self) -> Dual {
        Dual::new(-self.re, -self.eps)
    }
}

impl Scalar for Dual {
    fn constant(v: f64) -> Self {
        Dual::new(v, 0.0)
    }
    fn value(self) -> f64 {
        self.re
    }
    fn exp(self) -> Self {
        let e = self.re.exp();
        self.chain(e, e)
    }
    fn ln(self) -> Self {
        self.chain(self.re.ln(), 1.0 / self.re)
    }
    fn sqrt(self) -> Self {
        let s = self.re.sqrt();
        self.chain(s, 0.5 / s)
    }
    fn sin(self) -> Self {
        self.chain(self.re.sin(), self.re.cos())
    }
    fn cos(self) -> Self {
        self.chain(self.re.cos(), -self.re.sin())
    }
    fn tan(self) -> Self {
        let c = self.re.cos();
        self.chain(self.re.tan(), 1.0 / (c * c))
    }
    fn tanh(self) -> Self {
        let t = self.re.tanh();
        self.chain(t, 1.0 - t * t)
    }
    fn abs(self) -> Self {
        let sign = if self.re > 0.0 {
            1.0
        } else if self.re < 0.0 {
            -1.0
        } else {
            0.0
        };
        self.chain(self.re.abs(), sign)
    }
    fn powf(self, p: f64) -> Self {
        self.chain(self.re.powf(p), p * self.re.powf(p - 1.0))
    }
    fn pow(self, v: Self) -> Self {
        let value = self.re.powf(v.re);
        let du = v.re * self.re.powf(v.re - 1.0);
        let dv = if self.re == 0.0 && v.re > 0.0 {
            0.0
        } else {
            value * self.re.ln()
        };
        let tangent = |d: f64, e: f64| if e == 0.0 { 0.0 } else { d * e };
        Dual::new(value, tangent(du, self.eps) + tangent(dv, v.eps))
    }
    fn sigmoid(self) -> Self {
        let s = sigmoid(self.re);
        self.chain(s, s * sigmoid(-self.re))
    }
    fn relu(self) -> Self {
        self.chain(self.re.relu(), step(self.re, 1.0, 0.0))
    }
    fn leaky_relu(self, a: f64) -> Self {
        self.chain(self.re.leaky_relu(a), step(self.re, 1.0, a))
    }
    fn elu(self, a: f64) -> Self {
        self.chain(self.re.elu(a), step(self.re, 1.0, a * self.re.exp()))
    }
}

/// `at_least` where u ≥ 0, `below` where u < 0, NaN for NaN.
pub fn step(u: f64, at_least: f64, below: f64) -> f64 {
    if u >= 0.0 {
        at_least
    } else if u < 0.0 {
        below
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_and_quotient_rules() {
        let x = Dual::new(3.0, 1.0);
        let y = x * x / (x + Dual::constant(1.0));
        // d/dx x²/(x+1) = (x² + 2x)/(x+1)² = 15/16
        assert!((y.eps - 15.0 / 16.0).abs() < 1e-15);
    }

    #[test]
    fn activation_derivatives_follow_the_lecture_at_zero() {
        assert_eq!(Dual::new(0.0, 1.0).relu().eps, 1.0);
        assert_eq!(Dual::new(0.0, 1.0).leaky_relu(0.1).eps, 1.0);
        assert_eq!(Dual::new(-1.0, 1.0).leaky_relu(0.1).eps, 0.1);
        assert!((Dual::new(-1.0, 1.0).elu(2.0).eps - 2.0 * (-1.0f64).exp()).abs() < 1e-15);
    }

    #[test]
    fn sigmoid_never_overflows() {
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(Dual::new(-1000.0, 1.0).sigmoid().eps, 0.0);
    }
}
