//! Loading rsmorphy's Russian dictionary from bytes embedded in the binary.
//!
//! rsmorphy 0.4 only offers `Dictionary::from_file(dir)`, which opens the
//! files of rsmorphy-dict-ru in the cargo registry of the build machine. Its
//! building blocks (`Dawg::from_reader`, `CompletionDawg::from_reader`,
//! `GrammemeReg::from_json`, `OpencorporaTagReg::new`, `ParadigmEntry::build`)
//! and all `Dictionary` fields are public, so this module performs the same
//! steps on the gzip'd files embedded with `include_bytes!` (the directory is
//! found by `build.rs`).

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use flate2::read::GzDecoder;
use rsmorphy::dawg::dictionary::Dictionary as DawgDictionary;
use rsmorphy::dawg::guide::Guide;
use rsmorphy::dawg::{CompletionDawg, Dawg};
use rsmorphy::opencorpora::dictionary::{Dictionary, GrammemeMeta};
use rsmorphy::opencorpora::grammeme::GrammemeReg;
use rsmorphy::opencorpora::paradigm::ParadigmEntry;
use rsmorphy::opencorpora::{Grammeme, OpencorporaTagReg};
use rsmorphy::MorphAnalyzer;
use serde_json::Value;

/// Why the embedded dictionary could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("dictionary file {0}: {1}")]
    Json(&'static str, serde_json::Error),
    #[error("dictionary file {0}: {1}")]
    Io(&'static str, std::io::Error),
    #[error("dictionary metadata: {0}")]
    Meta(&'static str),
}

macro_rules! dict_file {
    ($name:literal) => {
        ($name, include_bytes!(concat!(env!("YNTYMAQ_RU_DICT_DIR"), "/", $name)) as &'static [u8])
    };
}

const META: (&str, &[u8]) = dict_file!("meta.json.gz");
const SUFFIXES: (&str, &[u8]) = dict_file!("suffixes.json.gz");
const GRAMTAB: (&str, &[u8]) = dict_file!("gramtab-opencorpora-int.json.gz");
const GRAMMEMES: (&str, &[u8]) = dict_file!("grammemes.json.gz");
const PARADIGMS: (&str, &[u8]) = dict_file!("paradigms.array.gz");
const WORDS: (&str, &[u8]) = dict_file!("words.dawg.gz");
const P_T_GIVEN_W: (&str, &[u8]) = dict_file!("p_t_given_w.intdawg.gz");
const PREDICTION_PREFIXES: (&str, &[u8]) = dict_file!("prediction-prefixes.dawg.gz");
const PREDICTION_SUFFIXES: [(&str, &[u8]); 3] = [
    dict_file!("prediction-suffixes-0.dawg.gz"),
    dict_file!("prediction-suffixes-1.dawg.gz"),
    dict_file!("prediction-suffixes-2.dawg.gz"),
];

fn reader(file: (&'static str, &'static [u8])) -> GzDecoder<&'static [u8]> {
    GzDecoder::new(file.1)
}

fn json<T: serde::de::DeserializeOwned>(file: (&'static str, &'static [u8])) -> Result<T, LoadError> {
    serde_json::from_reader(reader(file)).map_err(|e| LoadError::Json(file.0, e))
}

/// Decompresses a whole file (the DAWG readers of rsmorphy read their input
/// with `unwrap`, so they get a complete, verified buffer).
fn bytes(file: (&'static str, &'static [u8])) -> Result<Vec<u8>, LoadError> {
    let mut out = Vec::new();
    reader(file).read_to_end(&mut out).map_err(|e| LoadError::Io(file.0, e))?;
    Ok(out)
}

fn load_paradigms(data: &[u8]) -> Result<Vec<Vec<ParadigmEntry>>, LoadError> {
    let mut words = data.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
    let bad = LoadError::Meta("paradigms.array truncated");
    let count = words.next().ok_or(LoadError::Meta("paradigms.array empty"))?;
    let mut out = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let len = words.next().ok_or(LoadError::Meta("paradigms.array truncated"))?;
        let entries: Vec<u16> = words.by_ref().take(len as usize).collect();
        if entries.len() != len as usize {
            return Err(bad);
        }
        out.push(ParadigmEntry::build(entries));
    }
    Ok(out)
}

fn grammeme_metas(grammemes: &HashMap<Grammeme, GrammemeReg>) -> Result<HashMap<Grammeme, GrammemeMeta>, LoadError> {
    let mut metas = HashMap::<Grammeme, GrammemeMeta>::default();
    for (index, g) in grammemes.keys().enumerate() {
        metas.entry(g.clone()).or_insert_with(|| GrammemeMeta { index, ..GrammemeMeta::default() });
    }
    for (g, reg) in grammemes {
        if let Some(parent) = &reg.parent {
            if let Some(meta) = metas.get_mut(parent) {
                meta.children.insert(g.clone());
            }
        }
    }
    // As pymorphy2: `plur` is incompatible with every gender.
    let plur = Grammeme::new("plur");
    let gndr = Grammeme::new("GNdr");
    let mut extra = vec![gndr.clone()];
    extra.extend(metas.get(&gndr).ok_or(LoadError::Meta("no GNdr grammeme"))?.children.iter().cloned());
    for g in grammemes.keys() {
        if let Some(meta) = metas.get_mut(g) {
            if g == &plur {
                meta.incompatible.extend(extra.iter().filter(|v| *v != g).cloned());
            }
            let children: Vec<Grammeme> = meta.children.iter().filter(|v| *v != g).cloned().collect();
            meta.incompatible.extend(children);
        }
    }
    Ok(metas)
}

/// The analyser with second copies of two of its tables, for
/// [`crate::ru::Ru`]: rsmorphy keeps its own private and reads them with
/// `format!`ed keys and strings built a letter at a time, which made most of
/// the cost of a word's first parse.
pub struct Analyzer {
    pub an: MorphAnalyzer,
    /// The units of `p_t_given_w.intdawg` (1 MB): the estimator's
    /// P(tag | word) looked up with the word's part of the path walked once.
    pub tag_probs: DawgDictionary,
    /// `words.dawg` (7 MB): the dictionary's word forms and their paradigms.
    pub words: Words,
}

/// The DAWG of the dictionary's word forms (`words.dawg`), with its guide
/// for reading the values after a key (see [`crate::ru`]'s dictionary unit).
pub struct Words {
    pub dict: DawgDictionary,
    pub guide: Guide,
}

/// Builds the analyser from the embedded dictionary (what rsmorphy's
/// `Dictionary::from_file` does, from memory).
pub fn load() -> Result<Analyzer, LoadError> {
    let meta: Vec<(String, Value)> = json(META)?;
    let meta: HashMap<String, Value> = meta.into_iter().collect();
    let compile = meta.get("compile_options").and_then(Value::as_object).ok_or(LoadError::Meta("compile_options"))?;
    let paradigm_prefixes: Vec<String> = compile
        .get("paradigm_prefixes")
        .and_then(Value::as_array)
        .ok_or(LoadError::Meta("paradigm_prefixes"))?
        .iter()
        .map(|v| v.as_str().unwrap_or("").to_owned())
        .collect();
    let max_suffix_length = meta
        .get("prediction_options")
        .and_then(Value::as_object)
        .unwrap_or(compile)
        .get("max_suffix_length")
        .and_then(Value::as_u64)
        .ok_or(LoadError::Meta("max_suffix_length"))? as usize;
    let prediction_splits = (1..=max_suffix_length).rev().collect();
    let paradigm_prefixes_rev =
        paradigm_prefixes.iter().enumerate().rev().map(|(i, v)| (i as u16, v.clone())).collect();
    if paradigm_prefixes.len() != PREDICTION_SUFFIXES.len() {
        return Err(LoadError::Meta("paradigm_prefixes count differs from prediction-suffixes files"));
    }

    let suffixes: Vec<String> = json(SUFFIXES)?;
    let gramtab: Vec<String> = json(GRAMTAB)?;
    let gramtab = gramtab.into_iter().map(OpencorporaTagReg::new).collect();
    let grammemes: Vec<Vec<Value>> = json(GRAMMEMES)?;
    let grammemes: HashMap<Grammeme, GrammemeReg> =
        grammemes.into_iter().map(GrammemeReg::from_json).map(|g| (g.name.clone(), g)).collect();
    let grammeme_metas = grammeme_metas(&grammemes)?;
    let paradigms = load_paradigms(&bytes(PARADIGMS)?)?;
    let words_bytes = bytes(WORDS)?;
    let words = CompletionDawg::from_reader(&mut words_bytes.as_slice());
    // What `CompletionDawg::from_reader` reads: the units, then the guide.
    let mut rest = words_bytes.as_slice();
    let words_copy = Words { dict: DawgDictionary::from_reader(&mut rest), guide: Guide::from_reader(&mut rest) };
    drop(words_bytes);
    let p_t_given_w_bytes = bytes(P_T_GIVEN_W)?;
    let p_t_given_w = CompletionDawg::from_reader(&mut p_t_given_w_bytes.as_slice());
    // What `CompletionDawg::from_reader` reads first: the DAWG's units.
    let tag_probs = DawgDictionary::from_reader(&mut p_t_given_w_bytes.as_slice());
    let prediction_prefixes = Dawg::from_reader(&mut bytes(PREDICTION_PREFIXES)?.as_slice());
    let mut prediction_suffixes_dawgs = Vec::with_capacity(PREDICTION_SUFFIXES.len());
    for f in PREDICTION_SUFFIXES {
        prediction_suffixes_dawgs.push(CompletionDawg::from_reader(&mut bytes(f)?.as_slice()));
    }
    let mut char_substitutes = BTreeMap::new();
    char_substitutes.insert("е".to_owned(), "ё".to_owned());

    let dict = Dictionary {
        meta,
        grammemes,
        grammeme_metas,
        gramtab,
        suffixes,
        paradigms,
        words,
        p_t_given_w,
        prediction_prefixes,
        prediction_suffixes_dawgs,
        paradigm_prefixes,
        paradigm_prefixes_rev,
        prediction_splits,
        char_substitutes,
    };
    Ok(Analyzer { an: MorphAnalyzer::new(dict), tag_probs, words: words_copy })
}
