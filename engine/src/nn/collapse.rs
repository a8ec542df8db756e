//! The lecture's "neural network of linear units = single linear unit": for a network whose
//! activations are all linear, the equivalent unit's weights w̃ (w̃_0 the bias), one column per
//! output.

use super::activation::Activation;
use super::mlp::Mlp;

/// The single linear unit(s) equivalent to `mlp`: `w̃[i][k]` is the weight of input i (i = 0 the
/// bias) for output k. None if any activation is not linear.
pub fn collapse(mlp: &Mlp) -> Option<Vec<Vec<f64>>> {
    if mlp
        .layers
        .iter()
        .any(|l| l.activation != Activation::Linear)
    {
        return None;
    }
    let d = mlp.inputs();
    // The affine map from x to the current layer's outputs: row 0 the constant, rows 1..=d the inputs.
    let mut map: Vec<Vec<f64>> = (0..=d)
        .map(|r| (0..d).map(|c| if r == c + 1 { 1.0 } else { 0.0 }).collect())
        .collect();
    for layer in &mlp.layers {
        map = (0..=d)
            .map(|r| {
                (1..=layer.outputs)
                    .map(|j| {
                        let bias = if r == 0 { layer.weight(0, j) } else { 0.0 };
                        bias + (0..layer.inputs)
                            .map(|i| map[r][i] * layer.weight(i + 1, j))
                            .sum::<f64>()
                    })
                    .collect()
            })
            .collect();
    }
    Some(map)
}

/// The outputs of the single unit(s) `w̃` (from [`collapse`]) for input `x`: w̃₀ₖ + Σᵢ w̃ᵢₖxᵢ.
pub fn unit_output(w: &[Vec<f64>], x: &[f64]) -> Vec<f64> {
    let outputs = w.first().map_or(0, Vec::len);
    (0..outputs)
        .map(|k| {
            w[0][k]
                + x.iter()
                    .zip(&w[1..])
                    .map(|(xi, row)| xi * row[k])
                    .sum::<f64>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::mlp::Init;

    #[test]
    fn the_lectures_two_unit_example() {
        // ŷ = w²₀,₁ + Σᵢ w²ᵢ,₁ (Σⱼ w¹ⱼ,ᵢ xⱼ), so w̃₀ = w²₀,₁ + w¹₀,₁w²₁,₁ + w¹₀,₂w²₂,₁ and
        // w̃ⱼ = w¹ⱼ,₁w²₁,₁ + w¹ⱼ,₂w²₂,₁.
        let mlp = Mlp::new(
            3,
            &[(2, Activation::Linear)],
            1,
            Activation::Linear,
            Init::Xavier,
            9,
        );
        let (w1, w2) = (&mlp.layers[0], &mlp.layers[1]);
        let w = collapse(&mlp).unwrap();
        let w0 =
            w2.weight(0, 1) + w1.weight(0, 1) * w2.weight(1, 1) + w1.weight(0, 2) * w2.weight(2, 1);
        assert!((w[0][0] - w0).abs() < 1e-15);
        for (j, row) in w.iter().enumerate().skip(1) {
            let wj = w1.weight(j, 1) * w2.weight(1, 1) + w1.weight(j, 2) * w2.weight(2, 1);
            assert!((row[0] - wj).abs() < 1e-15);
        }
    }

    #[test]
    fn any_depth_of_linear_units_gives_the_same_outputs_as_one_unit() {
        let mlp = Mlp::new(
            2,
            &[
                (5, Activation::Linear),
                (3, Activation::Linear),
                (4, Activation::Linear),
            ],
            2,
            Activation::Linear,
            Init::He,
            4,
        );
        let w = collapse(&mlp).unwrap();
        for x in [[0.3, -1.2], [2.0, 0.5], [-0.7, -0.1]] {
            let net = mlp.predict(&x);
            let unit = unit_output(&w, &x);
            for k in 0..2 {
                assert!((unit[k] - (w[0][k] + w[1][k] * x[0] + w[2][k] * x[1])).abs() < 1e-15);
                assert!((net[k] - unit[k]).abs() < 1e-12);
            }
        }
        let mut bent = mlp.clone();
        bent.layers[1].activation = Activation::Tanh;
        assert_eq!(collapse(&bent), None);
    }
}
