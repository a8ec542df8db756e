//! What the user is working on: the expression as typed, the last expression that parsed (with
//! its graph, trace and layout), the current error, the variables' values, and where the stepper
//! stands. Plain Rust, no DOM, so every transition is testable natively.

use std::rc::Rc;

use chainrule::descent::{Descent, ParameterUpdate, DEFAULT_RATE};
use chainrule::exercise::exercise;
use chainrule::expr::ParseError;
use chainrule::layout::{folded, layout as layout_graph, Layout, Spacing};
use chainrule::nn::train::Optimizer;
use chainrule::practice::{self, Question};
use chainrule::render::number::count;
use chainrule::surface::CLASSICS;
use chainrule::trace::Step;
use chainrule::{Bindings, Graph, NodeId, Sharing, Trace};
use yew::Reducible;

use crate::examples::EXAMPLES;

/// A value given to a variable the user has not set yet.
pub const DEFAULT_VALUE: f64 = 1.0;

/// Room for a node's operation circle, result box and labels (see the graph's geometry): a
/// column holds labels ten characters wide at presentation type, so the lecture's example fits a
/// projector whole beside its derivation.
const SPACING: Spacing = Spacing {
    layer: 146.0,
    node: 120.0,
    margin: 76.0,
};

/// The largest graph the step-through lays out, draws and walks: chosen from measurements so that
/// opening it keeps the page answering within a second (see the README's limits). Larger graphs
/// are refused in words; the command line traces them.
pub const MAX_NODES: usize = 20_000;

/// The longest text the expression field takes: a graph of [`MAX_NODES`] nodes is written in far
/// less, and a browser lays out every character of a field each time the page changes.
pub const MAX_FIELD_BYTES: usize = 256 * 1024;

/// Animation speeds offered, in steps per second.
pub const SPEEDS: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 10.0];

/// An expression that parsed, with everything drawn from it at the current values.
#[derive(Clone, Debug)]
pub struct Model {
    /// The text it was parsed from.
    pub source: String,
    /// Its computational graph.
    pub graph: Rc<Graph>,
    /// Both passes at the current values.
    pub trace: Rc<Trace>,
    /// Where each node and edge is drawn.
    pub layout: Rc<Layout>,
    /// Each node's place in the walk: the step after which its value is known (inputs and
    /// constants: 0), and the step after which its adjoint is known (None for constants).
    pub known_at: Rc<Vec<(usize, Option<usize>)>>,
}

/// Two models are the same when they share their graph, trace and layout: comparing by pointer
/// keeps every render's props check constant-time, however large the graph.
impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.graph, &other.graph)
            && Rc::ptr_eq(&self.trace, &other.trace)
            && Rc::ptr_eq(&self.layout, &other.layout)
            && self.source == other.source
    }
}

impl Model {
    fn new(source: String, graph: Rc<Graph>, inputs: &[f64], layout: Option<Rc<Layout>>) -> Model {
        let trace = Rc::new(Trace::with_inputs(&graph, inputs));
        let layout = layout.unwrap_or_else(|| Rc::new(layout_graph(&graph, SPACING)));
        let mut known_at = vec![(0, None); graph.len()];
        for (i, step) in trace.forward().enumerate() {
            known_at[step.node.index()].0 = i + 1;
        }
        let forward = trace.forward_count();
        for (j, step) in trace.backward().enumerate() {
            known_at[step.node.index()].1 = Some(forward + j + 1);
        }
        Model {
            source,
            graph,
            trace,
            layout,
            known_at: Rc::new(known_at),
        }
    }

    /// Whether node `id`'s value is shown when `cursor` steps are done.
    pub fn value_known(&self, id: NodeId, cursor: usize) -> bool {
        self.known_at[id.index()].0 <= cursor
    }

    /// Whether node `id`'s adjoint is shown when `cursor` steps are done.
    pub fn adjoint_known(&self, id: NodeId, cursor: usize) -> bool {
        self.known_at[id.index()].1.is_some_and(|at| at <= cursor)
    }
}

/// A parse error, ready to show: the message and where the caret goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// `error at column 12: expected ')' ...`
    pub message: String,
    /// The text the error is about.
    pub source: String,
    /// 1-based column of the caret.
    pub column: usize,
    /// How many characters the caret underlines.
    pub width: usize,
}

/// Why a graph of `nodes` nodes is not drawn.
pub fn too_large(nodes: usize) -> String {
    format!(
        "this expression's graph has {} nodes; the step-through draws at most {}, so its last graph stays on screen (the command line traces it: chainrule trace)",
        count(nodes),
        count(MAX_NODES)
    )
}

impl Problem {
    fn new(error: &ParseError, source: &str) -> Self {
        Problem {
            message: error.message(source),
            source: source.to_string(),
            column: error.span.column(source),
            width: error.span.width(source),
        }
    }
}

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The next theme in the cycle auto -> light -> dark -> auto.
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }

    /// The name used in URLs and on the page.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme called `name`.
    pub fn from_name(name: &str) -> Option<Theme> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

/// The whole state of the expression workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// The text in the expression field, exactly as typed.
    pub source: String,
    /// Merged graph or tree.
    pub sharing: Sharing,
    /// Every variable's value, including variables of earlier expressions (so they come back).
    pub values: Bindings,
    /// The last expression that parsed; stays on screen while the text has an error.
    pub model: Option<Model>,
    /// What is wrong with the current text, if anything.
    pub problem: Option<Problem>,
    /// How many steps of the walk are done: 0 is before the first forward step.
    pub cursor: usize,
    /// Whether the animation runs.
    pub playing: bool,
    /// Animation speed, in steps per second.
    pub speed: f64,
    /// The node the pointer is over (in the graph or the derivation), highlighted in both.
    pub hovered: Option<NodeId>,
    /// The node last clicked in the graph, highlighted until another click.
    pub selected: Option<NodeId>,
    /// Large type, high contrast, minimal controls.
    pub presentation: bool,
    /// The colour theme.
    pub theme: Theme,
    /// Whether the gradient check is shown.
    pub show_check: bool,
    /// A message for the user that is not an error in their expression (a broken link, say).
    pub notice: Option<String>,
    /// What the graph on screen is when it was not typed (one network example's pass), if so.
    pub network: Option<String>,
    /// Practice mode, when on: the student answers each step before it is shown.
    pub practice: Option<Practice>,
    /// Gradient descent, when on: the walk gains an update phase after the backward pass.
    pub descent: Option<Descent>,
    /// The optimisers' paths over the surface of a function of two variables.
    pub paths: Paths,
}

/// Gradient descent's paths over a surface: where they start and each optimiser's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paths {
    /// Where they start (None: the variables' current values).
    pub start: Option<(f64, f64)>,
    /// η of SGD, momentum and Adam.
    pub rates: [f64; 3],
    /// Momentum's β.
    pub beta: f64,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            start: None,
            rates: [0.05, 0.02, 0.05],
            beta: 0.9,
        }
    }
}

/// How a student has done in practice: each question counted once, when it is finished.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Answered right at the first try.
    pub first_time: usize,
    /// Answered right after one or more wrong answers (and their hints).
    pub after_hints: usize,
    /// Revealed.
    pub revealed: usize,
}

impl Score {
    /// Questions answered right, at the first try or later.
    pub fn right(&self) -> usize {
        self.first_time + self.after_hints
    }

    /// Questions finished.
    pub fn total(&self) -> usize {
        self.right() + self.revealed
    }
}

/// The last answer's outcome, shown until the next.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    /// Right (or revealed: `None`), or wrong.
    pub correct: Option<bool>,
    /// What to tell the student.
    pub message: String,
}

/// Practice mode's state: which question of the step at the cursor is asked, and how it went.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Practice {
    /// The question asked, among those of the step at the cursor.
    pub part: usize,
    /// Whether the question asked has had a wrong answer.
    pub missed: bool,
    /// The last answer's outcome.
    pub feedback: Option<Feedback>,
    /// The score so far.
    pub score: Score,
    /// The exercise on screen, if it is one: its seed and level.
    pub exercise: Option<(u64, usize)>,
}

/// Everything a user can do to a session.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The expression text changed.
    Edit(String),
    /// Load one of the examples, with its values, at the start of the walk.
    Example(usize),
    /// A variable's value changed.
    SetValue(String, f64),
    /// One step forward (+1) or back (-1).
    Step(isize),
    /// Go to a position in the walk.
    JumpTo(usize),
    /// Go to the end of the forward pass.
    ToForwardEnd,
    /// Go to the end of the walk.
    ToEnd,
    /// Start or stop the animation.
    TogglePlay,
    /// The animation's clock ticked: one step, stopping at the end.
    Tick,
    /// Set the animation speed.
    SetSpeed(f64),
    /// Switch between the merged graph and the tree.
    ToggleSharing,
    /// The pointer entered or left a node or a derivation line.
    Hover(Option<NodeId>),
    /// A node was clicked (or, None, the empty drawing).
    Select(Option<NodeId>),
    /// Presentation mode on or off.
    TogglePresentation,
    /// Next colour theme.
    CycleTheme,
    /// Show or hide the gradient check.
    ToggleCheck,
    /// Hide the notice.
    DismissNotice,
    /// Tell the user something that is not about their expression.
    Notify(String),
    /// Replace what is on screen with another session's expression, values and position (a
    /// lesson stop), keeping the viewer's theme, presentation mode and speed.
    Load(Box<Session>),
    /// Practice mode on or off.
    TogglePractice,
    /// The student's answer to the question asked.
    Answer(String),
    /// Shows the answer to the question asked (counted as revealed).
    Reveal,
    /// Opens the practice exercise made from a seed at a level (seed 0: the lecture's), in
    /// practice mode, at the start of the walk.
    OpenExercise {
        /// The seed.
        seed: u64,
        /// The level, 1 to 5.
        level: usize,
    },
    /// Gradient descent on or off: the update phase after the backward pass.
    ToggleDescent,
    /// A variable learns (true) or stays fixed.
    SetLearned(String, bool),
    /// The learning rate η.
    SetRate(f64),
    /// The optimiser of the update phase (its state starts again).
    SetOptimizer(Optimizer),
    /// Makes the updates and runs the forward pass at the new values: the next iteration.
    Iterate,
    /// Sets the parameters back to their values before the first iteration.
    RestartDescent,
    /// New settings for the paths over the surface (a dragged start, a rate, β).
    SetPaths(Paths),
    /// Opens one of the classic surfaces for optimisers, its paths at their start.
    Classic(usize),
    /// A batch's graph with one point's pass drawn open and the others folded into their
    /// losses (None: every point open).
    Fold(Option<usize>),
    /// The next point open (after the last, every point), as `f` asks.
    NextFold,
    /// Show a graph that was not typed (one network example's pass and loss), described by
    /// `title`, with its inputs' values, at the start of the walk.
    OpenGraph {
        /// What it is, in words.
        title: String,
        /// The graph.
        graph: Rc<Graph>,
        /// Its inputs' values, in the graph's input order.
        inputs: Vec<f64>,
        /// Whether to open it in practice mode (else as practice was).
        practise: bool,
    },
}

impl Default for Session {
    fn default() -> Self {
        let lecture = &EXAMPLES[0];
        Session::new(
            lecture.source,
            Bindings::from_pairs(lecture.values.iter().copied()),
        )
    }
}

impl Session {
    /// A session showing `source` with the given values, at the start of the walk.
    pub fn new(source: &str, values: Bindings) -> Self {
        let mut session = Session {
            source: String::new(),
            sharing: Sharing::Merged,
            values,
            model: None,
            problem: None,
            cursor: 0,
            playing: false,
            speed: 1.0,
            hovered: None,
            selected: None,
            presentation: false,
            theme: Theme::Auto,
            show_check: false,
            notice: None,
            network: None,
            practice: None,
            descent: None,
            paths: Paths::default(),
        };
        session.edit(source);
        session
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        let asked = self.asked_at();
        if self.practice.is_some() && self.held_by_practice(&action) {
            if let Some(p) = &mut self.practice {
                p.feedback = Some(Feedback {
                    correct: Some(false),
                    message: "Answer the question or reveal it to move on.".into(),
                });
            }
            return;
        }
        self.act(action);
        if self.asked_at() != asked {
            if let Some(p) = &mut self.practice {
                p.part = 0;
                p.missed = false;
            }
        }
    }

    /// Where the walk stands, and on which trace: a change of either asks afresh.
    fn asked_at(&self) -> (usize, Option<*const Trace>) {
        (
            self.cursor,
            self.model.as_ref().map(|m| Rc::as_ptr(&m.trace)),
        )
    }

    /// Whether practice keeps `action` from moving the walk on past an unanswered question.
    fn held_by_practice(&self, action: &Action) -> bool {
        // The update phase asks nothing: only an unanswered question holds the walk.
        let ahead = |position: usize| position > self.cursor && self.question().is_some();
        match action {
            Action::Step(delta) => *delta > 0 && ahead(self.cursor + 1),
            Action::JumpTo(position) => ahead(*position),
            Action::ToForwardEnd => ahead(self.forward_count()),
            Action::ToEnd => ahead(self.step_count()),
            Action::TogglePlay => !self.playing,
            _ => false,
        }
    }

    /// The question asked now, in practice mode.
    pub fn question(&self) -> Option<Question> {
        let practice = self.practice.as_ref()?;
        let model = self.model.as_ref()?;
        practice::questions(&model.graph, &model.trace, self.cursor)
            .get(practice.part)
            .copied()
    }

    /// The question asked is finished (answered right, or revealed): the next one of the step is
    /// asked, or, after the step's last, the step is done and shown.
    fn finish_question(&mut self) {
        let Some(model) = &self.model else {
            return;
        };
        let parts = practice::questions(&model.graph, &model.trace, self.cursor).len();
        let Some(p) = &mut self.practice else {
            return;
        };
        p.missed = false;
        if p.part + 1 < parts {
            p.part += 1;
        } else {
            p.part = 0;
            self.cursor = (self.cursor + 1).min(self.step_count());
        }
    }

    fn act(&mut self, action: Action) {
        if let (Action::Edit(_) | Action::Example(_) | Action::OpenGraph { .. }, Some(p)) =
            (&action, &mut self.practice)
        {
            p.exercise = None;
        }
        match action {
            Action::OpenExercise { seed, level } => {
                let made = exercise(seed, level);
                for (name, value) in &made.values {
                    self.values.set(name, *value);
                }
                self.edit(&made.source);
                self.cursor = 0;
                self.playing = false;
                self.practice = Some(Practice {
                    exercise: Some((made.seed, made.level)),
                    ..Practice::default()
                });
            }
            Action::TogglePractice => {
                self.practice = match self.practice {
                    Some(_) => None,
                    None => Some(Practice::default()),
                };
                self.playing = false;
            }
            Action::Answer(text) => {
                let (Some(question), Some(model)) = (self.question(), &self.model) else {
                    return;
                };
                let verdict = practice::check(&model.graph, &model.trace, &question, &text);
                let Some(p) = &mut self.practice else {
                    return;
                };
                p.feedback = Some(Feedback {
                    correct: Some(verdict.correct),
                    message: verdict.message,
                });
                if !verdict.correct {
                    p.missed = true;
                    return;
                }
                if p.missed {
                    p.score.after_hints += 1;
                } else {
                    p.score.first_time += 1;
                }
                self.finish_question();
            }
            Action::Reveal => {
                let (Some(question), Some(model)) = (self.question(), &self.model) else {
                    return;
                };
                let shown = practice::solution(&model.graph, &question);
                if let Some(p) = &mut self.practice {
                    p.score.revealed += 1;
                    p.feedback = Some(Feedback {
                        correct: None,
                        message: format!("The answer: {shown}."),
                    });
                }
                self.finish_question();
            }
            Action::ToggleDescent => {
                self.descent = match self.descent {
                    Some(_) => None,
                    None => self.model.as_ref().map(|m| {
                        Descent::new(
                            Optimizer::Sgd,
                            DEFAULT_RATE,
                            Descent::default_parameters(&m.graph),
                        )
                    }),
                };
                self.cursor = self.cursor.min(self.step_count());
            }
            Action::SetLearned(name, learns) => {
                if let Some(d) = &mut self.descent {
                    if learns {
                        d.parameters.insert(name);
                    } else {
                        d.parameters.remove(&name);
                    }
                }
                self.cursor = self.cursor.min(self.step_count());
            }
            Action::SetRate(rate) => {
                if let Some(d) = self
                    .descent
                    .as_mut()
                    .filter(|_| rate.is_finite() && rate > 0.0)
                {
                    d.rate = rate;
                }
            }
            Action::SetOptimizer(optimizer) => {
                if let Some(d) = &mut self.descent {
                    d.set_optimizer(optimizer);
                }
            }
            Action::Iterate => {
                let (Some(d), Some(model)) = (&mut self.descent, &self.model) else {
                    return;
                };
                let iteration = d.iterate(&model.graph, &model.trace);
                for (&id, &value) in model.graph.inputs().iter().zip(&iteration.inputs) {
                    self.values.set(model.graph.name(id), value);
                }
                self.playing = false;
                self.retrace();
                // The forward pass at the new values is done: the new loss is on screen.
                self.cursor = self.forward_count();
            }
            Action::RestartDescent => {
                if let Some(d) = &mut self.descent {
                    for (name, value) in d.restart() {
                        self.values.set(&name, value);
                    }
                    self.retrace();
                    self.cursor = self.forward_count();
                }
            }
            Action::SetPaths(paths) => {
                let valid = paths.rates.iter().all(|r| r.is_finite() && *r > 0.0)
                    && (0.0..1.0).contains(&paths.beta)
                    && paths
                        .start
                        .is_none_or(|(x, y)| x.is_finite() && y.is_finite());
                if valid {
                    self.paths = paths;
                }
            }
            Action::Classic(k) => {
                if let Some(classic) = CLASSICS.get(k) {
                    self.values.set("x", classic.start.0);
                    self.values.set("y", classic.start.1);
                    self.edit(classic.source);
                    self.paths = Paths {
                        start: None,
                        rates: classic.rates,
                        ..Paths::default()
                    };
                    self.cursor = 0;
                    self.playing = false;
                }
            }
            Action::Edit(text) => {
                if self.network.is_some() {
                    self.cursor = 0;
                }
                self.edit(&text)
            }
            Action::Example(i) => {
                if let Some(example) = EXAMPLES.get(i) {
                    for &(name, value) in example.values {
                        self.values.set(name, value);
                    }
                    self.edit(example.source);
                    self.cursor = 0;
                    self.playing = false;
                }
            }
            Action::SetValue(name, value) => {
                self.values.set(&name, value);
                self.retrace();
            }
            Action::Step(delta) => {
                self.playing = false;
                self.step_by(delta);
            }
            Action::JumpTo(position) => {
                self.playing = false;
                self.move_to(position);
            }
            Action::ToForwardEnd => {
                self.playing = false;
                self.move_to(self.forward_count());
            }
            Action::ToEnd => {
                self.playing = false;
                self.move_to(self.step_count());
            }
            Action::TogglePlay => {
                if !self.playing && self.cursor >= self.step_count() {
                    self.cursor = 0;
                }
                self.playing = !self.playing && self.step_count() > 0;
            }
            Action::Tick => {
                if self.playing {
                    self.step_by(1);
                    self.playing = self.cursor < self.step_count();
                }
            }
            Action::SetSpeed(speed) => {
                if speed.is_finite() && speed > 0.0 {
                    self.speed = speed;
                }
            }
            Action::ToggleSharing => {
                self.sharing = match self.sharing {
                    Sharing::Merged => Sharing::Tree,
                    Sharing::Tree => Sharing::Merged,
                };
                if let Some(model) = &self.model {
                    let source = model.source.clone();
                    if let Ok(graph) = Graph::parse(&source, self.sharing) {
                        self.model = Some(self.model_for(source, Rc::new(graph), None));
                        self.cursor = self.cursor.min(self.step_count());
                        self.hovered = None;
                        self.selected = None;
                    }
                }
            }
            Action::Hover(node) => self.hovered = node,
            Action::Select(node) => self.selected = node,
            Action::TogglePresentation => self.presentation = !self.presentation,
            Action::CycleTheme => self.theme = self.theme.next(),
            Action::ToggleCheck => self.show_check = !self.show_check,
            Action::DismissNotice => self.notice = None,
            Action::Notify(message) => self.notice = Some(message),
            Action::Load(next) => {
                let (theme, presentation, speed) = (self.theme, self.presentation, self.speed);
                let practice = self.practice.take();
                *self = *next;
                self.theme = theme;
                self.presentation = presentation;
                self.speed = speed;
                self.practice = practice;
            }
            Action::Fold(open) => self.fold_to(open),
            Action::NextFold => {
                let next = match self.fold() {
                    None => 0,
                    Some(g) => g + 1,
                };
                self.fold_to((next < self.groups()).then_some(next));
            }
            Action::OpenGraph {
                title,
                graph,
                inputs,
                practise,
            } => {
                if practise && self.practice.is_none() {
                    self.practice = Some(Practice::default());
                }
                for (&id, &value) in graph.inputs().iter().zip(&inputs) {
                    self.values.set(graph.name(id), value);
                }
                self.network = Some(title.clone());
                self.problem = None;
                self.hovered = None;
                self.selected = None;
                self.playing = false;
                self.cursor = 0;
                self.model = Some(self.model_for(title, graph, None));
                self.descend_anew();
            }
        }
    }

    fn move_to(&mut self, position: usize) {
        self.cursor = position.min(self.step_count());
    }

    /// One step by `delta` (±1). With a batch folded, the steps inside the folded points are
    /// passed over (their losses' steps stay), unless practising: the student computes every one.
    fn step_by(&mut self, delta: isize) {
        let end = self.step_count();
        let mut position = self.cursor.saturating_add_signed(delta).min(end);
        if self.practice.is_none() {
            while position > 0 && position < end && self.folded_away(position - 1) {
                position = position.saturating_add_signed(delta);
            }
        }
        self.move_to(position);
    }

    /// Whether the walk's step `i` is at a node drawn folded into its point's loss.
    fn folded_away(&self, i: usize) -> bool {
        let Some(model) = &self.model else {
            return false;
        };
        let (Some(fold), Some(step)) = (&model.layout.fold, model.trace.step(i)) else {
            return false;
        };
        let node = match step {
            Step::Forward(s) => s.node,
            Step::Backward(s) => s.node,
        };
        fold.shown_as[node.index()] != node
    }

    fn edit(&mut self, text: &str) {
        if text.len() > MAX_FIELD_BYTES {
            // Refused whole: the field keeps what it held, and the graph stays.
            self.problem = Some(Problem {
                message: format!(
                    "the text is {} KB long; the step-through takes expressions of at most {} KB (the command line takes up to 4 MB)",
                    text.len() / 1024,
                    MAX_FIELD_BYTES / 1024
                ),
                source: String::new(),
                column: 1,
                width: 0,
            });
            return;
        }
        self.source = text.to_string();
        self.network = None;
        match Graph::parse(text, self.sharing) {
            Ok(graph) if graph.len() > MAX_NODES => {
                self.problem = Some(Problem {
                    message: too_large(graph.len()),
                    source: String::new(),
                    column: 1,
                    width: 0,
                });
            }
            Ok(graph) => {
                for &input in graph.inputs() {
                    let name = graph.name(input);
                    if self.values.get(name).is_none() {
                        self.values.set(name, DEFAULT_VALUE);
                    }
                }
                self.problem = None;
                self.hovered = None;
                self.selected = None;
                let changed = self.model.as_ref().is_none_or(|m| m.source != text);
                self.model = Some(self.model_for(text.to_string(), Rc::new(graph), None));
                if changed {
                    self.descend_anew();
                    self.paths.start = None;
                }
                self.cursor = self.cursor.min(self.step_count());
            }
            Err(error) => self.problem = Some(Problem::new(&error, text)),
        }
    }

    /// A new function: descent (when on) starts afresh on it, with its default parameters and the
    /// same optimiser and rate; the last function's loss history means nothing here.
    fn descend_anew(&mut self) {
        if let (Some(d), Some(model)) = (&self.descent, &self.model) {
            self.descent = Some(Descent::new(
                d.optimizer,
                d.rate,
                Descent::default_parameters(&model.graph),
            ));
        }
    }

    /// Recomputes the trace at the current values; the graph and its layout stay.
    fn retrace(&mut self) {
        if let Some(model) = self.model.take() {
            let layout = Some(model.layout.clone());
            self.model = Some(self.model_for(model.source, model.graph, layout));
        }
    }

    /// How many points (groups) the graph can fold: a batch's samples, else 0.
    pub fn groups(&self) -> usize {
        self.model
            .as_ref()
            .and_then(|m| m.graph.arrangement())
            .map_or(0, |a| a.groups.len())
    }

    /// The point drawn open while the others are folded (None: all open).
    pub fn fold(&self) -> Option<usize> {
        let model = self.model.as_ref()?;
        model.layout.fold.as_ref().map(|f| f.open)
    }

    /// Draws the point `open` open and the others folded (None: all open); the walk stays.
    fn fold_to(&mut self, open: Option<usize>) {
        let groups = self.groups();
        let Some(model) = &mut self.model else {
            return;
        };
        let layout = match open.filter(|&g| g < groups) {
            Some(g) => folded(&model.graph, g, SPACING),
            None => layout_graph(&model.graph, SPACING),
        };
        model.layout = Rc::new(layout);
    }

    fn model_for(&self, source: String, graph: Rc<Graph>, layout: Option<Rc<Layout>>) -> Model {
        let inputs: Vec<f64> = graph
            .inputs()
            .iter()
            .map(|&id| self.values.get(graph.name(id)).unwrap_or(DEFAULT_VALUE))
            .collect();
        Model::new(source, graph, &inputs, layout)
    }

    /// How many steps the walk has (0 without a model): both passes, then one update per
    /// parameter when gradient descent is on.
    pub fn step_count(&self) -> usize {
        self.passes_count() + self.learned().len()
    }

    /// How many steps the two passes have (the update phase follows them).
    pub fn passes_count(&self) -> usize {
        self.model.as_ref().map_or(0, |m| m.trace.step_count())
    }

    /// The parameters that learn, in the graph's input order (none while descent is off).
    pub fn learned(&self) -> Vec<NodeId> {
        let (Some(d), Some(model)) = (&self.descent, &self.model) else {
            return Vec::new();
        };
        model
            .graph
            .inputs()
            .iter()
            .copied()
            .filter(|&id| d.parameters.contains(model.graph.name(id)))
            .collect()
    }

    /// The update phase's steps, in the graph's input order: what the next iteration does to
    /// each parameter (empty while descent is off).
    pub fn updates(&self) -> Vec<ParameterUpdate> {
        match (&self.descent, &self.model) {
            (Some(d), Some(model)) => d.updates(&model.graph, &model.trace),
            _ => Vec::new(),
        }
    }

    /// The update just made (the one the view highlights), if the cursor is in the update phase.
    pub fn current_update(&self) -> Option<ParameterUpdate> {
        let i = self.cursor.checked_sub(self.passes_count() + 1)?;
        self.updates().get(i).copied()
    }

    /// How many of the steps are forward steps.
    pub fn forward_count(&self) -> usize {
        self.model.as_ref().map_or(0, |m| m.trace.forward_count())
    }

    /// The step just taken (the one the view highlights), if any.
    pub fn current(&self) -> Option<Step> {
        let model = self.model.as_ref()?;
        self.cursor.checked_sub(1).and_then(|i| model.trace.step(i))
    }

    /// The node to highlight: the one under the pointer, else the one selected, else the one a
    /// practice question asks about.
    pub fn highlighted(&self) -> Option<NodeId> {
        self.hovered
            .or(self.selected)
            .or_else(|| self.question().map(|q| q.node))
    }

    /// The variables of the expression on screen with their values, in order of appearance.
    pub fn variables(&self) -> Vec<(String, f64)> {
        let Some(model) = &self.model else {
            return Vec::new();
        };
        model
            .graph
            .inputs()
            .iter()
            .map(|&id| {
                let name = model.graph.name(id);
                (
                    name.to_string(),
                    self.values.get(name).unwrap_or(DEFAULT_VALUE),
                )
            })
            .collect()
    }
}

impl Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exercise_opens_in_practice_mode_and_is_left_when_the_user_types_their_own() {
        let mut s = Session::default();
        s.apply(Action::OpenExercise { seed: 0, level: 4 });
        assert_eq!(s.source, "sigmoid(w0 + w1*x1 + w2*x2)");
        assert_eq!(s.practice.as_ref().unwrap().exercise, Some((0, 4)));
        assert_eq!((s.cursor, s.question().unwrap().kind.name()), (0, "value"));
        s.apply(Action::OpenExercise { seed: 99, level: 2 });
        assert_eq!(s.practice.as_ref().unwrap().exercise, Some((99, 2)));
        assert!(s.problem.is_none() && s.step_count() > 0);
        s.apply(Action::Edit("x*y".into()));
        let p = s.practice.as_ref().unwrap();
        assert_eq!(p.exercise, None);
        assert!(s.question().is_some());
    }

    #[test]
    fn practice_asks_each_step_before_showing_it_and_keeps_the_score() {
        let mut s = Session::default();
        s.apply(Action::TogglePractice);
        let q = s.question().unwrap();
        assert_eq!((q.kind.name(), q.expected), ("value", 4.0));
        // The walk does not move on past an unanswered question.
        for held in [
            Action::Step(1),
            Action::ToEnd,
            Action::JumpTo(3),
            Action::TogglePlay,
        ] {
            s.apply(held);
            assert_eq!((s.cursor, s.playing), (0, false));
        }
        s.apply(Action::Answer("5".into()));
        let p = s.practice.clone().unwrap();
        assert_eq!(p.feedback.unwrap().correct, Some(false));
        assert_eq!(s.cursor, 0);
        s.apply(Action::Answer("x^2".into()));
        assert_eq!(s.cursor, 1);
        s.apply(Action::Reveal);
        assert_eq!(s.cursor, 2);
        // Every other question answered with the trace's own numbers, to the lecture's precision.
        while let Some(q) = s.question() {
            s.apply(Action::Answer(format!("{:.6}", q.expected)));
        }
        assert_eq!(s.cursor, s.step_count());
        let score = s.practice.as_ref().unwrap().score;
        assert_eq!((score.after_hints, score.revealed), (1, 1));
        // Six values, seven adjoints and the eight local derivatives of their terms.
        assert_eq!(score.total(), 6 + 7 + 8);
        // Going back asks again from that step's first question.
        s.apply(Action::JumpTo(s.forward_count() + 3));
        assert_eq!(s.question().unwrap().kind.name(), "local");
        s.apply(Action::TogglePractice);
        assert!(s.question().is_none());
        s.apply(Action::ToEnd);
        assert_eq!(s.cursor, s.step_count());
    }

    #[test]
    fn descent_adds_an_update_phase_and_next_iteration_lowers_a_neurons_loss() {
        let mut s = Session::default();
        s.apply(Action::OpenExercise { seed: 0, level: 5 });
        s.practice = None;
        let passes = s.step_count();
        s.apply(Action::ToggleDescent);
        let d = s.descent.as_ref().unwrap();
        assert_eq!(
            d.parameters.len(),
            2,
            "w0 and w1, not x or y: {:?}",
            d.parameters
        );
        assert_eq!(s.step_count(), passes + 2);
        s.apply(Action::ToEnd);
        let last = s.current_update().unwrap();
        assert_eq!(last.node, *s.learned().last().unwrap());
        s.apply(Action::SetRate(0.5));
        let mut losses = vec![s.model.as_ref().unwrap().trace.output_value()];
        for _ in 0..5 {
            s.apply(Action::Iterate);
            assert_eq!(s.cursor, s.forward_count());
            losses.push(s.model.as_ref().unwrap().trace.output_value());
        }
        assert!(losses.windows(2).all(|w| w[1] < w[0]), "{losses:?}");
        let d = s.descent.as_ref().unwrap();
        assert_eq!(d.losses(), (0, &losses[..]));
        // Starting again restores the weights, and the loss with them.
        s.apply(Action::RestartDescent);
        assert_eq!(s.model.as_ref().unwrap().trace.output_value(), losses[0]);
        // A fixed variable has no update step; a bad rate is ignored.
        s.apply(Action::SetLearned("w0".into(), false));
        s.apply(Action::SetRate(f64::NAN));
        assert_eq!(
            (s.step_count(), s.descent.as_ref().unwrap().rate),
            (passes + 1, 0.5)
        );
        // A new expression starts afresh; off, the walk is the two passes again.
        s.apply(Action::Edit("x^2".into()));
        let d = s.descent.as_ref().unwrap();
        assert_eq!((d.iterations(), d.parameters.len(), d.rate), (0, 1, 0.5));
        s.apply(Action::ToggleDescent);
        assert_eq!(s.step_count(), s.passes_count());
    }

    #[test]
    fn practice_asks_the_passes_and_lets_the_update_phase_play() {
        let mut s = Session::new("w^2", Bindings::from_pairs([("w", 3.0)]));
        s.apply(Action::ToggleDescent);
        s.apply(Action::TogglePractice);
        while let Some(q) = s.question() {
            s.apply(Action::Answer(format!("{:.6}", q.expected)));
        }
        assert_eq!(s.cursor, s.passes_count());
        s.apply(Action::Step(1));
        assert_eq!(s.cursor, s.step_count());
        let u = s.current_update().unwrap().update;
        assert_eq!((u.before, u.gradient, u.after), (3.0, 6.0, 2.4));
    }

    #[test]
    fn starts_on_the_lectures_example_at_x_2_before_the_first_step() {
        let session = Session::default();
        let model = session.model.as_ref().unwrap();
        assert_eq!(model.graph.len(), 7);
        assert_eq!(session.cursor, 0);
        assert_eq!(session.step_count(), 13);
        assert!((model.trace.adjoint(model.graph.inputs()[0]) + 182.8698).abs() < 1e-3);
    }

    #[test]
    fn an_error_keeps_the_last_good_model_and_fixing_it_clears_the_error() {
        let mut session = Session::default();
        session.apply(Action::Edit("sqrt(x^2 + ".into()));
        let problem = session.problem.clone().unwrap();
        assert!(problem.message.starts_with("error at column 12"));
        assert_eq!(session.source, "sqrt(x^2 + ");
        assert_eq!(session.model.as_ref().unwrap().source, EXAMPLES[0].source);
        session.apply(Action::Edit("sqrt(x^2 + 1)".into()));
        assert_eq!(session.problem, None);
        assert_eq!(session.model.unwrap().source, "sqrt(x^2 + 1)");
    }

    #[test]
    fn new_variables_get_a_default_and_old_values_come_back() {
        let mut session = Session::default();
        session.apply(Action::Edit("x*y".into()));
        assert_eq!(
            session.variables(),
            [("x".to_string(), 2.0), ("y".to_string(), DEFAULT_VALUE)]
        );
        session.apply(Action::SetValue("y".into(), -3.0));
        assert_eq!(session.model.as_ref().unwrap().trace.output_value(), -6.0);
        session.apply(Action::Edit("y".into()));
        assert_eq!(session.variables(), [("y".to_string(), -3.0)]);
    }

    #[test]
    fn the_cursor_walks_forward_then_backward_and_stays_in_range() {
        let mut session = Session::default();
        session.apply(Action::Step(-1));
        assert_eq!(session.cursor, 0);
        session.apply(Action::Step(1));
        let model = session.model.clone().unwrap();
        let a = NodeId(1);
        assert!(model.value_known(a, session.cursor));
        assert!(!model.value_known(NodeId(2), session.cursor));
        session.apply(Action::ToForwardEnd);
        assert_eq!(session.cursor, 6);
        assert!(!model.adjoint_known(NodeId(6), session.cursor));
        session.apply(Action::Step(1));
        assert!(model.adjoint_known(NodeId(6), session.cursor));
        session.apply(Action::ToEnd);
        assert_eq!(session.cursor, 13);
        assert!(model.adjoint_known(NodeId(0), session.cursor));
        session.apply(Action::Step(1));
        assert_eq!(session.cursor, 13);
        session.apply(Action::JumpTo(99));
        assert_eq!(session.cursor, 13);
    }

    #[test]
    fn changing_a_value_keeps_the_position_in_the_walk() {
        let mut session = Session::default();
        session.apply(Action::JumpTo(9));
        session.apply(Action::SetValue("x".into(), 1.0));
        assert_eq!(session.cursor, 9);
        let model = session.model.unwrap();
        assert_eq!(model.trace.value(NodeId(1)), 1.0);
    }

    #[test]
    fn playing_ticks_to_the_end_and_stops_and_plays_again_from_the_start() {
        let mut session = Session::default();
        session.apply(Action::TogglePlay);
        for _ in 0..20 {
            session.apply(Action::Tick);
        }
        assert_eq!(session.cursor, 13);
        assert!(!session.playing);
        session.apply(Action::TogglePlay);
        assert!(session.playing);
        assert_eq!(session.cursor, 0);
    }

    #[test]
    fn the_tree_has_more_steps_and_the_same_gradient() {
        let mut session = Session::default();
        session.apply(Action::ToEnd);
        session.apply(Action::ToggleSharing);
        let model = session.model.clone().unwrap();
        assert_eq!(model.graph.len(), 12);
        assert!((model.trace.adjoint(model.graph.inputs()[0]) + 182.8698).abs() < 1e-3);
        assert_eq!(
            session.cursor, 13,
            "the position is kept where it still exists"
        );
    }

    #[test]
    fn a_network_example_opens_as_a_graph_and_typing_leaves_it() {
        use chainrule::nn::setup::Setup;
        let (_, trainer) = Setup::default().build().unwrap();
        let (x, y) = trainer.example(0).unwrap();
        let expanded = chainrule::nn::expand::expand(&trainer.mlp, x, y, trainer.config.loss);
        let mut session = Session::default();
        session.apply(Action::OpenGraph {
            title: "one example".into(),
            graph: Rc::new(expanded.graph.clone()),
            inputs: expanded.inputs.clone(),
            practise: false,
        });
        assert_eq!(session.network.as_deref(), Some("one example"));
        assert!(session.practice.is_none());
        session.apply(Action::ToEnd);
        let model = session.model.clone().unwrap();
        let mut gradients = trainer.clone();
        let dense = gradients.gradient(Some(0));
        for &((l, i, j), id) in &expanded.weights {
            let k = i * trainer.mlp.layers[l].outputs + j - 1;
            assert!((model.trace.adjoint(id) - dense[l][k]).abs() < 1e-12);
        }
        session.apply(Action::ToggleSharing);
        assert!(session.model.is_some());
        session.apply(Action::Edit("x".into()));
        assert_eq!(session.network, None);
        assert_eq!(session.cursor, 0);
        // Practised: the student computes the pass, the weights' gradients last, checked against
        // the same trace.
        session.apply(Action::OpenGraph {
            title: "one example".into(),
            graph: Rc::new(expanded.graph.clone()),
            inputs: expanded.inputs.clone(),
            practise: true,
        });
        assert_eq!(session.question().unwrap().kind.name(), "value");
        let &(_, weight) = expanded.weights.last().unwrap();
        while let Some(q) = session.question() {
            if q.node == weight && q.kind.name() == "adjoint" {
                break;
            }
            session.apply(Action::Reveal);
        }
        let q = session.question().unwrap();
        session.apply(Action::Answer(format!("{}", q.expected)));
        let p = session.practice.as_ref().unwrap();
        assert_eq!(p.feedback.as_ref().unwrap().correct, Some(true));
    }

    #[test]
    fn a_batch_folds_to_one_point_open_and_back_keeping_the_walk() {
        use chainrule::nn::setup::Setup;
        let (_, trainer) = Setup::default().build().unwrap();
        let points: Vec<(Vec<f64>, f64)> = (0..3)
            .map(|k| {
                let (x, y) = trainer.example(k).unwrap();
                (x.to_vec(), y)
            })
            .collect();
        let batch: Vec<(&[f64], f64)> = points.iter().map(|(x, y)| (&x[..], *y)).collect();
        let expanded =
            chainrule::nn::expand::expand_batch(&trainer.mlp, &batch, trainer.config.loss);
        let mut session = Session::default();
        assert_eq!(session.groups(), 0);
        session.apply(Action::NextFold);
        assert_eq!(
            session.fold(),
            None,
            "a typed expression has no points to fold"
        );
        session.apply(Action::OpenGraph {
            title: "a batch".into(),
            graph: Rc::new(expanded.graph.clone()),
            inputs: expanded.inputs.clone(),
            practise: false,
        });
        assert_eq!((session.groups(), session.fold()), (3, None));
        session.apply(Action::JumpTo(20));
        let trace = session.model.as_ref().unwrap().trace.clone();
        let mut seen = Vec::new();
        for _ in 0..4 {
            session.apply(Action::NextFold);
            seen.push(session.fold());
            let model = session.model.as_ref().unwrap();
            assert!(
                Rc::ptr_eq(&model.trace, &trace),
                "folding draws; it does not retrace"
            );
            assert_eq!(model.layout.fold.as_ref().map(|f| f.open), session.fold());
        }
        assert_eq!(seen, [Some(0), Some(1), Some(2), None]);
        session.apply(Action::Fold(Some(7)));
        assert_eq!(session.fold(), None, "no such point: all open");
        session.apply(Action::Fold(Some(2)));
        assert_eq!((session.fold(), session.cursor), (Some(2), 20));
        // Folded, the walk passes over the steps inside the folded points, both ways; the
        // steps it stops at are the open point's, the weights', the losses' and L's.
        let fold = session.model.as_ref().unwrap().layout.fold.clone().unwrap();
        let shown = |s: &Session| {
            s.current().map(|step| match step {
                Step::Forward(f) => f.node,
                Step::Backward(b) => b.node,
            })
        };
        session.apply(Action::JumpTo(0));
        let mut forward = Vec::new();
        while session.cursor < session.passes_count() {
            session.apply(Action::Step(1));
            let node = shown(&session).unwrap();
            assert_eq!(fold.shown_as[node.index()], node);
            forward.push(session.cursor);
        }
        let drawn_steps = (0..session.passes_count())
            .filter(|&i| !session.folded_away(i))
            .count();
        assert_eq!(forward.len(), drawn_steps);
        assert!(drawn_steps < session.passes_count());
        // Each folded point's loss is a step each way (point 3 is open).
        let groups = &session
            .model
            .as_ref()
            .unwrap()
            .graph
            .arrangement()
            .unwrap()
            .groups;
        for group in &groups[..2] {
            let at = |i: &usize| session.folded_away(*i - 1);
            let stops = (1..=session.passes_count())
                .filter(|i| !at(i))
                .filter(|&i| {
                    let model = session.model.as_ref().unwrap();
                    match model.trace.step(i - 1) {
                        Some(Step::Forward(f)) => f.node == group.summary,
                        Some(Step::Backward(b)) => b.node == group.summary,
                        None => false,
                    }
                })
                .count();
            assert_eq!(stops, 2);
        }
        let mut back = Vec::new();
        while session.cursor > 0 {
            back.push(session.cursor);
            session.apply(Action::Step(-1));
        }
        back.reverse();
        assert_eq!(back, forward);
        // Practising, every step is asked, those inside folded points too.
        session.apply(Action::TogglePractice);
        session.apply(Action::Reveal);
        session.apply(Action::Reveal);
        assert_eq!(session.cursor, 2);
        assert!(session.folded_away(0) && session.folded_away(1));
        session.apply(Action::TogglePractice);
        // A new iteration keeps the fold.
        session.apply(Action::ToggleDescent);
        session.apply(Action::Iterate);
        assert_eq!(session.fold(), Some(2));
    }

    #[test]
    fn loading_a_lesson_stop_keeps_the_viewers_theme_presentation_and_speed() {
        let mut session = Session::default();
        session.apply(Action::CycleTheme);
        session.apply(Action::TogglePresentation);
        session.apply(Action::SetSpeed(4.0));
        let mut stop = Session::new("x*y", Bindings::default());
        stop.cursor = 2;
        session.apply(Action::Load(Box::new(stop)));
        assert_eq!(session.source, "x*y");
        assert_eq!(session.cursor, 2);
        assert_eq!(session.theme, Theme::Light);
        assert!(session.presentation);
        assert_eq!(session.speed, 4.0);
    }

    #[test]
    fn examples_load_at_the_start_with_their_values() {
        let mut session = Session::default();
        session.apply(Action::ToEnd);
        for (i, example) in EXAMPLES.iter().enumerate() {
            session.apply(Action::Example(i));
            assert_eq!(session.problem, None, "{}", example.source);
            assert_eq!(session.cursor, 0);
            assert_eq!(session.source, example.source);
        }
    }
}
