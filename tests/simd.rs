//! The dense layers' SIMD kernels (axpy, dot, tanh, a batch's gradient sums), run where they run: WebAssembly with `simd128`, in headless
//! Chromium. They must give the plain loops' bits (the same operations in the same order), so a
//! network trains to the same weights in the browser as natively. (`kernel::simd` exists only in a
//! build with `simd128`: without `.cargo/config.toml`'s flag this file does not compile.)
#![cfg(target_arch = "wasm32")]

use chainrule::nn::kernel::{scalar, simd};
use chainrule::random::SplitMix;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mixed signs and magnitudes, so any change in the order of operations would show.
fn numbers(n: usize, rng: &mut SplitMix) -> Vec<f64> {
    (0..n)
        .map(|k| rng.uniform(-1.0, 1.0) * 10f64.powi((k % 9) as i32 - 4))
        .collect()
}

#[wasm_bindgen_test]
fn the_build_has_simd_and_the_kernels_use_it() {
    let mut rng = SplitMix::new(7);
    for n in 0..70 {
        let (x, y) = (numbers(n, &mut rng), numbers(n, &mut rng));
        let a = rng.uniform(-3.0, 3.0);
        let (mut lanes, mut plain) = (y.clone(), y.clone());
        simd::axpy(&mut lanes, a, &x);
        scalar::axpy(&mut plain, a, &x);
        let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&lanes), bits(&plain), "axpy, n = {n}");
        assert_eq!(
            simd::dot(&x, &y).to_bits(),
            scalar::dot(&x, &y).to_bits(),
            "dot, n = {n}"
        );
    }
}

#[wasm_bindgen_test]
fn tanh_in_two_lanes_is_the_scalar_tanh_bit_for_bit() {
    let mut rng = SplitMix::new(11);
    let mut a: Vec<f64> = (0..2001).map(|_| rng.uniform(-25.0, 25.0)).collect();
    a.extend(numbers(61, &mut rng));
    a.extend([
        0.0,
        -0.0,
        1e-310,
        -5e-324,
        20.0,
        -20.000001,
        1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ]);
    let mut h = vec![f64::NAN; a.len()];
    simd::tanh(&a, &mut h);
    for (&x, &t) in a.iter().zip(&h) {
        assert_eq!(t.to_bits(), scalar::tanh(x).to_bits(), "tanh {x:e}");
    }
    let mut nan = [0.0; 3];
    simd::tanh(&[0.5, f64::NAN, 1.0], &mut nan);
    assert!(nan[1].is_nan(), "NaN stays NaN, beside numbers");
    assert_eq!(nan[2].to_bits(), scalar::tanh(1.0).to_bits());
}

#[wasm_bindgen_test]
fn a_batchs_gradient_sums_in_lanes_are_the_plain_loops_bit_for_bit() {
    let mut rng = SplitMix::new(13);
    for n in 0..21 {
        for samples in [0, 1, 3, 32] {
            let h = numbers(samples, &mut rng);
            let deltas = numbers(n * samples, &mut rng);
            let start = numbers(n, &mut rng);
            let (mut lanes, mut plain) = (start.clone(), start);
            simd::row_sums(&mut lanes, |s| h[s], &deltas, samples);
            scalar::row_sums(&mut plain, |s| h[s], &deltas, samples);
            let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&lanes), bits(&plain), "n = {n}, {samples} samples");
        }
    }
}
