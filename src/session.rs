//! What the user is working on: the expression as typed, the last expression that parsed (its
//! graph and trace), the current error, and the variables' values. Plain Rust, no DOM, so every
//! transition is testable natively.

use std::rc::Rc;

use chainrule::expr::ParseError;
use chainrule::{Bindings, Graph, Sharing, Trace};
use yew::Reducible;

/// The lecture's worked example, shown first.
pub const LECTURE_EXAMPLE: &str = "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))";

/// A value given to a variable the user has not set yet.
pub const DEFAULT_VALUE: f64 = 1.0;

/// An expression that parsed, with its graph and its trace at the current values.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The text it was parsed from.
    pub source: String,
    /// Its computational graph.
    pub graph: Rc<Graph>,
    /// Both passes at the current values.
    pub trace: Rc<Trace>,
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
}

/// Everything a user can do to a session.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The expression text changed.
    Edit(String),
    /// A variable's value changed.
    SetValue(String, f64),
}

impl Default for Session {
    fn default() -> Self {
        Session::new(LECTURE_EXAMPLE, Bindings::from_pairs([("x", 2.0)]))
    }
}

impl Session {
    /// A session showing `source` with the given values.
    pub fn new(source: &str, values: Bindings) -> Self {
        let mut session = Session {
            source: String::new(),
            sharing: Sharing::Merged,
            values,
            model: None,
            problem: None,
        };
        session.edit(source);
        session
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Edit(text) => self.edit(&text),
            Action::SetValue(name, value) => {
                self.values.set(&name, value);
                self.retrace();
            }
        }
    }

    fn edit(&mut self, text: &str) {
        self.source = text.to_string();
        match Graph::parse(text, self.sharing) {
            Ok(graph) => {
                for &input in graph.inputs() {
                    let name = graph.name(input);
                    if self.values.get(name).is_none() {
                        self.values.set(name, DEFAULT_VALUE);
                    }
                }
                self.problem = None;
                self.model = Some(self.trace(text.to_string(), Rc::new(graph)));
            }
            Err(error) => self.problem = Some(Problem::new(&error, text)),
        }
    }

    fn retrace(&mut self) {
        if let Some(model) = self.model.take() {
            self.model = Some(self.trace(model.source, model.graph));
        }
    }

    fn trace(&self, source: String, graph: Rc<Graph>) -> Model {
        // Every input has a value: edit() gives new variables a default.
        let inputs: Vec<f64> = graph
            .inputs()
            .iter()
            .map(|&id| self.values.get(graph.name(id)).unwrap_or(DEFAULT_VALUE))
            .collect();
        let trace = Rc::new(Trace::with_inputs(&graph, &inputs));
        Model {
            source,
            graph,
            trace,
        }
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
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_on_the_lectures_example_at_x_2() {
        let session = Session::default();
        let model = session.model.unwrap();
        assert_eq!(model.graph.len(), 7);
        assert!((model.trace.adjoint(model.graph.inputs()[0]) + 182.8698).abs() < 1e-3);
    }

    #[test]
    fn an_error_keeps_the_last_good_model_and_fixing_it_clears_the_error() {
        let mut session = Session::default();
        session.apply(Action::Edit("sqrt(x^2 + ".into()));
        let problem = session.problem.clone().unwrap();
        assert!(problem.message.starts_with("error at column 12"));
        assert_eq!(session.source, "sqrt(x^2 + ");
        assert_eq!(session.model.as_ref().unwrap().source, LECTURE_EXAMPLE);
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
}
