//! What an exported animation shows, frame by frame: the inputs, then each step of the walk with
//! its messages travelling along their edges and then held for the reader. Plain data, the same
//! for every format, so a GIF and a video of one walk show the same frames for the same times.

/// Frames a message takes to travel along its edge.
pub const TRAVEL_FRAMES: usize = 10;
/// Each travelling frame's time, in milliseconds (ten frames: half a second, as on screen).
pub const TRAVEL_MS: u32 = 50;

/// One frame of the film.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shot {
    /// How many steps of the walk are done.
    pub cursor: usize,
    /// How far the step's messages have travelled (0 … 1), or None once they have arrived.
    pub travel: Option<f64>,
    /// How long the frame is shown, in milliseconds.
    pub ms: u32,
}

/// The film of a walk of `steps` steps, each held `hold_ms` once its messages have arrived.
pub fn shots(steps: usize, hold_ms: u32) -> Vec<Shot> {
    let mut shots = vec![Shot {
        cursor: 0,
        travel: None,
        ms: hold_ms,
    }];
    for cursor in 1..=steps {
        shots.extend((0..TRAVEL_FRAMES).map(|i| Shot {
            cursor,
            travel: Some(i as f64 / TRAVEL_FRAMES as f64),
            ms: TRAVEL_MS,
        }));
        shots.push(Shot {
            cursor,
            travel: None,
            ms: hold_ms,
        });
    }
    shots
}

/// The shots a slide deck shows: one a step, its messages arrived.
pub fn slides(steps: usize) -> impl Iterator<Item = Shot> {
    (0..=steps).map(|cursor| Shot {
        cursor,
        travel: None,
        ms: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_travels_then_holds() {
        let film = shots(2, 1500);
        assert_eq!(film.len(), 1 + 2 * (TRAVEL_FRAMES + 1));
        assert_eq!(film[0].cursor, 0);
        let second: Vec<&Shot> = film.iter().filter(|s| s.cursor == 2).collect();
        assert_eq!(second.len(), TRAVEL_FRAMES + 1);
        assert_eq!(second[0].travel, Some(0.0));
        assert!(second[..TRAVEL_FRAMES]
            .windows(2)
            .all(|w| w[0].travel < w[1].travel));
        assert_eq!(second[TRAVEL_FRAMES].travel, None);
        assert_eq!(second[TRAVEL_FRAMES].ms, 1500);
        let total: u32 = film.iter().map(|s| s.ms).sum();
        assert_eq!(total, 3 * 1500 + 2 * TRAVEL_FRAMES as u32 * TRAVEL_MS);
    }

    #[test]
    fn a_deck_has_a_slide_a_step_and_one_for_the_inputs() {
        let deck: Vec<Shot> = slides(13).collect();
        assert_eq!(deck.len(), 14);
        assert!(deck.iter().all(|s| s.travel.is_none()));
        assert_eq!(deck.last().map(|s| s.cursor), Some(13));
    }
}
