//! View options and exports: merged graph or tree, gradient check, theme, presentation mode, the
//! link to this exact view, and the graph and derivation as files.

use chainrule::render::number::DEFAULT_DIGITS;
use chainrule::render::{document, Format};
use chainrule::Sharing;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::film::panel::FilmPanel;
use crate::session::{Action, Model, Theme};
use crate::{browser, export};

/// Whether the page shows its dark colours: the theme chosen, or the system's.
fn dark(theme: Theme) -> bool {
    match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::Auto => gloo::utils::window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    }
}

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The expression on screen, if any.
    pub model: Option<Model>,
    /// Merged graph or tree.
    pub sharing: Sharing,
    /// The colour theme.
    pub theme: Theme,
    /// Presentation mode.
    pub presentation: bool,
    /// Whether the gradient check is shown.
    pub show_check: bool,
    /// Whether practice mode is on.
    pub practising: bool,
    /// Writes the link to this exact view.
    pub link: Callback<(), String>,
    /// Dispatches an action to the session.
    pub act: Callback<Action>,
    /// Whether the expression stepper is shown (its graph options and exports apply).
    #[prop_or(true)]
    pub stepper: bool,
}

/// The toolbar.
#[component]
pub fn Toolbar(props: &Props) -> Html {
    let act = |action: Action| props.act.reform(move |_: MouseEvent| action.clone());
    let copied = use_state(|| false);
    let copy_link = {
        let link = props.link.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy(&link.emit(()));
            copied.set(true);
        })
    };
    let film = use_state(|| false);
    let on_export = {
        let model = props.model.clone();
        let film = film.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let choice = select.value();
            select.set_value("");
            let derivation = |format| {
                model
                    .as_ref()
                    .map(|m| document(&m.graph, &m.trace, format, DEFAULT_DIGITS))
                    .unwrap_or_default()
            };
            match choice.as_str() {
                "film" => film.set(true),
                "svg" => export::download_svg(),
                "png" => export::download_png(),
                "latex" => browser::download(
                    "chainrule-derivation.tex",
                    "text/x-tex",
                    &derivation(Format::Latex),
                ),
                "markdown" => browser::download(
                    "chainrule-derivation.md",
                    "text/markdown",
                    &derivation(Format::Markdown),
                ),
                "copy-latex" => browser::copy(&derivation(Format::Latex)),
                "copy-markdown" => browser::copy(&derivation(Format::Markdown)),
                _ => {}
            }
        })
    };
    let tree = props.sharing == Sharing::Tree;
    html! {
        <div class="toolbar" role="toolbar" aria-label="View and export">
            if props.stepper {
                <button type="button" aria-pressed={tree.to_string()} data-testid="toggle-tree"
                    title="Show every occurrence of a shared subexpression as its own node"
                    onclick={act(Action::ToggleSharing)}>{ if tree { "Tree" } else { "Merged graph" } }</button>
                <button type="button" aria-pressed={props.show_check.to_string()} data-testid="toggle-check"
                    title="Compare backprop with forward mode and finite differences"
                    onclick={act(Action::ToggleCheck)}>{ "Gradient check" }</button>
                <button type="button" class="practice-toggle" aria-pressed={props.practising.to_string()} data-testid="practice-toggle"
                    title="Practice: answer each step yourself before it is shown (q)"
                    onclick={act(Action::TogglePractice)}>{ "Practice" }</button>
            }
            <button type="button" data-testid="theme" title="Switch theme (t)"
                aria-label={format!("Theme: {} (t)", props.theme.name())}
                onclick={act(Action::CycleTheme)}>{ format!("Theme: {}", props.theme.name()) }</button>
            <button type="button" aria-pressed={props.presentation.to_string()} data-testid="presentation"
                title="Large type for projectors (p)" onclick={act(Action::TogglePresentation)}>{ "Present" }</button>
            <button type="button" data-testid="copy-link" title="Copy a link to exactly this view"
                onclick={copy_link}>{ if *copied { "Link copied" } else { "Copy link" } }</button>
            if props.stepper {
            <select aria-label="Export" data-testid="export" onchange={on_export}>
                <option value="" selected=true>{ "Export…" }</option>
                <option value="film">{ "Animation or slides (GIF, HTML, SVG)…" }</option>
                <option value="svg">{ "Graph as SVG" }</option>
                <option value="png">{ "Graph as PNG" }</option>
                <option value="latex">{ "Derivation as LaTeX (.tex)" }</option>
                <option value="markdown">{ "Derivation as Markdown (.md)" }</option>
                <option value="copy-latex">{ "Copy derivation as LaTeX" }</option>
                <option value="copy-markdown">{ "Copy derivation as Markdown" }</option>
            </select>
            }
            if let (true, Some(model)) = (*film, &props.model) {
                <FilmPanel model={model.clone()} dark={dark(props.theme)}
                    on_close={{ let film = film.clone(); Callback::from(move |_| film.set(false)) }} />
            }
        </div>
    }
}
