//! A student's practice record, kept in the browser: each finished exercise's score, by seed and
//! level, the total over all of them, and the short code a student copies for the teacher (the
//! exercise and the score, nothing personal).

use std::collections::BTreeMap;

use crate::session::Score;

/// Finished exercises' scores, by (seed, level).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress(pub BTreeMap<(u64, usize), Score>);

impl Progress {
    /// Read from stored pairs (`SEED.LEVEL` → `FIRST.HINTS.REVEALED`); unreadable pairs are
    /// skipped, so a damaged record loses only what is damaged.
    pub fn from_pairs(pairs: &[(String, String)]) -> Progress {
        let numbers =
            |text: &str| -> Option<Vec<u64>> { text.split('.').map(|n| n.parse().ok()).collect() };
        let read = |(key, value): &(String, String)| {
            let key = numbers(key)?;
            let value = numbers(value)?;
            let (&[seed, level], &[first, hints, revealed]) = (key.as_slice(), value.as_slice())
            else {
                return None;
            };
            let level = usize::try_from(level)
                .ok()
                .filter(|l| (1..=5).contains(l))?;
            let count = |n: u64| usize::try_from(n).ok();
            Some((
                (seed, level),
                Score {
                    first_time: count(first)?,
                    after_hints: count(hints)?,
                    revealed: count(revealed)?,
                },
            ))
        };
        // Inserted one by one: `collect` would sort first, with a copy of the sort of its own.
        let mut scores = BTreeMap::new();
        scores.extend(pairs.iter().filter_map(read));
        Progress(scores)
    }

    /// As stored pairs.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .map(|((seed, level), s)| {
                (
                    format!("{seed}.{level}"),
                    format!("{}.{}.{}", s.first_time, s.after_hints, s.revealed),
                )
            })
            .collect()
    }

    /// Records a finished exercise's score (a second try replaces the first).
    pub fn record(&mut self, seed: u64, level: usize, score: Score) {
        self.0.insert((seed, level), score);
    }

    /// The scores of every finished exercise, added up.
    pub fn total(&self) -> Score {
        self.0.values().fold(Score::default(), |t, s| Score {
            first_time: t.first_time + s.first_time,
            after_hints: t.after_hints + s.after_hints,
            revealed: t.revealed + s.revealed,
        })
    }
}

/// The code a student gives the teacher for a finished exercise: `CR-SEED-LEVEL-FIRST-HINTS-
/// REVEALED-CHECK`, the check two digits that catch a mistyped number.
pub fn code(seed: u64, level: usize, score: Score) -> String {
    let parts = [
        seed,
        level as u64,
        score.first_time as u64,
        score.after_hints as u64,
        score.revealed as u64,
    ];
    let check = parts
        .iter()
        .enumerate()
        .fold(0u64, |c, (k, &n)| (c * 31 + n % 97 + k as u64) % 97);
    let numbers: Vec<String> = parts.iter().map(u64::to_string).collect();
    format!("CR-{}-{check:02}", numbers.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_survives_storage_and_a_damaged_entry_costs_only_itself() {
        let mut p = Progress::default();
        let score = Score {
            first_time: 15,
            after_hints: 3,
            revealed: 2,
        };
        p.record(4242, 2, score);
        p.record(0, 5, Score::default());
        let mut pairs = p.to_pairs();
        pairs.push(("banana".into(), "1.2.3".into()));
        pairs.push(("7.9".into(), "1.2.3".into()));
        assert_eq!(Progress::from_pairs(&pairs), p);
        assert_eq!(p.total().right(), 18);
        p.record(4242, 2, Score::default());
        assert_eq!(p.total().total(), 0);
    }

    #[test]
    fn a_code_names_the_exercise_and_score_and_a_typo_changes_its_check() {
        let score = Score {
            first_time: 15,
            after_hints: 3,
            revealed: 2,
        };
        let c = code(4242, 2, score);
        assert!(c.starts_with("CR-4242-2-15-3-2-"), "{c}");
        let typo = code(4243, 2, score);
        assert_ne!(c[c.len() - 2..], typo[typo.len() - 2..]);
    }
}
