//! The tagging model: feature weights per tag, transitions, Viterbi decoding,
//! and its compact binary form.
//!
//! A model has one or more *layers*, each a BIO tagger over its own labels
//! (Russian: PER+LOC in one layer and ORG in another, so that `правительства
//! США` can be both an ORG and hold a LOC). All layers share the feature
//! keys: the row of a key holds the weights of every layer's tags.
//!
//! Binary format (little-endian): magic `YNER0001`, f32 scale, u32 layer
//! count; per layer u32 label count, the labels as u8 codes, then the
//! (tags + 1) × tags i16 transition matrix (first row: from the sentence
//! start); u32 key count, the u64 keys, then key count × row width i16 weights.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use yntymaq_core::Label;

const MAGIC: &[u8; 8] = b"YNER0001";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("model data is truncated")]
    Truncated,
    #[error("not a yntymaq NER model (bad magic)")]
    BadMagic,
    #[error("unknown label code {0}")]
    BadLabel(u8),
    #[error("model has {0} bytes after its end")]
    Trailing(usize),
    #[error("no tagger model for language {0:?} (there are models for ru and kk)")]
    UnknownLanguage(String),
}

pub fn label_code(l: Label) -> u8 {
    match l {
        Label::Per => 0,
        Label::Loc => 1,
        Label::Org => 2,
        Label::Role => 3,
        Label::Money => 4,
        Label::Date => 5,
        Label::Norp => 6,
    }
}

pub fn label_of(code: u8) -> Option<Label> {
    Some(match code {
        0 => Label::Per,
        1 => Label::Loc,
        2 => Label::Org,
        3 => Label::Role,
        4 => Label::Money,
        5 => Label::Date,
        _ => return None,
    })
}

/// One BIO layer: tag 0 is O, tag 1+2k is B-label k, tag 2+2k is I-label k.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub labels: Vec<Label>,
    /// (ntags + 1) × ntags; row 0 is the start state, row p+1 the previous tag p.
    pub trans: Vec<i32>,
}

impl Layer {
    pub fn ntags(&self) -> usize {
        1 + 2 * self.labels.len()
    }
}

/// Whether tag `cur` may follow tag `prev` (`None`: sentence start) in BIO.
#[inline]
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    // I-k must follow B-k or I-k
    match prev {
        Some(p) if p != 0 => p.div_ceil(2) == cur / 2,
        _ => false,
    }
}

/// Best tag sequence for emission scores `em` (n × ntags, row-major) and
/// transitions `trans` ((ntags + 1) × ntags), under the BIO constraints.
/// Works for integer and float scores alike.
pub fn viterbi<T>(em: &[T], n: usize, ntags: usize, trans: &[T], out: &mut Vec<usize>)
where
    T: Copy + PartialOrd + std::ops::Add<Output = T>,
{
    out.clear();
    if n == 0 || ntags == 0 || em.len() < n * ntags || trans.len() < (ntags + 1) * ntags {
        return;
    }
    let mut score: Vec<Option<T>> = vec![None; n * ntags];
    let mut back: Vec<usize> = vec![0; n * ntags];
    for c in 0..ntags {
        if allowed(None, c) {
            score[c] = Some(em[c] + trans[c]);
        }
    }
    for i in 1..n {
        for c in 0..ntags {
            let mut best: Option<(T, usize)> = None;
            for p in 0..ntags {
                if !allowed(Some(p), c) {
                    continue;
                }
                if let Some(s) = score[(i - 1) * ntags + p] {
                    let v = s + trans[(p + 1) * ntags + c];
                    if best.is_none_or(|(b, _)| v > b) {
                        best = Some((v, p));
                    }
                }
            }
            if let Some((b, p)) = best {
                score[i * ntags + c] = Some(b + em[i * ntags + c]);
                back[i * ntags + c] = p;
            }
        }
    }
    let mut last = 0;
    let mut best: Option<T> = None;
    for c in 0..ntags {
        if let Some(s) = score[(n - 1) * ntags + c] {
            if best.is_none_or(|b| s > b) {
                best = Some(s);
                last = c;
            }
        }
    }
    out.resize(n, 0);
    let mut c = last;
    for i in (0..n).rev() {
        out[i] = c;
        c = back[i * ntags + c];
    }
}

/// Below any reachable Viterbi score, far enough from `i64::MIN` not to
/// wrap. Only I tags at the first token get it; at every later token O (and
/// B-k, the first predecessor tried for I-k) is reachable, so the first
/// predecessor tried always has a real score and the first-best-wins order
/// of [`viterbi`] holds.
const NEG: i64 = i64::MIN / 4;

/// Reusable buffers of [`viterbi_rows`].
#[derive(Debug, Default)]
pub struct ViterbiBuf {
    score: Vec<i64>,
    next: Vec<i64>,
    back: Vec<u8>,
    tt: Vec<i64>,
}

/// [`viterbi`] for the integer scores of a tagging run, without allocation:
/// the emission of tag `c` at token `i` is `acc[i * width + off + c]`.
/// Same result as [`viterbi`] (the first best predecessor wins ties), with
/// 64-bit sums so long sentences cannot overflow.
#[allow(clippy::too_many_arguments)]
pub fn viterbi_rows(
    acc: &[i32],
    width: usize,
    off: usize,
    n: usize,
    ntags: usize,
    trans: &[i32],
    buf: &mut ViterbiBuf,
    out: &mut Vec<usize>,
) {
    out.clear();
    if n == 0
        || ntags == 0
        || ntags > 255
        || off + ntags > width
        || acc.len() < n * width
        || trans.len() < (ntags + 1) * ntags
    {
        return;
    }
    // the layer sizes of the embedded models, with fixed-size arrays
    match ntags {
        3 => return viterbi_fixed::<3>(acc, width, off, n, trans, buf, out),
        5 => return viterbi_fixed::<5>(acc, width, off, n, trans, buf, out),
        13 => return viterbi_fixed::<13>(acc, width, off, n, trans, buf, out),
        _ => {}
    }
    let ViterbiBuf { score, next, back, tt } = buf;
    // transitions by (to, from): the predecessors of a tag side by side
    tt.clear();
    for c in 0..ntags {
        tt.extend((0..ntags).map(|p| i64::from(trans.get((p + 1) * ntags + c).copied().unwrap_or(0))));
    }
    let Some(row0) = acc.get(off..off + ntags) else { return };
    score.clear();
    score.extend(row0.iter().zip(trans).enumerate().map(|(c, (&e, &t))| {
        if allowed(None, c) {
            i64::from(e) + i64::from(t)
        } else {
            NEG
        }
    }));
    back.clear();
    back.resize(n * ntags, 0);
    for i in 1..n {
        let (Some(row), Some(bk)) =
            (acc.get(i * width + off..i * width + off + ntags), back.get_mut(i * ntags..(i + 1) * ntags))
        else {
            return;
        };
        next.clear();
        for (c, (&e, bc)) in row.iter().zip(bk.iter_mut()).enumerate() {
            let (best, arg) = if c == 0 || c % 2 == 1 {
                // O and B-k follow anything
                let col = tt.get(c * ntags..(c + 1) * ntags).unwrap_or(&[]);
                let mut cand = score.iter().zip(col).map(|(&sc, &t)| sc + t).enumerate();
                let (mut arg, mut best) = cand.next().unwrap_or((0, NEG));
                for (p, v) in cand {
                    if v > best {
                        best = v;
                        arg = p;
                    }
                }
                (best, arg)
            } else {
                // I-k follows B-k (c - 1) or I-k (c)
                let v = |p: usize| match (score.get(p), tt.get(c * ntags + p)) {
                    (Some(&sc), Some(&t)) => sc + t,
                    _ => NEG,
                };
                let (vb, vi) = (v(c - 1), v(c));
                if vi > vb {
                    (vi, c)
                } else {
                    (vb, c - 1)
                }
            };
            next.push(best + i64::from(e));
            *bc = arg as u8;
        }
        std::mem::swap(score, next);
    }
    backtrack(score, back, ntags, n, out);
}

/// [`viterbi_rows`] for `N` tags (arguments checked by it).
#[allow(clippy::too_many_arguments)]
fn viterbi_fixed<const N: usize>(
    acc: &[i32],
    width: usize,
    off: usize,
    n: usize,
    trans: &[i32],
    buf: &mut ViterbiBuf,
    out: &mut Vec<usize>,
) {
    // tt[c][p]: the transition from p to c
    let mut tt = [[0i64; N]; N];
    for (c, col) in tt.iter_mut().enumerate() {
        for (p, t) in col.iter_mut().enumerate() {
            *t = i64::from(trans.get((p + 1) * N + c).copied().unwrap_or(0));
        }
    }
    let emissions = |i: usize| -> Option<&[i32; N]> { acc.get(i * width + off..)?.get(..N)?.try_into().ok() };
    let Some(row0) = emissions(0) else { return };
    let mut score = [NEG; N];
    for (c, (s, (&e, &t))) in score.iter_mut().zip(row0.iter().zip(trans)).enumerate() {
        if allowed(None, c) {
            *s = i64::from(e) + i64::from(t);
        }
    }
    let back = &mut buf.back;
    back.clear();
    back.resize(n * N, 0);
    for (i, bk) in back.chunks_exact_mut(N).enumerate().skip(1) {
        let Some(row) = emissions(i) else { return };
        let mut next = [0i64; N];
        for c in 0..N {
            let col = &tt[c];
            let (best, arg) = if c == 0 || c % 2 == 1 {
                // O and B-k follow anything; the first best predecessor wins
                let mut best = score[0] + col[0];
                let mut arg = 0;
                for p in 1..N {
                    let v = score[p] + col[p];
                    if v > best {
                        best = v;
                        arg = p;
                    }
                }
                (best, arg)
            } else {
                // I-k follows B-k (c - 1) or I-k (c)
                let (vb, vi) = (score[c - 1] + col[c - 1], score[c] + col[c]);
                if vi > vb {
                    (vi, c)
                } else {
                    (vb, c - 1)
                }
            };
            next[c] = best + i64::from(row[c]);
            bk[c] = arg as u8;
        }
        score = next;
    }
    backtrack(&score, back, N, n, out);
}

/// The best last tag by `score` (the first of equals), followed back
/// through `back` (`ntags` per token) over `n` tokens into `out`.
fn backtrack(score: &[i64], back: &[u8], ntags: usize, n: usize, out: &mut Vec<usize>) {
    let mut last = 0;
    let mut best = NEG;
    for (c, &s) in score.iter().enumerate() {
        if c == 0 || s > best {
            best = s;
            last = c;
        }
    }
    out.clear();
    out.resize(n, 0);
    let mut c = last;
    for i in (0..n).rev() {
        if let Some(o) = out.get_mut(i) {
            *o = c;
        }
        c = back.get(i * ntags + c).map_or(0, |&b| usize::from(b));
    }
}

/// Spans `(start token, end token exclusive, label)` of a BIO tag sequence.
pub fn bio_spans(tags: &[usize], labels: &[Label]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None; // (start, label index)
    for (i, &t) in tags.iter().enumerate() {
        let continues = t != 0 && t % 2 == 0 && cur.is_some_and(|(_, k)| k == t / 2 - 1);
        if continues {
            continue;
        }
        if let Some((s, k)) = cur.take() {
            if let Some(&l) = labels.get(k) {
                out.push((s, i, l));
            }
        }
        if t != 0 {
            cur = Some((i, (t - 1) / 2));
        }
    }
    if let Some((s, k)) = cur {
        if let Some(&l) = labels.get(k) {
            out.push((s, tags.len(), l));
        }
    }
    out
}

/// A loaded model with its key → row table.
///
/// The table is open-addressing with linear probing over `keys` (0 =
/// empty); the weight row of slot `s` is `weights[s * width..][..width]`,
/// so a lookup reads the small key array and, on a hit, one row.
pub struct Model {
    pub layers: Vec<Layer>,
    /// Weight units per 1.0 of the trained weights.
    pub scale: f32,
    /// Distinct for every model built in the process (never 0): caches of
    /// model-dependent sums tell models apart by it.
    id: u64,
    width: usize,
    nkeys: usize,
    mask: usize,
    keys: Vec<u64>,
    weights: Vec<i16>,
}

struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.b.len() < n {
            return Err(ModelError::Truncated);
        }
        let (a, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(a))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn i16s(&mut self, n: usize) -> Result<Vec<i16>, ModelError> {
        let b = self.take(n.checked_mul(2).ok_or(ModelError::Truncated)?)?;
        Ok(b.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect())
    }
    fn u64s(&mut self, n: usize) -> Result<Vec<u64>, ModelError> {
        let b = self.take(n.checked_mul(8).ok_or(ModelError::Truncated)?)?;
        Ok(b.chunks_exact(8)
            .map(|c| {
                let mut a = [0u8; 8];
                a.copy_from_slice(c);
                u64::from_le_bytes(a)
            })
            .collect())
    }
}

/// A stored key is never 0 (0 marks an empty slot).
#[inline]
fn nonzero(k: u64) -> u64 {
    if k == 0 {
        1
    } else {
        k
    }
}

impl Model {
    /// Builds a model from layers, keys and their weight rows (`weights.len()
    /// == keys.len() * width`).
    pub fn new(layers: Vec<Layer>, scale: f32, keys: &[u64], weights: Vec<i16>) -> Model {
        let width: usize = layers.iter().map(Layer::ntags).sum();
        let cap = (keys.len() * 2).max(16).next_power_of_two();
        let mask = cap - 1;
        let mut table = vec![0u64; cap];
        let mut rows = vec![0i16; cap * width];
        let mut nkeys = 0;
        for (r, &k) in keys.iter().enumerate() {
            let Some(row) = weights.get(r * width..(r + 1) * width) else { break };
            let k = nonzero(k);
            let mut s = (k as usize) & mask;
            while table[s] != 0 && table[s] != k {
                s = (s + 1) & mask;
            }
            if table[s] == 0 {
                nkeys += 1;
            }
            table[s] = k;
            rows[s * width..(s + 1) * width].copy_from_slice(row);
        }
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        Model { layers, scale, id, width, nkeys, mask, keys: table, weights: rows }
    }

    /// Reads a model from its binary form.
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { b };
        if r.take(8)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let scale = r.f32()?;
        let nlayers = r.u32()? as usize;
        let mut layers = Vec::new();
        for _ in 0..nlayers.min(16) {
            let nl = r.u32()? as usize;
            let mut labels = Vec::new();
            for &c in r.take(nl.min(64))? {
                labels.push(label_of(c).ok_or(ModelError::BadLabel(c))?);
            }
            let nt = 1 + 2 * labels.len();
            let trans = r.i16s((nt + 1) * nt)?.into_iter().map(i32::from).collect();
            layers.push(Layer { labels, trans });
        }
        let nkeys = r.u32()? as usize;
        let keys = r.u64s(nkeys)?;
        let width: usize = layers.iter().map(Layer::ntags).sum();
        let weights = r.i16s(nkeys.checked_mul(width).ok_or(ModelError::Truncated)?)?;
        if !r.b.is_empty() {
            return Err(ModelError::Trailing(r.b.len()));
        }
        Ok(Model::new(layers, scale, &keys, weights))
    }

    /// The binary form of `layers`, `keys` and `weights` (see the module doc).
    pub fn to_bytes(layers: &[Layer], scale: f32, keys: &[u64], weights: &[i16]) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + keys.len() * 8 + weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&scale.to_bits().to_le_bytes());
        out.extend_from_slice(&(layers.len() as u32).to_le_bytes());
        for l in layers {
            out.extend_from_slice(&(l.labels.len() as u32).to_le_bytes());
            out.extend(l.labels.iter().map(|&x| label_code(x)));
            for &t in &l.trans {
                out.extend_from_slice(&(t.clamp(i16::MIN as i32, i16::MAX as i32) as i16).to_le_bytes());
            }
        }
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for k in keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for w in weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// The model's identity in this process (never 0).
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn nkeys(&self) -> usize {
        self.nkeys
    }

    /// Bytes of memory the model holds.
    pub fn memory(&self) -> usize {
        self.keys.len() * 8 + self.weights.len() * 2
    }

    /// The weight row of a key, if the model has it.
    #[inline]
    pub fn row(&self, key: u64) -> Option<&[i16]> {
        let k = nonzero(key);
        let mut s = (k as usize) & self.mask;
        loop {
            let here = *self.keys.get(s)?;
            if here == k {
                return self.weights.get(s * self.width..(s + 1) * self.width);
            }
            if here == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Adds the rows of `keys` into `acc` (length `width`).
    #[inline]
    pub fn accumulate(&self, keys: &[u64], acc: &mut [i32]) {
        // the two models' widths, with fixed-size rows the compiler unrolls
        match acc.len() {
            8 => self.accumulate_n::<8>(keys, acc),
            13 => self.accumulate_n::<13>(keys, acc),
            _ => self.accumulate_any(keys, acc),
        }
    }

    fn accumulate_n<const N: usize>(&self, keys: &[u64], acc: &mut [i32]) {
        let (Ok(acc), true) = (<&mut [i32; N]>::try_from(acc), self.width == N) else {
            return;
        };
        for &k in keys {
            if let Some(Ok(row)) = self.row(k).map(<&[i16; N]>::try_from) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
    }

    fn accumulate_any(&self, keys: &[u64], acc: &mut [i32]) {
        for &k in keys {
            if let Some(row) = self.row(k) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
    }
}

/// Row-major float weights while training, for conversion to a [`Model`].
pub fn quantise(rows: &HashMap<u64, Vec<f32>>, layers_f: &[(Vec<Label>, Vec<f32>)], min_abs: f32) -> Vec<u8> {
    let mut max = 0f32;
    for r in rows.values() {
        for &w in r {
            max = max.max(w.abs());
        }
    }
    for (_, t) in layers_f {
        for &w in t {
            max = max.max(w.abs());
        }
    }
    let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
    let q = |w: f32| (w * scale).round().clamp(-32767.0, 32767.0) as i16;
    let mut keys: Vec<u64> =
        rows.iter().filter(|(_, r)| r.iter().any(|w| w.abs() * scale >= min_abs.max(1.0))).map(|(&k, _)| k).collect();
    keys.sort_unstable();
    let mut weights = Vec::new();
    for k in &keys {
        if let Some(r) = rows.get(k) {
            weights.extend(r.iter().map(|&w| q(w)));
        }
    }
    let layers: Vec<Layer> = layers_f
        .iter()
        .map(|(labels, t)| Layer { labels: labels.clone(), trans: t.iter().map(|&w| i32::from(q(w))).collect() })
        .collect();
    Model::to_bytes(&layers, scale, &keys, &weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraints() {
        assert!(allowed(None, 0));
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(1), 4));
        assert!(!allowed(Some(0), 2));
        assert!(allowed(Some(3), 4));
    }

    #[test]
    fn viterbi_follows_transitions_and_constraints() {
        // 3 tags: O, B-X, I-X. Token 1 prefers I-X strongly, token 0 slightly prefers O:
        // I-X needs B-X before it, so the best path is B-X I-X.
        let em = vec![1.0f32, 0.5, 0.0, 0.0, 0.0, 3.0];
        let trans = vec![0.0f32; 12];
        let mut out = Vec::new();
        viterbi(&em, 2, 3, &trans, &mut out);
        assert_eq!(out, vec![1, 2]);
        // a strong penalty on B-X → I-X makes O O best
        let mut trans2 = trans.clone();
        trans2[2 * 3 + 2] = -10.0;
        viterbi(&em, 2, 3, &trans2, &mut out);
        assert_eq!(out, vec![0, 0]);
        viterbi(&em, 0, 3, &trans, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn integer_viterbi_matches_the_generic_one() {
        // pseudo-random emissions and transitions, many ties (small range)
        let mut x: u64 = 12345;
        let mut rnd = |m: i32| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((x >> 33) as i32).rem_euclid(2 * m + 1) - m
        };
        let mut buf = ViterbiBuf::default();
        // the fixed sizes (3, 5, 13) and another one, every offset and range
        for case in 0..640 {
            let nt = [3, 5, 13, 7][case % 4];
            let width = nt + 3;
            let off = (case / 4) % 4;
            let n = 1 + case % 17;
            let range = if (case / 16) % 2 == 0 { 3 } else { 30_000 };
            let acc: Vec<i32> = (0..n * width).map(|_| rnd(range)).collect();
            let trans: Vec<i32> = (0..(nt + 1) * nt).map(|_| rnd(range)).collect();
            let em: Vec<i32> = (0..n).flat_map(|i| acc[i * width + off..i * width + off + nt].to_vec()).collect();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            viterbi(&em, n, nt, &trans, &mut a);
            viterbi_rows(&acc, width, off, n, nt, &trans, &mut buf, &mut b);
            assert_eq!(a, b, "case {case}");
        }
    }

    #[test]
    fn fixed_width_rows_add_like_any_width() {
        use Label::*;
        for labels in [vec![vec![Per, Loc], vec![Org]], vec![vec![Per, Loc, Org, Role, Money, Date]]] {
            let layers: Vec<Layer> = labels
                .into_iter()
                .map(|l| {
                    let nt = 1 + 2 * l.len();
                    Layer { labels: l, trans: vec![0; (nt + 1) * nt] }
                })
                .collect();
            let width: usize = layers.iter().map(Layer::ntags).sum();
            let keys: Vec<u64> = (1..=40u64).map(|k| k * 7919).collect();
            let weights: Vec<i16> = (0..keys.len() * width).map(|i| (i as i16).wrapping_mul(37) - 500).collect();
            let m = Model::new(layers, 1.0, &keys, weights);
            let probe: Vec<u64> = (0..60u64).map(|k| k * 7919).collect();
            let (mut a, mut b) = (vec![3i32; width], vec![3i32; width]);
            m.accumulate(&probe, &mut a);
            m.accumulate_any(&probe, &mut b);
            assert_eq!(a, b);
            assert_ne!(a, vec![3i32; width]);
        }
    }

    #[test]
    fn spans_from_tags() {
        let labels = [Label::Per, Label::Loc];
        assert_eq!(
            bio_spans(&[1, 2, 0, 3, 3, 4, 1], &labels),
            vec![(0, 2, Label::Per), (3, 4, Label::Loc), (4, 6, Label::Loc), (6, 7, Label::Per)]
        );
    }

    #[test]
    fn binary_round_trip_and_errors() {
        let layers = vec![Layer { labels: vec![Label::Per], trans: (0..12).collect() }];
        let keys = [5u64, 0, 99];
        let weights: Vec<i16> = vec![0, 1, 2, 3, 4, 5, 6, -7, i16::MIN];
        let b = Model::to_bytes(&layers, 2.0, &keys, &weights);
        let m = Model::from_bytes(&b).unwrap();
        assert_eq!(m.layers, layers);
        assert_eq!(m.scale, 2.0);
        assert_eq!(m.row(99), Some(&[6i16, -7, i16::MIN][..]));
        assert_eq!(m.row(0), Some(&[3i16, 4, 5][..]));
        assert_eq!(m.row(6), None);
        let mut acc = vec![0i32; 3];
        m.accumulate(&[5, 99, 1234], &mut acc);
        assert_eq!(acc, vec![6, -6, -32766]);
        assert_eq!(Model::from_bytes(&b[..b.len() - 1]).err(), Some(ModelError::Truncated));
        assert_eq!(Model::from_bytes(b"XXXXXXXXXXXX").err(), Some(ModelError::BadMagic));
        let mut extra = b.clone();
        extra.push(0);
        assert_eq!(Model::from_bytes(&extra).err(), Some(ModelError::Trailing(1)));
    }
}
