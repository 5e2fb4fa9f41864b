//! Transliterates standard input (Latin-script Kazakh) to Cyrillic:
//! `cargo run --release -p yntymaq-lang --example translit < FILE`.
use std::io::Read;
fn main() {
    let mut s = String::new();
    if std::io::stdin().read_to_string(&mut s).is_ok() {
        print!("{}", yntymaq_lang::to_cyrillic(&s).text);
    }
}
