//! A small seeded pseudo-random generator (SplitMix64): reproducible on every platform, in the
//! browser too, with no dependency and no global state.

use serde::{Deserialize, Serialize};

/// SplitMix64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number uniform in [0, n).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A float uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A float uniform in [low, high).
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// A normal sample with the given mean and variance (Marsaglia's polar method, as TensorFlow
    /// Playground draws them).
    pub fn normal(&mut self, mean: f64, variance: f64) -> f64 {
        loop {
            let v1 = 2.0 * self.unit() - 1.0;
            let v2 = 2.0 * self.unit() - 1.0;
            let s = v1 * v1 + v2 * v2;
            if s > 0.0 && s <= 1.0 {
                return mean + variance.sqrt() * (-2.0 * s.ln() / s).sqrt() * v1;
            }
        }
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_samples_have_the_asked_moments() {
        let mut rng = SplitMix::new(3);
        let xs: Vec<f64> = (0..20_000).map(|_| rng.normal(2.0, 4.0)).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!((mean - 2.0).abs() < 0.05, "{mean}");
        assert!((var - 4.0).abs() < 0.15, "{var}");
    }
}
