//! The page: wires the session to the components, the keyboard, the animation clock, the URL and
//! local storage.

use std::cell::RefCell;
use std::rc::Rc;

use chainrule::render::derivation::{update_lines, update_state};
use chainrule::NodeId;
use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use yew::prelude::*;

use crate::browser;
use crate::components::controls::Controls;
use crate::components::derivation_panel::{DerivationPanel, UpdatePhase};
use crate::components::descent_panel::{title as descent_title, DescentPanel};
use crate::components::expression_field::ExpressionField;
use crate::components::gradient_check::GradientCheck;
use crate::components::gradient_list::GradientList;
use crate::components::graph::GraphView;
use crate::components::lesson_panel::LessonPanel;
use crate::components::notes_panel::NotesPanel;
use crate::components::practice_panel::PracticePanel;
use crate::components::shortcuts::Shortcuts;
use crate::components::slice_panel::SlicePanel;
use crate::components::step_caption::StepCaption;
use crate::components::surface_panel::SurfacePanel;
use crate::components::toolbar::Toolbar;
use crate::components::variables::Variables;
use crate::embed::Embed;
use crate::keyboard::{self, Key};
use crate::lesson::STOPS;
use crate::mirror::{self, Side};
use crate::progress::Progress;
use crate::session::{Action, Session, Theme};
use crate::url_state::{self, restore, restore_or, to_pairs};
use crate::workspace::state::Workspace;
use crate::workspace::view::{Handle, NetworkView, SampleView};

/// How long the view must stay put before the link is rewritten (the browser throttles a page
/// that rewrites its history entry on every step of a playing walk).
const LINK_DELAY_MS: u32 = 200;

/// The message for a view that cannot be kept, and why.
fn unkept(reason: &str) -> String {
    format!(
        "This view cannot be kept in the link or for your next visit because {reason}; copy the expression somewhere to keep it."
    )
}

/// Writes the stepper's view to the link, if it changed since it was last written; `notify`
/// hears why it could not be.
fn write_link(unlinked: &RefCell<Option<Vec<(String, String)>>>, notify: &Callback<String>) {
    if let Some(pairs) = unlinked.borrow_mut().take() {
        if let Err(reason) = browser::write_link(&pairs) {
            notify.emit(unkept(&reason));
        }
    }
}

/// The two workspaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// The expression stepper.
    Expression,
    /// The network workspace.
    Network,
}

/// Whether a link's pairs describe the network workspace.
fn is_network(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(k, v)| k == "view" && v == "net")
}

/// The lesson stop a link asks for (`lesson=N`, counted from 1), from 0.
fn lesson_in(pairs: &[(String, String)]) -> Option<usize> {
    let (_, n) = pairs.iter().find(|(k, _)| k == "lesson")?;
    let n: usize = n.parse().ok()?;
    (1..=STOPS.len()).contains(&n).then(|| n - 1)
}

/// The page's link, with a bare lesson link (`#lesson=3`) read as that stop's view.
fn initial_link() -> Option<Vec<(String, String)>> {
    let pairs = browser::read_link()?;
    let has_view = pairs.iter().any(|(k, _)| k == "e" || k == "view");
    match lesson_in(&pairs) {
        Some(stop) if !has_view => {
            let mut view = STOPS[stop].pairs();
            view.extend(pairs.iter().filter(|(k, _)| k != "lesson").cloned());
            Some(view)
        }
        _ => Some(pairs),
    }
}

/// The stepper session to open: from the link if it is a stepper link, else the last session,
/// else the default. A network link still sets the theme and presentation. After a start that
/// never finished, the saved state is gone and the session says why.
fn initial_session() -> Session {
    let mut session = linked_session();
    if crate::crash::recovered() {
        session.notice = Some(
            "The last visit did not finish starting, so its saved session and network were cleared and the lecture's example opened.".into(),
        );
    }
    session
}

fn linked_session() -> Session {
    let stored = || {
        restore(
            browser::read_stored(browser::SESSION_KEY).as_deref(),
            "saved session",
        )
    };
    match initial_link() {
        Some(pairs) if is_network(&pairs) => {
            let mut session = stored();
            let get = |key: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.as_str())
            };
            session.theme = get("theme")
                .and_then(Theme::from_name)
                .unwrap_or(session.theme);
            session.presentation = get("present") == Some("1");
            session
        }
        Some(pairs) => restore_or(Some(&pairs), "link", || {
            let last = browser::read_stored(browser::SESSION_KEY)?;
            url_state::from_pairs(&last).ok()
        }),
        None => stored(),
    }
}

/// The network workspace to open: from a network link, else the last one, else the default.
fn initial_workspace() -> Workspace {
    let stored = || {
        Workspace::restore(
            browser::read_stored(browser::NETWORK_KEY).as_deref(),
            "saved network",
        )
    };
    match initial_link() {
        Some(pairs) if is_network(&pairs) => {
            let linked = Workspace::restore(Some(&pairs), "link");
            // A reload: the address is the link the saved workspace wrote, so the saved one (with
            // its trained weights, which the link leaves out unless asked) is the same network.
            // A link that carries weights of its own opens with them.
            let weighted = pairs.iter().any(|(k, _)| k == "w" || k == "b.w");
            let saved = stored();
            if !weighted
                && linked.notice.is_none()
                && saved.to_pairs(false) == linked.to_pairs(false)
            {
                saved
            } else {
                linked
            }
        }
        _ => stored(),
    }
}

/// What a key does at the level of the page.
enum Effect {
    /// An action on the stepper's session (or its page-wide settings).
    Session(Action),
    /// Go to a lesson stop.
    Stop(usize),
    /// Leave the lesson.
    LeaveLesson,
    /// Show or hide the shortcut sheet.
    Help(bool),
}

/// How many times the workspace was replaced from outside its view.
#[derive(PartialEq)]
struct Revision(u32);

impl Reducible for Revision {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Revision(self.0 + 1))
    }
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let session = use_reducer(initial_session);
    let tab = use_state(|| match initial_link() {
        Some(pairs) if is_network(&pairs) => Tab::Network,
        _ => Tab::Expression,
    });
    let workspace = use_mut_ref(initial_workspace);
    let lesson = use_state(|| browser::read_link().as_deref().and_then(lesson_in));
    let help = use_state(|| false);
    // Bumped when a lesson stop or the teacher's window replaces the workspace, so the network
    // view starts afresh.
    let revision = use_reducer(|| Revision(0));
    // The first view is drawn: the saved state it came from can start the app.
    use_effect_with((), |_| crate::crash::started());

    // Stable across renders, so components given these callbacks are not redrawn for them.
    let act = {
        let dispatcher = session.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };
    let on_hover = {
        let act = act.clone();
        (*use_memo((), move |_| act.reform(Action::Hover))).clone()
    };
    let on_select = {
        let act = act.clone();
        (*use_memo((), move |_| act.reform(Action::Select))).clone()
    };
    let on_jump = {
        let act = act.clone();
        (*use_memo((), move |_| act.reform(Action::JumpTo))).clone()
    };
    let on_fold = {
        let act = act.clone();
        (*use_memo((), move |_| act.reform(Action::Fold))).clone()
    };

    // A lesson stop: its view replaces the stepper's session or the network workspace.
    let go = {
        let (lesson, tab, workspace, revision, act) = (
            lesson.clone(),
            tab.clone(),
            workspace.clone(),
            revision.clone(),
            act.clone(),
        );
        Callback::from(move |stop: usize| {
            let Some(view) = STOPS.get(stop) else { return };
            let pairs = view.pairs();
            if view.network() {
                *workspace.borrow_mut() = Workspace::restore(Some(&pairs), "lesson stop");
                revision.dispatch(());
                tab.set(Tab::Network);
            } else {
                act.emit(Action::Load(Box::new(restore(Some(&pairs), "lesson stop"))));
                tab.set(Tab::Expression);
            }
            lesson.set(Some(stop));
        })
    };

    // Keyboard: the page's keys, and the stepper's on its tab (the network view reads its own).
    // One listener for the page's life, reading what the keys mean now: a listener renewed after
    // each render would answer a key pressed in between with the last render's meaning (Escape
    // right after ? would not close the sheet).
    let now = use_mut_ref(|| (Tab::Expression, None::<usize>, false));
    *now.borrow_mut() = (*tab, *lesson, *help);
    {
        let act = act.clone();
        let go = go.clone();
        let help = help.clone();
        let lesson_state = lesson.clone();
        use_effect_with((), move |_| {
            let listener = keyboard::listen(move |key| {
                let (tab, lesson, open) = *now.borrow();
                let stepper = tab == Tab::Expression;
                let effect = match key {
                    Key::Escape if open => Effect::Help(false),
                    Key::Escape if lesson.is_some() => Effect::LeaveLesson,
                    Key::Help => Effect::Help(!open),
                    Key::LessonNext if lesson.is_some() => {
                        Effect::Stop(lesson.map_or(0, |k| (k + 1).min(STOPS.len() - 1)))
                    }
                    Key::LessonBack if lesson.is_some() => {
                        Effect::Stop(lesson.map_or(0, |k| k.saturating_sub(1)))
                    }
                    Key::Presentation => Effect::Session(Action::TogglePresentation),
                    Key::Theme => Effect::Session(Action::CycleTheme),
                    Key::Next if stepper => Effect::Session(Action::Step(1)),
                    Key::Back if stepper => Effect::Session(Action::Step(-1)),
                    Key::Play if stepper => Effect::Session(Action::TogglePlay),
                    Key::Home if stepper => Effect::Session(Action::JumpTo(0)),
                    Key::End if stepper => Effect::Session(Action::ToEnd),
                    Key::Practice if stepper => Effect::Session(Action::TogglePractice),
                    Key::Descent if stepper => Effect::Session(Action::ToggleDescent),
                    Key::Iterate if stepper => Effect::Session(Action::Iterate),
                    Key::Fold if stepper => Effect::Session(Action::NextFold),
                    _ => return false,
                };
                match effect {
                    Effect::Session(action) => act.emit(action),
                    Effect::Stop(stop) => go.emit(stop),
                    Effect::LeaveLesson => lesson_state.set(None),
                    Effect::Help(shown) => help.set(shown),
                }
                true
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

    // The audience window: what the other window of a pair shows, this one shows (with its own
    // theme and presentation mode), and what this one shows on the stepper it says (the network
    // view says its own). A window is in a pair once it opened an audience window, or is one.
    let own = use_mut_ref(Vec::<(String, String)>::new);
    // What the other window says is heard from the first render on, and an audience window joins
    // the pair its link names (it keeps it in its link, so a reload pairs again) before anything
    // is drawn: the view drawn from its link is then known as such, and the answer to its asking
    // may come at once.
    let audience = {
        let (act, tab, workspace, lesson, own) = (
            act.clone(),
            tab.clone(),
            workspace.clone(),
            lesson.clone(),
            own.clone(),
        );
        let revision = revision.dispatcher();
        use_memo((), move |_| {
            mirror::hear(move |(side, mut pairs)| {
                pairs.extend(own.borrow().iter().cloned());
                lesson.set(lesson_in(&pairs));
                match side {
                    Side::Expression => {
                        act.emit(Action::Load(Box::new(restore(
                            Some(&pairs),
                            "teacher's view",
                        ))));
                        tab.set(Tab::Expression);
                    }
                    Side::Network => {
                        *workspace.borrow_mut() =
                            Workspace::restore(Some(&pairs), "teacher's view");
                        revision.dispatch(());
                        tab.set(Tab::Network);
                    }
                }
            });
            let id = browser::read_link().and_then(|pairs| {
                pairs
                    .into_iter()
                    .find(|(k, _)| k == mirror::KEY)
                    .map(|(_, id)| id)
            });
            if let Some(id) = &id {
                mirror::join(id);
            }
            id
        })
    };
    let audience_pair = (*audience).clone().map(|id| (mirror::KEY.to_string(), id));
    // This window opened an audience window: it shows what comes next too.
    let leading = use_state(|| false);
    // An embedded view (`#embed=1`), read once from the link it was opened with; a `hide=` name
    // that is not a control is said once.
    let embed = use_memo((), |_| {
        browser::read_link().map_or((None, None), |pairs| Embed::from_pairs(&pairs))
    });
    {
        let act = act.clone();
        let problem = embed.1.clone();
        use_effect_with((), move |_| {
            if let Some(problem) = problem {
                act.emit(Action::Notify(problem));
            }
        });
    }
    let embed = &embed.0;
    // The URL and local storage always describe the view (on the network tab, the workspace
    // writes them); the root element carries the theme.
    let lesson_pair = lesson.map(|k| ("lesson".to_string(), (k + 1).to_string()));
    let mut pairs = to_pairs(&session);
    pairs.extend(lesson_pair.clone());
    let embed_pairs = embed.as_ref().map(Embed::pairs).unwrap_or_default();
    pairs.extend(embed_pairs.iter().cloned());
    let writes_link = *tab == Tab::Expression && session.network.is_none();
    // Stored at once: the next page may start before this one has run its leaving handlers.
    // Linked once the view has settled for a moment, and at once when the page goes away.
    let unlinked = use_mut_ref(|| None::<Vec<(String, String)>>);
    if !writes_link {
        // Dropped as soon as a render leaves the stepper (the network view writes its own link):
        // the timer that would write it can fire after the network's link is written and before
        // this render's effects cancel it, and a reload would then open the wrong tab.
        unlinked.borrow_mut().take();
    }
    let notify = act.reform(Action::Notify);
    {
        let pairs = pairs.clone();
        let unlinked = unlinked.clone();
        let embedded = embed.is_some();
        let audience_pair = audience_pair.clone();
        use_effect_with((pairs, writes_link), move |(pairs, writes_link)| {
            // An embedded view is someone else's page: it leaves the visitor's own session alone.
            let stored =
                (*writes_link && !embedded).then(|| browser::store(browser::SESSION_KEY, pairs));
            if let Some(Err(reason)) = stored {
                notify.emit(unkept(&reason));
            }
            *unlinked.borrow_mut() = writes_link.then(|| {
                let mut linked = pairs.clone();
                linked.extend(audience_pair);
                linked
            });
            let write = writes_link
                .then(|| Timeout::new(LINK_DELAY_MS, move || write_link(&unlinked, &notify)));
            move || drop(write)
        });
    }
    {
        let unlinked = unlinked.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                write_link(&unlinked, &Callback::noop())
            });
            move || drop(listener)
        });
    }
    use_effect_with(
        (session.theme, session.presentation),
        move |&(theme, presentation)| {
            let theme = match theme {
                Theme::Auto => None,
                other => Some(other.name()),
            };
            browser::set_root_attribute("data-theme", theme);
            browser::set_root_attribute("data-presentation", presentation.then_some("on"));
        },
    );
    let mut view_pairs = Vec::new();
    if session.theme != Theme::Auto {
        view_pairs.push(("theme".to_string(), session.theme.name().to_string()));
    }
    if session.presentation {
        view_pairs.push(("present".to_string(), "1".to_string()));
    }
    *own.borrow_mut() = view_pairs.clone();
    view_pairs.extend(lesson_pair);
    view_pairs.extend(embed_pairs);
    // The network view's own link keeps an audience window's pair too (not a copied link).
    let network_pairs: Vec<(String, String)> =
        view_pairs.iter().cloned().chain(audience_pair).collect();
    {
        let (pairs, stepper_shown) = (pairs.clone(), *tab == Tab::Expression);
        // After every render: a view told by another window is drawn before this one says more.
        use_effect(move || {
            if stepper_shown {
                mirror::show(Side::Expression, &pairs);
            }
        });
    }
    // Written out when asked for: a link carries the whole view (a long expression, a network's
    // weights), too much to encode on every render.
    let link = {
        let (tab, pairs, workspace, view_pairs) =
            (*tab, pairs.clone(), workspace.clone(), view_pairs.clone());
        Callback::from(move |()| match tab {
            Tab::Expression => browser::link_for(&pairs),
            Tab::Network => {
                let w = workspace.borrow();
                let mut network = w.to_pairs(w.keep_weights);
                network.extend(view_pairs.iter().cloned());
                browser::link_for(&network)
            }
        })
    };
    // Presenting, whatever this window does, and paired with this one; the window is named, so a
    // second press finds the same one.
    let open_audience = {
        let link = link.clone();
        let leading = leading.clone();
        Callback::from(move |_: MouseEvent| {
            let id = mirror::pair().unwrap_or_else(mirror::new_pair);
            mirror::lead(&id);
            leading.set(true);
            let url = format!("{}&present=1&{}={id}", link.emit(()), mirror::KEY);
            browser::open_window(&url, "chainrule-audience");
        })
    };
    let show = |t: Tab| {
        let tab = tab.clone();
        Callback::from(move |_: MouseEvent| tab.set(t))
    };
    let on_open_sample = {
        let tab = tab.clone();
        let act = act.clone();
        Callback::from(move |view: SampleView| {
            act.emit(Action::OpenGraph {
                title: view.title,
                graph: std::rc::Rc::new(view.expanded.graph.clone()),
                inputs: view.expanded.inputs.clone(),
                practise: view.practise,
            });
            tab.set(Tab::Expression);
        })
    };
    // Practice's record: a finished exercise's score is kept for the next visit.
    let progress = use_state(|| {
        Progress::from_pairs(&browser::read_stored(browser::PRACTICE_KEY).unwrap_or_default())
    });
    {
        let progress = progress.clone();
        let finished = session
            .practice
            .as_ref()
            .and_then(|p| p.exercise.map(|e| (e, p.score)))
            .filter(|(_, score)| score.total() > 0)
            .filter(|_| session.step_count() > 0 && session.cursor == session.step_count());
        use_effect_with(finished, move |finished| {
            if let Some(((seed, level), score)) = *finished {
                let mut next = (*progress).clone();
                next.record(seed, level, score);
                // Best effort: without storage the record lasts the visit.
                let _ = browser::store(browser::PRACTICE_KEY, &next.to_pairs());
                progress.set(next);
            }
        });
    }
    let stepper = *tab == Tab::Expression;
    let lesson_panel = match *lesson {
        Some(stop) => {
            let leave = lesson.clone();
            html! { <LessonPanel {stop} on_go={go.clone()} on_close={Callback::from(move |_| leave.set(None))} /> }
        }
        None => html! {},
    };

    let on_edit = act.reform(Action::Edit);
    let on_example = act.reform(Action::Example);
    let on_value = act.reform(|(name, value): (String, f64)| Action::SetValue(name, value));
    let dismiss = act.reform(|_: MouseEvent| Action::DismissNotice);
    let stale = session.problem.is_some();
    let variables = session.variables();
    let inputs: Vec<f64> = variables.iter().map(|(_, v)| *v).collect();
    // The update phase, written by the engine from the session's updates: once per trace and
    // descent, not on every frame of the animation.
    let phase = {
        let (model, descent) = (session.model.clone(), session.descent.clone());
        use_memo((model, descent), |(model, descent)| {
            let (Some(d), Some(model)) = (descent, model) else {
                return None;
            };
            let updates = d.updates(&model.graph, &model.trace);
            let steps = updates
                .iter()
                .map(|u| {
                    let lines = update_lines(&model.graph, d.optimizer, d.rate, d.t(), u);
                    (u.node, lines)
                })
                .collect();
            let states = updates
                .iter()
                .map(|u| update_state(d.optimizer, u))
                .collect::<Vec<_>>();
            Some((
                updates,
                UpdatePhase {
                    title: descent_title(d),
                    steps,
                },
                states,
            ))
        })
    };
    let (updates, update_list) = match phase.as_ref() {
        Some((updates, list, _)) => (&updates[..], Some(list.clone())),
        None => (&[][..], None),
    };
    let done_updates = session
        .cursor
        .saturating_sub(session.passes_count())
        .min(updates.len());
    let updated: Vec<(NodeId, f64)> = updates[..done_updates]
        .iter()
        .map(|u| (u.node, u.update.after))
        .collect();
    let current_update = done_updates.checked_sub(1).map(|k| updates[k].node);
    let update_now = done_updates.checked_sub(1).and_then(|k| {
        let (_, list, states) = phase.as_ref().as_ref()?;
        Some((list.steps[k].1.last()?.clone(), states[k].clone()))
    });

    html! {
        <div class={classes!("app", embed.is_some().then_some("embed"))}
            data-hide={embed.as_ref().map(|e| e.hidden.join(" "))}>
            if embed.is_none() {
            <header class="masthead">
                <h1>{ "Chainrule" }</h1>
                <nav class="tabs" role="tablist" aria-label="Workspace">
                    <button type="button" role="tab" aria-selected={stepper.to_string()} data-testid="tab-expression"
                        onclick={show(Tab::Expression)} title="Type an expression and step through its chain rule">{ "Expression" }</button>
                    <button type="button" role="tab" aria-selected={(!stepper).to_string()} data-testid="tab-network"
                        onclick={show(Tab::Network)} title="Build and train a neural network">{ "Network" }</button>
                </nav>
                <p class="tagline">{ if stepper { "See backpropagation happen, one step of the chain rule at a time." } else { "Build a network, train it, and watch it learn." } }</p>
                <Toolbar model={session.model.clone()} sharing={session.sharing} theme={session.theme}
                    presentation={session.presentation} show_check={session.show_check} practising={session.practice.is_some()}
                    link={link.clone()} act={act.clone()} {stepper} />
                <div class="help-buttons">
                    <button type="button" data-testid="audience" aria-label="Audience window"
                        title="Audience window: a second window for the projector that shows this view, presenting, and follows every key pressed here (or there)"
                        onclick={open_audience}>
                        // Two windows, the second in front: the glyph ⧉ is missing from common fonts.
                        <svg viewBox="0 0 18 16" width="18" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6">
                            <rect x="1" y="1.5" width="11" height="8.5" rx="1" />
                            <rect x="6" y="6" width="11" height="8.5" rx="1" fill="var(--surface)" />
                        </svg>
                    </button>
                    <button type="button" data-testid="lesson" aria-pressed={lesson.is_some().to_string()}
                        title="A guided lesson through the lecture, stop by stop (n / b)"
                        onclick={if lesson.is_some() { let lesson = lesson.clone(); Callback::from(move |_: MouseEvent| lesson.set(None)) } else { go.reform(|_: MouseEvent| 0) }}>
                        { if lesson.is_some() { "Leave lesson" } else { "Lesson" } }</button>
                    <button type="button" data-testid="help" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts (?)"
                        onclick={{ let help = help.clone(); Callback::from(move |_: MouseEvent| help.set(!*help)) }}>{ "?" }</button>
                </div>
            </header>
            }
            if let (Some(_), false) = (*lesson, stepper) {
                { lesson_panel.clone() }
            }
            if *help {
                <Shortcuts on_close={{ let help = help.clone(); Callback::from(move |_| help.set(false)) }} />
            }
            if let Some(notice) = &session.notice {
                <div class="notice" role="alert" data-testid="notice">
                    <p>{ notice }</p>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            if !stepper {
                <NetworkView key={revision.0} workspace={Handle(workspace.clone())} theme={session.theme.name()} view_pairs={network_pairs} paired={*leading || audience.is_some()} {on_open_sample} />
            } else {
            <main class="workspace">
                if embed.is_none() {
                <section class="inputs" aria-label="Expression and values">
                    if let Some(title) = &session.network {
                        <div class="network-origin" data-testid="network-origin">
                            <p>{ title }</p>
                            <button type="button" onclick={show(Tab::Network)} data-testid="back-to-network">{ "Back to the network" }</button>
                            <button type="button" onclick={act.reform(|_: MouseEvent| Action::Example(0))}>{ "Type an expression" }</button>
                        </div>
                    } else {
                        <ExpressionField source={session.source.clone()} problem={session.problem.clone()} {on_edit} {on_example} />
                    }
                    <Variables {variables} {on_value} />
                </section>
                }
                if let Some(model) = &session.model {
                    <section class="stage" aria-label="Graph and steps">
                        <GraphView model={model.clone()} cursor={session.cursor} current={session.current()}
                            highlighted={session.highlighted()} {stale} speed={session.speed} on_hover={on_hover.clone()}
                            {on_select} presentation={session.presentation}
                            updating={current_update} {updated} {on_fold} />
                        <StepCaption model={model.clone()} current={session.current()}
                            finished={session.cursor == session.passes_count() && session.cursor > 0}
                            descending={session.descent.is_some()} update={update_now}
                            updated={session.cursor == session.step_count() && session.cursor > session.passes_count()}
                            next={(*leading).then(|| session.cursor)} />
                        <Controls cursor={session.cursor} count={session.step_count()} forward={session.forward_count()}
                            passes={session.passes_count()} descending={session.descent.is_some()}
                            playing={session.playing} speed={session.speed} act={act.clone()} />
                    </section>
                    if embed.is_none() {
                    <aside class="side" aria-label="Derivation">
                        // Beside the graph, so the lesson's words take none of its height.
                        if lesson.is_some() {
                            { lesson_panel.clone() }
                        }
                        // The teacher's, beside an audience window.
                        if *leading {
                            <NotesPanel source={model.source.clone()} />
                        }
                        if let Some(practice) = &session.practice {
                            <PracticePanel model={model.clone()} cursor={session.cursor} practice={practice.clone()}
                                progress={(*progress).clone()} act={act.clone()} />
                        }
                        if let Some(descent) = &session.descent {
                            <DescentPanel model={model.clone()} descent={descent.clone()} theme={session.theme.name()} act={act.clone()} />
                        }
                        <div class="side-scroll">
                        <DerivationPanel model={model.clone()} cursor={session.cursor} hovered={session.highlighted()}
                            {stale} {on_jump} {on_hover} updates={update_list} />
                        <GradientList model={model.clone()} cursor={session.cursor} />
                        <SlicePanel model={model.clone()} inputs={inputs.clone()} theme={session.theme.name()} />
                        <SurfacePanel model={model.clone()} inputs={inputs.clone()} paths={session.paths}
                            theme={session.theme.name()} act={act.clone()} />
                        </div>
                    </aside>
                    }
                    if session.show_check && embed.is_none() {
                        <section class="checks" aria-label="Gradient check">
                            <GradientCheck model={model.clone()} {inputs} />
                        </section>
                    }
                }
            </main>
            }
        </div>
    }
}
