//! Prints the paragraphs of a JSON Lines corpus (field `text`) whose language
//! differs from the document's: `cargo run --release -p yntymaq-lang --example paras -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: paras FILE.jsonl");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    for line in text.lines() {
        let Ok(d) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let body = d["text"].as_str().unwrap_or("");
        let st = yntymaq_lang::lang_stage(body);
        for p in &st.paragraphs {
            if p.lang.code != st.lang.code {
                let t: String = p.span.slice(body).chars().take(90).collect();
                println!("{} {}→{} {:.2} {:?}", d["id"], st.lang.code, p.lang.code, p.lang.confidence, t);
            }
        }
    }
}
