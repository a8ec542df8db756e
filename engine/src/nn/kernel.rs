//! The dense layers' inner loops (`y += a·x`, `Σ xᵢ·yᵢ`, tanh over a layer, and a layer's weight
//! gradients summed over a batch) on 128-bit SIMD where the target has it (WebAssembly's
//! `simd128`: two f64 lanes) and as plain loops elsewhere.
//!
//! Both paths do the same operations in the same order, so they give the same bits: `axpy`, `tanh`
//! and the batch's sums are element by element either way, and `dot` keeps two partial sums, the
//! even and the odd terms, added at the end, which is what two lanes do. tanh is computed here
//! rather than by the platform's library, whose `exp` differs between targets and cannot run two
//! lanes at once. Natively LLVM turns the scalar loops into SSE or NEON code by itself;
//! WebAssembly needs the feature switched on at build time (`.cargo/config.toml`) and these
//! kernels, because LLVM will not reorder a float sum by itself.

/// y ← y + a·x, element by element, over the shorter of the two.
#[inline]
pub fn axpy(y: &mut [f64], a: f64, x: &[f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    simd::axpy(y, a, x);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    scalar::axpy(y, a, x);
}

/// Σ xᵢ·yᵢ over the shorter of the two, as two partial sums (even and odd i) added at the end.
#[inline]
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return simd::dot(x, y);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    scalar::dot(x, y)
}

/// h ← tanh a, element by element, over the shorter of the two; each value is [`scalar::tanh`]'s.
#[inline]
pub fn tanh(a: &[f64], h: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    simd::tanh(a, h);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    for (h, &a) in h.iter_mut().zip(a) {
        *h = scalar::tanh(a);
    }
}

/// A layer's weight gradients summed over a batch: `grad` is (m + 1) × n, row 0 the biases;
/// `inputs` holds each sample's m inputs h and `deltas` its n deltas δ, one row per sample. Row 0
/// gains Σ 1·δ and row i + 1 gains Σ hᵢ·δ, sample after sample, which is what `axpy` once a
/// sample gives, to the bit; but each gradient is read and written once a batch, not once a
/// sample, and a block of them stays in registers while the samples pass.
#[inline]
pub fn outer_sums(grad: &mut [f64], n: usize, inputs: &[f64], deltas: &[f64]) {
    let samples = deltas.len().checked_div(n).unwrap_or(0);
    let m = inputs.len().checked_div(samples).unwrap_or(0);
    for (row, g) in grad.chunks_exact_mut(n.max(1)).take(m + 1).enumerate() {
        // The bias's input is 1 for every sample.
        let h = |s: usize| {
            if row == 0 {
                1.0
            } else {
                inputs[s * m + row - 1]
            }
        };
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        simd::row_sums(g, h, deltas, samples);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        scalar::row_sums(g, h, deltas, samples);
    }
}

/// tanh's constants. It is computed as e/(e + 2) with e = e^{2|x|} - 1, the sign put back: no
/// cancellation near 0, and 1 exactly once |x| ≥ 20 (where 2/e is under half an ulp of 1).
/// e^t - 1 = 2^k(1 + q) - 1 with k = round(t/ln 2), r = t - k·ln 2 (|r| ≤ ln 2 / 2, ln 2 split in
/// two so k·ln 2 is exact) and q = e^r - 1 by its Taylor series to r¹³ (the rest is under 5e-18).
mod tanh_constants {
    /// Adding 1.5 × 2⁵² rounds to an integer (to even) and leaves it in the low bits.
    pub const ROUND: f64 = 6755399441055744.0;
    pub const LOG2_E: f64 = std::f64::consts::LOG2_E;
    /// ln 2's leading 32 bits (the last 21 of the significand zero, so k·LN2_HI is exact for
    /// |k| < 2²¹), and the rest; fdlibm's split.
    pub const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    pub const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    /// 1/(n + 1)! for n = 0 ..= 12: (e^r - 1)/r = Σ rⁿ/(n + 1)!.
    pub const INVERSE_FACTORIALS: [f64; 13] = [
        1.0,
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5040.0,
        1.0 / 40320.0,
        1.0 / 362880.0,
        1.0 / 3628800.0,
        1.0 / 39916800.0,
        1.0 / 479001600.0,
        1.0 / 6227020800.0,
    ];
    /// Where tanh is 1 in f64.
    pub const SATURATED: f64 = 20.0;
    /// 2^k's bits are (k + 1023) << 52.
    pub const EXPONENT_BIAS: u64 = 1023;
}

/// The arithmetic the series needs, on one f64 or on two lanes, so both paths evaluate it with
/// the same operations in the same order.
trait Arith: Copy {
    fn add(self, other: Self) -> Self;
    fn mul(self, other: Self) -> Self;
    fn splat(c: f64) -> Self;
}

impl Arith for f64 {
    #[inline(always)]
    fn add(self, other: f64) -> f64 {
        self + other
    }
    #[inline(always)]
    fn mul(self, other: f64) -> f64 {
        self * other
    }
    #[inline(always)]
    fn splat(c: f64) -> f64 {
        c
    }
}

/// e^r - 1 for |r| ≤ ln 2 / 2: r times the series Σ rⁿ/(n + 1)! to n = 12, by Estrin's scheme
/// (pairs, then pairs of pairs, with r², r⁴ and r⁸), whose chains are four operations deep
/// instead of Horner's twelve.
#[inline(always)]
fn expm1_reduced<T: Arith>(r: T) -> T {
    use tanh_constants::INVERSE_FACTORIALS as C;
    let (r2, c) = (r.mul(r), |k: usize| T::splat(C[k]));
    let (r4, pair) = (r2.mul(r2), |k: usize| c(k).add(c(k + 1).mul(r)));
    let r8 = r4.mul(r4);
    let low = pair(0)
        .add(pair(2).mul(r2))
        .add(pair(4).add(pair(6).mul(r2)).mul(r4));
    let high = pair(8).add(pair(10).mul(r2)).add(c(12).mul(r4));
    low.add(high.mul(r8)).mul(r)
}

/// The kernels as plain loops: every target without `simd128`, and the reference the SIMD path
/// is tested against.
pub mod scalar {
    /// y ← y + a·x.
    #[inline]
    pub fn axpy(y: &mut [f64], a: f64, x: &[f64]) {
        for (y, x) in y.iter_mut().zip(x) {
            *y += a * x;
        }
    }

    /// Σ xᵢ·yᵢ as two partial sums, even and odd terms.
    #[inline]
    pub fn dot(x: &[f64], y: &[f64]) -> f64 {
        let n = x.len().min(y.len());
        let (x, y) = (&x[..n], &y[..n]);
        let (mut even, mut odd) = (0.0, 0.0);
        let mut pairs_x = x.chunks_exact(2);
        for (px, py) in (&mut pairs_x).zip(y.chunks_exact(2)) {
            even += px[0] * py[0];
            odd += px[1] * py[1];
        }
        if n % 2 == 1 {
            even += x[n - 1] * y[n - 1];
        }
        even + odd
    }

    /// One gradient row g (n long) gains Σₛ h(s)·δₛ, sample after sample, eight columns at a
    /// time held in registers.
    #[inline]
    pub fn row_sums(g: &mut [f64], h: impl Fn(usize) -> f64, deltas: &[f64], samples: usize) {
        let n = g.len();
        let mut start = 0;
        while start < n {
            let width = (n - start).min(8);
            let mut sums = [0.0; 8];
            sums[..width].copy_from_slice(&g[start..start + width]);
            for s in 0..samples {
                let a = h(s);
                let d = &deltas[s * n + start..s * n + start + width];
                for (sum, d) in sums.iter_mut().zip(d) {
                    *sum += a * d;
                }
            }
            g[start..start + width].copy_from_slice(&sums[..width]);
            start += width;
        }
    }

    /// tanh x, to within a few ulps, the same bits on every target (see [`super::tanh_constants`]).
    #[inline]
    pub fn tanh(x: f64) -> f64 {
        use super::tanh_constants::*;
        let ax = x.abs();
        // A comparison rather than `min`, which would turn NaN into 20.
        let t = 2.0 * if ax > SATURATED { SATURATED } else { ax };
        let rounded = t * LOG2_E + ROUND;
        let k = rounded - ROUND;
        let r = (t - k * LN2_HI) - k * LN2_LO;
        let q = super::expm1_reduced(r);
        let scale = f64::from_bits(rounded.to_bits().wrapping_add(EXPONENT_BIAS) << 52);
        let e = scale * q + (scale - 1.0);
        (e / (e + 2.0)).copysign(x)
    }
}

/// The kernels on WebAssembly's 128-bit SIMD, two f64 lanes at a time.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd {
    use core::arch::wasm32::{
        f64x2, f64x2_abs, f64x2_add, f64x2_div, f64x2_extract_lane, f64x2_gt, f64x2_mul,
        f64x2_splat, f64x2_sub, i64x2_add, i64x2_shl, i64x2_splat, v128, v128_bitselect, v128_load,
        v128_store,
    };

    /// Two lanes from a pair of f64.
    #[inline]
    fn load(pair: &[f64]) -> v128 {
        debug_assert_eq!(pair.len(), 2);
        // SAFETY: `pair` holds two f64, the 16 bytes read; WebAssembly loads need no alignment.
        unsafe { v128_load(pair.as_ptr().cast()) }
    }

    /// y ← y + a·x, two lanes at a time.
    #[inline]
    pub fn axpy(y: &mut [f64], a: f64, x: &[f64]) {
        let n = y.len().min(x.len());
        let (y, x) = (&mut y[..n], &x[..n]);
        let lanes = f64x2_splat(a);
        let mut pairs_y = y.chunks_exact_mut(2);
        for (py, px) in (&mut pairs_y).zip(x.chunks_exact(2)) {
            let sum = f64x2_add(load(py), f64x2_mul(lanes, load(px)));
            // SAFETY: `py` holds two f64, the 16 bytes written; no alignment needed.
            unsafe { v128_store(py.as_mut_ptr().cast(), sum) };
        }
        if n % 2 == 1 {
            y[n - 1] += a * x[n - 1];
        }
    }

    /// Σ xᵢ·yᵢ: the even terms in lane 0, the odd in lane 1, added at the end.
    #[inline]
    pub fn dot(x: &[f64], y: &[f64]) -> f64 {
        let n = x.len().min(y.len());
        let (x, y) = (&x[..n], &y[..n]);
        let mut sums = f64x2(0.0, 0.0);
        for (px, py) in x.chunks_exact(2).zip(y.chunks_exact(2)) {
            sums = f64x2_add(sums, f64x2_mul(load(px), load(py)));
        }
        let mut even = f64x2_extract_lane::<0>(sums);
        if n % 2 == 1 {
            even += x[n - 1] * y[n - 1];
        }
        even + f64x2_extract_lane::<1>(sums)
    }

    /// Two f64 lanes, for the series [`super::expm1_reduced`].
    #[derive(Clone, Copy)]
    struct Lanes(v128);

    impl super::Arith for Lanes {
        #[inline(always)]
        fn add(self, other: Lanes) -> Lanes {
            Lanes(f64x2_add(self.0, other.0))
        }
        #[inline(always)]
        fn mul(self, other: Lanes) -> Lanes {
            Lanes(f64x2_mul(self.0, other.0))
        }
        #[inline(always)]
        fn splat(c: f64) -> Lanes {
            Lanes(f64x2_splat(c))
        }
    }

    /// [`super::scalar::row_sums`] with four pairs of lanes for the eight columns.
    #[inline]
    pub fn row_sums(g: &mut [f64], h: impl Fn(usize) -> f64, deltas: &[f64], samples: usize) {
        let n = g.len();
        let mut start = 0;
        while start + 8 <= n {
            let mut sums = [0, 2, 4, 6].map(|k| load(&g[start + k..start + k + 2]));
            for s in 0..samples {
                let a = f64x2_splat(h(s));
                let row = s * n + start;
                for (k, sum) in sums.iter_mut().enumerate() {
                    let d = load(&deltas[row + 2 * k..row + 2 * k + 2]);
                    *sum = f64x2_add(*sum, f64x2_mul(a, d));
                }
            }
            for (k, sum) in sums.iter().enumerate() {
                // SAFETY: two f64 of `g` in bounds, the 16 bytes written; no alignment needed.
                unsafe { v128_store(g[start + 2 * k..].as_mut_ptr().cast(), *sum) };
            }
            start += 8;
        }
        // The last columns, fewer than eight, one at a time.
        for (j, g) in g[start..].iter_mut().enumerate() {
            let mut sum = *g;
            for s in 0..samples {
                sum += h(s) * deltas[s * n + start + j];
            }
            *g = sum;
        }
    }

    /// h ← tanh a two lanes at a time, each lane doing [`super::scalar::tanh`]'s operations.
    #[inline]
    pub fn tanh(a: &[f64], h: &mut [f64]) {
        use super::tanh_constants::*;
        let n = a.len().min(h.len());
        let (a, h) = (&a[..n], &mut h[..n]);
        let splat = f64x2_splat;
        let mut pairs_h = h.chunks_exact_mut(2);
        for (ph, pa) in (&mut pairs_h).zip(a.chunks_exact(2)) {
            let x = load(pa);
            let ax = f64x2_abs(x);
            let t = f64x2_mul(
                splat(2.0),
                v128_bitselect(splat(SATURATED), ax, f64x2_gt(ax, splat(SATURATED))),
            );
            let rounded = f64x2_add(f64x2_mul(t, splat(LOG2_E)), splat(ROUND));
            let k = f64x2_sub(rounded, splat(ROUND));
            let r = f64x2_sub(
                f64x2_sub(t, f64x2_mul(k, splat(LN2_HI))),
                f64x2_mul(k, splat(LN2_LO)),
            );
            let q = super::expm1_reduced(Lanes(r)).0;
            let scale = i64x2_shl(i64x2_add(rounded, i64x2_splat(EXPONENT_BIAS as i64)), 52);
            let e = f64x2_add(f64x2_mul(scale, q), f64x2_sub(scale, splat(1.0)));
            let magnitude = f64x2_div(e, f64x2_add(e, splat(2.0)));
            let signed = v128_bitselect(x, magnitude, splat(-0.0));
            // SAFETY: `ph` holds two f64, the 16 bytes written; no alignment needed.
            unsafe { v128_store(ph.as_mut_ptr().cast(), signed) };
        }
        if n % 2 == 1 {
            h[n - 1] = super::scalar::tanh(a[n - 1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Awkward numbers: mixed signs and magnitudes, so any change of order would show.
    fn numbers(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = crate::random::SplitMix::new(seed);
        (0..n)
            .map(|k| rng.uniform(-1.0, 1.0) * 10f64.powi((k % 7) as i32 - 3))
            .collect()
    }

    #[test]
    fn the_kernels_are_the_plain_loops_bit_for_bit() {
        for n in 0..40 {
            let (x, y) = (numbers(n, 1), numbers(n, 2));
            let mut fast = y.clone();
            axpy(&mut fast, 0.37, &x);
            let plain: Vec<f64> = y.iter().zip(&x).map(|(y, x)| y + 0.37 * x).collect();
            assert_eq!(fast, plain, "axpy, n = {n}");
            let even = (0..n).step_by(2).fold(0.0, |s, i| s + x[i] * y[i]);
            let odd = (1..n).step_by(2).fold(0.0, |s, i| s + x[i] * y[i]);
            assert_eq!(
                dot(&x, &y).to_bits(),
                (even + odd).to_bits(),
                "dot, n = {n}"
            );
            assert_eq!(dot(&x, &y).to_bits(), scalar::dot(&x, &y).to_bits());
            // Against the sum in order the two-lane sum differs only by rounding: within 1e-12
            // of the terms' size (n·ε, 40 × 1.1e-16, bounds it).
            let ordered: f64 = x.iter().zip(&y).map(|(x, y)| x * y).sum();
            let size: f64 = x.iter().zip(&y).map(|(x, y)| (x * y).abs()).sum();
            assert!((dot(&x, &y) - ordered).abs() <= 1e-12 * size);
        }
    }

    #[test]
    fn outer_sums_are_axpy_sample_after_sample_bit_for_bit() {
        for (m, n, samples) in [
            (0, 3, 2),
            (2, 1, 3),
            (3, 8, 4),
            (5, 13, 7),
            (4, 17, 32),
            (2, 0, 3),
        ] {
            let inputs = numbers(m * samples, 3);
            let deltas = numbers(n * samples, 4);
            let start = numbers((m + 1) * n, 5);
            let mut at_once = start.clone();
            outer_sums(&mut at_once, n, &inputs, &deltas);
            let mut one_by_one = start.clone();
            for s in 0..samples {
                let delta = &deltas[s * n..(s + 1) * n];
                axpy(&mut one_by_one[..n], 1.0, delta);
                for i in 0..m {
                    let row = &mut one_by_one[(i + 1) * n..(i + 2) * n];
                    axpy(row, inputs[s * m + i], delta);
                }
            }
            let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            assert_eq!(
                bits(&at_once),
                bits(&one_by_one),
                "{m} × {n}, {samples} samples"
            );
        }
    }

    #[test]
    fn ln_2_splits_so_its_multiples_are_exact() {
        use super::tanh_constants::{LN2_HI, LN2_LO};
        assert_eq!(LN2_HI + LN2_LO, std::f64::consts::LN_2);
        assert_eq!(LN2_HI.to_bits() & 0x1f_ffff, 0);
        assert!(LN2_LO.abs() < 1e-9);
    }

    #[test]
    fn lengths_that_differ_use_the_shorter() {
        let mut y = vec![1.0; 3];
        axpy(&mut y, 2.0, &[1.0, 2.0]);
        assert_eq!(y, [3.0, 5.0, 1.0]);
        assert_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, 5.0]), 14.0);
    }
}
