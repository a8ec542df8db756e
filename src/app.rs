//! The page: wires the session to the components, the keyboard, the animation clock, the URL and
//! local storage.

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::browser;
use crate::components::controls::Controls;
use crate::components::derivation_panel::DerivationPanel;
use crate::components::expression_field::ExpressionField;
use crate::components::gradient_check::GradientCheck;
use crate::components::graph_view::GraphView;
use crate::components::slice_panel::SlicePanel;
use crate::components::step_caption::StepCaption;
use crate::components::toolbar::Toolbar;
use crate::components::variables::Variables;
use crate::session::{Action, Session, Theme};
use crate::url_state::{restore, to_pairs};

/// The session to open: from the link if it has one, else the last session, else the default.
fn initial_session() -> Session {
    match browser::read_link() {
        Some(pairs) => restore(Some(&pairs), "link"),
        None => restore(browser::read_stored().as_deref(), "saved session"),
    }
}

/// The action a key stands for, unless the user is typing in a field.
fn key_action(event: &KeyboardEvent) -> Option<Action> {
    if event.ctrl_key() || event.meta_key() || event.alt_key() {
        return None;
    }
    let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
    let tag = target
        .map(|t| t.tag_name().to_ascii_lowercase())
        .unwrap_or_default();
    let typing = matches!(tag.as_str(), "input" | "textarea" | "select");
    let on_button = tag == "button";
    match event.key().as_str() {
        _ if typing => None,
        "ArrowRight" => Some(Action::Step(1)),
        "ArrowLeft" => Some(Action::Step(-1)),
        " " if !on_button => Some(Action::TogglePlay),
        "Home" => Some(Action::JumpTo(0)),
        "End" => Some(Action::ToEnd),
        "p" | "P" => Some(Action::TogglePresentation),
        "t" | "T" => Some(Action::CycleTheme),
        _ => None,
    }
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let session = use_reducer(initial_session);
    let act = {
        let dispatcher = session.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };

    // Keyboard: one listener for the page.
    {
        let act = act.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "keydown", move |event| {
                let event: &KeyboardEvent = event.unchecked_ref();
                if let Some(action) = key_action(event) {
                    event.prevent_default();
                    act.emit(action);
                }
            });
            move || drop(listener)
        });
    }

    // The animation clock runs only while playing; dropping the interval stops it.
    {
        let act = act.clone();
        use_effect_with(
            (session.playing, session.speed.to_bits()),
            move |&(playing, speed)| {
                let interval = playing.then(|| {
                    let millis = (1000.0 / f64::from_bits(speed)).round() as u32;
                    Interval::new(millis, move || act.emit(Action::Tick))
                });
                move || drop(interval)
            },
        );
    }

    // The URL and local storage always describe the view; the root element carries the theme.
    let pairs = to_pairs(&session);
    {
        let pairs = pairs.clone();
        let theme = session.theme;
        let presentation = session.presentation;
        use_effect_with(
            (pairs, theme, presentation),
            move |(pairs, theme, presentation)| {
                browser::write_link(pairs);
                browser::store(pairs);
                let theme = match theme {
                    Theme::Auto => None,
                    other => Some(other.name()),
                };
                browser::set_root_attribute("data-theme", theme);
                browser::set_root_attribute("data-presentation", presentation.then_some("on"));
            },
        );
    }
    let link = browser::link_for(&pairs);

    let on_edit = act.reform(Action::Edit);
    let on_example = act.reform(Action::Example);
    let on_value = act.reform(|(name, value): (String, f64)| Action::SetValue(name, value));
    let on_hover = act.reform(Action::Hover);
    let on_jump = act.reform(Action::JumpTo);
    let dismiss = act.reform(|_: MouseEvent| Action::DismissNotice);
    let stale = session.problem.is_some();
    let variables = session.variables();
    let inputs: Vec<f64> = variables.iter().map(|(_, v)| *v).collect();

    html! {
        <div class="app">
            <header class="masthead">
                <h1>{ "Chainrule" }</h1>
                <p class="tagline">{ "See backpropagation happen, one step of the chain rule at a time." }</p>
                <Toolbar model={session.model.clone()} sharing={session.sharing} theme={session.theme}
                    presentation={session.presentation} show_check={session.show_check} link={link} act={act.clone()} />
            </header>
            if let Some(notice) = &session.notice {
                <div class="notice" role="alert" data-testid="notice">
                    <p>{ notice }</p>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            <main class="workspace">
                <section class="inputs" aria-label="Expression and values">
                    <ExpressionField source={session.source.clone()} problem={session.problem.clone()} {on_edit} {on_example} />
                    <Variables {variables} {on_value} />
                </section>
                if let Some(model) = &session.model {
                    <section class="stage" aria-label="Graph and steps">
                        <GraphView model={model.clone()} cursor={session.cursor} current={session.current()}
                            hovered={session.hovered} {stale} speed={session.speed} on_hover={on_hover.clone()}
                            presentation={session.presentation} />
                        <StepCaption model={model.clone()} current={session.current()}
                            finished={session.cursor == session.step_count() && session.cursor > 0} />
                        <Controls cursor={session.cursor} count={session.step_count()} forward={session.forward_count()}
                            playing={session.playing} speed={session.speed} act={act.clone()} />
                    </section>
                    <aside class="side" aria-label="Derivation">
                        <DerivationPanel model={model.clone()} cursor={session.cursor} hovered={session.hovered}
                            {stale} {on_jump} {on_hover} />
                        <section class="gradient" aria-label="Gradient">
                            <h2>{ "Gradient" }</h2>
                            <ul>
                                { for model.graph.inputs().iter().map(|&input| {
                                    let known = model.adjoint_known(input, session.cursor);
                                    let value = model.trace.adjoint(input);
                                    html! {
                                        <li data-testid={format!("gradient-{}", model.graph.name(input))}
                                            data-value={if known { value.to_string() } else { String::new() }}>
                                            { format!("∂{}/∂{} = {}", model.graph.name(model.graph.output()),
                                                model.graph.name(input),
                                                if known { chainrule::render::number::plain(value, 5) } else { "?".into() }) }
                                        </li>
                                    }
                                }) }
                            </ul>
                        </section>
                        <SlicePanel model={model.clone()} inputs={inputs.clone()} theme={session.theme.name()} />
                    </aside>
                    if session.show_check {
                        <section class="checks" aria-label="Gradient check">
                            <GradientCheck model={model.clone()} {inputs} />
                        </section>
                    }
                }
            </main>
        </div>
    }
}
