//! What can be asked of the network workspace, as plain data: every control, key and file sends
//! an [`Action`], and [`Workspace::apply`] is the one place that changes the workspace, as the
//! stepper's `Session` does. The components hold no closures over the workspace, so their
//! callbacks never change and a frame of training re-renders only what shows training.

use std::rc::Rc;

use chainrule::nn::data::Generator;
use chainrule::nn::setup::Setup;

use super::state::{Demo, Pace, Panel, Workspace};
use super::weight_hits::Weight;

/// A change a control makes to the settings.
pub type Change = Rc<dyn Fn(&mut Setup)>;

/// A change, or why the field's text could not be read.
pub type Edit = Result<Change, String>;

/// The action for `edit` of the settings `draft` (what the form shows): the settings it makes,
/// or the refusal. The form applies its own edits, so what reaches the workspace is plain data.
pub fn configure(draft: &Setup, edit: Edit) -> Action {
    match edit {
        Ok(change) => {
            let mut next = draft.clone();
            change(&mut next);
            Action::Configure(Box::new(next))
        }
        Err(reason) => Action::Refuse(reason),
    }
}

/// A callback taking changes of the settings `draft` and sending them to `on_action` as the
/// settings they make.
pub fn changes(draft: &Setup, on_action: &yew::Callback<Action>) -> yew::Callback<Change> {
    let draft = draft.clone();
    on_action.reform(move |change: Change| configure(&draft, Ok(change)))
}

/// A request to the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Train, or pause.
    TogglePlay,
    /// One optimiser step of every run.
    Step,
    /// One epoch of every run.
    Epoch,
    /// Back to the initial weights.
    Reset,
    /// New initial weights (the next weight seed).
    NewWeights,
    /// The settings as the user has edited them.
    Configure(Box<Setup>),
    /// A setting that could not be read, and why.
    Refuse(String),
    /// Another data set, with the settings it had or opens with.
    ChooseData(Generator),
    /// The label a click on the plane gives a new point.
    Label(f64),
    /// Sets a weight (layer from 0, input from 0 with 0 the bias, unit from 1) to a value.
    SetWeight(Weight, f64),
    /// The pointer is on a unit (layer from 0, unit from 0), or on none.
    Spotlight(Option<(usize, usize)>),
    /// How much training a frame does.
    Pace(Pace),
    /// Opens a demonstration.
    OpenDemo(Demo),
    /// Shows a region beside the settings.
    Show(Panel),
    /// Trains a copy side by side, or stops comparing.
    ToggleCompare,
    /// Shows and edits run `r`.
    Select(usize),
    /// The edges show the next of: weights, ∂ℓ/∂w, ∂ℓ/∂w for one point.
    CycleEdges,
    /// A linear or logarithmic loss axis.
    ToggleLogScale,
    /// Whether links carry the trained weights.
    ToggleKeepWeights,
    /// Closes the notice.
    Dismiss,
    /// The parameter a of the gallery's leaky ReLU and ELU.
    GalleryA(f64),
    /// Parity with this many bits.
    ParityBits(usize),
    /// The parity runs' width and depth (run A's width, run B's depth).
    ParityShape(Option<usize>, Option<usize>),
    /// Computes the loss landscape.
    ComputeLandscape,
    /// Chooses the training point of the one-sample views (from 1, as the field shows it).
    Sample(usize),
    /// A click on the plane at (x₁, x₂): adds a point, or removes the one within `reach`.
    ClickPlane {
        /// Where, in the plane's coordinates.
        at: (f64, f64),
        /// How near a point must be to be removed.
        reach: f64,
    },
    /// A model file's text to open.
    OpenModel(String),
    /// Something to tell the user that is not about the setup (a refused file).
    Notify(String),
}

impl Action {
    /// Whether applying it can change what trains (the runs, their weights, whether and how fast
    /// they train), so a worker training them must be sent them again. Actions that only change
    /// what is shown do not, so pointing at units while training costs the worker nothing.
    pub fn moves_training(&self) -> bool {
        !matches!(
            self,
            Action::Refuse(_)
                | Action::Label(_)
                | Action::Spotlight(_)
                | Action::Show(_)
                | Action::Select(_)
                | Action::CycleEdges
                | Action::ToggleLogScale
                | Action::ToggleKeepWeights
                | Action::Dismiss
                | Action::GalleryA(_)
                | Action::ComputeLandscape
                | Action::Sample(_)
                | Action::Notify(_)
        )
    }
}

impl Workspace {
    /// Applies `action`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::TogglePlay => self.toggle_play(),
            Action::Step => self.step(),
            Action::Epoch => self.epoch(),
            Action::Reset => self.reset(),
            Action::NewWeights => self.new_weights(),
            Action::Configure(setup) => self.edit(|draft| *draft = *setup),
            Action::Refuse(reason) => self.problem = Some(reason),
            Action::ChooseData(generator) => self.choose_data(generator),
            Action::Label(label) => self.new_label = label,
            Action::SetWeight((l, i, j), value) => self.set_weight(l, i, j, value),
            Action::Spotlight(unit) => self.spotlight = unit,
            Action::Pace(pace) => self.pace = pace,
            Action::OpenDemo(demo) => self.open_demo(demo),
            Action::Show(panel) => self.panel = panel,
            Action::ToggleCompare => self.toggle_compare(),
            Action::Select(r) => self.select(r),
            Action::CycleEdges => self.edges = self.edges.next(),
            Action::ToggleLogScale => self.log_scale = !self.log_scale,
            Action::ToggleKeepWeights => self.keep_weights = !self.keep_weights,
            Action::Dismiss => self.notice = None,
            Action::GalleryA(a) => self.gallery_a = a,
            Action::ParityBits(bits) => self.set_parity_bits(bits),
            Action::ParityShape(width, depth) => self.set_parity_shape(width, depth),
            Action::ComputeLandscape => self.compute_landscape(),
            Action::Sample(k) => {
                let n = self.run().trainer.train_size().max(1);
                self.sample = k.clamp(1, n) - 1;
            }
            Action::ClickPlane {
                at: (x1, x2),
                reach,
            } => self.click_plane(x1, x2, reach),
            Action::OpenModel(text) => {
                if let Err(reason) = self.import_model(&text) {
                    self.notice = Some(format!(
                        "The file could not be opened because {reason}; the workspace is unchanged."
                    ));
                }
            }
            Action::Notify(message) => self.notice = Some(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Action;
    use crate::workspace::state::{Edges, Workspace};

    #[test]
    fn actions_change_the_workspace_as_their_names_say() {
        let mut w = Workspace::default();
        w.apply(Action::Epoch);
        assert_eq!(w.run().trainer.epoch(), 1);
        w.apply(Action::Reset);
        assert_eq!(w.run().trainer.epoch(), 0);
        w.apply(Action::CycleEdges);
        assert_eq!(w.edges, Edges::Gradient);
        // The training point is chosen from 1 and kept within the training set.
        w.apply(Action::Sample(3));
        assert_eq!(w.sample, 2);
        w.apply(Action::Sample(1_000_000));
        assert_eq!(w.sample, w.run().trainer.train_size() - 1);
        w.apply(Action::Sample(0));
        assert_eq!(w.sample, 0);
        // A configuration replaces the draft; one that cannot train is refused with a reason and
        // the run is kept.
        let mut setup = w.draft.clone();
        setup.hidden = vec![(3, setup.hidden[0].1)];
        w.apply(Action::Configure(Box::new(setup.clone())));
        assert_eq!(w.run().setup.hidden, setup.hidden);
        let mut broken = setup.clone();
        broken.learning_rate = f64::NAN;
        w.apply(Action::Configure(Box::new(broken)));
        assert!(w.problem.is_some());
        assert_eq!(w.run().setup, setup);
        // A model file that is not one leaves a notice and the workspace as it was.
        w.apply(Action::OpenModel("not json".into()));
        assert!(w.notice.as_deref().unwrap().contains("could not be opened"));
        assert_eq!(w.run().setup, setup);
        w.apply(Action::Dismiss);
        assert_eq!(w.notice, None);
    }
}
