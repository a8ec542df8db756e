//! The guided lesson: the lecture's order of ideas as stops, each a short text and the view that
//! shows it (a stepper state or a network workspace, written as the same pairs a link holds).
//! A teacher links to a stop with `#lesson=N`.

/// One stop of the lesson.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stop {
    /// Its title, as the lecture names the idea.
    pub title: &'static str,
    /// What to look at and do, in two or three sentences.
    pub text: &'static str,
    /// The view: link pairs for the stepper (`e`, `at`, `step`) or the network (`view=net`, …).
    pub view: &'static [(&'static str, &'static str)],
}

impl Stop {
    /// The view as owned pairs.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.view
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Whether the stop shows the network workspace.
    pub fn network(&self) -> bool {
        self.view.contains(&("view", "net"))
    }
}

const LECTURE: &str = "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))";

/// Two points' squared errors and their mean, the weights shared: the training loss as a mean.
const MEAN_LOSS: &str = "((y1 - (w0 + w1*x1))^2 + (y2 - (w0 + w1*x2))^2) / 2";

/// The lecture's neuron with its squared error, the loss of the update step's stop.
const NEURON_LOSS: &str = "(y - sigmoid(w0 + w1*x))^2 / 2";

/// The lesson, in the lecture's order.
pub const STOPS: [Stop; 11] = [
    Stop {
        title: "The neuron",
        text: "A neuron weighs its inputs, adds a bias and passes the sum through an activation: σ(w₀ + w₁x₁ + w₂x₂). Press → to compute it one operation at a time; change a weight below and step again.",
        view: &[("e", "sigmoid(w0 + w1*x1 + w2*x2)"), ("at", "w0=-1,w1=2,w2=0.5,x1=1,x2=3"), ("step", "0")],
    },
    Stop {
        title: "Activation functions and their derivatives",
        text: "The six activations φ of the lecture (solid) and their derivatives φ′ (dashed). Every backward message through a unit is multiplied by φ′: where it is near 0 (saturated sigmoid and tanh, ReLU below 0) learning stalls. Move the slider for a.",
        view: &[("view", "net"), ("demo", "gallery")],
    },
    Stop {
        title: "Why non-linearity: linear units collapse",
        text: "Every unit here is linear, so the whole network is one linear unit with weights w̃ (right under the diagram), and its boundary is a straight line. Train (space): it cannot fit the circle. Then make layer 1 tanh and train again.",
        view: &[("view", "net"), ("demo", "collapse"), ("data", "circle"), ("layers", "4:linear,4:linear"), ("out", "linear")],
    },
    Stop {
        title: "The universal approximation theorem",
        text: "One hidden layer of enough units can approximate any continuous function on an interval. Train, then change the number of hidden units with the slider, or type your own f(x) in the data settings.",
        view: &[("view", "net"), ("demo", "universal")],
    },
    Stop {
        title: "Expressive efficiency",
        text: "Parity of n bits: a shallow network may need exponentially many units where a deep one needs polynomially many. Run A has one wide layer, run B three narrow ones with about as many parameters. Train both, then shrink each.",
        view: &[("view", "net"), ("demo", "parity")],
    },
    Stop {
        title: "The computational graph and its forward pass",
        text: "The lecture's example f(x) = √(x² + eˣ²) + cos(x² + eˣ²) at x = 2, as a graph of elementary operations a … f. The forward pass has computed every node left to right: f = 7.194. Press Home and → to watch it again.",
        view: &[("e", LECTURE), ("at", "x=2"), ("step", "6")],
    },
    Stop {
        title: "The backward pass on the lecture's example",
        text: "Backprop starts from ∂f/∂f = 1 and walks right to left: each node's adjoint is the sum over its consumers of their adjoint times the local derivative. Press → to go on: ∂f/∂c = -0.822, ∂f/∂a = -45.717, ∂f/∂x = -182.87.",
        view: &[("e", LECTURE), ("at", "x=2"), ("step", "7")],
    },
    Stop {
        title: "Backprop in a network: B₁, B₂,ᵢ, B₃,ᵢ",
        text: "The lecture's network: two inputs, two hidden units, one output. Under \"Messages\", beside the diagram, the messages for one training point: B₁ = ∂ℓ/∂ŷ, B₂,ᵢ = B₁·w²ᵢ,₁, B₃,ᵢ = B₂,ᵢ·φ′(aᵢ). \"Step through its backprop\" opens the same pass in the stepper.",
        view: &[
            ("view", "net"),
            ("data", "gauss"),
            ("layers", "2:tanh"),
            ("out", "linear"),
            ("panel", "messages"),
        ],
    },
    Stop {
        title: "The training loss is a mean",
        text: "L is the mean of the samples' losses: here a linear unit w₀ + w₁x on two points, (1, 2) and (3, 1). The weights are shared, so w₀ feeds both, and the gradient of the sum is the sum of gradients: ∂f/∂w₀ = -2 + -2, one message per point. For a network: Messages, then Step through a batch.",
        view: &[
            ("e", MEAN_LOSS),
            ("at", "y1=2,w0=0.5,w1=-0.5,x1=1,y2=1,x2=3"),
            ("learn", "w0,w1"),
            ("step", "25"),
        ],
    },
    Stop {
        title: "Gradient descent: the update step",
        text: "Training moves each parameter against its gradient: w ← w − η·∂ℓ/∂w. A neuron's squared error, its backward pass done: → updates w₀ and w₁, i runs the next iteration, and the loss falls. Try Adam, or η = 20.",
        view: &[
            ("e", NEURON_LOSS),
            ("at", "y=1,w0=-0.5,w1=0.8,x=1.5"),
            ("learn", "w0,w1"),
            ("rate", "1"),
            ("step", "16"),
        ],
    },
    Stop {
        title: "The loss landscape",
        text: "Training loss is not convex: gradient descent finds local minima. Train a few epochs, then compute the loss on a plane through the weights and see the path training took.",
        view: &[("view", "net"), ("demo", "landscape"), ("data", "circle"), ("layers", "4:tanh,2:tanh")],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::from_pairs;
    use crate::workspace::state::Workspace;

    #[test]
    fn every_stop_opens_cleanly() {
        for (k, stop) in STOPS.iter().enumerate() {
            if stop.network() {
                let w = Workspace::from_pairs(&stop.pairs());
                assert!(w.is_ok(), "stop {}: {:?}", k + 1, w.err());
            } else {
                let s = from_pairs(&stop.pairs());
                assert!(s.is_ok(), "stop {}: {:?}", k + 1, s.err());
            }
        }
    }

    #[test]
    fn the_lectures_numbers_are_where_the_text_says() {
        let forward = from_pairs(&STOPS[5].pairs()).unwrap();
        let model = forward.model.as_ref().unwrap();
        assert_eq!(forward.cursor, forward.forward_count());
        assert!((model.trace.output_value() - 7.194).abs() < 1e-3);
        let backward = from_pairs(&STOPS[6].pairs()).unwrap();
        assert_eq!(backward.cursor, backward.forward_count() + 1);
        // The mean's stop is at ∂f/∂w₀, one message from each point.
        let mean = from_pairs(&STOPS[8].pairs()).unwrap();
        let model = mean.model.as_ref().unwrap();
        let w0 = model.graph.inputs()[1];
        assert_eq!(model.graph.name(w0), "w0");
        assert_eq!(mean.cursor, model.known_at[w0.index()].1.unwrap());
        let messages: Vec<f64> = model
            .trace
            .terms(&model.graph, w0)
            .map(|t| t.message)
            .collect();
        assert_eq!(messages, [-2.0, -2.0]);
        // The update step's stop opens with the gradient known and the updates next.
        let mut update = from_pairs(&STOPS[9].pairs()).unwrap();
        assert_eq!(update.cursor, update.passes_count());
        assert_eq!(update.step_count(), update.passes_count() + 2);
        let before = update.model.as_ref().unwrap().trace.output_value();
        update.apply(crate::session::Action::Iterate);
        assert!(update.model.as_ref().unwrap().trace.output_value() < before);
    }
}
