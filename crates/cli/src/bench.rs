//! `yntymaq bench`: documents per second and peak memory on a generated corpus.
//!
//! The corpus is generated from real documents (the shared evaluation corpora
//! beside the repository when present, else the bundled examples): each copy
//! gets its paragraphs rotated and its numbers changed, so that caches do not
//! see the same text twice. Timing covers the pipeline only, not generation.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use yntymaq::ingest::{read_inputs, IngestOptions, Item};
use yntymaq::pipeline::{Depth, Pipeline};
use yntymaq_core::{Content, Document};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Stage {
    /// Clean and language identification.
    Clean,
    /// The whole pipeline.
    Full,
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Seed documents (files, directories, JSONL). Default: ../shared/eval/*.jsonl and seeds, else examples/.
    pub paths: Vec<PathBuf>,
    /// How many documents to generate.
    #[arg(long, default_value_t = 20_000)]
    pub docs: usize,
    /// How far to run the pipeline.
    #[arg(long, value_enum, default_value = "full")]
    pub stage: Stage,
    /// Worker threads (default: 1, so the figure is per core).
    #[arg(long, short = 'j', default_value_t = 1)]
    pub threads: usize,
}

fn default_paths() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared");
    let candidates = [shared.join("eval/dev.jsonl"), shared.join("eval/seeds.jsonl"), shared.join("seeds")];
    let found: Vec<PathBuf> = candidates.into_iter().filter(|p| p.exists()).collect();
    if found.is_empty() {
        vec![root.join("examples")]
    } else {
        found
    }
}

/// Rotates paragraphs and shifts digits so each copy differs.
fn vary(text: &str, k: usize) -> String {
    let paras: Vec<&str> = text.split("\n\n").collect();
    let n = paras.len().max(1);
    let mut out = String::with_capacity(text.len() + 8);
    // keep the first paragraph (headline) in place, rotate the rest
    if let Some(first) = paras.first() {
        out.push_str(first);
    }
    let rest = &paras[1.min(paras.len())..];
    for i in 0..rest.len() {
        out.push_str("\n\n");
        out.push_str(rest[(i + k) % rest.len()]);
    }
    let shift = (k % 9) as u8;
    let _ = n;
    out.chars().map(|c| if c.is_ascii_digit() { (b'0' + ((c as u8 - b'0' + shift) % 10)) as char } else { c }).collect()
}

pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(args: BenchArgs) -> Result<()> {
    let paths = if args.paths.is_empty() { default_paths() } else { args.paths.clone() };
    let seeds: Vec<Document> = read_inputs(paths.clone(), IngestOptions::default())
        .filter_map(|i| if let Item::Doc(d) = i { Some(*d) } else { None })
        .collect();
    if seeds.is_empty() {
        bail!("no readable documents in {paths:?}");
    }
    let corpus: Vec<Document> = (0..args.docs)
        .map(|k| {
            let seed = &seeds[k % seeds.len()];
            let mut d = seed.clone();
            d.id = format!("{}#{k}", seed.id);
            d.content = seed.content.as_ref().map(|c| match c {
                Content::Text(t) => Content::Text(vary(t, k / seeds.len())),
                Content::Html(h) => Content::Html(h.clone()),
            });
            d
        })
        .collect();
    let bytes: usize = corpus
        .iter()
        .map(|d| match &d.content {
            Some(Content::Text(t)) | Some(Content::Html(t)) => t.len(),
            None => 0,
        })
        .sum();
    let depth = match args.stage {
        Stage::Clean => Depth::Clean,
        Stage::Full => Depth::Full,
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.max(1)).build().context("thread pool")?;
    let load = Instant::now();
    let pipeline = Pipeline::new(depth);
    let load_time = load.elapsed();
    let start = Instant::now();
    let (n, relevant) = pool.install(|| {
        use rayon::prelude::*;
        corpus
            .into_par_iter()
            .map(|d| {
                let (_, events) = pipeline.process(d);
                (1usize, usize::from(!events.is_empty()))
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let secs = start.elapsed().as_secs_f64();
    let rate = n as f64 / secs;
    println!(
        "corpus:      {n} documents generated from {} seeds ({:.1} MB of raw text)",
        seeds.len(),
        bytes as f64 / 1e6
    );
    println!("stage:       {:?}, {} thread(s)", args.stage, args.threads.max(1));
    println!("load:        {:.2} s (dictionaries and models)", load_time.as_secs_f64());
    println!("time:        {secs:.2} s");
    println!(
        "throughput:  {rate:.0} documents/s ({:.0} per core), {:.1} MB/s",
        rate / args.threads.max(1) as f64,
        bytes as f64 / 1e6 / secs
    );
    println!("relevant:    {relevant} documents");
    match peak_rss_mib() {
        Some(m) => println!("peak memory: {m:.0} MiB (VmHWM, whole process, corpus included)"),
        None => println!("peak memory: unavailable on this platform"),
    }
    Ok(())
}
