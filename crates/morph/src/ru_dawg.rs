//! Reading the DAWGs of rsmorphy's dictionary (the format of the `dawg`
//! package) through their public units: what `Dictionary::follow_char` and
//! `Completer` do, without their trace calls, per-key allocations and
//! indexing panics.

use rsmorphy::dawg::dictionary::Dictionary;
use rsmorphy::dawg::guide::Guide;
use rsmorphy::dawg::units;

/// The node after `label` from node `index` (`Dictionary::follow_char`).
#[inline]
pub fn follow(d: &Dictionary, label: u8, index: u32) -> Option<u32> {
    let unit = *d.units.get(index as usize)?;
    let next = (index ^ units::offset(unit) ^ u32::from(label)) & units::PRECISION_MASK;
    let leaf = *d.units.get(next as usize)?;
    (units::label(leaf) == u32::from(label)).then_some(next)
}

/// The node after `bytes` from node `index` (`Dictionary::follow_bytes`).
#[inline]
pub fn follow_bytes(d: &Dictionary, bytes: &[u8], mut index: u32) -> Option<u32> {
    for &b in bytes {
        index = follow(d, b, index)?;
    }
    Some(index)
}

/// The value stored at node `index`, if a key ends there
/// (`Dictionary::try_value`).
pub fn value(d: &Dictionary, index: u32) -> Option<u32> {
    let unit = *d.units.get(index as usize)?;
    if !units::has_leaf(unit) {
        return None;
    }
    let value_index = (index ^ units::offset(unit)) & units::PRECISION_MASK;
    Some(units::value(*d.units.get(value_index as usize)?))
}

/// Calls `each` with every key completing node `index`, in the order of
/// rsmorphy's `Completer::next_key` (the same steps on the same guide).
/// `None` when the tables do not hold together (rsmorphy would panic) or
/// `each` returns `None`.
pub fn completions(d: &Dictionary, guide: &Guide, index: u32, mut each: impl FnMut(&[u8]) -> Option<()>) -> Option<()> {
    let mut key: Vec<u8> = Vec::with_capacity(16);
    let mut stack: Vec<u32> = Vec::with_capacity(16);
    stack.push(index);
    let mut last = d.root;
    // Follows `label` from `from`, pushing it; `None` ends the keys.
    let push = |key: &mut Vec<u8>, stack: &mut Vec<u32>, label: u8, from: u32| -> Option<u32> {
        let next = follow(d, label, from)?;
        key.push(label);
        stack.push(next);
        Some(next)
    };
    loop {
        let Some(&top) = stack.last() else { return Some(()) };
        let mut at = top;
        if last != d.root {
            let entry = guide.units.get(at as usize)?;
            let (child, mut sibling) = (entry.child, entry.sibling);
            if child != 0 {
                match push(&mut key, &mut stack, child, at) {
                    Some(next) => at = next,
                    None => return Some(()),
                }
            } else {
                while sibling == 0 {
                    sibling = guide.units.get(at as usize)?.sibling;
                    key.pop();
                    stack.pop();
                    match stack.last() {
                        Some(&up) => at = up,
                        None => return Some(()),
                    }
                }
                match push(&mut key, &mut stack, sibling, at) {
                    Some(next) => at = next,
                    None => return Some(()),
                }
            }
        }
        // The first key at or below `at`.
        while !d.units.get(at as usize).is_some_and(|&u| units::has_leaf(u)) {
            let child = guide.units.get(at as usize)?.child;
            match push(&mut key, &mut stack, child, at) {
                Some(next) => at = next,
                None => return Some(()),
            }
        }
        last = at;
        each(&key)?;
    }
}
