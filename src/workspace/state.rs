//! The network workspace's state: one or two runs (a setup, its data, its trainer and where the
//! weights started), the setup being edited, and the view's switches. Plain Rust with no DOM, so
//! every transition is tested natively; the component holds it in a `RefCell` because training
//! mutates it in place sixty times a second.

use std::collections::BTreeMap;

use chainrule::nn::data::{DataSet, Generator, Sample, Task};
use chainrule::nn::expand::{expand, expand_batch, Expanded};
use chainrule::nn::landscape::Plane;
use chainrule::nn::mlp::Mlp;
use chainrule::nn::setup::{Fitting, Setup};
use chainrule::nn::train::{Status, Trainer};
use chainrule::render::number::count;
use chainrule::render::text::{excerpt, QUOTED};

use crate::session::MAX_NODES;

use super::link::{parse_setup, read_weights, setup_pairs, weights_text, Pairs};
use super::training::{self, Snapshot};

/// Most weight snapshots kept for the landscape's trajectory (thinned by half when full).
const PATH_LIMIT: usize = 256;
/// Networks larger than this keep no trajectory (the snapshots would take too much memory).
const PATH_PARAMETERS: usize = 20_000;

/// How much training one animation frame does (each capped by the frame's time budget).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Pace {
    /// One optimiser step per frame: slow enough to watch single updates.
    Step,
    /// One epoch per frame, as TensorFlow Playground does.
    Epoch,
    /// As many steps as the frame's budget allows.
    Fast,
}

impl Pace {
    /// All, in menu order.
    pub const ALL: [Pace; 3] = [Pace::Step, Pace::Epoch, Pace::Fast];

    /// Name in links and menus.
    pub fn name(self) -> &'static str {
        match self {
            Pace::Step => "step",
            Pace::Epoch => "epoch",
            Pace::Fast => "fast",
        }
    }

    /// The pace called `name`.
    pub fn from_name(name: &str) -> Option<Pace> {
        Pace::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// One network being trained.
#[derive(Clone, Debug)]
pub struct Run {
    /// What it is.
    pub setup: Setup,
    /// Its data.
    pub data: DataSet,
    /// Its network and optimiser.
    pub trainer: Trainer,
    /// The weights it started from (reset goes back to them).
    pub initial: Mlp,
    /// Snapshots of the weights along training, for the landscape's trajectory.
    pub path: Vec<Mlp>,
}

impl Run {
    /// A run at its initial weights, or what is wrong with the setup.
    pub fn new(setup: Setup) -> Result<Run, String> {
        let (data, mut trainer) = setup.build()?;
        trainer.record_now();
        let initial = trainer.mlp.clone();
        Ok(Run {
            path: vec![initial.clone()],
            setup,
            data,
            trainer,
            initial,
        })
    }

    /// Back to the initial weights, keeping the setup and the data.
    pub fn reset(&mut self) {
        let mut trainer = Trainer::new(self.initial.clone(), &self.data, self.setup.config());
        trainer.record_now();
        self.trainer = trainer;
        self.path = vec![self.initial.clone()];
    }

    /// One optimiser step, keeping a snapshot at each finished epoch.
    pub fn step(&mut self) {
        let epoch = self.trainer.epoch();
        self.trainer.step();
        if self.trainer.epoch() != epoch {
            self.remember();
        }
    }

    fn remember(&mut self) {
        // Checked before the copy: a large network's weights are not copied at every epoch.
        if self.trainer.mlp.parameter_count() <= PATH_PARAMETERS {
            self.keep_on_path(self.trainer.mlp.clone());
        }
    }

    /// Adds `weights` to the trajectory, halving it when full (a worker's reports carry only the
    /// weights its own `remember` kept).
    pub(crate) fn keep_on_path(&mut self, weights: Mlp) {
        if self.path.len() >= PATH_LIMIT {
            let mut k = 0;
            self.path.retain(|_| {
                k += 1;
                k % 2 == 1
            });
        }
        self.path.push(weights);
    }

    /// Whether training can go on.
    pub fn running(&self) -> bool {
        self.trainer.status == Status::Running
    }

    /// The whole input plane's extent for plots: the data's largest coordinate, with a margin.
    pub fn extent(&self) -> f64 {
        let largest = self
            .data
            .train
            .iter()
            .chain(&self.data.test)
            .flat_map(|s| s.x.iter().map(|v| v.abs()))
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        (largest * 1.1).max(1.0)
    }

    /// Training example `i` through the network and its loss as a scalar graph, unless that graph
    /// is larger than the step-through draws (then why not).
    pub fn expand(&self, i: usize) -> Option<Result<Expanded, String>> {
        let (x, y) = self.trainer.example(i)?;
        let mlp = &self.trainer.mlp;
        // Inputs, weights, a sum and an output per unit, y and ℓ: counted before building it.
        let nodes = x.len()
            + mlp.parameter_count()
            + mlp.layers.iter().map(|l| 2 * l.outputs).sum::<usize>()
            + 2;
        if nodes > MAX_NODES {
            return Some(Err(format!(
                "one example's pass through this network would have about {} nodes, and the step-through draws at most {}: a smaller network opens there",
                count(nodes),
                count(MAX_NODES)
            )));
        }
        Some(Ok(expand(mlp, x, y, self.setup.loss)))
    }

    /// The `k` training examples from `first` on (wrapping around the set) through the network,
    /// their losses and their mean as one scalar graph, the weights shared; unless that graph is
    /// larger than the step-through draws (then why not).
    pub fn expand_batch(&self, first: usize, k: usize) -> Option<Result<Expanded, String>> {
        let size = self.trainer.train_size();
        let k = k.clamp(1, size.max(1));
        let batch: Vec<(&[f64], f64)> = (0..k)
            .map(|s| self.trainer.example((first + s) % size.max(1)))
            .collect::<Option<_>>()?;
        let mlp = &self.trainer.mlp;
        // The weights once, and per sample its inputs, a sum and an output per unit, y and ℓ.
        let width = batch[0].0.len();
        let nodes = mlp.parameter_count()
            + k * (width + mlp.layers.iter().map(|l| 2 * l.outputs).sum::<usize>() + 2)
            + 1;
        if nodes > MAX_NODES {
            return Some(Err(format!(
                "a batch of {k} through this network would have about {} nodes, and the step-through draws at most {}: a smaller batch or network opens there",
                count(nodes),
                count(MAX_NODES)
            )));
        }
        Some(Ok(expand_batch(mlp, &batch, self.setup.loss)))
    }
}

/// What the diagram's edges show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edges {
    /// The weights w.
    Weights,
    /// ∂ℓ/∂w averaged over the training set.
    Gradient,
    /// ∂ℓ/∂w for the chosen training point (the one the stepper opens).
    SampleGradient,
}

impl Edges {
    /// The next in the cycle.
    pub fn next(self) -> Edges {
        match self {
            Edges::Weights => Edges::Gradient,
            Edges::Gradient => Edges::SampleGradient,
            Edges::SampleGradient => Edges::Weights,
        }
    }
}

/// Which demonstration of the lecture is open beside the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    /// None: the workspace alone.
    None,
    /// φ and φ' for the six activations.
    Gallery,
    /// Linear units collapse into one.
    Collapse,
    /// One hidden layer fitting a function of x.
    Universal,
    /// Parity: shallow and wide against deep and narrow.
    Parity,
    /// The loss around the current weights.
    Landscape,
}

impl Demo {
    /// All, in the lecture's order.
    pub const ALL: [Demo; 6] = [
        Demo::None,
        Demo::Gallery,
        Demo::Collapse,
        Demo::Universal,
        Demo::Parity,
        Demo::Landscape,
    ];

    /// Name in links.
    pub fn name(self) -> &'static str {
        match self {
            Demo::None => "none",
            Demo::Gallery => "gallery",
            Demo::Collapse => "collapse",
            Demo::Universal => "universal",
            Demo::Parity => "parity",
            Demo::Landscape => "landscape",
        }
    }

    /// Title in menus.
    pub fn title(self) -> &'static str {
        match self {
            Demo::None => "No demonstration",
            Demo::Gallery => "Activation functions",
            Demo::Collapse => "Linear units collapse",
            Demo::Universal => "Universal approximation",
            Demo::Parity => "Expressive efficiency (parity)",
            Demo::Landscape => "Loss landscape",
        }
    }

    /// The demonstration called `name`.
    pub fn from_name(name: &str) -> Option<Demo> {
        Demo::ALL.into_iter().find(|d| d.name() == name)
    }
}

/// The most weights the saved workspace keeps without being asked: about 400 KB of text, well
/// inside the browser's storage (a link with weights may still carry more, when asked).
const STORED_WEIGHTS: usize = 20_000;

/// What the region beside the settings shows: the network, or one of the views that share its
/// place (so none of them pushes the outputs off screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The diagram.
    Network,
    /// The lecture's backprop messages for one training point.
    Messages,
    /// The open demonstration, or the two runs compared.
    Demo,
}

impl Panel {
    /// Name in links.
    pub fn name(self) -> &'static str {
        match self {
            Panel::Network => "network",
            Panel::Messages => "messages",
            Panel::Demo => "demo",
        }
    }

    /// The panel opening `demo` shows: the demonstration, or the network when there is none.
    pub fn showing(demo: Demo) -> Panel {
        if demo == Demo::None {
            Panel::Network
        } else {
            Panel::Demo
        }
    }

    /// The panel called `name`.
    pub fn from_name(name: &str) -> Option<Panel> {
        [Panel::Network, Panel::Messages, Panel::Demo]
            .into_iter()
            .find(|p| p.name() == name)
    }
}

/// The loss on a plane through the weights, computed on request.
#[derive(Clone, Debug, PartialEq)]
pub struct Landscape {
    /// Mean loss, `size`×`size`, row by row from the top.
    pub grid: Vec<f64>,
    /// Grid points per side.
    pub size: usize,
    /// The plane spans [-span, span]² around the weights.
    pub span: f64,
    /// The training trajectory projected onto the plane.
    pub path: Vec<(f64, f64)>,
}

/// The whole workspace.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// One run, or two side by side.
    pub runs: Vec<Run>,
    /// The run the setup panel edits and the diagram shows.
    pub selected: usize,
    /// The setup as the user is editing it (may differ from the run's while it is not trainable).
    pub draft: Setup,
    /// What is wrong with the draft, if anything.
    pub problem: Option<String>,
    /// Whether training runs.
    pub playing: bool,
    /// How much training a frame does.
    pub pace: Pace,
    /// What the edges show.
    pub edges: Edges,
    /// The loss axis in log scale.
    pub log_scale: bool,
    /// The training example chosen for the one-sample views.
    pub sample: usize,
    /// The open demonstration.
    pub demo: Demo,
    /// What the region beside the settings shows.
    pub panel: Panel,
    /// The parameter a of leaky ReLU and ELU in the gallery.
    pub gallery_a: f64,
    /// Whether links carry the trained weights (the saved workspace keeps them anyway).
    pub keep_weights: bool,
    /// The label a click on the plane gives a new point (+1 or -1).
    pub new_label: f64,
    /// The points, noise, output and loss the user had for each data set shown before, so
    /// switching back restores them (by the data set's name).
    pub fittings: BTreeMap<&'static str, Fitting>,
    /// The unit whose map the output plot shows instead of the network's output while the
    /// pointer is on it in the diagram: (layer from 0, unit from 0).
    pub spotlight: Option<(usize, usize)>,
    /// The landscape, once computed, for the run it was computed for.
    pub landscape: Option<Landscape>,
    /// A message that is not about the setup (a broken link, a diverged run).
    pub notice: Option<String>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::with(vec![
            Run::new(Setup::default()).expect("the default setup trains")
        ])
    }
}

impl Workspace {
    fn with(runs: Vec<Run>) -> Workspace {
        Workspace {
            draft: runs[0].setup.clone(),
            runs,
            selected: 0,
            problem: None,
            playing: false,
            pace: Pace::Epoch,
            edges: Edges::Weights,
            log_scale: false,
            sample: 0,
            demo: Demo::None,
            panel: Panel::Network,
            gallery_a: 0.1,
            keep_weights: false,
            new_label: 1.0,
            fittings: BTreeMap::new(),
            spotlight: None,
            landscape: None,
            notice: None,
        }
    }

    /// The run the panel edits.
    pub fn run(&self) -> &Run {
        &self.runs[self.selected]
    }

    /// The run the panel edits, mutably.
    pub fn run_mut(&mut self) -> &mut Run {
        &mut self.runs[self.selected]
    }

    /// Changes the draft setup. If it is trainable it replaces the run: training settings (loss,
    /// optimiser, rate, batch, penalty) apply to the run in place and keep its weights; anything
    /// else starts the run afresh. If not, the run stays and the problem is shown.
    pub fn edit(&mut self, change: impl FnOnce(&mut Setup)) {
        change(&mut self.draft);
        let draft = self.draft.clone();
        let old = &self.run().setup;
        let same_network = Setup {
            loss: old.loss,
            optimizer: old.optimizer,
            learning_rate: old.learning_rate,
            batch_size: old.batch_size,
            regularization: old.regularization,
            ..draft.clone()
        } == *old;
        if let Err(reason) = draft.check() {
            self.problem = Some(reason);
            return;
        }
        if same_network {
            let run = self.run_mut();
            run.trainer.config = draft.config();
            run.setup = draft;
            self.problem = None;
            return;
        }
        match Run::new(draft) {
            Ok(run) => {
                self.runs[self.selected] = run;
                self.problem = None;
                self.landscape = None;
                self.sample = 0;
            }
            Err(reason) => self.problem = Some(reason),
        }
    }

    /// Back to the initial weights (every run).
    pub fn reset(&mut self) {
        for run in &mut self.runs {
            run.reset();
        }
        self.playing = false;
        self.landscape = None;
    }

    /// New initial weights: the next weight seed, every run.
    pub fn new_weights(&mut self) {
        let seed = self.draft.weight_seed.wrapping_add(1);
        for i in 0..self.runs.len() {
            let mut setup = self.runs[i].setup.clone();
            setup.weight_seed = seed;
            if let Ok(run) = Run::new(setup) {
                self.runs[i] = run;
            }
        }
        self.draft.weight_seed = seed;
        self.playing = false;
        self.landscape = None;
    }

    /// Starts or stops training.
    pub fn toggle_play(&mut self) {
        self.playing = !self.playing && self.runs.iter().any(Run::running);
    }

    /// One optimiser step of every run.
    pub fn step(&mut self) {
        for run in &mut self.runs {
            run.step();
        }
        self.after_training();
    }

    /// One epoch of every run.
    pub fn epoch(&mut self) {
        for run in &mut self.runs {
            let epoch = run.trainer.epoch();
            while run.running() && run.trainer.epoch() == epoch {
                run.step();
            }
        }
        self.after_training();
    }

    /// A frame's training at the current pace, stopping once `out_of_time` says so.
    pub fn advance(&mut self, out_of_time: impl FnMut() -> bool) {
        if !self.playing {
            return;
        }
        training::train_frame(&mut self.runs, self.pace, out_of_time);
        self.after_training();
    }

    /// Takes in what a worker's training did since the runs were sent to it.
    pub fn absorb(&mut self, snapshot: Snapshot) {
        if !self.playing {
            return;
        }
        for (run, report) in self.runs.iter_mut().zip(snapshot.reports) {
            run.absorb(report);
        }
        self.after_training();
    }

    fn after_training(&mut self) {
        if let Some(Status::Diverged(message)) = self
            .runs
            .iter()
            .map(|r| r.trainer.status.clone())
            .find(|s| *s != Status::Running)
        {
            self.playing = false;
            self.notice = Some(format!("Training stopped: {message}."));
        }
    }

    /// Switches the edited run to `generator`'s data, with the points, noise, output and loss
    /// the user last had for it, or else the ones it opens with; the outgoing set's are kept.
    pub fn choose_data(&mut self, generator: Generator) {
        let outgoing = self.draft.data.generator.name();
        self.fittings.insert(outgoing, Fitting::of(&self.draft));
        // A new file's rows open afresh: the last file's output may not fit its labels.
        let fitting = match &generator {
            Generator::Rows(_) => None,
            _ => self.fittings.get(generator.name()).cloned(),
        }
        .unwrap_or_else(|| Fitting::opening(&generator));
        self.edit(move |s| {
            s.data.generator = generator;
            fitting.apply(s);
        });
    }

    /// Side by side: a second run with the same setup (to change one thing), or back to one.
    pub fn toggle_compare(&mut self) {
        if self.runs.len() == 2 {
            self.runs.truncate(1);
            self.selected = 0;
        } else {
            let mut copy = self.runs[0].clone();
            copy.reset();
            self.runs.push(copy);
            self.selected = 1;
        }
        self.draft = self.run().setup.clone();
        self.problem = None;
    }

    /// Chooses which run the panel edits.
    pub fn select(&mut self, i: usize) {
        if i < self.runs.len() {
            self.selected = i;
            self.draft = self.run().setup.clone();
            self.problem = None;
        }
    }

    /// Sets one weight of the shown run: layer `l` (from 0), w_{i,j} (i = 0 the bias, j from 1).
    pub fn set_weight(&mut self, l: usize, i: usize, j: usize, value: f64) {
        if !value.is_finite() {
            return;
        }
        if let Some(layer) = self.run_mut().trainer.mlp.layers.get_mut(l) {
            if i <= layer.inputs && (1..=layer.outputs).contains(&j) {
                let k = i * layer.outputs + j - 1;
                layer.weights[k] = value;
            }
        }
    }

    /// A click on the plane at (x1, x2): removes the training point within `reach` of it, or adds
    /// one there with the chosen label.
    pub fn click_plane(&mut self, x1: f64, x2: f64, reach: f64) {
        if self.run().setup.raw_inputs() != 2 || self.run().setup.regression() {
            return;
        }
        let train = &self.run().data.train;
        let nearest = train
            .iter()
            .enumerate()
            .map(|(k, s)| (k, (s.x[0] - x1).hypot(s.x[1] - x2)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let label = self.new_label;
        match nearest {
            Some((k, d)) if d <= reach => {
                let kept = train.len() - self.draft.added.len();
                if k >= kept {
                    self.edit(|s| {
                        s.added.remove(k - kept);
                    });
                } else {
                    let original = original_index(&self.draft.removed, k);
                    self.edit(|s| s.removed.push(original));
                }
            }
            _ => self.edit(|s| {
                s.added.push(Sample {
                    x: vec![x1, x2],
                    y: label,
                })
            }),
        }
    }

    /// Parity with `bits` bits for both runs of the parity demonstration.
    pub fn set_parity_bits(&mut self, bits: usize) {
        if !(2..=12).contains(&bits) {
            self.problem = Some(format!("parity here takes 2 to 12 bits, not {bits}"));
            return;
        }
        let (shallow, deep) = parity_pair(bits);
        let (Ok(a), Ok(b)) = (Run::new(shallow), Run::new(deep)) else {
            return;
        };
        self.runs = vec![a, b];
        self.selected = 0;
        self.draft = self.runs[0].setup.clone();
        self.problem = None;
        self.playing = false;
    }

    /// The parity demonstration's shapes: run A's single hidden layer `width` units wide, run B
    /// `depth` layers as wide as the number of bits.
    pub fn set_parity_shape(&mut self, width: Option<usize>, depth: Option<usize>) {
        let bits = match self.runs[0].setup.data.generator {
            Generator::Parity { bits } => bits,
            _ => return,
        };
        let selected = self.selected;
        if let (Some(w), true) = (width, !self.runs.is_empty()) {
            self.select(0);
            self.edit(|s| s.hidden = vec![(w, chainrule::nn::activation::Activation::Tanh)]);
        }
        if let (Some(d), true) = (depth, self.runs.len() > 1) {
            self.select(1);
            self.edit(|s| s.hidden = vec![(bits, chainrule::nn::activation::Activation::Tanh); d]);
        }
        if self.problem.is_none() {
            self.select(selected);
        }
    }

    /// Opens a demonstration, setting the workspace up for it.
    pub fn open_demo(&mut self, demo: Demo) {
        self.demo = demo;
        self.panel = Panel::showing(demo);
        self.playing = false;
        let preset = |setup: Setup| Workspace::with(vec![Run::new(setup).expect("presets train")]);
        let base = Setup::default();
        let fresh = match demo {
            Demo::None | Demo::Gallery | Demo::Landscape => None,
            Demo::Collapse => Some(preset(Setup {
                data: chainrule::nn::data::DataSpec {
                    generator: Generator::Circle,
                    ..base.data.clone()
                },
                hidden: vec![(4, chainrule::nn::activation::Activation::Linear); 2],
                output: chainrule::nn::activation::Activation::Linear,
                ..base.clone()
            })),
            Demo::Universal => Some(preset(universal(6))),
            Demo::Parity => {
                let (shallow, deep) = parity_pair(PARITY_BITS);
                let mut w = preset(shallow);
                w.runs.push(Run::new(deep).expect("presets train"));
                w.pace = Pace::Fast;
                Some(w)
            }
        };
        if let Some(mut fresh) = fresh {
            fresh.demo = demo;
            fresh.panel = Panel::Demo;
            fresh.keep_weights = self.keep_weights;
            *self = fresh;
        }
    }

    /// Computes the loss landscape around the shown run's weights (41×41, span 1).
    pub fn compute_landscape(&mut self) {
        let run = self.run();
        let plane = Plane::random(&run.trainer.mlp, 7);
        let samples: Vec<Sample> = run.data.train.iter().take(250).cloned().collect();
        let size = 41;
        let span = 1.0;
        let grid = plane.grid(
            &samples,
            &run.setup.effective_features(),
            run.setup.loss,
            span,
            size,
        );
        let path = run.path.iter().map(|m| plane.project(m)).collect();
        self.landscape = Some(Landscape {
            grid,
            size,
            span,
            path,
        });
    }

    /// The workspace as URL pairs (with `view=net`), with the current weights if `weights` (a
    /// link has them when the user asks and training is still: while it runs they change every
    /// frame).
    pub fn to_pairs(&self, weights: bool) -> Pairs {
        let mut pairs = vec![("view".to_string(), "net".to_string())];
        for (run, prefix) in self.runs.iter().zip(["", "b."]) {
            pairs.extend(setup_pairs(&run.setup, prefix));
            if weights {
                pairs.push((format!("{prefix}w"), weights_text(&run.trainer.mlp)));
            }
        }
        if self.pace != Pace::Epoch {
            pairs.push(("pace".into(), self.pace.name().into()));
        }
        if self.demo != Demo::None {
            pairs.push(("demo".into(), self.demo.name().into()));
        }
        if self.panel != Panel::showing(self.demo) {
            pairs.push(("panel".into(), self.panel.name().into()));
        }
        pairs
    }

    /// The pairs the browser keeps for the next visit: the link's, with the weights whenever
    /// they are still (reloading keeps a trained network), and whether links carry them.
    pub fn stored_pairs(&self) -> Pairs {
        let parameters: usize = self
            .runs
            .iter()
            .map(|r| r.trainer.mlp.parameter_count())
            .sum();
        let mut pairs =
            self.to_pairs(!self.playing && (parameters <= STORED_WEIGHTS || self.keep_weights));
        pairs.push((
            "links-weights".into(),
            u8::from(self.keep_weights).to_string(),
        ));
        pairs
    }

    /// The workspace described by URL pairs, or why they do not describe one.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Workspace, String> {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let mut runs = vec![parse_setup(pairs, "")?];
        if pairs.iter().any(|(k, _)| k.starts_with("b.")) {
            runs.push(parse_setup(pairs, "b.")?);
        }
        let mut built = Vec::new();
        for (setup, prefix) in runs.into_iter().zip(["", "b."]) {
            let mut run = Run::new(setup).map_err(|e| format!("its data cannot be made ({e})"))?;
            if let Some(w) = get(&format!("{prefix}w")) {
                read_weights(w, &mut run.trainer.mlp)
                    .map_err(|e| format!("its weights do not fit ({e})"))?;
                run.initial = run.trainer.mlp.clone();
                run.reset();
            }
            built.push(run);
        }
        let mut workspace = Workspace::with(built);
        // A link carries weights only when asked to; the saved workspace always does, and says
        // whether its links should.
        workspace.keep_weights = match get("links-weights") {
            Some(flag) => flag == "1",
            None => get("w").is_some(),
        };
        if let Some(pace) = get("pace") {
            workspace.pace = Pace::from_name(pace)
                .ok_or_else(|| format!("its pace '{}' is unknown", excerpt(pace, QUOTED)))?;
        }
        if let Some(demo) = get("demo") {
            let demo = Demo::from_name(demo).ok_or_else(|| {
                format!("its demonstration '{}' is unknown", excerpt(demo, QUOTED))
            })?;
            // A bare `demo=universal` (a lesson stop, a hand-written link) sets the
            // demonstration up; a link that also describes the network keeps that network.
            let described = pairs.iter().any(|(k, _)| k == "data" || k == "layers");
            if described {
                workspace.demo = demo;
                workspace.panel = Panel::showing(demo);
            } else {
                workspace.open_demo(demo);
            }
        }
        if let Some(panel) = get("panel") {
            workspace.panel = Panel::from_name(panel)
                .ok_or_else(|| format!("its panel '{}' is unknown", excerpt(panel, QUOTED)))?;
        }
        Ok(workspace)
    }

    /// The workspace described by `pairs`, or the default with a notice saying why not.
    pub fn restore(pairs: Option<&[(String, String)]>, what: &str) -> Workspace {
        match pairs.map(Workspace::from_pairs) {
            None => Workspace::default(),
            Some(Ok(workspace)) => workspace,
            Some(Err(reason)) => Workspace {
                notice: Some(format!(
                    "The {what} could not be opened because {reason}; showing the default network instead."
                )),
                ..Workspace::default()
            },
        }
    }

    /// The shown run as a JSON file: its setup and its current weights.
    pub fn export_model(&self) -> String {
        let run = self.run();
        let file = ModelFile {
            format: MODEL_FORMAT.into(),
            setup: run.setup.clone(),
            network: run.trainer.mlp.clone(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// The shown run's data set as CSV: every point as the network's inputs see it, its label, and
    /// whether it trains or tests (see [`chainrule::nn::csv::write`]).
    pub fn export_data(&self) -> String {
        let run = self.run();
        let (label, labels) = match &run.setup.data.generator {
            Generator::Rows(rows) => (rows.label.as_str(), rows.labels.as_ref()),
            _ => ("label", None),
        };
        chainrule::nn::csv::write(&run.data, &run.setup.input_names(), label, labels)
    }

    /// Replaces the shown run with the model in `text` (as [`Workspace::export_model`] writes it),
    /// starting from its weights; or says why it cannot.
    pub fn import_model(&mut self, text: &str) -> Result<(), String> {
        // What serde says of a bad file can quote it: a few dozen characters of that at most.
        let file: ModelFile = serde_json::from_str(text).map_err(|e| {
            format!(
                "it is not a Chainrule model ({})",
                excerpt(&e.to_string(), 2 * QUOTED)
            )
        })?;
        if file.format != MODEL_FORMAT {
            return Err(format!(
                "its format '{}' is not {MODEL_FORMAT}",
                excerpt(&file.format, QUOTED)
            ));
        }
        let mut run = Run::new(file.setup)?;
        let fits = run.trainer.mlp.layers.len() == file.network.layers.len()
            && run
                .trainer
                .mlp
                .layers
                .iter()
                .zip(&file.network.layers)
                .all(|(a, b)| {
                    a.inputs == b.inputs
                        && a.outputs == b.outputs
                        && a.activation == b.activation
                        && a.weights.len() == b.weights.len()
                });
        if !fits {
            return Err("its weights do not fit its own setup".into());
        }
        if file
            .network
            .layers
            .iter()
            .flat_map(|l| &l.weights)
            .any(|w| !w.is_finite())
        {
            return Err("some of its weights are not numbers".into());
        }
        run.initial = file.network;
        run.reset();
        self.draft = run.setup.clone();
        self.runs[self.selected] = run;
        self.problem = None;
        self.playing = false;
        self.landscape = None;
        Ok(())
    }

    /// Whether the task is classification into ±1 (the only kind whose plane takes new points).
    pub fn binary(&self) -> bool {
        self.run().data.task == Task::Binary
    }
}

/// What a model file is, so other JSON is refused by name.
const MODEL_FORMAT: &str = "chainrule-model-1";
/// The largest model file read: a million weights (the most a setup has) written out in full.
pub const MAX_MODEL_BYTES: usize = 40_000_000;

/// A saved model: the setup that reproduces its data and shape, and its weights.
#[derive(serde::Serialize, serde::Deserialize)]
struct ModelFile {
    format: String,
    setup: Setup,
    network: Mlp,
}

/// The index in the generated training set of the `k`-th kept generated point, given which
/// generated points were removed.
fn original_index(removed: &[usize], k: usize) -> usize {
    let mut removed = removed.to_vec();
    chainrule::sort::sort_by_key(&mut removed, |&r| r);
    removed.dedup();
    let mut index = k;
    for r in removed {
        if r <= index {
            index += 1;
        }
    }
    index
}

/// The universal approximation demonstration: one hidden layer of `units` tanh neurons fitting
/// sin(2x) + x/2 on [-3, 3].
pub fn universal(units: usize) -> Setup {
    use chainrule::nn::activation::Activation;
    let base = Setup::default();
    Setup {
        data: chainrule::nn::data::DataSpec {
            generator: Generator::Function {
                expression: "sin(2x) + x/2".into(),
            },
            points: 200,
            noise: 0.0,
            train_fraction: 0.8,
            seed: 1,
        },
        hidden: vec![(units, Activation::Tanh)],
        output: Activation::Linear,
        optimizer: chainrule::nn::train::Optimizer::ADAM,
        learning_rate: 0.02,
        batch_size: 16,
        ..base
    }
}

/// Bits of the parity demonstration as it opens: 256 inputs, 64 of them held out.
pub const PARITY_BITS: usize = 8;

/// Parity on `bits` bits: one wide hidden layer (A) against three layers `bits` wide (B), the
/// wide one given as many units as makes its parameter count about the deep one's. A quarter of
/// the inputs are held out: both runs fit the rest, and the test accuracy shows which one learnt
/// parity rather than the points (on all 2ⁿ inputs both reach 100% and show nothing).
pub fn parity_pair(bits: usize) -> (Setup, Setup) {
    use chainrule::nn::activation::Activation;
    let base = Setup {
        data: chainrule::nn::data::DataSpec {
            generator: Generator::Parity { bits },
            points: 1 << bits,
            noise: 0.0,
            train_fraction: 0.75,
            seed: 1,
        },
        output: Activation::Tanh,
        optimizer: chainrule::nn::train::Optimizer::ADAM,
        learning_rate: 0.01,
        batch_size: 16,
        ..Setup::default()
    };
    // Deep: (bits+1)·bits twice more than once, plus the output: (bits+1)(3·bits+1) parameters.
    // Shallow with w units: w(bits+2) + 1.
    let width = ((bits + 1) * (3 * bits + 1) - 1) / (bits + 2);
    let shallow = Setup {
        hidden: vec![(width.max(1), Activation::Tanh)],
        ..base.clone()
    };
    let deep = Setup {
        hidden: vec![(bits, Activation::Tanh); 3],
        ..base
    };
    (shallow, deep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chainrule::nn::activation::Activation;

    /// The parity demonstration's claim, measured: over five seeds (each its own held-out
    /// quarter and its own initial weights), the deep run's test accuracy after 200 epochs is
    /// well above the shallow one's. Prints the README's table:
    /// `cargo test -p chainrule-web --lib parity_depth -- --nocapture`.
    #[test]
    fn parity_depth_wins_on_held_out_inputs() {
        let epochs = 200;
        let accuracy = |mut setup: Setup, seed: u64| {
            setup.data.seed = seed;
            setup.weight_seed = seed;
            let mut run = Run::new(setup).expect("the parity runs train");
            while run.running() && run.trainer.epoch() < epochs {
                run.step();
            }
            let last = run.trainer.history.last().expect("a record per epoch");
            (last.train_accuracy, last.test_accuracy)
        };
        let (shallow, deep) = parity_pair(PARITY_BITS);
        let parameters = |s: &Setup| Run::new(s.clone()).unwrap().trainer.mlp.parameter_count();
        println!(
            "| seed | A: 1 × {} ({} parameters), train / test | B: 3 × {} ({} parameters), train / test |",
            shallow.hidden[0].0,
            parameters(&shallow),
            PARITY_BITS,
            parameters(&deep)
        );
        println!("| ---: | ---: | ---: |");
        let percent = |v: f64| format!("{:.1}%", 100.0 * v);
        let (mut sum_a, mut sum_b) = (0.0, 0.0);
        for seed in 1..=5 {
            let (a, b) = (
                accuracy(shallow.clone(), seed),
                accuracy(deep.clone(), seed),
            );
            println!(
                "| {seed} | {} / {} | {} / {} |",
                percent(a.0),
                percent(a.1),
                percent(b.0),
                percent(b.1)
            );
            sum_a += a.1;
            sum_b += b.1;
        }
        let (mean_a, mean_b) = (sum_a / 5.0, sum_b / 5.0);
        println!("| mean test | {} | {} |", percent(mean_a), percent(mean_b));
        assert!(
            mean_b > mean_a + 0.1,
            "depth should win on held-out inputs by ten points: {mean_a} vs {mean_b}"
        );
    }

    #[test]
    fn changing_the_learning_rate_keeps_the_weights_and_changing_a_layer_starts_afresh() {
        let mut w = Workspace::default();
        w.epoch();
        let trained = w.run().trainer.mlp.clone();
        w.edit(|s| s.learning_rate = 0.1);
        assert_eq!(w.run().trainer.mlp, trained);
        assert_eq!(w.run().trainer.config.learning_rate, 0.1);
        w.edit(|s| s.hidden.push((3, Activation::Relu)));
        assert_eq!(w.run().trainer.epoch(), 0);
        assert_eq!(w.run().trainer.mlp.layers.len(), 4);
    }

    #[test]
    fn an_untrainable_draft_keeps_the_run_and_says_why() {
        let mut w = Workspace::default();
        let before = w.run().setup.clone();
        w.edit(|s| s.learning_rate = -1.0);
        assert!(w.problem.as_ref().unwrap().contains("learning rate"));
        assert_eq!(w.run().setup, before);
        assert_eq!(w.draft.learning_rate, -1.0);
        w.edit(|s| s.learning_rate = 0.01);
        assert_eq!(w.problem, None);
    }

    #[test]
    fn reset_returns_to_the_same_initial_weights_and_new_weights_differ() {
        let mut w = Workspace::default();
        let start = w.run().trainer.mlp.clone();
        w.epoch();
        assert_ne!(w.run().trainer.mlp, start);
        w.reset();
        assert_eq!(w.run().trainer.mlp, start);
        w.new_weights();
        assert_ne!(w.run().trainer.mlp, start);
        assert_eq!(w.draft.weight_seed, 2);
    }

    #[test]
    fn playing_advances_an_epoch_a_frame_and_stops_on_divergence() {
        let mut w = Workspace::default();
        w.toggle_play();
        w.advance(|| false);
        assert_eq!(w.run().trainer.epoch(), 1);
        w.edit(|s| {
            s.hidden = vec![(8, Activation::Relu); 3];
            s.output = Activation::Linear;
            s.learning_rate = 10.0;
        });
        w.playing = true;
        for _ in 0..20 {
            w.advance(|| false);
        }
        assert!(!w.playing);
        assert!(w
            .notice
            .as_ref()
            .unwrap()
            .contains("lower the learning rate"));
    }

    #[test]
    fn clicks_add_points_and_remove_the_nearest() {
        let mut w = Workspace::default();
        let n = w.run().data.train.len();
        w.click_plane(0.1, 0.1, 0.01);
        assert_eq!(w.run().data.train.len(), n + 1);
        w.click_plane(0.1, 0.1, 0.01);
        assert_eq!(w.run().data.train.len(), n);
        assert!(w.draft.added.is_empty());
        let third = w.run().data.train[3].clone();
        w.click_plane(third.x[0], third.x[1], 0.01);
        assert_eq!(w.run().data.train.len(), n - 1);
        assert!(!w.run().data.train.contains(&third));
        let next = w.run().data.train[3].clone();
        w.click_plane(next.x[0], next.x[1], 0.01);
        assert_eq!(w.run().data.train.len(), n - 2);
        assert!(!w.run().data.train.contains(&next));
    }

    #[test]
    fn two_runs_train_together_and_survive_a_link_with_weights() {
        let mut w = Workspace::default();
        w.toggle_compare();
        w.edit(|s| s.hidden[0].0 = 6);
        w.keep_weights = true;
        w.epoch();
        let back = Workspace::from_pairs(&w.to_pairs(true)).unwrap();
        assert_eq!(back.runs.len(), 2);
        assert_eq!(back.runs[1].setup.hidden[0].0, 6);
        for (a, b) in back.runs.iter().zip(&w.runs) {
            assert_eq!(a.trainer.mlp, b.trainer.mlp);
            assert_eq!(a.trainer.epoch(), 0);
        }
        assert!(back.keep_weights);
    }

    #[test]
    fn each_data_set_opens_with_its_own_settings_and_gets_back_the_users() {
        use chainrule::nn::activation::Activation;
        let mut w = Workspace::default();
        w.choose_data(Generator::Parity { bits: 4 });
        assert_eq!(w.run().setup.data.points, 16);
        w.choose_data(Generator::Plane);
        assert_eq!(w.run().setup.output, Activation::Linear);
        w.choose_data(Generator::Circle);
        assert_eq!(w.run().setup.data.points, 500, "no parity's 16 points");
        assert_eq!(
            w.run().setup.output,
            Activation::Tanh,
            "no plane's linear output"
        );
        w.edit(|s| s.data.points = 200);
        w.choose_data(Generator::Xor);
        assert_eq!(w.run().setup.data.points, 500);
        w.choose_data(Generator::Circle);
        assert_eq!(
            w.run().setup.data.points,
            200,
            "the user's choice for the circle"
        );
        assert!(w.problem.is_none());
    }

    #[test]
    fn the_saved_workspace_keeps_trained_weights_and_whether_links_carry_them() {
        let mut w = Workspace::default();
        w.epoch();
        assert!(!w.keep_weights);
        let link = w.to_pairs(w.keep_weights);
        assert!(link.iter().all(|(k, _)| k != "w"), "a link without weights");
        let back = Workspace::from_pairs(&w.stored_pairs()).unwrap();
        assert_eq!(back.run().trainer.mlp, w.run().trainer.mlp);
        assert!(!back.keep_weights, "its links still leave the weights out");
        w.playing = true;
        assert!(
            w.stored_pairs().iter().all(|(k, _)| k != "w"),
            "not written every frame while training"
        );
    }

    #[test]
    fn a_bare_demonstration_link_sets_it_up_and_a_full_one_keeps_its_network() {
        let bare = vec![
            ("view".to_string(), "net".to_string()),
            ("demo".into(), "universal".into()),
        ];
        let w = Workspace::from_pairs(&bare).unwrap();
        assert_eq!(w.demo, Demo::Universal);
        assert_eq!(w.run().setup.raw_inputs(), 1, "a function of x");
        let mut full = bare.clone();
        full.push(("layers".into(), "3:tanh".into()));
        let w = Workspace::from_pairs(&full).unwrap();
        assert_eq!(w.demo, Demo::Universal);
        assert_eq!(
            w.run().setup.hidden,
            [(3, chainrule::nn::activation::Activation::Tanh)]
        );
    }

    #[test]
    fn a_broken_link_gives_the_default_with_a_notice() {
        let pairs = vec![
            ("view".to_string(), "net".to_string()),
            ("lr".into(), "x".into()),
        ];
        let w = Workspace::restore(Some(&pairs), "link");
        assert!(w.notice.unwrap().contains("learning rate 'x'"));
        let pairs = vec![("data".to_string(), "function:sin(".to_string())];
        let w = Workspace::restore(Some(&pairs), "link");
        assert!(w.notice.unwrap().contains("cannot be made"));
    }

    #[test]
    fn the_presets_learn_what_the_lecture_says() {
        let mut universal = Run::new(universal(8)).unwrap();
        for _ in 0..300 {
            universal.step();
        }
        let record = universal.trainer.history.last().unwrap();
        assert!(record.test_loss < 0.05, "{}", record.test_loss);
        let mut w = Workspace::default();
        w.open_demo(Demo::Collapse);
        for _ in 0..30 {
            w.epoch();
        }
        assert!(
            w.run_mut().trainer.accuracy(false) < 0.75,
            "a linear network cannot fit the circle"
        );
        assert!(chainrule::nn::collapse::collapse(&w.run().trainer.mlp).is_some());
    }

    #[test]
    fn a_model_file_round_trips_and_bad_files_are_refused() {
        let mut w = Workspace::default();
        w.epoch();
        let text = w.export_model();
        let mut other = Workspace::default();
        other.import_model(&text).unwrap();
        assert_eq!(other.run().trainer.mlp, w.run().trainer.mlp);
        assert!(other
            .import_model("{")
            .unwrap_err()
            .contains("not a Chainrule model"));
        let wrong = text.replace("chainrule-model-1", "other");
        assert!(other.import_model(&wrong).unwrap_err().contains("format"));
        let mut small = Workspace::default();
        small.edit(|s| {
            s.hidden.pop();
        });
        let mismatched = small.export_model().replacen(
            "\"hidden\": [",
            "\"hidden\": [[3, {\"kind\": \"tanh\"}], ",
            1,
        );
        assert!(other
            .import_model(&mismatched)
            .unwrap_err()
            .contains("do not fit"));
    }

    #[test]
    fn a_files_rows_travel_in_the_model_file_however_many_and_export_as_csv() {
        let mut text = String::from("hours;score;passed\n");
        for i in 0..1500 {
            text.push_str(&format!(
                "{},5;{};{}\n",
                i % 10,
                i % 7,
                ["no", "yes"][i % 2]
            ));
        }
        let rows = chainrule::nn::csv::rows(
            &text,
            "exam.csv",
            &["hours", "score"],
            "passed",
            chainrule::nn::data::Scale::Range,
            chainrule::nn::setup::MAX_POINTS,
        )
        .unwrap();
        let mut w = Workspace::default();
        w.choose_data(Generator::Rows(Box::new(rows)));
        assert_eq!(w.problem, None);
        assert_eq!(w.run().data.train.len() + w.run().data.test.len(), 1500);
        w.epoch();
        // More rows than a link holds: the model file keeps them all, and its weights.
        let mut other = Workspace::default();
        other.import_model(&w.export_model()).unwrap();
        assert_eq!(other.run().setup, w.run().setup);
        assert_eq!(other.run().trainer.mlp, w.run().trainer.mlp);
        let csv = w.export_data();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("hours (range),score (range),passed,set"));
        assert_eq!(lines.count(), 1500);
        // A generated set's columns are x1 and x2, its labels ±1.
        let generated = Workspace::default().export_data();
        assert!(generated.starts_with("x1,x2,label,set\n"), "{generated}");
        assert!(generated
            .lines()
            .skip(1)
            .all(|l| l.contains(",1,") || l.contains(",-1,")));
    }

    #[test]
    fn parity_sets_a_wide_and_a_deep_network_of_about_the_same_size_side_by_side() {
        let mut w = Workspace::default();
        w.open_demo(Demo::Parity);
        w.set_parity_bits(6);
        let parameters = |w: &Workspace| -> Vec<usize> {
            w.runs
                .iter()
                .map(|r| r.trainer.mlp.parameter_count())
                .collect()
        };
        assert_eq!(parameters(&w), [129, 133]);
        for _ in 0..300 {
            w.epoch();
        }
        assert!(
            w.runs[1].trainer.accuracy(true) > 0.95,
            "three layers of 6 learn 6-bit parity"
        );
        w.set_parity_shape(Some(3), Some(2));
        assert_eq!(parameters(&w), [3 * 8 + 1, 7 * 6 + 7 * 6 + 7]);
        assert_eq!(w.runs[1].trainer.epoch(), 0, "a new shape starts afresh");
        w.set_parity_bits(40);
        assert!(w.problem.as_ref().unwrap().contains("2 to 12 bits"));
    }

    #[test]
    fn the_one_sample_graph_has_the_lectures_names() {
        let w = Workspace::default();
        let expanded = w.run().expand(0).unwrap().unwrap();
        let names: Vec<&str> = expanded
            .graph
            .inputs()
            .iter()
            .map(|&i| expanded.graph.name(i))
            .collect();
        assert!(names.contains(&"w^{2}_{1,1}"));
        assert_eq!(expanded.graph.name(expanded.graph.output()), "ℓ");
    }
}
