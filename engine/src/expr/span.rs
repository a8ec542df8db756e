//! Byte ranges into the source text, so every error and every node can point at what it came from.

use serde::Serialize;

/// A half-open byte range `start..end` into the expression's source text. Offsets are 32-bit:
/// inputs are limited to a few MiB, and every syntax and graph node carries a span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span from `start` to `end` (offsets past 4 GiB saturate).
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end),
        }
    }

    /// The first byte.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The 1-based column (in characters, not bytes) where the span starts in `source`.
    pub fn column(self, source: &str) -> usize {
        let start = floor_char_boundary(source, self.start());
        source[..start].chars().count() + 1
    }

    /// The width of the span in characters, at least 1 so a caret always shows.
    pub fn width(self, source: &str) -> usize {
        let start = floor_char_boundary(source, self.start());
        let end = floor_char_boundary(source, self.end().max(self.start()));
        source[start..end].chars().count().max(1)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "2×π + y";
        let y = src.find('y').unwrap();
        assert_eq!(Span::new(y, y + 1).column(src), 7);
        assert_eq!(Span::new(1, 3).width(src), 1);
    }

    #[test]
    fn out_of_range_spans_are_clamped() {
        assert_eq!(Span::new(50, 60).column("abc"), 4);
        assert_eq!(Span::new(50, 60).width("abc"), 1);
    }
}
