//! What one drawing of the workspace shows, computed once per frame by the engine from the shown
//! run: every unit's map over the input plane (or its curve over x), the inputs' own maps, each
//! layer's pre-activations, and on request ∂ℓ/∂w. The views only read it.

use std::rc::Rc;

use chainrule::nn::messages::{messages as backward_messages, Messages};
use chainrule::nn::mlp::Mlp;
use chainrule::nn::setup::Setup;
use chainrule::nn::train::{unit_curves, unit_maps};

use super::state::Run;

/// Multiply-adds one frame's pictures may cost (maps, histograms, gradients): about 20 ms in the
/// browser, whatever the network, so the page keeps answering.
const FRAME_WORK: usize = 20_000_000;

/// Grid points per side of the maps (the decision boundary is drawn from the output's map): fine
/// for small networks, coarser for large ones, whose maps cost a forward pass per point; none at
/// all for a network too large to map within a frame's budget. Drawn smoothed, 16 points a side
/// still look continuous. While training, when a map is replaced sixty times a second, a quarter
/// of the points (half a side) keeps the pace: the eye cannot follow the detail, and the still
/// picture is drawn from the full grid the moment training stops.
pub fn map_size(parameters: usize, training: bool) -> usize {
    let size = [64, 40, 32, 24, 16]
        .into_iter()
        .find(|&size| size * size * parameters.max(1) <= FRAME_WORK / 2)
        .unwrap_or(0);
    if training {
        (size / 2).max(size.min(16))
    } else {
        size
    }
}

/// The most hidden units whose own maps are drawn: beyond them (a layer of a thousand) painting a
/// picture per unit every frame would hold up the page; the output's map is always kept.
const MAX_MAPPED_UNITS: usize = 256;

/// Training examples whose pre-activations fill the histograms, within a quarter of the budget;
/// a quarter of those while training, when the histograms are redrawn ten times a second and
/// their shape, not their counts, is what shows.
fn histogram_examples(parameters: usize, training: bool) -> usize {
    let examples = (FRAME_WORK / 4 / parameters.max(1)).min(200);
    if training {
        (examples / 4).max(examples.min(25))
    } else {
        examples
    }
}

/// Training examples ∂ℓ/∂w is averaged over (a backward pass costs about three forward ones).
fn gradient_examples(parameters: usize) -> usize {
    (FRAME_WORK / 4 / (3 * parameters.max(1))).max(1)
}

/// How the units' outputs are pictured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Picture {
    /// Maps over the plane [-extent, extent]².
    Plane {
        /// Half the side of the plane.
        extent: f64,
    },
    /// Curves over x ∈ [low, high].
    Line {
        /// Left end.
        low: f64,
        /// Right end.
        high: f64,
    },
    /// Neither (more than two inputs, as in parity).
    None,
}

/// What the shown run's frame holds beyond the maps every run's frame has.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detail {
    /// ∂ℓ/∂w to compute: none, over the training set (`Some(None)`) or for one example.
    pub gradients: Option<Option<usize>>,
    /// The training example whose backward messages are shown.
    pub sample: usize,
}

/// One frame's worth of computed values for a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The network as it is now.
    pub mlp: Mlp,
    /// Its setup.
    pub setup: Setup,
    /// How units are pictured.
    pub picture: Picture,
    /// Points per side of each map (or along each curve).
    pub size: usize,
    /// Each input's map or curve.
    pub inputs: Vec<Vec<f64>>,
    /// `units[l][j]`: layer l+1's unit j+1 (the last layer is the output).
    pub units: Vec<Vec<Vec<f64>>>,
    /// Each layer's pre-activations over some training examples.
    pub pre_activations: Vec<Vec<f64>>,
    /// ∂ℓ/∂w, shaped like the weights: over the training set or for one example (empty unless
    /// asked for).
    pub gradients: Vec<Vec<f64>>,
    /// The lecture's backward messages (B₁, B₂,ᵢ, B₃,ᵢ, …) for the chosen training example.
    pub messages: Option<Messages>,
    /// The first few training examples as the network sees them (for comparisons).
    pub examples: Option<Vec<Vec<f64>>>,
}

impl Frame {
    /// The frame for `run`: its maps, and with `detail` (the run on show) its histograms,
    /// gradients, backward messages and first examples; a run only compared has no use for them.
    /// While `training`, the maps are coarser (see [`map_size`]).
    pub fn of(run: &mut Run, detail: Option<Detail>, training: bool) -> Frame {
        let setup = run.setup.clone();
        let mlp = run.trainer.mlp.clone();
        let features = setup.effective_features();
        let parameters = mlp.parameter_count();
        let size = map_size(parameters, training);
        let (picture, inputs, units) = match setup.raw_inputs() {
            _ if size == 0 => (Picture::None, Vec::new(), Vec::new()),
            2 => {
                let extent = run.extent();
                let step = 2.0 * extent / (size - 1) as f64;
                let names = if features.is_empty() {
                    vec![
                        chainrule::nn::data::Feature::X1,
                        chainrule::nn::data::Feature::X2,
                    ]
                } else {
                    features.clone()
                };
                let inputs = names
                    .iter()
                    .map(|f| {
                        (0..size * size)
                            .map(|k| {
                                let (row, col) = (k / size, k % size);
                                let x = -extent + col as f64 * step;
                                let y = extent - row as f64 * step;
                                f.value(&[x, y])
                            })
                            .collect()
                    })
                    .collect();
                let units = unit_maps(&mlp, &features, -extent, extent, size);
                (Picture::Plane { extent }, inputs, units)
            }
            1 => {
                let (low, high) = (-3.3, 3.3);
                let step = (high - low) / (size - 1) as f64;
                let x = (0..size).map(|k| low + k as f64 * step).collect();
                let units = unit_curves(&mlp, low, high, size);
                (Picture::Line { low, high }, vec![x], units)
            }
            _ => (Picture::None, Vec::new(), Vec::new()),
        };
        let (picture, inputs, mut units) = (picture, inputs, units);
        let hidden: usize = mlp.layers.iter().rev().skip(1).map(|l| l.outputs).sum();
        if hidden > MAX_MAPPED_UNITS {
            let last = units.len().saturating_sub(1);
            for maps in &mut units[..last] {
                maps.iter_mut().for_each(Vec::clear);
            }
        }
        let (mut examples, mut messages, mut pre_activations, mut gradients) =
            (None, None, Vec::new(), Vec::new());
        if let Some(detail) = detail {
            messages = run
                .trainer
                .example(detail.sample)
                .map(|(x, y)| backward_messages(&mlp, x, y, setup.loss));
            let first: Vec<Vec<f64>> = (0..5)
                .map_while(|i| run.trainer.example(i).map(|(x, _)| x.to_vec()))
                .collect();
            examples = (!first.is_empty()).then_some(first);
            pre_activations = run
                .trainer
                .pre_activations(histogram_examples(parameters, training));
            match detail.gradients {
                Some(Some(i)) => gradients = run.trainer.gradient(Some(i)),
                Some(None) => {
                    gradients = run.trainer.mean_gradient(gradient_examples(parameters));
                }
                None => {}
            }
        }
        Frame {
            examples,
            messages,
            pre_activations,
            gradients,
            mlp,
            setup,
            picture,
            size,
            inputs,
            units,
        }
    }

    /// The output map (first output), if units are pictured.
    pub fn output(&self) -> Option<&[f64]> {
        self.units.last()?.first().map(Vec::as_slice)
    }
}

/// Whether two optional frames are the same drawing (by identity: comparing their maps value by
/// value would cost what memoising a component saves).
pub fn same_frame(a: &Option<Rc<Frame>>, b: &Option<Rc<Frame>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::{histogram_examples, map_size};

    #[test]
    fn maps_are_coarser_while_training_but_never_vanish() {
        // W1 (17 parameters) and a 6 × 8 network: 64 a side still, 32 while training.
        assert_eq!((map_size(17, false), map_size(17, true)), (64, 32));
        assert_eq!((map_size(393, false), map_size(393, true)), (64, 32));
        // 8 × 32 (7,521 parameters): 32 still, 16 while training.
        assert_eq!((map_size(7_521, false), map_size(7_521, true)), (32, 16));
        // The smallest grid is kept while training; a network too large to map has none.
        assert_eq!(map_size(30_000, true), map_size(30_000, false));
        assert_eq!(
            (map_size(10_000_000, false), map_size(10_000_000, true)),
            (0, 0)
        );
    }

    #[test]
    fn histograms_sample_fewer_examples_while_training_but_enough_to_show_a_shape() {
        assert_eq!(
            (
                histogram_examples(393, false),
                histogram_examples(393, true)
            ),
            (200, 50)
        );
        // A network so large that few examples fit keeps them all.
        let few = histogram_examples(200_000, false);
        assert_eq!((few, histogram_examples(200_000, true)), (25, 25));
    }
}
