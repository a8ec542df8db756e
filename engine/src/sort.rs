//! One stable sort for the whole program, so the WebAssembly download carries one copy of it.
//!
//! The standard library's sorts are generic: every call site with its own element type or
//! comparison gets its own copy of the whole algorithm, about 5 KB of code each, and the app had
//! fifteen (76 KB, more than any of its own components). Here the algorithm is one function,
//! which sorts positions through a `dyn` comparison; only a few lines that apply the order are
//! generic. The sorts it serves are of a few hundred items, where a call through a pointer costs
//! nothing that shows.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order), as `slice::sort_by` does.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    apply(items, order);
}

/// Sorts `items` by the key `key` gives each, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `numbers` ascending, in `f64::total_cmp`'s order (-0 before 0, NaN last).
pub fn sort_floats(numbers: &mut [f64]) {
    sort_by(numbers, f64::total_cmp);
}

/// Below this many items, insertion sort (no second buffer, few comparisons on short rows).
const SHORT: usize = 24;

/// The positions 0..n in sorted order: by insertion for short lists, otherwise by a bottom-up
/// merge sort (runs of 1, 2, 4, … merged, the left run winning ties). Both are stable.
fn sorted_positions(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if n <= SHORT {
        for k in 1..n {
            let mut j = k;
            while j > 0 && compare(order[j - 1], order[j]) == Ordering::Greater {
                order.swap(j - 1, j);
                j -= 1;
            }
        }
        return order;
    }
    let mut merged = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        merged.clear();
        for start in (0..n).step_by(2 * width) {
            let middle = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, middle);
            while i < middle && j < end {
                if compare(order[j], order[i]) == Ordering::Less {
                    merged.push(order[j]);
                    j += 1;
                } else {
                    merged.push(order[i]);
                    i += 1;
                }
            }
            merged.extend_from_slice(&order[i..middle]);
            merged.extend_from_slice(&order[j..end]);
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Puts `items[order[k]]` at position k, in place: each position takes the item it should hold
/// from where the earlier swaps have moved it.
fn apply<T>(items: &mut [T], order: Vec<usize>) {
    for k in 0..order.len() {
        let mut from = order[k];
        while from < k {
            from = order[from];
        }
        items.swap(k, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SplitMix;

    #[test]
    fn sorts_as_the_standard_librarys_stable_sort_does() {
        let mut rng = SplitMix::new(5);
        for n in 0..200 {
            // Few distinct keys, so ties are many and stability shows.
            let items: Vec<(u32, usize)> = (0..n)
                .map(|i| ((rng.uniform(0.0, 8.0)) as u32, i))
                .collect();
            let (mut ours, mut std) = (items.clone(), items.clone());
            sort_by_key(&mut ours, |&(key, _)| key);
            std.sort_by_key(|&(key, _)| key);
            assert_eq!(ours, std, "n = {n}");
        }
    }

    #[test]
    fn floats_sort_in_total_order() {
        let mut numbers = vec![3.0, f64::NAN, -0.0, 0.0, -1.5, f64::NEG_INFINITY, 2.0];
        sort_floats(&mut numbers);
        let bits: Vec<u64> = numbers.iter().map(|f| f.to_bits()).collect();
        let mut expected = [f64::NEG_INFINITY, -1.5, -0.0, 0.0, 2.0, 3.0, f64::NAN];
        expected.sort_by(f64::total_cmp);
        assert_eq!(
            bits,
            expected.iter().map(|f| f.to_bits()).collect::<Vec<_>>()
        );
    }
}
