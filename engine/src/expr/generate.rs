//! Random well-formed expressions of a chosen size, for benchmarks, stress tests and demos.
//! Deterministic for a given seed.

use crate::random::SplitMix;

/// A sum of small random terms in the variables x, y and z, about `nodes` graph nodes in all once
/// identical subexpressions are merged. Smooth everywhere, so its gradient is always finite.
pub fn random_expression(nodes: usize, seed: u64) -> String {
    let mut rng = SplitMix::new(seed);
    let mut terms = Vec::new();
    let mut made = 0;
    while made < nodes.max(1) {
        let (term, size) = random_term(&mut rng, terms.len());
        terms.push(term);
        made += size;
    }
    terms.join(" + ")
}

/// One term and roughly how many graph nodes it adds (its own constant keeps it from merging
/// with earlier terms; the count includes the `+` that joins it).
fn random_term(rng: &mut SplitMix, index: usize) -> (String, usize) {
    let var = ["x", "y", "z"][rng.below(3)];
    let other = ["x", "y", "z"][rng.below(3)];
    let k = index + 1;
    match rng.below(6) {
        0 => (format!("sin({k}*{var} + {other})"), 5),
        1 => (format!("tanh({var}*{other} - {k})"), 5),
        2 => (format!("exp(-({var} - {k})^2)"), 6),
        3 => (format!("sigmoid({var}/{k}) * cos({other})"), 6),
        4 => (format!("{var}^2 * {k} - sqrt({other}^2 + {k})"), 7),
        _ => (format!("log(1 + ({var} + {k})^2)"), 5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Graph, Sharing};

    #[test]
    fn sizes_come_out_near_the_target() {
        for target in [100, 1_000, 10_000] {
            let source = random_expression(target, 7);
            let graph = Graph::parse(&source, Sharing::Merged).unwrap();
            let ratio = graph.len() as f64 / target as f64;
            assert!((0.8..1.25).contains(&ratio), "{target}: {}", graph.len());
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_expression() {
        assert_eq!(random_expression(500, 1), random_expression(500, 1));
        assert_ne!(random_expression(500, 1), random_expression(500, 2));
    }
}
