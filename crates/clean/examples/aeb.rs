//! Runs the HTML extractor on the article-extraction benchmark.
//!
//! ```text
//! cargo run --release -p yntymaq-clean --example aeb -- [BENCH_DIR] [OUT.jsonl]
//! ```
//!
//! `BENCH_DIR` (default `../shared/data/article-extraction/scrapinghub-aeb`)
//! holds `html/<id>.html.gz`. Writes one JSON line `{"id", "body"}` per page
//! to `OUT.jsonl` (default: standard output) and prints the extraction time
//! (pages read and decompressed beforehand; not timed) to standard error.
//! `AEB_REPEAT=N` times N passes; `AEB_MIN_KB`/`AEB_MAX_KB` keep only pages
//! of that size.
//! `scripts/aeb_bench.py` scores the output.

use std::io::{Read, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/article-extraction/scrapinghub-aeb").to_string()
    });
    let out_path = args.next();
    let repeat: usize = std::env::var("AEB_REPEAT").ok().and_then(|v| v.parse().ok()).unwrap_or(1).max(1);

    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/html"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let mut pages = Vec::with_capacity(paths.len());
    for p in &paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let id = name.trim_end_matches(".html.gz").to_string();
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p)?).read_to_end(&mut raw)?;
        // The benchmark's pages are UTF-8; decode leniently all the same.
        pages.push((id, String::from_utf8_lossy(&raw).into_owned()));
    }
    // AEB_MIN_KB / AEB_MAX_KB: time only pages of that size (e.g. 50..100 KB)
    let kb = |v: &str| std::env::var(v).ok().and_then(|v| v.parse::<usize>().ok());
    let (min_kb, max_kb) = (kb("AEB_MIN_KB").unwrap_or(0), kb("AEB_MAX_KB").unwrap_or(usize::MAX));
    pages.retain(|p| (min_kb..=max_kb).contains(&(p.1.len() / 1024)));
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();

    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let mut bodies = Vec::with_capacity(pages.len());
    for r in 0..repeat {
        for (id, html) in &pages {
            let a = yntymaq_clean::html::extract(html);
            if r == 0 {
                bodies.push(serde_json::json!({
                    "id": id,
                    "body": a.body,
                    "title": a.title,
                    "published": a.published.map(|d| d.to_string()),
                    "author": a.author,
                    "site_name": a.site_name,
                }));
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let n = pages.len() * repeat;

    let mut out: Box<dyn Write> = match &out_path {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    for b in &bodies {
        writeln!(out, "{b}")?;
    }
    out.flush()?;
    eprintln!(
        "{{\"pages\": {}, \"mean_kb\": {:.1}, \"seconds\": {:.4}, \"pages_per_s\": {:.1}, \"mb_per_s\": {:.1}, \"cpu_seconds\": {}, \"cpu_pages_per_s\": {}}}",
        n,
        bytes as f64 / pages.len().max(1) as f64 / 1024.0,
        secs,
        n as f64 / secs,
        (bytes * repeat) as f64 / secs / 1e6,
        cpu.map(|c| format!("{c:.3}")).unwrap_or_else(|| "null".into()),
        cpu.filter(|&c| c > 0.0).map(|c| format!("{:.1}", n as f64 / c)).unwrap_or_else(|| "null".into()),
    );
    Ok(())
}

/// User + system CPU time of this process (Linux `/proc/self/stat`, in clock
/// ticks of 1/100 s), so that timing on a busy machine counts only our work.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
