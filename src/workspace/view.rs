//! The network workspace on the page: the training bar, the data and training settings, the
//! network diagram, the outputs (decision boundary or fitted curve, loss and accuracy), and the
//! open demonstration. Training runs in a Web Worker (or, where none starts, inside animation
//! frames with a time budget), so the page keeps drawing at the display's rate however large the
//! network.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chainrule::nn::expand::Expanded;
use chainrule::nn::train::EpochRecord;
use chainrule::render::number::{count, plain};
use chainrule::render::text::display_name;
use gloo::file::callbacks::FileReader;
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::action::Action;
use super::demos::{comparison, number, percent, DemoPanel, Summary};
use super::diagram::Diagram;
use super::frame::{Detail, Frame, Picture};
use super::messages_panel::MessagesPanel;
use super::paint_key::Paint;
use super::painter::{paint, MAX_DOTS};
use super::remote::Remote;
use super::setup_panel::SetupPanel;
use super::state::{Demo, Edges, Pace, Panel, Workspace, MAX_MODEL_BYTES};
use crate::browser;
use crate::keyboard::{self, Key};
use crate::plots::palette::Palette;

/// Milliseconds of training per animation frame when the page trains (no worker): with drawing,
/// it stays inside a 60 Hz frame.
const BUDGET_MS: f64 = 8.0;

/// The workspace state, shared between the page and its animation loop; equal only to itself.
#[derive(Clone)]
pub struct Handle(pub Rc<RefCell<Workspace>>);

impl PartialEq for Handle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// One training example's pass through the network, to open in the stepper.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleView {
    /// What it is, in words.
    pub title: String,
    /// The scalar graph and its input values.
    pub expanded: Rc<Expanded>,
    /// Whether to open it in practice mode, for the student to compute each step.
    pub practise: bool,
}

/// A graph for the step-through, or None with the reason it is not drawn as the workspace's
/// notice.
fn drawable(w: &mut Workspace, opened: Option<Result<Expanded, String>>) -> Option<Expanded> {
    match opened? {
        Ok(expanded) => Some(expanded),
        Err(reason) => {
            w.notice = Some(reason);
            None
        }
    }
}

/// The batch the step-through opens unless told otherwise.
const DEFAULT_BATCH: usize = 4;
/// The largest batch offered: the lecture's 2-2-1 network in a batch of 8 is about a hundred
/// nodes, as many as a screen can show readably.
const MAX_BATCH: usize = 8;

/// Props of [`NetworkView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The state.
    pub workspace: Handle,
    /// The theme's name (a change repaints the canvases in its colours).
    pub theme: AttrValue,
    /// Extra pairs for the link (theme, presentation).
    pub view_pairs: Vec<(String, String)>,
    /// This window is in an audience pair: it says the view it shows.
    pub paired: bool,
    /// Opens one example's backward pass in the stepper.
    pub on_open_sample: Callback<SampleView>,
}

fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// Runs training frame after frame while the workspace plays: in the trainer worker when it is
/// ready (a frame then only draws its latest report), else here within a time budget. A new
/// drawing is asked for only once the last one is painted: when drawing a large network takes
/// longer than a frame, training goes on and the picture follows as often as the machine allows
/// (asking every frame would keep Yew rendering and never let it run the effect that paints).
fn schedule(
    handle: Handle,
    remote: Rc<RefCell<Option<Remote>>>,
    redraw: UseForceUpdateHandle,
    painted: Rc<Cell<bool>>,
    slot: Rc<RefCell<Option<AnimationFrame>>>,
) {
    let next = slot.clone();
    let frame = request_animation_frame(move |_| {
        let start = now();
        let elsewhere = remote.borrow().as_ref().is_some_and(Remote::ready);
        let playing = {
            let mut w = handle.0.borrow_mut();
            if !elsewhere {
                w.advance(|| now() - start > BUDGET_MS);
            }
            w.playing
        };
        let trained = !elsewhere || remote.borrow().as_ref().is_some_and(Remote::fresh);
        if !playing || (trained && painted.replace(false)) {
            if let Some(r) = remote.borrow().as_ref() {
                r.drawn();
            }
            redraw.force_update();
        }
        if playing {
            schedule(handle, remote, redraw, painted, next);
        }
    });
    *slot.borrow_mut() = Some(frame);
}

/// What a key asks of the workspace (the keyboard model is the app's: [`keyboard`]).
fn key_action(key: Key) -> Option<Action> {
    match key {
        Key::Play => Some(Action::TogglePlay),
        Key::Next => Some(Action::Step),
        Key::Epoch => Some(Action::Epoch),
        Key::Reset => Some(Action::Reset),
        _ => None,
    }
}

/// The workspace.
#[component]
pub fn NetworkView(props: &Props) -> Html {
    let redraw = use_force_update();
    let handle = props.workspace.clone();
    let root = use_node_ref();
    let reader = use_mut_ref(|| None::<FileReader>);
    let painted = use_memo((), |_| Rc::new(Cell::new(true)));
    let palette = use_mut_ref(|| None::<Palette>);
    // The epoch under the pointer on the loss or accuracy chart: both read it out.
    let pointed = use_state(|| None::<usize>);
    // The trainer worker, started with the view and ended with it.
    let remote = use_mut_ref(|| None::<Remote>);
    {
        let handle = handle.clone();
        let remote = remote.clone();
        let redraw = redraw.clone();
        use_effect_with((), move |_| {
            let on_ready = {
                let (handle, remote) = (handle.clone(), remote.clone());
                move || {
                    if let Some(r) = remote.borrow().as_ref() {
                        r.sync(&handle.0.borrow());
                    }
                    redraw.force_update();
                }
            };
            *remote.borrow_mut() = Remote::spawn(handle, on_ready);
            move || drop(remote.borrow_mut().take())
        });
    }
    // Every control sends an action; one callback, the same every render, so components whose
    // other props are unchanged (the settings, while training) are not rendered again. An action
    // that changes what trains sends the runs to the worker afresh.
    let dispatch = {
        let handle = handle.clone();
        let redraw = redraw.clone();
        let remote = remote.clone();
        use_callback((), move |action: Action, _| {
            let moves = action.moves_training();
            handle.0.borrow_mut().apply(action);
            if let (true, Some(r)) = (moves, remote.borrow().as_ref()) {
                r.sync(&handle.0.borrow());
            }
            redraw.force_update();
        })
    };
    let send = |action: Action| dispatch.reform(move |_: MouseEvent| action.clone());

    // What this render shows, computed once from the runs.
    let computing = now();
    let (frames, summaries, playing) = {
        let mut w = handle.0.borrow_mut();
        let selected = w.selected;
        let detail = Detail {
            gradients: match w.edges {
                Edges::Weights => None,
                Edges::Gradient => Some(None),
                Edges::SampleGradient => Some(Some(w.sample)),
            },
            sample: w.sample,
        };
        let training = w.playing;
        let frames: Vec<Rc<Frame>> = w
            .runs
            .iter_mut()
            .enumerate()
            .map(|(r, run)| Rc::new(Frame::of(run, (r == selected).then_some(detail), training)))
            .collect();
        let summaries: Vec<Summary> = w.runs.iter().map(Summary::of).collect();
        (Rc::new(frames), summaries, w.playing)
    };
    let frame_ms = format!("{:.3}", now() - computing);
    // Where training runs, for tests and the curious.
    let trainer = if remote.borrow().as_ref().is_some_and(Remote::ready) {
        "worker"
    } else {
        "page"
    };
    let w = handle.0.borrow();

    // Training, one budgeted slice per animation frame.
    {
        let handle = handle.clone();
        let remote = remote.clone();
        let redraw = redraw.clone();
        let painted = (*painted).clone();
        use_effect_with(playing, move |&playing| {
            let slot: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
            if playing {
                schedule(handle, remote, redraw, painted, slot.clone());
            }
            move || drop(slot.borrow_mut().take())
        });
    }

    // Keyboard.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener =
                keyboard::listen(move |key| key_action(key).map(|a| dispatch.emit(a)).is_some());
            move || drop(listener)
        });
    }

    // The link and the saved workspace (which keeps the weights whatever the link does).
    let mut pairs = w.to_pairs(w.keep_weights && !playing);
    pairs.extend(props.view_pairs.iter().cloned());
    let stored = w.stored_pairs();
    {
        let handle = handle.clone();
        let redraw = redraw.clone();
        use_effect_with((pairs, stored), move |(pairs, stored)| {
            let linked = browser::write_link(pairs);
            if let Err(reason) = browser::store(browser::NETWORK_KEY, stored).and(linked) {
                handle.0.borrow_mut().notice = Some(format!(
                    "This workspace cannot be kept in the link or for your next visit because {reason}; save the model to keep it."
                ));
                redraw.force_update();
            }
        });
    }

    // The audience window shows this network with its weights whenever training is still (while
    // it runs they change every frame: the audience has them again at the pause). Written only
    // for a window in a pair: this runs at every frame of training.
    {
        let shown = props.paired.then(|| {
            let mut shown = w.to_pairs(!playing);
            shown.extend(props.view_pairs.iter().cloned());
            shown
        });
        use_effect_with(shown, |shown| {
            if let Some(shown) = shown {
                crate::mirror::show(crate::mirror::Side::Network, shown)
            }
        });
    }

    // Canvases are painted as soon as the page is rendered, in the same frame, in colours read
    // from the stylesheet once per theme (reading them costs a style recalculation). A theme
    // switch reads them again and repaints after the app has applied the new theme to the page.
    {
        let handle = handle.clone();
        let root = root.clone();
        let frames = frames.clone();
        let palette = palette.clone();
        let painted = (*painted).clone();
        use_effect(move || {
            if let Some(root) = root.cast::<Element>() {
                let p = *palette.borrow_mut().get_or_insert_with(Palette::read);
                paint(&root, &handle.0.borrow(), &frames, &p);
            }
            painted.set(true);
        });
    }
    {
        let handle = handle.clone();
        let root = root.clone();
        let frames = frames.clone();
        let palette = palette.clone();
        use_effect_with(props.theme.clone(), move |_| {
            let timeout = Timeout::new(0, move || {
                let p = Palette::read();
                *palette.borrow_mut() = Some(p);
                if let Some(root) = root.cast::<Element>() {
                    paint(&root, &handle.0.borrow(), &frames, &p);
                }
            });
            move || drop(timeout)
        });
    }

    let frame = frames[w.selected].clone();
    let run = w.run();
    let summary = &summaries[w.selected];
    let shapes: Vec<(usize, usize)> = w
        .runs
        .iter()
        .map(|r| {
            (
                r.setup.hidden.first().map_or(0, |l| l.0),
                r.setup.hidden.len(),
            )
        })
        .collect();
    // A file of what the workspace holds, written when the button is pressed.
    let save = |name: &'static str, mime: &'static str, write: fn(&Workspace) -> String| {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| {
            browser::download(name, mime, &write(&handle.0.borrow()))
        })
    };
    let export = save(
        "chainrule-network.json",
        "application/json",
        Workspace::export_model,
    );
    let export_data = save("chainrule-data.csv", "text/csv", Workspace::export_data);
    let import = {
        let dispatch = dispatch.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let Some(file) = browser::chosen_file(&e) else {
                return;
            };
            // Refused before it is read: a 50 MB file would take the page with it.
            let bytes = file.size();
            if bytes > MAX_MODEL_BYTES as f64 {
                let megabytes = bytes / 1e6;
                dispatch.emit(Action::Notify(format!(
                    "The file could not be opened because it is {megabytes:.1} MB, and a model file is at most {} MB (a million weights); the workspace is unchanged.",
                    MAX_MODEL_BYTES / 1_000_000
                )));
                return;
            }
            let dispatch = dispatch.clone();
            let task =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                    dispatch.emit(Action::OpenModel(text.unwrap_or_default()));
                });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_sample = dispatch.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlInputElement>().value();
        Action::Sample(value.trim().parse::<usize>().unwrap_or(1))
    });
    // A batch of k training points from the chosen one on, as one graph in the step-through.
    let batch = use_state(|| DEFAULT_BATCH);
    let on_batch = {
        let batch = batch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            batch.set(value.parse().unwrap_or(DEFAULT_BATCH));
        })
    };
    let open_batch = {
        let handle = handle.clone();
        let open = props.on_open_sample.clone();
        let redraw = redraw.clone();
        let k = *batch;
        Callback::from(move |_: MouseEvent| {
            let mut w = handle.0.borrow_mut();
            let first = w.sample;
            let opened = w.run().expand_batch(first, k);
            let Some(expanded) = drawable(&mut w, opened) else {
                drop(w);
                redraw.force_update();
                return;
            };
            let size = w.run().trainer.train_size();
            let last = (first + k - 1) % size.max(1);
            open.emit(SampleView {
                title: format!(
                    "L, the mean of {k} losses: training points {} to {} of {size}, the weights shared",
                    first + 1,
                    last + 1
                ),
                expanded: Rc::new(expanded),
                practise: false,
            });
        })
    };
    let open_sample = |practise: bool| {
        let handle = handle.clone();
        let open = props.on_open_sample.clone();
        let redraw = redraw.clone();
        Callback::from(move |_: MouseEvent| {
            let mut w = handle.0.borrow_mut();
            let k = w.sample;
            let opened = w.run().expand(k);
            let Some(expanded) = drawable(&mut w, opened) else {
                drop(w);
                redraw.force_update();
                return;
            };
            let run = w.run();
            if let Some(sample) = run.data.train.get(k) {
                let x: Vec<String> = sample.x.iter().map(|v| plain(*v, 4)).collect();
                open.emit(SampleView {
                    title: format!(
                        "ℓ for training point {} of {}: x = ({}), y = {}",
                        k + 1,
                        run.trainer.train_size(),
                        x.join(", "),
                        plain(sample.y, 4)
                    ),
                    expanded: Rc::new(expanded),
                    practise,
                });
            }
        })
    };
    let on_plane_click = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let canvas: HtmlCanvasElement = e.target_unchecked_into();
            let area: Vec<f64> = canvas
                .get_attribute("data-area")
                .unwrap_or_default()
                .split(' ')
                .filter_map(|v| v.parse().ok())
                .collect();
            let [left, top, right, bottom, extent] = area[..] else {
                return;
            };
            let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
            if x < left || x > right || y < top || y > bottom {
                return;
            }
            let x1 = -extent + 2.0 * extent * (x - left) / (right - left);
            let x2 = extent - 2.0 * extent * (y - top) / (bottom - top);
            let reach = 2.0 * extent * 6.0 / (right - left);
            dispatch.emit(Action::ClickPlane {
                at: (x1, x2),
                reach,
            });
        })
    };

    let stat = |label: &str, id: &str, value: f64, text: String| {
        html! {
            <div class="stat"><span class="muted">{ label }</span>
                <strong data-testid={id.to_string()} data-value={value.to_string()}>{ text }</strong></div>
        }
    };
    let classification = !run.setup.regression();
    let clickable = w.binary() && run.setup.raw_inputs() == 2;
    let points = run.data.train.len() + run.data.test.len();
    let sampled = (points > MAX_DOTS).then(|| {
        html! {
            <p class="muted" data-testid="dots-sampled">
                { format!("An even sample of {} of the {} points is drawn.", count(MAX_DOTS), count(points)) }
            </p>
        }
    });
    // The tabs of the region beside the settings: the network always, the messages always, and
    // the open demonstration or the two runs when there is one.
    let third = match (w.demo, w.runs.len()) {
        (Demo::None, 1) => None,
        (Demo::None, _) => Some("Comparison"),
        _ => Some("Demonstration"),
    };
    let panel = match w.panel {
        Panel::Demo if third.is_none() => Panel::Network,
        panel => panel,
    };
    let tabs = [
        (Panel::Network, Some("Network")),
        (Panel::Messages, Some("Messages")),
        (Panel::Demo, third),
    ]
    .into_iter()
    .filter_map(|(p, title)| title.map(|t| (p, t)))
    .map(|(p, title)| {
        let choose = send(Action::Show(p));
        html! {
            <button type="button" role="tab" aria-selected={(p == panel).to_string()} onclick={choose}
                title={if p == Panel::Messages { "The lecture's backprop messages for one training point" } else { "" }}
                data-testid={format!("panel-{}", p.name())}>{ title }</button>
        }
    });
    // Pointing at a chart reads out each run's values at the epoch under the pointer.
    let point_at = {
        let pointed = pointed.clone();
        Callback::from(move |e: MouseEvent| {
            let canvas: HtmlCanvasElement = e.target_unchecked_into();
            let numbers = |name: &str| -> Vec<f64> {
                canvas
                    .get_attribute(name)
                    .unwrap_or_default()
                    .split(' ')
                    .filter_map(|v| v.parse().ok())
                    .collect()
            };
            let (plot, xs) = (numbers("data-plot"), numbers("data-x-range"));
            let epoch = match (plot.as_slice(), xs.as_slice()) {
                (&[left, _, right, _], &[low, high]) if right > left => {
                    let at = (f64::from(e.offset_x()) - left) / (right - left);
                    (0.0..=1.0)
                        .contains(&at)
                        .then(|| (low + at * (high - low)).round().max(0.0) as usize)
                }
                _ => None,
            };
            if *pointed != epoch {
                pointed.set(epoch);
            }
        })
    };
    let leave_chart = {
        let pointed = pointed.clone();
        Callback::from(move |_: MouseEvent| pointed.set(None))
    };
    let readout = |measure: fn(&EpochRecord) -> (f64, f64), shown: fn(f64) -> String| {
        let epoch = (*pointed)?;
        let values: Vec<String> = w
            .runs
            .iter()
            .enumerate()
            .filter_map(|(r, run)| {
                let history = &run.trainer.history;
                let k = history.binary_search_by_key(&epoch, |e| e.epoch).ok()?;
                let (train, test) = measure(&history[k]);
                Some(if w.runs.len() > 1 {
                    format!("{} {} / {}", ["A", "B"][r], shown(train), shown(test))
                } else {
                    format!("train {} · test {}", shown(train), shown(test))
                })
            })
            .collect();
        let key = if w.runs.len() > 1 {
            " (train / test)"
        } else {
            ""
        };
        (!values.is_empty()).then(|| format!("epoch {epoch}: {}{key}", values.join(" · ")))
    };
    let loss_readout = readout(|e| (e.train_loss, e.test_loss), number);
    let accuracy_readout = readout(|e| (e.train_accuracy, e.test_accuracy), percent);
    let outputs = match frame.picture {
        Picture::Plane { .. } => html! {
            <div class={classes!("planes", (w.runs.len() > 1).then_some("two"))}>
                { for (0..w.runs.len()).map(|r| html! {
                    <figure>
                        <canvas class="chart plane" data-paint={Paint::Boundary(r).to_string()} data-testid={format!("boundary-{r}")}
                            role="img" aria-label={if classification { "Decision boundary with the data" } else { "Fitted surface with the data" }}
                            onclick={on_plane_click.clone()} />
                        if w.runs.len() > 1 { <figcaption>{ ["Run A", "Run B"][r] }</figcaption> }
                    </figure>
                }) }
            </div>
        },
        Picture::Line { .. } => html! {
            <canvas class="chart curve" data-paint={Paint::Curve(w.selected).to_string()} data-testid="curve" role="img"
                aria-label="The data and the network's curve" />
        },
        Picture::None => html! {},
    };

    let spotlight = w.spotlight.map(|(l, j)| {
        let last = l + 1 == run.trainer.mlp.layers.len();
        if last && run.trainer.mlp.outputs() == 1 {
            "ŷ".to_string()
        } else {
            display_name(&format!("h^{{{}}}_{{{}}}", l + 1, j + 1))
        }
    });

    html! {
        <div class="net" ref={root} data-testid="network" data-frame-ms={frame_ms} data-trainer={trainer}>
            <div class="net-bar" role="toolbar" aria-label="Training">
                <button type="button" class="primary" onclick={send(Action::TogglePlay)} data-testid="train-play" data-control="train"
                    title="Train or pause (space)" aria-pressed={playing.to_string()}>{ if playing { "Pause" } else { "Train" } }</button>
                <button type="button" onclick={send(Action::Step)} data-testid="train-step" data-control="train-step" title="One optimiser step on one batch (→)">{ "Step" }</button>
                <button type="button" onclick={send(Action::Epoch)} data-testid="train-epoch" data-control="epoch" title="One pass over the training set (e)">{ "Epoch" }</button>
                <button type="button" onclick={send(Action::Reset)} data-testid="train-reset" data-control="reset" title="Back to the same initial weights (r)">{ "Reset" }</button>
                <button type="button" onclick={send(Action::NewWeights)} data-testid="new-weights" title="Draw new initial weights (the next weight seed)">{ "New weights" }</button>
                <label class="inline pace">{ "Pace " }
                    <select onchange={dispatch.reform(|e: Event| Action::Pace(Pace::from_name(&e.target_unchecked_into::<HtmlSelectElement>().value()).unwrap_or(Pace::Epoch)))} data-testid="pace" title="How much training each frame does">
                        <option value="step" selected={w.pace == Pace::Step}>{ "1 step / frame" }</option>
                        <option value="epoch" selected={w.pace == Pace::Epoch}>{ "1 epoch / frame" }</option>
                        <option value="fast" selected={w.pace == Pace::Fast}>{ "As fast as possible" }</option>
                    </select>
                </label>
                <span class="epoch">{ "Epoch " }<strong data-testid="epoch" data-value={summary.epoch.to_string()}>{ summary.epoch }</strong></span>
                <span class="spacer" />
                <button type="button" aria-pressed={(w.edges != Edges::Weights).to_string()} onclick={send(Action::CycleEdges)}
                    data-testid="edges" data-edges={format!("{:?}", w.edges)}
                    title="Colour and width of the edges: the weights w, ∂ℓ/∂w over the training set, or ∂ℓ/∂w for the chosen training point">
                    { match w.edges {
                        Edges::Weights => "Edges: w".to_string(),
                        Edges::Gradient => "Edges: ∂ℓ/∂w".to_string(),
                        Edges::SampleGradient => format!("Edges: ∂ℓ/∂w, point {}", w.sample + 1),
                    } }</button>
                <button type="button" aria-pressed={(w.runs.len() > 1).to_string()} onclick={send(Action::ToggleCompare)}
                    data-testid="compare" title="Train a copy side by side: change one thing in run B">{ if w.runs.len() > 1 { "One run" } else { "Compare" } }</button>
                if w.runs.len() > 1 {
                    <span class="segmented" role="group" aria-label="Run shown and edited">
                        <button type="button" aria-pressed={(w.selected == 0).to_string()} onclick={send(Action::Select(0))} data-testid="run-a">{ "A" }</button>
                        <button type="button" aria-pressed={(w.selected == 1).to_string()} onclick={send(Action::Select(1))} data-testid="run-b">{ "B" }</button>
                    </span>
                }
            </div>
            if let Some(notice) = &w.notice {
                <div class="notice" role="alert" data-testid="network-notice">
                    <p>{ notice }</p>
                    <button type="button" onclick={send(Action::Dismiss)}>{ "Dismiss" }</button>
                </div>
            } else if let Some(warning) = w.runs.iter().find_map(|r| r.trainer.warning.clone()) {
                <div class="notice" role="status" data-testid="training-warning">
                    <p>{ chainrule::render::text::sentence(&warning) }</p>
                </div>
            }
            <div class="net-main">
                <SetupPanel draft={w.draft.clone()} problem={w.problem.clone()} new_label={w.new_label} {clickable} on_action={dispatch.clone()} />
                <div class="centre">
                    <div class="panel-tabs">
                        <div role="tablist" aria-label="Beside the settings">{ for tabs }</div>
                        <select onchange={dispatch.reform(|e: Event| Action::OpenDemo(Demo::from_name(&e.target_unchecked_into::<HtmlSelectElement>().value()).unwrap_or(Demo::None)))} data-testid="demo" aria-label="Demonstration" title="The lecture's demonstrations">
                            { for Demo::ALL.iter().map(|d| html! { <option value={d.name()} selected={w.demo == *d}>{ d.title() }</option> }) }
                        </select>
                    </div>
                    {
                        match panel {
                            Panel::Network => html! {
                                <>
                                    <Diagram frame={frame.clone()} draft={w.draft.clone()} by_gradient={w.edges != Edges::Weights} {playing} on_action={dispatch.clone()} />
                                    <div class="below-tools">
                                        <button type="button" onclick={export} data-testid="export-model" title="Save the setup and the current weights as JSON">{ "Save model" }</button>
                                        <label class="file-button" title="Open a model saved as JSON">{ "Open model…" }
                                            <input type="file" accept=".json,application/json" onchange={import} data-testid="import-model" />
                                        </label>
                                        <button type="button" onclick={export_data} data-testid="export-data"
                                            title="Save the data set as CSV: the inputs, the label, and whether each point trains or tests">{ "Export data" }</button>
                                        <label class="toggle" title="Put the trained weights into the link (the saved workspace keeps them anyway)">
                                            <input type="checkbox" checked={w.keep_weights} onchange={dispatch.reform(|_: Event| Action::ToggleKeepWeights)} data-testid="keep-weights" />
                                            { "Weights in link" }
                                        </label>
                                    </div>
                                </>
                            },
                            Panel::Messages => html! {
                                <div class="panel-body" role="tabpanel">
                                    <div class="sample">
                                        <label class="inline">{ "Training point " }
                                            <input type="number" min="1" max={run.trainer.train_size().to_string()} value={(w.sample + 1).to_string()}
                                                onchange={on_sample} data-testid="sample-index" />
                                        </label>
                                        <button type="button" onclick={open_sample(false)} data-testid="open-sample"
                                            title="Open this point's forward and backward pass through the network in the step-through view">{ "Step through its backprop" }</button>
                                        <button type="button" onclick={open_sample(true)} data-testid="practise-sample"
                                            title="Compute this point's pass yourself, step by step, in practice mode: the messages and the weights' gradients">{ "Practise this example" }</button>
                                    </div>
                                    <div class="sample">
                                        <button type="button" onclick={open_batch} data-testid="open-batch"
                                            title="The batch's loss is the mean of its points' losses: open their passes as one graph, each weight feeding every point, its adjoint the sum of their messages">
                                            { "Step through a batch of" }</button>
                                        <select aria-label="Points in the batch" data-testid="batch-points" onchange={on_batch}>
                                            { for (2..=MAX_BATCH).map(|k| html! { <option value={k.to_string()} selected={k == *batch}>{ k }</option> }) }
                                        </select>
                                        <span class="muted">{ "points from this one" }</span>
                                    </div>
                                    <MessagesPanel frame={frame.clone()} sample={w.sample} />
                                </div>
                            },
                            Panel::Demo => html! {
                                <div class="panel-body" role="tabpanel">
                                    <DemoPanel demo={w.demo} frame={frame.clone()} summaries={summaries.clone()} gallery_a={w.gallery_a}
                                        has_landscape={w.landscape.is_some()} {shapes} draft={w.draft.clone()} on_action={dispatch.clone()} />
                                    if w.runs.len() > 1 && w.demo == Demo::None {
                                        <section class="demo" aria-label="The two runs" data-testid="comparison">{ comparison(&summaries) }</section>
                                    }
                                </div>
                            },
                        }
                    }
                </div>
                <section class="outputs" aria-label="Output">
                    if let Some(unit) = &spotlight {
                        <p class="spotlight" data-testid="spotlight" title="Move off the unit (or its focus) for the network's output">{ format!("Showing {unit} over the plane") }</p>
                    }
                    { outputs }
                    { for sampled }
                    <div class="stats">
                        { stat("Train loss", "train-loss", summary.train_loss, number(summary.train_loss)) }
                        { stat("Test loss", "test-loss", summary.test_loss, number(summary.test_loss)) }
                        if classification {
                            { stat("Train accuracy", "train-accuracy", summary.train_accuracy, percent(summary.train_accuracy)) }
                            { stat("Test accuracy", "test-accuracy", summary.test_accuracy, percent(summary.test_accuracy)) }
                        }
                    </div>
                    <div class="charts">
                        <figure class="chart-box">
                            <div class="chart-head">
                                <h2>{ "Loss" }</h2>
                                <button type="button" class="small" aria-pressed={w.log_scale.to_string()} onclick={send(Action::ToggleLogScale)}
                                    data-testid="log-scale" title="Linear or logarithmic loss axis">{ if w.log_scale { "log" } else { "linear" } }</button>
                            </div>
                            <canvas class="chart" data-paint={Paint::Loss.to_string()} data-testid="loss-chart" role="img" aria-label="Training and test loss per epoch"
                                onmousemove={point_at.clone()} onmouseleave={leave_chart.clone()} />
                            if let Some(text) = loss_readout {
                                <p class="readout" data-testid="loss-readout">{ text }</p>
                            }
                        </figure>
                        if classification {
                            <figure class="chart-box">
                                <div class="chart-head"><h2>{ "Accuracy" }</h2></div>
                                <canvas class="chart" data-paint={Paint::Accuracy.to_string()} data-testid="accuracy-chart" role="img" aria-label="Training and test accuracy per epoch"
                                    onmousemove={point_at} onmouseleave={leave_chart} />
                                if let Some(text) = accuracy_readout {
                                    <p class="readout" data-testid="accuracy-readout">{ text }</p>
                                }
                            </figure>
                        }
                    </div>
                </section>
            </div>

        </div>
    }
}
