//! The dense layers' two inner loops, `y += a·x` and `Σ xᵢ·yᵢ`, on 128-bit SIMD where the target
//! has it (WebAssembly's `simd128`: two f64 lanes) and as plain loops elsewhere.
//!
//! Both paths do the same operations in the same order, so they give the same bits: `axpy` is
//! element by element either way, and `dot` keeps two partial sums, the even and the odd terms,
//! added at the end, which is what two lanes do. Natively LLVM turns the scalar loops into SSE or
//! NEON code by itself; WebAssembly needs the feature switched on at build time
//! (`.cargo/config.toml`) and these kernels, because LLVM will not reorder a float sum by itself.

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
}

/// The kernels on WebAssembly's 128-bit SIMD, two f64 lanes at a time.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd {
    use core::arch::wasm32::{
        f64x2, f64x2_add, f64x2_extract_lane, f64x2_mul, f64x2_splat, v128, v128_load, v128_store,
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
    fn lengths_that_differ_use_the_shorter() {
        let mut y = vec![1.0; 3];
        axpy(&mut y, 2.0, &[1.0, 2.0]);
        assert_eq!(y, [3.0, 5.0, 1.0]);
        assert_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, 5.0]), 14.0);
    }
}
