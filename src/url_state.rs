//! The session as URL query pairs (`e=...&at=x=2&step=5&tree=1`), so a link restores the exact view
//! and the last session survives a reload. Reading is strict: anything malformed is refused with a
//! reason, and the caller falls back to the default view with a notice.

use chainrule::descent::DEFAULT_RATE;
use chainrule::nn::train::Optimizer;
use chainrule::render::text::{excerpt, QUOTED};
use chainrule::{Bindings, Sharing};

use crate::lesson::STOPS;
use chainrule::exercise::LEVELS;

use crate::session::{Action, Paths, Practice, Session, Theme, SPEEDS};

/// The query pairs that describe `session`.
pub fn to_pairs(session: &Session) -> Vec<(String, String)> {
    let mut pairs = vec![("e".to_string(), session.source.clone())];
    let at: Vec<String> = session
        .variables()
        .iter()
        .map(|(name, v)| format!("{name}={v}"))
        .collect();
    if !at.is_empty() {
        pairs.push(("at".into(), at.join(",")));
    }
    if let Some(d) = &session.descent {
        let learned: Vec<String> = session
            .learned()
            .into_iter()
            .filter_map(|id| Some(session.model.as_ref()?.graph.name(id).to_string()))
            .collect();
        pairs.push(("learn".into(), learned.join(",")));
        if d.rate != DEFAULT_RATE {
            pairs.push(("rate".into(), d.rate.to_string()));
        }
        if d.optimizer != Optimizer::Sgd {
            pairs.push(("optimizer".into(), d.optimizer.to_string()));
        }
    }
    if let Some((x, y)) = session.paths.start {
        pairs.push(("from".into(), format!("{x},{y}")));
    }
    let paths = session.paths;
    if (paths.rates, paths.beta) != (Paths::default().rates, Paths::default().beta) {
        let [sgd, momentum, adam] = paths.rates;
        pairs.push((
            "paths".into(),
            format!("{sgd},{momentum},{},{adam}", paths.beta),
        ));
    }
    pairs.push(("step".into(), session.cursor.to_string()));
    if session.sharing == Sharing::Tree {
        pairs.push(("tree".into(), "1".into()));
    }
    if session.theme != Theme::Auto {
        pairs.push(("theme".into(), session.theme.name().into()));
    }
    if session.presentation {
        pairs.push(("present".into(), "1".into()));
    }
    if session.speed != 1.0 {
        pairs.push(("speed".into(), session.speed.to_string()));
    }
    match session.practice.as_ref().map(|p| p.exercise) {
        Some(Some((seed, level))) => {
            pairs.push(("practice".into(), seed.to_string()));
            pairs.push(("level".into(), level.to_string()));
        }
        Some(None) => pairs.push(("practice".into(), "on".into())),
        None => {}
    }
    pairs
}

/// The exercise a link asks for (`practice=SEED&level=N`), practice alone (`practice=on`), or
/// neither; or why its words are not one of those.
fn practice_in(pairs: &[(String, String)]) -> Result<Option<Option<(u64, usize)>>, String> {
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let Some(practice) = get("practice") else {
        return Ok(None);
    };
    if practice == "on" {
        return Ok(Some(None));
    }
    let seed: u64 = practice.parse().map_err(|_| {
        format!(
            "its practice '{}' is neither a seed nor 'on'",
            excerpt(practice, QUOTED)
        )
    })?;
    let level = match get("level") {
        None => 1,
        Some(level) => level
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=LEVELS.len()).contains(l))
            .ok_or_else(|| {
                format!(
                    "its level '{}' is not one of 1 to {}",
                    excerpt(level, QUOTED),
                    LEVELS.len()
                )
            })?,
    };
    Ok(Some(Some((seed, level))))
}

/// The surface's paths as a link describes them: `from=x,y` (the start) and
/// `paths=η_sgd,η_momentum,β,η_adam`.
fn paths_in(from: Option<&str>, settings: Option<&str>) -> Result<Paths, String> {
    let numbers = |text: &str, count: usize, what: &str| -> Result<Vec<f64>, String> {
        let values: Vec<f64> = text
            .split(',')
            .filter_map(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .collect();
        if values.len() == count && text.split(',').count() == count {
            Ok(values)
        } else {
            Err(format!(
                "its {what} '{}' is not {count} numbers",
                excerpt(text, QUOTED)
            ))
        }
    };
    let mut paths = Paths::default();
    if let Some(from) = from {
        let v = numbers(from, 2, "start")?;
        paths.start = Some((v[0], v[1]));
    }
    if let Some(settings) = settings {
        let v = numbers(settings, 4, "paths")?;
        if v.iter().any(|r| *r <= 0.0) || v[2] >= 1.0 {
            return Err(format!(
                "its paths '{}' need positive rates and β below 1",
                excerpt(settings, QUOTED)
            ));
        }
        paths.rates = [v[0], v[1], v[3]];
        paths.beta = v[2];
    }
    Ok(paths)
}

/// Turns gradient descent on in `session` as a link describes it: the variables that learn
/// (`learn=w0,w1`, possibly none), the rate and the optimiser.
fn descent_in(
    session: &mut Session,
    learn: &str,
    rate: Option<&str>,
    optimizer: Option<&str>,
) -> Result<(), String> {
    session.apply(Action::ToggleDescent);
    let known: Vec<String> = session.variables().into_iter().map(|(n, _)| n).collect();
    for (name, _) in session.variables() {
        session.apply(Action::SetLearned(name, false));
    }
    for name in learn.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !known.iter().any(|k| k == name) {
            return Err(format!(
                "it learns '{}', which is not one of its variables",
                excerpt(name, QUOTED)
            ));
        }
        session.apply(Action::SetLearned(name.to_string(), true));
    }
    if let Some(rate) = rate {
        let value = rate
            .parse::<f64>()
            .ok()
            .filter(|r| r.is_finite() && *r > 0.0)
            .ok_or_else(|| {
                format!(
                    "its learning rate '{}' is not a positive number",
                    excerpt(rate, QUOTED)
                )
            })?;
        session.apply(Action::SetRate(value));
    }
    if let Some(optimizer) = optimizer {
        session.apply(Action::SetOptimizer(optimizer.parse()?));
    }
    Ok(())
}

/// The session described by query pairs, or why they do not describe one.
pub fn from_pairs(pairs: &[(String, String)]) -> Result<Session, String> {
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let practice = practice_in(pairs)?;
    if let (Some(Some((seed, level))), None) = (practice, get("e")) {
        let mut session = Session::default();
        session.apply(Action::OpenExercise { seed, level });
        session.theme = match get("theme") {
            Some(theme) => Theme::from_name(theme)
                .ok_or_else(|| format!("its theme '{}' is unknown", excerpt(theme, QUOTED)))?,
            None => Theme::Auto,
        };
        session.presentation = get("present") == Some("1");
        return Ok(session);
    }
    // A link that only sets how the page looks (`#present=1`) opens the lecture's example so.
    let lecture = Session::default();
    let looks_only = !pairs.is_empty()
        && pairs
            .iter()
            .all(|(k, _)| matches!(k.as_str(), "theme" | "present" | "speed" | "embed" | "hide"));
    let source = get("e")
        .or(looks_only.then_some(lecture.source.as_str()))
        .ok_or_else(|| match get("lesson") {
            // A lesson link names its stop's expression; with none, the stop was not one of them.
            Some(stop) => format!(
                "its lesson stop '{}' is not one of 1 to {}",
                excerpt(stop, QUOTED),
                STOPS.len()
            ),
            None => "it has no expression".into(),
        })?;
    let values = match get("at") {
        Some(at) => {
            // The first line only: a notice has no room for the caret drawn under the text.
            Bindings::parse(at).map_err(|e| {
                format!(
                    "its values are not readable ({})",
                    e.lines().next().unwrap_or_default()
                )
            })?
        }
        None if looks_only => lecture.values.clone(),
        None => Bindings::default(),
    };
    let mut session = Session::new(source, values);
    if let Some(problem) = &session.problem {
        return Err(format!(
            "its expression does not parse ({})",
            problem.message
        ));
    }
    if get("tree") == Some("1") {
        session.apply(Action::ToggleSharing);
    }
    if let Some(learn) = get("learn") {
        descent_in(&mut session, learn, get("rate"), get("optimizer"))?;
    }
    session.paths = paths_in(get("from"), get("paths"))?;
    if let Some(step) = get("step") {
        let step: usize = step
            .parse()
            .map_err(|_| format!("its step '{}' is not a number", excerpt(step, QUOTED)))?;
        if step > session.step_count() {
            return Err(format!(
                "its step {step} is past the last step, {}",
                session.step_count()
            ));
        }
        session.cursor = step;
    }
    if let Some(theme) = get("theme") {
        session.theme = Theme::from_name(theme)
            .ok_or_else(|| format!("its theme '{}' is unknown", excerpt(theme, QUOTED)))?;
    }
    session.presentation = get("present") == Some("1");
    if let Some(exercise) = practice {
        session.practice = Some(Practice {
            exercise,
            ..Practice::default()
        });
    }
    if let Some(speed) = get("speed") {
        session.speed = speed
            .parse::<f64>()
            .ok()
            .filter(|s| SPEEDS.contains(s))
            .ok_or_else(|| {
                format!(
                    "its speed '{}' is not one of the offered speeds",
                    excerpt(speed, QUOTED)
                )
            })?;
    }
    Ok(session)
}

/// The session to open: the one described by `pairs`, or the default with a notice saying why not.
pub fn restore(pairs: Option<&[(String, String)]>, what: &str) -> Session {
    restore_or(pairs, what, || None)
}

/// The session described by `pairs`, or else the one `fallback` gives (the user's last session,
/// so a bad link costs them nothing) and then the lecture's example, with a notice saying why.
pub fn restore_or(
    pairs: Option<&[(String, String)]>,
    what: &str,
    fallback: impl FnOnce() -> Option<Session>,
) -> Session {
    match pairs.map(from_pairs) {
        None => Session::default(),
        Some(Ok(session)) => session,
        Some(Err(reason)) => {
            let (session, instead) = match fallback() {
                Some(last) => (last, "your last session"),
                None => (Session::default(), "the lecture's example"),
            };
            Session {
                notice: Some(format!(
                    "The {what} could not be opened because {reason}; showing {instead} instead."
                )),
                ..session
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Action;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_link_keeps_what_learns_how_fast_and_by_which_optimiser() {
        let mut session = Session::new(
            "(y - sigmoid(w0 + w1*x))^2 / 2",
            Bindings::parse("y=1, w0=-0.5, w1=0.8, x=1.5").unwrap(),
        );
        session.apply(Action::ToggleDescent);
        session.apply(Action::SetLearned("w0".into(), false));
        session.apply(Action::SetRate(0.25));
        session.apply(Action::SetOptimizer(Optimizer::Momentum { beta: 0.5 }));
        session.apply(Action::ToEnd);
        let written = to_pairs(&session);
        assert!(written.contains(&("learn".into(), "w1".into())));
        assert!(written.contains(&("optimizer".into(), "momentum:0.5".into())));
        let restored = from_pairs(&written).unwrap();
        let d = restored.descent.as_ref().unwrap();
        assert_eq!(
            (d.rate, d.optimizer),
            (0.25, Optimizer::Momentum { beta: 0.5 })
        );
        assert_eq!(restored.learned(), session.learned());
        assert_eq!(restored.cursor, session.step_count());
        // The paths over the surface: their start and settings.
        let mut surface = Session::new("x^2 + 3*y^2", Bindings::parse("x=1, y=1").unwrap());
        surface.apply(Action::SetPaths(Paths {
            start: Some((0.5, -2.0)),
            rates: [0.1, 0.05, 0.2],
            beta: 0.8,
        }));
        let back = from_pairs(&to_pairs(&surface)).unwrap();
        assert_eq!(back.paths, surface.paths);
        for bad in ["1,2,3", "0.1,0.1,1,0.1", "0.1,-1,0.5,0.1", "a,b,c,d"] {
            let link = pairs(&[("e", "x*y"), ("paths", bad)]);
            assert!(from_pairs(&link).unwrap_err().contains("paths"), "{bad}");
        }
        // Nothing learning is a descent too: the walk is the two passes.
        let none = from_pairs(&pairs(&[("e", "x^2"), ("learn", "")])).unwrap();
        assert_eq!(none.step_count(), none.passes_count());
        assert!(none.descent.is_some());
        for (bad, says) in [
            (("learn", "q"), "it learns 'q'"),
            (("rate", "-1"), "learning rate '-1'"),
            (("optimizer", "rmsprop"), "optimiser 'rmsprop'"),
        ] {
            let mut link = pairs(&[("e", "x^2"), ("learn", "x")]);
            link.retain(|(k, _)| k != bad.0);
            link.push((bad.0.into(), bad.1.into()));
            let reason = from_pairs(&link).unwrap_err();
            assert!(reason.contains(says), "{reason}");
        }
    }

    #[test]
    fn a_session_survives_the_round_trip() {
        let mut session = Session::default();
        session.apply(Action::Edit("x*y + sin(y)".into()));
        session.apply(Action::SetValue("y".into(), -0.25));
        session.apply(Action::JumpTo(5));
        session.apply(Action::ToggleSharing);
        session.apply(Action::CycleTheme);
        session.apply(Action::TogglePresentation);
        session.apply(Action::SetSpeed(4.0));
        let restored = from_pairs(&to_pairs(&session)).unwrap();
        assert_eq!(restored.source, session.source);
        assert_eq!(restored.variables(), session.variables());
        assert_eq!(restored.cursor, 5);
        assert_eq!(restored.sharing, Sharing::Tree);
        assert_eq!(restored.theme, Theme::Light);
        assert!(restored.presentation);
        assert_eq!(restored.speed, 4.0);
    }

    #[test]
    fn non_finite_values_survive_the_round_trip() {
        let mut session = Session::default();
        session.apply(Action::SetValue("x".into(), f64::NAN));
        let restored = from_pairs(&to_pairs(&session)).unwrap();
        assert!(restored.variables()[0].1.is_nan());
        session.apply(Action::SetValue("x".into(), f64::NEG_INFINITY));
        assert_eq!(
            from_pairs(&to_pairs(&session)).unwrap().variables()[0].1,
            f64::NEG_INFINITY
        );
    }

    #[test]
    fn tampered_links_are_refused_with_a_reason() {
        let cases = [
            (pairs(&[("at", "x=2")]), "no expression"),
            (
                pairs(&[("lesson", "999")]),
                "lesson stop '999' is not one of 1 to 11",
            ),
            (pairs(&[("e", "sqrt(x")]), "does not parse"),
            (
                pairs(&[("e", "x"), ("at", "x=oops")]),
                "values are not readable",
            ),
            (pairs(&[("e", "x"), ("step", "-1")]), "not a number"),
            (
                pairs(&[("e", "exp(x)"), ("step", "99")]),
                "past the last step",
            ),
            (pairs(&[("e", "x"), ("theme", "neon")]), "unknown"),
            (pairs(&[("e", "x"), ("speed", "1e9")]), "offered speeds"),
        ];
        for (pairs, reason) in cases {
            let err = from_pairs(&pairs).unwrap_err();
            assert!(err.contains(reason), "{err}");
        }
    }

    #[test]
    fn a_link_that_only_sets_the_look_opens_the_lecture_so() {
        let session = from_pairs(&pairs(&[("present", "1"), ("theme", "dark")])).unwrap();
        assert_eq!(session.source, Session::default().source);
        assert_eq!(session.variables(), Session::default().variables());
        assert!(session.presentation);
        assert_eq!(session.theme, Theme::Dark);
    }

    #[test]
    fn a_practice_link_opens_the_same_exercise_for_every_student() {
        let a = from_pairs(&pairs(&[("practice", "1234"), ("level", "3")])).unwrap();
        let b = from_pairs(&pairs(&[("practice", "1234"), ("level", "3")])).unwrap();
        assert_eq!((&a.source, a.variables()), (&b.source, b.variables()));
        assert_eq!(a.practice.as_ref().unwrap().exercise, Some((1234, 3)));
        assert_eq!(a.cursor, 0);
        // And the link the page then writes reads back to the same exercise, in practice.
        let again = from_pairs(&to_pairs(&a)).unwrap();
        assert_eq!(again.source, a.source);
        assert_eq!(again.practice.unwrap().exercise, Some((1234, 3)));
        let on = from_pairs(&pairs(&[("e", "x*y"), ("practice", "on")])).unwrap();
        assert_eq!(on.practice.unwrap().exercise, None);
        for (bad, reason) in [
            (pairs(&[("practice", "banana")]), "neither a seed"),
            (
                pairs(&[("practice", "5"), ("level", "9")]),
                "not one of 1 to 5",
            ),
        ] {
            assert!(from_pairs(&bad).unwrap_err().contains(reason));
        }
    }

    #[test]
    fn a_broken_link_opens_the_default_with_a_notice() {
        let session = restore(Some(&pairs(&[("e", "(((")])), "link");
        assert_eq!(session.source, Session::default().source);
        assert!(session
            .notice
            .unwrap()
            .starts_with("The link could not be opened"));
        assert_eq!(restore(None, "link").notice, None);
    }
}
