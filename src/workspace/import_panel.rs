//! A data set of the user's own: a CSV file chosen or pasted, its input and label columns chosen
//! by name, its inputs scaled, and what the engine reads from it shown before it is used (the
//! rows and the task, or the problem with its row and column). Nothing changes until "Use".

use chainrule::nn::csv;
use chainrule::nn::data::{Generator, Rows, Scale};
use chainrule::nn::setup::MAX_POINTS;
use chainrule::render::number::count;
use gloo::file::callbacks::FileReader;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::action::Action;
use super::fields::menu;
use super::link::LINK_ROWS;
use crate::browser;

/// The largest file read: a hundred thousand rows of many columns; past it, not even read.
pub const MAX_CSV_BYTES: f64 = 64e6;

/// Props of [`ImportPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Sends the data set once it is used.
    pub on_action: Callback<Action>,
    /// Closes the panel (after use, or on cancel).
    pub on_close: Callback<()>,
}

/// The text being imported, the choices made of it, and what the engine reads with them.
struct Choice {
    file: String,
    text: String,
    /// The header's names, or why there are none.
    columns: Result<Vec<String>, String>,
    x1: usize,
    /// The second input column, if any.
    x2: Option<usize>,
    label: usize,
    scale: Scale,
    /// The rows read with these choices, or the problem (read again after every change).
    read: Result<Rows, String>,
}

impl Choice {
    /// `text` with the usual choice: the first two columns as inputs (one if there are only
    /// two), the last as the label, each column standardised.
    fn of(file: String, text: String) -> Choice {
        let columns = csv::columns(&text);
        let n = columns.as_ref().map_or(0, Vec::len);
        let mut choice = Choice {
            file,
            text,
            columns,
            x1: 0,
            x2: (n >= 3).then_some(1),
            label: n.saturating_sub(1),
            scale: Scale::Standard,
            read: Err(String::new()),
        };
        choice.read = choice.rows();
        choice
    }

    /// The rows the engine reads with this choice, or the problem.
    fn rows(&self) -> Result<Rows, String> {
        let names = self.columns.as_ref().map_err(Clone::clone)?;
        let name = |k: usize| names.get(k).map_or("", String::as_str);
        let inputs: Vec<&str> = std::iter::once(self.x1).chain(self.x2).map(name).collect();
        if inputs.contains(&name(self.label)) {
            return Err(format!(
                "the column '{}' cannot be an input and the label: choose another",
                name(self.label)
            ));
        }
        csv::rows(
            &self.text,
            &self.file,
            &inputs,
            name(self.label),
            self.scale,
            MAX_POINTS,
        )
    }
}

/// What the rows are, in a line: how many, and how the labels are read.
fn summary(rows: &Rows) -> String {
    let what = match &rows.labels {
        Some([negative, positive]) => {
            format!("classification: {negative} is −1, {positive} is +1")
        }
        None => "regression: the label is a number".into(),
    };
    let link = if rows.samples.len() > LINK_ROWS {
        format!(
            "; more than a link holds ({}), so Save model keeps them",
            count(LINK_ROWS)
        )
    } else {
        String::new()
    };
    format!("{} rows, {what}{link}", count(rows.samples.len()))
}

/// The panel.
#[component]
pub fn ImportPanel(props: &Props) -> Html {
    // One cell and a redraw: every hook of a new type is more code in the download.
    let choice = use_mut_ref(|| None::<Result<Choice, String>>);
    let reader = use_mut_ref(|| None::<FileReader>);
    let redraw = use_force_update();
    let set = {
        let (choice, redraw) = (choice.clone(), redraw.clone());
        move |next: Result<Choice, String>| {
            *choice.borrow_mut() = Some(next);
            redraw.force_update();
        }
    };
    let on_file = {
        let set = set.clone();
        Callback::from(move |e: Event| {
            let Some(file) = browser::chosen_file(&e) else {
                return;
            };
            // Refused before it is read: the page would hold it all at once.
            if file.size() > MAX_CSV_BYTES {
                set(Err(format!(
                    "{} is {:.0} MB, and a data file is read up to {:.0} MB ({} rows)",
                    file.name(),
                    file.size() / 1e6,
                    MAX_CSV_BYTES / 1e6,
                    count(MAX_POINTS)
                )));
                return;
            }
            let (set, name) = (set.clone(), file.name());
            let task =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                    set(Ok(Choice::of(name, text.unwrap_or_default())));
                });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_paste = {
        let set = set.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            set(Ok(Choice::of(PASTED.into(), text)));
        })
    };
    // A change to one of the choices: the menu's value, applied, and the rows read again.
    let change = |apply: fn(&mut Choice, &str)| {
        let (choice, redraw) = (choice.clone(), redraw.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(Ok(c)) = &mut *choice.borrow_mut() {
                apply(c, &value);
                c.read = c.rows();
            }
            redraw.force_update();
        })
    };
    let use_data = {
        let (choice, on_action, on_close) = (
            choice.clone(),
            props.on_action.clone(),
            props.on_close.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some(Ok(Choice { read: Ok(rows), .. })) = &*choice.borrow() {
                on_action.emit(Action::ChooseData(Generator::Rows(Box::new(rows.clone()))));
                on_close.emit(());
            }
        })
    };
    let cancel = props.on_close.reform(|_: MouseEvent| ());
    let current = choice.borrow();
    let (columns, pasted, outcome) = match &*current {
        Some(Ok(c)) => (
            c.columns.as_ref().ok(),
            if c.file == PASTED {
                c.text.as_str()
            } else {
                ""
            },
            Some(c.read.as_ref().map(summary).map_err(Clone::clone)),
        ),
        Some(Err(refusal)) => (None, "", Some(Err(refusal.clone()))),
        None => (None, "", None),
    };
    let options = |selected: Option<usize>| -> Vec<(String, String, bool)> {
        columns
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(k, name)| (k.to_string(), name.clone(), selected == Some(k)))
            .collect()
    };
    html! {
        <div class="import" data-testid="import">
            <label class="file-button" title="A CSV file: a header row, then one row per point">{ "Choose a CSV file…" }
                <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" onchange={on_file} data-testid="import-file" />
            </label>
            <label class="field wide">{ "or paste it here" }
                <textarea rows="3" spellcheck="false" value={pasted.to_string()} oninput={on_paste} data-testid="import-text"
                    placeholder={"x1,x2,label\n1.5,2,yes\n-0.5,1,no"} />
            </label>
            if let (Some(Ok(c)), Some(_)) = (&*current, columns) {
                <p class="muted import-file">{ &c.file }</p>
                <div class="import-fields">
                    { menu("Input x1", "The column of the first input", "import-x1",
                        options(Some(c.x1)), change(|c, v| c.x1 = v.parse().unwrap_or(0))) }
                    { menu("Input x2", "The column of the second input, or none for a curve of one input", "import-x2",
                        std::iter::once(("none".into(), "none (one input)".into(), c.x2.is_none())).chain(options(c.x2)).collect(),
                        change(|c, v| c.x2 = v.parse().ok())) }
                    { menu("Label", "Two distinct values: classification (±1); numbers: regression", "import-label",
                        options(Some(c.label)), change(|c, v| c.label = v.parse().unwrap_or(0))) }
                    { menu("Scale inputs", "How the inputs are scaled before the network sees them: each column to mean 0 and standard deviation 1, each into −1 … 1, or as they are", "import-scale",
                        Scale::ALL.iter().map(|&k| (k.name().into(), scale_title(k).into(), c.scale == k)).collect(),
                        change(|c, v| c.scale = Scale::from_name(v).unwrap_or(Scale::None))) }
                </div>
            }
            {
                match outcome {
                    Some(Ok(line)) => html! { <p class="import-summary" role="status" data-testid="import-summary">{ line }</p> },
                    Some(Err(reason)) => html! {
                        <p class="problem" role="alert" data-testid="import-problem">{ chainrule::render::text::sentence(&reason) }</p>
                    },
                    None => html! {},
                }
            }
            <div class="import-actions">
                <button type="button" class="primary" onclick={use_data} data-testid="import-use"
                    disabled={!matches!(&*current, Some(Ok(Choice { read: Ok(_), .. })))}>{ "Use this data" }</button>
                <button type="button" onclick={cancel} data-testid="import-cancel">{ "Cancel" }</button>
            </div>
        </div>
    }
}

/// The name pasted text goes by.
const PASTED: &str = "pasted data";

/// A scale as the menu names it.
pub fn scale_title(scale: Scale) -> &'static str {
    match scale {
        Scale::Standard => "Standard",
        Scale::Range => "−1 … 1",
        Scale::None => "As read",
    }
}
