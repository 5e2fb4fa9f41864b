//! `yntymaq eval`: extraction on a gold corpus, scored as `score.py` scores it.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use yntymaq::eval::{errors, load_jsonl, score, FIELDS};
use yntymaq::ingest::{read_inputs, IngestOptions};
use yntymaq::output::Outcome;
use yntymaq::pipeline::{Depth, Pipeline};

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// A gold corpus in the format of SCHEMA.md (JSON Lines with `text` and `events`).
    pub gold: PathBuf,
    /// Also score each language.
    #[arg(long)]
    pub by_lang: bool,
    /// List the documents that miss this field.
    #[arg(long)]
    pub errors: Option<String>,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// Score this prediction file instead of running extraction.
    #[arg(long)]
    pub pred: Option<PathBuf>,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    if let Some(f) = &args.errors {
        if !FIELDS.contains(&f.as_str()) {
            bail!("--errors takes one of {}", FIELDS.join(", "));
        }
    }
    let gold =
        load_jsonl(&args.gold).with_context(|| format!("cannot read the gold corpus {}", args.gold.display()))?;
    let pred: Vec<serde_json::Value> = match &args.pred {
        Some(p) => load_jsonl(p).with_context(|| format!("cannot read the predictions {}", p.display()))?,
        None => {
            let pipeline = Pipeline::new(Depth::Full);
            let items = read_inputs(vec![args.gold.clone()], IngestOptions::default());
            let mut out = Vec::new();
            yntymaq::batch::run_ordered(
                items,
                256,
                |item| crate::extract::process(&pipeline, item, false),
                |o| {
                    if let Outcome::Error(e) = &o {
                        eprintln!("yntymaq: {}: {}", e.source, e.error);
                    }
                    out.push(o.to_json());
                },
            );
            out
        }
    };
    let report = score(&gold, &pred, args.by_lang);
    if let Some(note) = report.note() {
        eprintln!("{note}");
    }
    let errs = args.errors.as_deref().map(|f| errors(&gold, &pred, f)).unwrap_or_default();
    if args.json {
        print!("{}", report.render_json(&errs));
    } else {
        print!("{}", report.render(&errs));
    }
    Ok(ExitCode::SUCCESS)
}
