//! Prints the sentences of a JSON Lines corpus whose identified language is
//! not the gold one: `cargo run --release -p yntymaq-lang --example misses -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: misses FILE.jsonl [--sentences]");
        return;
    };
    let split = std::env::args().any(|a| a == "--sentences");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    for line in text.lines() {
        let Ok(d) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let gold = d["lang"].as_str().unwrap_or("");
        let body = d["text"].as_str().unwrap_or("");
        let pieces: Vec<&str> = if split {
            let toks = yntymaq_core::tokenize(body);
            yntymaq_core::sentences(body, &toks).iter().map(|s| s.slice(body)).collect()
        } else {
            vec![body]
        };
        for p in pieces {
            let got = yntymaq_lang::identify(p);
            if got.code != gold {
                let top: Vec<String> =
                    yntymaq_lang::scores(p).iter().take(3).map(|(l, s)| format!("{l}:{s:.1}")).collect();
                println!("{gold}→{} {:.2} [{}] {p}", got.code, got.confidence, top.join(" "));
            }
        }
    }
}
