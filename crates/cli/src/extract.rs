//! `yntymaq extract`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use yntymaq::ingest::{read_inputs, IngestOptions, Item};
use yntymaq::output::{ErrorRecord, Outcome, Record};
use yntymaq::pipeline::{Depth, Pipeline};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One JSON record per line.
    Jsonl,
    /// One JSON array of records.
    Json,
    /// For people: title, date, language and the body's first lines.
    Pretty,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively) of text, HTML, JSONL or WARC (.gz too); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// The largest document read, in bytes (a file, a JSONL line, a WARC record).
    #[arg(long, default_value_t = IngestOptions::default().max_bytes)]
    pub max_bytes: usize,
    /// Body paragraphs shown per document with --format pretty.
    #[arg(long, default_value_t = 6)]
    pub lines: usize,
    /// Also store the records in this SQLite database (created if missing) and
    /// link the events that report one real-world event.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Add the recognized entities, cues and figures to each record (`annotations`).
    #[arg(long)]
    pub entities: bool,
    /// Never show the progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

/// Processes one ingested item into its outcome; a panic in a stage becomes
/// an error record for that document, and the run goes on.
pub fn process(pipeline: &Pipeline, item: Item, entities: bool) -> Outcome {
    match item {
        Item::Failed(f) => Outcome::Error(ErrorRecord::from(f)),
        Item::Doc(doc) => {
            let id = doc.id.clone();
            let source = doc.source.clone();
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(*doc))) {
                Ok((doc, events)) => {
                    let mut r = Record::from_document(&doc, events);
                    if entities {
                        r.annotations = Some(yntymaq::output::annotations(&doc));
                    }
                    Outcome::Record(Box::new(r))
                }
                Err(_) => Outcome::Error(ErrorRecord {
                    id,
                    source,
                    error: "internal error while processing (a bug: please report it with this document)".into(),
                }),
            }
        }
    }
}

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up the worker threads")?;
    }
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let pipeline = Pipeline::new(Depth::Full);
    let bar = progress_bar(args.no_progress);
    let opts = IngestOptions { max_bytes: args.max_bytes };
    let items = read_inputs(args.paths.clone(), opts);

    let mut store = match &args.db {
        Some(p) => {
            Some(yntymaq::store::Store::open(p).with_context(|| format!("cannot open the store {}", p.display()))?)
        }
        None => None,
    };
    let mut batch: Vec<Record> = Vec::new();
    let mut store_error: Option<anyhow::Error> = None;
    let mut failed = 0usize;
    let mut first = true;
    let mut write_error: Option<io::Error> = None;
    if args.format == Format::Json {
        out.write_all(b"[\n")?;
    }
    let total = yntymaq::batch::run_ordered(
        items,
        256,
        |item| process(&pipeline, item, args.entities),
        |outcome| {
            bar.inc(1);
            if let Outcome::Error(e) = &outcome {
                failed += 1;
                bar.suspend(|| eprintln!("yntymaq: {}: {}", e.source, e.error));
            }
            if let (Some(st), Outcome::Record(r)) = (store.as_mut(), &outcome) {
                batch.push((**r).clone());
                if batch.len() >= 500 && store_error.is_none() {
                    if let Err(e) = st.put_all(batch.iter()) {
                        store_error = Some(e.into());
                    }
                    batch.clear();
                }
            }
            if write_error.is_some() {
                return;
            }
            let res = match args.format {
                Format::Jsonl => serde_json::to_writer(&mut out, &outcome.to_json())
                    .map_err(io::Error::from)
                    .and_then(|_| out.write_all(b"\n")),
                Format::Json => {
                    let sep: &[u8] = if first { b"" } else { b",\n" };
                    out.write_all(sep).and_then(|_| {
                        serde_json::to_writer_pretty(&mut out, &outcome.to_json()).map_err(io::Error::from)
                    })
                }
                Format::Pretty => {
                    out.write_all(outcome.pretty(args.lines).as_bytes()).and_then(|_| out.write_all(b"\n"))
                }
            };
            first = false;
            if let Err(e) = res {
                write_error = Some(e);
            }
        },
    );
    bar.finish_and_clear();
    if let Some(st) = store.as_mut() {
        if let Some(e) = store_error {
            return Err(e).context("cannot store the records");
        }
        st.put_all(batch.iter()).context("cannot store the records")?;
        let events = st.resolve().context("cannot resolve events in the store")?;
        let (d, e) = st.counts().context("cannot read the store")?;
        eprintln!("yntymaq: store: {d} documents, {e} events, {events} real-world events");
    }
    if let Some(e) = write_error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(e).context("cannot write the output");
    }
    if args.format == Format::Json {
        out.write_all(b"\n]\n")?;
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        r => r.context("cannot write the output")?,
    }
    if failed > 0 {
        eprintln!("yntymaq: {failed} of {total} documents failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// A spinner with the document count and rate, on stderr when it is a terminal.
pub fn progress_bar(disabled: bool) -> ProgressBar {
    if disabled || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents  {per_sec}  {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
