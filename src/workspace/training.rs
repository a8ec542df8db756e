//! Training a frame at a time, on the page or in a Web Worker: the pace both follow, and the plain
//! data that goes between them (the runs out to the worker, what training did back).
//!
//! The page always holds the whole state as of the last report, so it can take training back at
//! any moment (a pause, an edit) without waiting for the worker; the worker's reports are tagged
//! with the generation of runs they came from, and the page ignores those of an older one.

use chainrule::nn::setup::Setup;
use chainrule::nn::train::{EpochRecord, Progress};
use serde::{Deserialize, Serialize};

use super::state::{Pace, Run};

/// A frame's training of `runs` at `pace`, stopping once `out_of_time` says so: one step, one
/// epoch, or as many steps as time allows.
pub fn train_frame(runs: &mut [Run], pace: Pace, mut out_of_time: impl FnMut() -> bool) {
    let targets: Vec<usize> = runs.iter().map(|r| r.trainer.epoch() + 1).collect();
    match pace {
        Pace::Step => {
            for run in runs.iter_mut() {
                run.step();
            }
        }
        Pace::Epoch | Pace::Fast => loop {
            let mut any = false;
            for (run, &target) in runs.iter_mut().zip(&targets) {
                if run.running() && (pace == Pace::Fast || run.trainer.epoch() < target) {
                    run.step();
                    any = true;
                }
            }
            if !any || out_of_time() {
                break;
            }
        },
    }
}

/// What the page asks of the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Command {
    /// Train these runs at this pace, in place of any before, until they stop or the page says so.
    Train {
        /// Tags the reports, so the page can tell them from those of runs it has since replaced.
        generation: u64,
        /// How much a frame trains.
        pace: Pace,
        /// The runs.
        jobs: Vec<Job>,
    },
    /// Stop training.
    Stop,
}

impl Command {
    /// As sent: postcard, a compact binary format (a large network's weights and moments are
    /// hundreds of thousands of numbers, which JSON would take a long frame to print).
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("commands are plain data")
    }

    /// A command as sent, or why it is not one.
    pub fn decode(bytes: &[u8]) -> Result<Command, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

/// A run as the worker receives it: its setup, from which the worker builds the same data and
/// network, and where training has got to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Job {
    /// The setup as JSON: its settings are written as the model file writes them (tagged), which
    /// only a self-describing format reads back.
    setup: String,
    progress: Progress,
    history: Vec<EpochRecord>,
}

impl Job {
    /// `run` as it stands.
    pub fn of(run: &Run) -> Job {
        Job {
            setup: serde_json::to_string(&run.setup).expect("setups are plain data"),
            progress: run.trainer.progress(),
            history: run.trainer.history.clone(),
        }
    }

    /// The run, ready to train, with an empty trajectory (the worker sends back only what it
    /// adds); `None` if its setup does not read or build, or its progress does not fit it.
    fn into_run(self) -> Option<Run> {
        let setup: Setup = serde_json::from_str(&self.setup).ok()?;
        let mut run = Run::new(setup).ok()?;
        run.trainer.resume(self.progress)?;
        run.trainer.history = self.history;
        run.path.clear();
        Some(run)
    }
}

/// What one run did since the last report: where it is now, the epochs it finished and the
/// weights it added to the trajectory (numbers only: the page has the network's shape).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    progress: Progress,
    records: Vec<EpochRecord>,
    path: Vec<Vec<Vec<f64>>>,
}

impl Run {
    /// Takes in a report of this run's training elsewhere; a report that does not fit (another
    /// network) changes nothing.
    pub fn absorb(&mut self, report: Report) {
        if self.trainer.resume(report.progress).is_none() {
            return;
        }
        self.trainer.history.extend(report.records);
        for weights in report.path {
            let mut snapshot = self.trainer.mlp.clone();
            for (layer, w) in snapshot.layers.iter_mut().zip(weights) {
                layer.weights = w;
            }
            self.keep_on_path(snapshot);
        }
    }
}

/// Every run's report, for the generation of runs they were trained from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The generation of the [`Command::Train`] these runs came from.
    pub generation: u64,
    /// One per run, in order.
    pub reports: Vec<Report>,
}

impl Snapshot {
    /// As sent: postcard, a compact binary format (sixty of these a second, each with every weight
    /// and the optimiser's moments, would cost the page milliseconds a frame as JSON).
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("snapshots are plain numbers")
    }

    /// A snapshot as sent, or why it is not one.
    pub fn decode(bytes: &[u8]) -> Result<Snapshot, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

/// The worker's side: the runs it trains, and how much of their history it has reported.
pub struct Training {
    generation: u64,
    pace: Pace,
    runs: Vec<Run>,
    reported: Vec<usize>,
}

impl Training {
    /// Training for the runs `jobs` describe, or `None` if one does not fit its network.
    pub fn new(generation: u64, pace: Pace, jobs: Vec<Job>) -> Option<Training> {
        let runs: Vec<Run> = jobs.into_iter().map(Job::into_run).collect::<Option<_>>()?;
        let reported = runs.iter().map(|r| r.trainer.history.len()).collect();
        Some(Training {
            generation,
            pace,
            runs,
            reported,
        })
    }

    /// The generation of the command these runs came from.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How much a frame trains.
    pub fn pace(&self) -> Pace {
        self.pace
    }

    /// Whether any run can go on.
    pub fn running(&self) -> bool {
        self.runs.iter().any(Run::running)
    }

    /// One frame's training, and the report of it.
    pub fn slice(&mut self, out_of_time: impl FnMut() -> bool) -> Snapshot {
        train_frame(&mut self.runs, self.pace, out_of_time);
        let reports = self
            .runs
            .iter_mut()
            .zip(&mut self.reported)
            .map(|(run, reported)| {
                let records = run.trainer.history[*reported..].to_vec();
                *reported = run.trainer.history.len();
                Report {
                    progress: run.trainer.progress(),
                    records,
                    path: std::mem::take(&mut run.path)
                        .into_iter()
                        .map(|m| m.layers.into_iter().map(|l| l.weights).collect())
                        .collect(),
                }
            })
            .collect();
        Snapshot {
            generation: self.generation,
            reports,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::state::Workspace;
    use chainrule::nn::train::Optimizer;

    fn playing(pace: Pace) -> Workspace {
        let mut w = Workspace::default();
        w.toggle_compare();
        w.edit(|s| {
            s.optimizer = Optimizer::ADAM;
            s.batch_size = 10;
        });
        w.pace = pace;
        w.toggle_play();
        w
    }

    #[test]
    fn training_in_a_worker_ends_where_training_on_the_page_does() {
        for pace in Pace::ALL {
            let mut here = playing(pace);
            let mut there = playing(pace);
            // Sent out as the page sends it, trained, and every report taken back as it arrives.
            let jobs = there.runs.iter().map(Job::of).collect();
            let sent = Command::Train {
                generation: 7,
                pace,
                jobs,
            };
            let command = Command::decode(&sent.encode()).unwrap();
            assert!(Command::decode(&[0xff, 3]).is_err());
            let Command::Train {
                generation,
                pace,
                jobs,
            } = command
            else {
                panic!("a train command");
            };
            let mut worker = Training::new(generation, pace, jobs).unwrap();
            for frame in 0..30 {
                // Fast frames end after a given number of steps, the same on both sides.
                let mut left = 17 + frame;
                here.advance(|| {
                    left -= 1;
                    left == 0
                });
                let mut left = 17 + frame;
                let snapshot = worker.slice(|| {
                    left -= 1;
                    left == 0
                });
                let snapshot = Snapshot::decode(&snapshot.encode()).unwrap();
                assert_eq!(snapshot.generation, 7);
                there.absorb(snapshot);
            }
            assert_eq!(there.runs[1].setup.optimizer, Optimizer::ADAM);
            for (a, b) in here.runs.iter().zip(&there.runs) {
                assert_eq!(a.trainer.progress(), b.trainer.progress(), "{pace:?}");
                assert_eq!(a.trainer.history, b.trainer.history, "{pace:?}");
                assert_eq!(a.path, b.path, "{pace:?}");
                assert!(a.trainer.steps() >= 30, "{pace:?}");
                assert!(a.trainer.epoch() >= 1 && a.path.len() > 1, "{pace:?}");
            }
        }
    }
}
