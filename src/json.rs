//! JSON as the app writes it: serde_json's, with numbers printed by Rust's own shortest round-trip
//! formatting. serde_json's default float printer brings its own tables (about 17 KB of the
//! gzipped download); Rust's `{:?}`, which the page already carries for its text, prints the
//! fewest digits that read back to the same f64 too.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
use std::io::{self, Write};

/// `value` as JSON on one line.
pub fn to_string<T: Serialize>(value: &T) -> serde_json::Result<String> {
    write(value, Floats(Compact))
}

/// `value` as JSON, indented by two spaces, as a file a person may read.
pub fn to_string_pretty<T: Serialize>(value: &T) -> serde_json::Result<String> {
    write(value, Floats(PrettyFormatter::new()))
}

fn write<T: Serialize, F: Formatter>(value: &T, formatter: F) -> serde_json::Result<String> {
    let mut out = Vec::new();
    value.serialize(&mut Serializer::with_formatter(&mut out, formatter))?;
    // serde_json writes only UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// serde_json's compact layout: every method its default.
struct Compact;
impl Formatter for Compact {}

/// A formatter's layout, with floats printed by `{:?}` (serde_json writes non-finite ones as
/// null before asking).
struct Floats<F>(F);

impl<F: Formatter> Formatter for Floats<F> {
    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, value: f32) -> io::Result<()> {
        write!(w, "{value:?}")
    }
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        write!(w, "{value:?}")
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_back_bit_for_bit_and_the_layout_is_serde_jsons() {
        let numbers = vec![
            0.1,
            -3.0,
            1e-300,
            5e-324,
            f64::MAX,
            1.0 / 3.0,
            123456789.0,
            -0.0,
            2.5e16,
        ];
        let back: Vec<f64> = serde_json::from_str(&to_string(&numbers).unwrap()).unwrap();
        let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back), bits(&numbers));
        let value = serde_json::json!({"a": [1, 2.5, null], "b": {"c": "d"}});
        assert_eq!(
            to_string(&value).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
        assert_eq!(
            to_string_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
        assert_eq!(
            to_string(&[f64::NAN, f64::INFINITY]).unwrap(),
            "[null,null]"
        );
    }
}
