//! Training: an averaged structured perceptron over the BIO layers of a
//! model, with a feature count cut-off, then quantised to 16-bit weights
//! and pruned of near-zero rows.

use crate::corpus::{layer_tags, sentence_ranges, Doc};
use crate::features::{Extractor, SentFeatures};
use crate::lexicon::Lexicon;
use crate::model::{quantise, viterbi};
use std::collections::HashMap;
use yntymaq_core::Label;

#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// A feature must occur in at least this many tokens to get a weight.
    pub cutoff: u32,
    /// Rows whose largest quantised weight is below this are dropped.
    pub min_abs: f32,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// Perceptrons trained with seeds `seed, seed + 1, ...` whose averaged
    /// weights are averaged again (less dependence on the shuffle).
    pub bags: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 10, cutoff: 2, min_abs: 8.0, seed: 1, bags: 3 }
    }
}

struct Sent {
    /// Row ids of each token's known features: `rows[off[i]..off[i+1]]`.
    rows: Vec<u32>,
    off: Vec<usize>,
    /// Gold tags per layer.
    gold: Vec<Vec<usize>>,
}

/// Trains a model on `docs`; returns its binary form.
pub fn train(docs: &[&Doc], lang: &str, layers: &[Vec<Label>], cfg: &TrainConfig) -> Vec<u8> {
    let lex = Lexicon::global();
    let mut ex = Extractor::new();
    let mut feats: Vec<(SentFeatures, Vec<Vec<usize>>)> = Vec::new();
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for d in docs {
        let tags: Vec<Vec<usize>> = layers.iter().map(|l| layer_tags(d, l)).collect();
        let sents = sentence_ranges(&d.text, &d.tokens);
        ex.prepare(&d.text, &d.tokens, &sents, lang, lex, None);
        for (a, b) in sents {
            let mut f = SentFeatures::default();
            ex.sentence(a, b, &mut f);
            for i in 0..f.len() {
                let mut ks: Vec<u64> = f.token(i).to_vec();
                ks.sort_unstable();
                ks.dedup();
                for k in ks {
                    *counts.entry(k).or_insert(0) += 1;
                }
            }
            let gold = tags
                .iter()
                .map(|t| {
                    let mut g = t[a..b].to_vec();
                    // an entity cut by a sentence break starts again
                    if let Some(first) = g.first_mut() {
                        if *first != 0 && *first % 2 == 0 {
                            *first -= 1;
                        }
                    }
                    g
                })
                .collect();
            feats.push((f, gold));
        }
    }
    let mut index: HashMap<u64, u32> = HashMap::new();
    let mut keys: Vec<u64> = Vec::new();
    let mut kept: Vec<(&u64, &u32)> = counts.iter().filter(|(_, &c)| c >= cfg.cutoff).collect();
    kept.sort_unstable();
    for (&k, _) in kept {
        index.insert(k, keys.len() as u32);
        keys.push(k);
    }
    let sents: Vec<Sent> = feats
        .into_iter()
        .map(|(f, gold)| {
            let mut rows = Vec::new();
            let mut off = vec![0];
            for i in 0..f.len() {
                rows.extend(f.token(i).iter().filter_map(|k| index.get(k).copied()));
                off.push(rows.len());
            }
            Sent { rows, off, gold }
        })
        .collect();
    drop(index);

    let ntags: Vec<usize> = layers.iter().map(|l| 1 + 2 * l.len()).collect();
    let width: usize = ntags.iter().sum();
    let offs: Vec<usize> = ntags
        .iter()
        .scan(0, |s, &n| {
            let o = *s;
            *s += n;
            Some(o)
        })
        .collect();
    let bags = cfg.bags.max(1);
    let mut wsum = vec![0f32; keys.len() * width];
    let mut tsum: Vec<Vec<f32>> = ntags.iter().map(|&n| vec![0f32; (n + 1) * n]).collect();
    for bag in 0..bags {
        let (w, tw) =
            perceptron(&sents, &ntags, &offs, width, keys.len(), cfg.epochs, cfg.seed.wrapping_add(bag as u64));
        for (a, b) in wsum.iter_mut().zip(&w) {
            *a += b / bags as f32;
        }
        for (ta, tb) in tsum.iter_mut().zip(&tw) {
            for (a, b) in ta.iter_mut().zip(tb) {
                *a += b / bags as f32;
            }
        }
    }
    let mut rows: HashMap<u64, Vec<f32>> = HashMap::with_capacity(keys.len());
    for (r, &k) in keys.iter().enumerate() {
        rows.insert(k, wsum[r * width..(r + 1) * width].to_vec());
    }
    let layers_f: Vec<(Vec<Label>, Vec<f32>)> =
        layers.iter().zip(tsum).map(|(labels, t)| (labels.clone(), t)).collect();
    quantise(&rows, &layers_f, cfg.min_abs)
}

/// One averaged perceptron over `sents`: the averaged feature weights
/// (`nkeys × width`) and transition matrices per layer.
fn perceptron(
    sents: &[Sent],
    ntags: &[usize],
    offs: &[usize],
    width: usize,
    nkeys: usize,
    epochs: usize,
    seed: u64,
) -> (Vec<f32>, Vec<Vec<f32>>) {
    let mut w = vec![0f32; nkeys * width];
    let mut u = vec![0f32; nkeys * width];
    let mut tw: Vec<Vec<f32>> = ntags.iter().map(|&n| vec![0f32; (n + 1) * n]).collect();
    let mut tu: Vec<Vec<f32>> = tw.clone();
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut em: Vec<f32> = Vec::new();
    let mut pred: Vec<usize> = Vec::new();
    for _epoch in 0..epochs {
        // Fisher-Yates with an LCG
        for i in (1..order.len()).rev() {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = ((rng >> 33) as usize) % (i + 1);
            order.swap(i, j);
        }
        for &si in &order {
            let s = &sents[si];
            let n = s.off.len() - 1;
            for (l, &nt) in ntags.iter().enumerate() {
                let o = offs[l];
                em.clear();
                em.resize(n * nt, 0.0);
                for i in 0..n {
                    for &r in &s.rows[s.off[i]..s.off[i + 1]] {
                        let base = r as usize * width + o;
                        for t in 0..nt {
                            em[i * nt + t] += w[base + t];
                        }
                    }
                }
                viterbi(&em, n, nt, &tw[l], &mut pred);
                let gold = &s.gold[l];
                if pred == *gold {
                    continue;
                }
                for i in 0..n {
                    let (g, p) = (gold[i], pred[i]);
                    let gp = if i == 0 { 0 } else { gold[i - 1] + 1 };
                    let pp = if i == 0 { 0 } else { pred[i - 1] + 1 };
                    if g != p {
                        for &r in &s.rows[s.off[i]..s.off[i + 1]] {
                            let base = r as usize * width + o;
                            w[base + g] += 1.0;
                            u[base + g] += c;
                            w[base + p] -= 1.0;
                            u[base + p] -= c;
                        }
                    }
                    if g != p || gp != pp {
                        tw[l][gp * nt + g] += 1.0;
                        tu[l][gp * nt + g] += c;
                        tw[l][pp * nt + p] -= 1.0;
                        tu[l][pp * nt + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    let w: Vec<f32> = w.iter().zip(&u).map(|(a, b)| a - b / c).collect();
    let tw: Vec<Vec<f32>> =
        tw.iter().zip(&tu).map(|(t, v)| t.iter().zip(v).map(|(a, b)| a - b / c).collect()).collect();
    (w, tw)
}
