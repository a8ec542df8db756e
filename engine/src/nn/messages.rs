//! The lecture's backward messages for one example, named as the lecture names them:
//! B₁ = ∂ℓ/∂ŷ, B₂,ᵢ = B₁·w²ᵢ,₁ = ∂ℓ/∂hᵢ, B₃,ᵢ = B₂,ᵢ·φ′(aᵢ) = ∂ℓ/∂aᵢ, then ∂ℓ/∂w²ᵢ,₁ = B₁hᵢ and
//! ∂ℓ/∂w¹ᵢ,ⱼ = B₃,ⱼxᵢ. A deeper network continues the numbering down the layers: B₂ and B₃ for
//! the last hidden layer, B₄ and B₅ for the one before, and so on.

use super::loss::Loss;
use super::mlp::{Backward, Mlp};

/// One hidden layer's messages.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerMessages {
    /// The layer's number l (1 = first hidden layer).
    pub layer: usize,
    /// Index of B for ∂ℓ/∂h (2 for the last hidden layer, 4 for the one before, ...).
    pub b_h: usize,
    /// a^l_i, the pre-activations.
    pub a: Vec<f64>,
    /// h^l_i, the outputs.
    pub h: Vec<f64>,
    /// φ′(a^l_i).
    pub slope: Vec<f64>,
    /// ∂ℓ/∂h^l_i = Σⱼ (message above)ⱼ · w^{l+1}_{i,j}.
    pub dh: Vec<f64>,
    /// ∂ℓ/∂a^l_i = ∂ℓ/∂h^l_i · φ′(a^l_i).
    pub da: Vec<f64>,
}

/// Every message of the backward pass for one example.
#[derive(Clone, Debug, PartialEq)]
pub struct Messages {
    /// The loss ℓ.
    pub loss: f64,
    /// ŷ (each output).
    pub outputs: Vec<f64>,
    /// B₁ = ∂ℓ/∂ŷ (each output; the output layer's ∂ℓ/∂a when its activation is linear, else
    /// also multiplied by its φ′ in `output_da`).
    pub b1: Vec<f64>,
    /// ∂ℓ/∂a at the output layer (B₁·φ′ of the output activation; equal to B₁ when linear).
    pub output_da: Vec<f64>,
    /// The hidden layers, last first (the order the messages are computed in).
    pub hidden: Vec<LayerMessages>,
}

/// The messages for input `x` (features) with label `y`.
pub fn messages(mlp: &Mlp, x: &[f64], y: f64, loss: Loss) -> Messages {
    let mut cache = mlp.cache();
    let outputs = mlp.forward(x, &mut cache).to_vec();
    let mut b1 = vec![0.0; outputs.len()];
    let value = loss.evaluate(&outputs, y, &mut b1);
    let last = mlp.layers.len() - 1;
    // (∂ℓ/∂h, ∂ℓ/∂a) per layer, from the output down, as the dense backward pass computes them.
    let mut passed: Vec<(Vec<f64>, Vec<f64>)> = Vec::with_capacity(last + 1);
    mlp.backward_messages(&cache, &b1, &mut Backward::default(), |_, dh, da| {
        passed.push((dh.to_vec(), da.to_vec()))
    });
    let mut passed = passed.into_iter();
    let output_da = passed.next().map(|(_, da)| da).unwrap_or_default();
    let hidden = passed
        .zip((0..last).rev())
        .map(|((dh, da), l)| {
            let a = cache.activations[l].clone();
            let h = cache.outputs[l + 1].clone();
            let layer = &mlp.layers[l];
            let slope = a
                .iter()
                .zip(&h)
                .map(|(&a, &h)| layer.activation.derivative_from(a, h))
                .collect();
            LayerMessages {
                layer: l + 1,
                b_h: 2 * (last - l),
                a,
                h,
                slope,
                dh,
                da,
            }
        })
        .collect();
    Messages {
        loss: value,
        outputs,
        b1,
        output_da,
        hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::activation::Activation;
    use crate::nn::mlp::Init;

    #[test]
    fn the_messages_give_the_dense_gradients_as_the_lecture_writes_them() {
        // The lecture's network: 2 inputs, one hidden layer of 2, one output.
        let mlp = Mlp::new(
            2,
            &[(2, Activation::Tanh)],
            1,
            Activation::Linear,
            Init::Xavier,
            3,
        );
        let (x, y) = ([0.7, -1.2], 0.4);
        let m = messages(&mlp, &x, y, Loss::SquaredError);
        let mut gradients = mlp.zero_gradients();
        let mut cache = mlp.cache();
        let out = mlp.forward(&x, &mut cache).to_vec();
        let mut b1 = vec![0.0];
        Loss::SquaredError.evaluate(&out, y, &mut b1);
        mlp.backward(&cache, &b1, &mut gradients, &mut Default::default());
        assert_eq!(m.b1, b1);
        assert_eq!(m.output_da, b1, "a linear output passes B₁ through");
        let hidden = &m.hidden[0];
        assert_eq!(hidden.b_h, 2);
        for i in 0..2 {
            // B₂,ᵢ = B₁ w²ᵢ,₁ and B₃,ᵢ = B₂,ᵢ φ′(aᵢ)
            assert_eq!(hidden.dh[i], m.b1[0] * mlp.layers[1].weight(i + 1, 1));
            assert!((hidden.da[i] - hidden.dh[i] * (1.0 - hidden.h[i].powi(2))).abs() < 1e-15);
            // ∂ℓ/∂w²ᵢ,₁ = B₁ hᵢ
            assert!((gradients[1][i + 1] - m.b1[0] * hidden.h[i]).abs() < 1e-15);
            // ∂ℓ/∂w¹ᵢ,ⱼ = B₃,ⱼ xᵢ
            for j in 0..2 {
                let k = (i + 1) * 2 + j;
                assert!((gradients[0][k] - hidden.da[j] * x[i]).abs() < 1e-15);
            }
        }
    }

    #[test]
    fn deeper_networks_number_their_messages_down_the_layers() {
        let mlp = Mlp::new(
            3,
            &[(4, Activation::Relu), (3, Activation::Sigmoid)],
            1,
            Activation::Tanh,
            Init::He,
            5,
        );
        let m = messages(&mlp, &[0.1, 0.2, -0.3], 1.0, Loss::SquaredError);
        assert_eq!(
            m.hidden
                .iter()
                .map(|l| (l.layer, l.b_h))
                .collect::<Vec<_>>(),
            [(2, 2), (1, 4)]
        );
        assert_eq!(m.hidden[1].dh.len(), 4);
    }
}
