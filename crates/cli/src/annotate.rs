//! `yntymaq annotate`: the recognizers' entities, as a product of their own.
//!
//! Reads `{"id", "text"}` lines (optionally `lang`, then taken as the text's
//! language instead of identifying it) and writes
//! `{"id", "entities": [{"start", "end", "label", "text", "norm"}]}` per line,
//! offsets in Unicode characters. The text is taken as it is (no cleaning).

use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use serde::{Deserialize, Serialize};
use yntymaq::pipeline::Pipeline;
use yntymaq_core::CharOffsets;

#[derive(Args, Debug)]
pub struct AnnotateArgs {
    /// A JSON Lines file of `{"id", "text"}` objects (`-` for standard input).
    pub input: PathBuf,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Only these labels (comma-separated: PER,LOC,ORG,ROLE,MONEY,DATE).
    #[arg(long, value_delimiter = ',')]
    pub labels: Vec<String>,
    /// Print characters per second and peak memory to standard error.
    #[arg(long)]
    pub stats: bool,
    /// Tag language LANG (ru or kk) with the model file PATH, written by the
    /// tagger's `train` example with `--out`, instead of the embedded model
    /// (a retrained model, or a cross-validation fold's). Repeatable.
    #[arg(long = "ner-model", value_name = "LANG=PATH")]
    pub ner_models: Vec<String>,
}

/// The embedded tagger with the models of `--ner-model LANG=PATH` in place.
fn tagger_with(models: &[String]) -> Result<Option<yntymaq_ner::Tagger>> {
    if models.is_empty() {
        return Ok(None);
    }
    let mut tagger = yntymaq_ner::Tagger::try_new().context("cannot load the embedded tagger models")?;
    for m in models {
        let Some((lang, path)) = m.split_once('=') else {
            anyhow::bail!("--ner-model {m:?}: expected LANG=PATH, such as ru=/tmp/ru.bin");
        };
        let bytes = std::fs::read(path).with_context(|| format!("--ner-model: cannot read {path}"))?;
        tagger = tagger.with_model(lang, &bytes).with_context(|| format!("--ner-model: {path}"))?;
    }
    Ok(Some(tagger))
}

#[derive(Deserialize)]
struct In {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Serialize)]
struct Ent<'a> {
    start: usize,
    end: usize,
    label: &'static str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    norm: Option<&'a str>,
}

#[derive(Serialize)]
struct Out<'a> {
    id: &'a serde_json::Value,
    entities: Vec<Ent<'a>>,
}

pub fn run(args: AnnotateArgs) -> Result<ExitCode> {
    let input: Box<dyn BufRead> = if args.input.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        let f = std::fs::File::open(&args.input).with_context(|| format!("cannot open {}", args.input.display()))?;
        Box::new(BufReader::with_capacity(1 << 16, f))
    };
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = io::BufWriter::new(out);
    let load = Instant::now();
    let mut pipeline = Pipeline::new(yntymaq::pipeline::Depth::Full);
    if let Some(tagger) = tagger_with(&args.ner_models)? {
        pipeline = pipeline.with_tagger(tagger);
    }
    let load_secs = load.elapsed().as_secs_f64();
    let labels: Vec<String> = args.labels.iter().map(|l| l.trim().to_uppercase()).collect();
    let lines: Vec<(usize, String)> = input
        .lines()
        .enumerate()
        .map(|(i, l)| l.map(|l| (i + 1, l)).with_context(|| format!("{}:{}: cannot read", args.input.display(), i + 1)))
        .collect::<Result<_>>()?;
    // Speed as natasha's runner in scripts/ner_compare.py measures its own:
    // the pipeline's time summed over documents (tokenising included),
    // reading and writing JSON left out; the wall time covers everything.
    let texts_chars = AtomicUsize::new(0);
    let pipeline_nanos = AtomicU64::new(0);
    let start = Instant::now();
    let results: Vec<Result<String, String>> = {
        use rayon::prelude::*;
        lines
            .par_iter()
            .map(|(n, line)| -> Result<String, String> {
                if line.trim().is_empty() {
                    return Ok(String::new());
                }
                let rec: In = serde_json::from_str(line).map_err(|e| format!("line {n}: malformed JSON: {e}"))?;
                texts_chars.fetch_add(rec.text.chars().count(), Ordering::Relaxed);
                let clock = Instant::now();
                let doc = pipeline.annotate(&rec.text, rec.lang.as_deref());
                let spent = u64::try_from(clock.elapsed().as_nanos()).unwrap_or(u64::MAX);
                pipeline_nanos.fetch_add(spent, Ordering::Relaxed);
                let offsets = CharOffsets::new(&doc.body);
                let entities = doc
                    .entities
                    .iter()
                    .filter(|e| labels.is_empty() || labels.iter().any(|l| l == e.label.as_str()))
                    .map(|e| Ent {
                        start: offsets.char_at(e.span.start),
                        end: offsets.char_at(e.span.end),
                        label: e.label.as_str(),
                        text: e.span.slice(&doc.body),
                        norm: e.norm.as_deref(),
                    })
                    .collect();
                serde_json::to_string(&Out { id: &rec.id, entities }).map_err(|e| format!("line {n}: {e}"))
            })
            .collect()
    };
    let secs = start.elapsed().as_secs_f64();
    let chars = texts_chars.into_inner();
    let mut failed = 0usize;
    for r in results {
        match r {
            Ok(s) if s.is_empty() => {}
            Ok(s) => writeln!(out, "{s}").context("cannot write the output")?,
            Err(e) => {
                failed += 1;
                eprintln!("yntymaq: {}: {e}", args.input.display());
            }
        }
    }
    out.flush().context("cannot write the output")?;
    if args.stats {
        eprintln!("{}", stats_line(chars, pipeline_nanos.into_inner(), secs, rayon::current_num_threads(), load_secs));
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The `--stats` line: the speed per core from the pipeline's time summed
/// over documents (`pipeline_nanos`), then the wall time of all the work
/// (JSON in and out included) on `threads` threads.
fn stats_line(chars: usize, pipeline_nanos: u64, wall_secs: f64, threads: usize, load_secs: f64) -> String {
    let pipeline_secs = pipeline_nanos as f64 / 1e9;
    format!(
        "annotate: {chars} characters; pipeline {pipeline_secs:.3} s summed over documents: {:.0} chars/s per core; \
         all work {wall_secs:.2} s on {threads} thread(s), JSON in and out included: {:.0} chars/s; load {load_secs:.2} s; \
         peak memory {}",
        chars as f64 / pipeline_secs.max(1e-9),
        chars as f64 / wall_secs.max(1e-9),
        crate::bench::peak_rss_mib().map(|m| format!("{m:.0} MiB")).unwrap_or_else(|| "unknown".into())
    )
}

#[cfg(test)]
mod tests {
    use super::stats_line;

    #[test]
    fn stats_line_rates_per_core_from_the_pipeline_time() {
        // 1,000,000 characters in 0.25 s of pipeline time, 0.5 s of wall time
        let line = stats_line(1_000_000, 250_000_000, 0.5, 2, 0.1);
        assert!(line.contains("pipeline 0.250 s summed over documents: 4000000 chars/s per core"), "{line}");
        assert!(line.contains("all work 0.50 s on 2 thread(s), JSON in and out included: 2000000 chars/s"), "{line}");
        assert!(line.contains("load 0.10 s"), "{line}");
    }
}
