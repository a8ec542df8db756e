//! Numbers as people read them: a fixed count of significant digits, trailing zeros dropped,
//! scientific notation only for very large or very small magnitudes.

/// A number split for typesetting: `mantissa` × 10^`exponent` (no exponent for plain decimals).
#[derive(Clone, Debug, PartialEq)]
pub enum Written {
    /// A plain decimal such as `-182.87`.
    Plain(String),
    /// Scientific notation: mantissa and power of ten, such as `1.5` and `-7`.
    Scientific(String, i32),
    /// Not a number.
    NaN,
    /// Positive or negative infinity (true when negative).
    Infinite(bool),
}

/// How many significant digits the lecture's numbers carry (`7.6549`, `-182.87`).
pub const DEFAULT_DIGITS: usize = 5;

/// Splits `value` into its written form with `digits` significant digits (at least 1).
pub fn write(value: f64, digits: usize) -> Written {
    if value.is_nan() {
        return Written::NaN;
    }
    if value.is_infinite() {
        return Written::Infinite(value < 0.0);
    }
    if value == 0.0 {
        return Written::Plain("0".into());
    }
    let digits = digits.clamp(1, 17);
    let sci = format!("{:.*e}", digits - 1, value);
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..9).contains(&exponent) {
        let decimals = (digits as i32 - 1 - exponent).max(0) as usize;
        Written::Plain(trim_zeros(&format!("{value:.decimals$}")))
    } else {
        Written::Scientific(trim_zeros(mantissa), exponent)
    }
}

/// `value` as plain text: `-182.87`, `1.5e-7`, `NaN`, `∞`.
pub fn plain(value: f64, digits: usize) -> String {
    match write(value, digits) {
        Written::Plain(s) => s,
        Written::Scientific(m, e) => format!("{m}e{e}"),
        Written::NaN => "NaN".into(),
        Written::Infinite(negative) => if negative { "-∞" } else { "∞" }.into(),
    }
}

fn trim_zeros(s: &str) -> String {
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lectures_numbers_in_five_significant_digits() {
        let cases = [
            (4.0, "4"),
            (54.598150033144236, "54.598"),
            (7.654942849763429, "7.6549"),
            (-0.46061321417757406, "-0.46061"),
            (-182.86980730598307, "-182.87"),
        ];
        for (value, text) in cases {
            assert_eq!(plain(value, DEFAULT_DIGITS), text);
        }
    }

    #[test]
    fn extreme_magnitudes_go_scientific_and_non_finite_values_are_named() {
        assert_eq!(plain(1.5e-7, 5), "1.5e-7");
        assert_eq!(plain(-2.0e12, 3), "-2e12");
        assert_eq!(plain(f64::NAN, 5), "NaN");
        assert_eq!(plain(f64::NEG_INFINITY, 5), "-∞");
        assert_eq!(plain(-0.0, 5), "0");
        assert_eq!(plain(-0.000001, 2), "-1e-6");
    }

    #[test]
    fn rounding_that_carries_into_a_new_digit() {
        assert_eq!(plain(99999.7, 5), "100000");
        assert_eq!(plain(0.99999, 2), "1");
    }
}

/// `value` exactly as typed, in the shortest form that reads back to the same number: `0.1`, `2`.
pub fn exact(value: f64) -> String {
    let mut out = String::new();
    write_exact(&mut out, value);
    out
}

/// Writes [`exact`]`(value)` to `out` without allocating.
pub fn write_exact(out: &mut String, value: f64) {
    use std::fmt::Write;
    // Most constants are small integers: skip the shortest-float search for them.
    if value.fract() == 0.0 && value.abs() < 1e15 && !(value == 0.0 && value.is_sign_negative()) {
        let _ = write!(out, "{}", value as i64);
        return;
    }
    let _ = if value != 0.0 && !(1e-4..1e15).contains(&value.abs()) {
        write!(out, "{value:e}")
    } else {
        write!(out, "{value}")
    };
}

#[cfg(test)]
mod exact_tests {
    use super::exact;

    #[test]
    fn exact_forms_read_back_to_the_same_number() {
        for v in [0.1, 2.0, -3.5, 1e-7, 6.02e23, 1.0 / 3.0] {
            assert_eq!(exact(v).parse::<f64>().unwrap(), v);
        }
        assert_eq!(exact(2.0), "2");
        assert_eq!(exact(1e-7), "1e-7");
    }
}

/// A count with its thousands grouped by commas, as the app's messages write them: `100,000`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod count_tests {
    use super::count;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(100_000), "100,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }
}
