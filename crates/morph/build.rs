//! Tells the compiler where rsmorphy-dict-ru's data files are, so that
//! `src/ru.rs` embeds them with `include_bytes!`: the built binary carries the
//! dictionary and never reads the build machine's cargo registry.

fn main() {
    let dir = rsmorphy_dict_ru::DICT_PATH;
    println!("cargo:rustc-env=YNTYMAQ_RU_DICT_DIR={dir}");
    println!("cargo:rerun-if-changed=build.rs");
}
