//! How `Pipeline::annotate` joins the gazetteer's entities, the tagger's and
//! the rules': places nested in organisations for Russian (factRuEval draws
//! them so), one entity per word for Kazakh (KazNERD does), company names by
//! rule over a tagger span across their edge, surnames over places read by
//! stem alone. The records' stages keep every gazetteer place.

use yntymaq::pipeline::{Depth, Pipeline};
use yntymaq_core::{Content, Document, Label, Referent};

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::new(Depth::Full))
}

/// (text, label) of the entities `annotate` gives.
fn annotate(text: &str, lang: &str) -> Vec<(String, Label)> {
    let doc = pipeline().annotate(text, Some(lang));
    doc.entities.iter().map(|e| (e.span.slice(&doc.body).to_string(), e.label)).collect()
}

fn has(ents: &[(String, Label)], text: &str, label: Label) -> bool {
    ents.iter().any(|(t, l)| t == text && *l == label)
}

#[test]
fn russian_organisations_keep_their_places_nested() {
    let ents = annotate("Правительство Китая объявило о новых мерах поддержки экспорта.", "ru");
    assert!(has(&ents, "Правительство Китая", Label::Org), "{ents:?}");
    assert!(has(&ents, "Китая", Label::Loc), "{ents:?}");
}

#[test]
fn a_surname_read_as_a_place_by_its_stem_stays_the_persons() {
    // «Миллер» shares a stem with Милан, «Бута» with Бутан
    let ents = annotate("Об этом сообщил Алексей Миллер. Суд над Виктором Бутом продолжается.", "ru");
    assert!(has(&ents, "Алексей Миллер", Label::Per), "{ents:?}");
    assert!(has(&ents, "Виктором Бутом", Label::Per), "{ents:?}");
    assert!(!ents.iter().any(|(_, l)| *l == Label::Loc), "{ents:?}");
    // a place that is one really stays one
    let ents = annotate("Алексей Миллер прилетел в Милан.", "ru");
    assert!(has(&ents, "Милан", Label::Loc), "{ents:?}");
}

#[test]
fn a_company_name_by_rule_wins_over_a_tagger_span_across_its_edge() {
    let ents = annotate(
        "Соглашение подписала компания China Railway Asia-Europe Construction Investment Co., Ltd. в Алматы.",
        "ru",
    );
    assert!(has(&ents, "China Railway Asia-Europe Construction Investment Co., Ltd.", Label::Org), "{ents:?}");
    let orgs = ents.iter().filter(|(_, l)| *l == Label::Org).count();
    assert_eq!(orgs, 1, "{ents:?}");
}

#[test]
fn kazakh_entities_are_flat_in_annotate_but_not_in_the_records() {
    let text = "Қазақстанның Тұңғыш Президенті Нұрсұлтан Назарбаев Астанада шетелдік инвесторлармен кездесті .";
    let ents = annotate(text, "kk");
    assert!(has(&ents, "Қазақстанның Тұңғыш Президенті", Label::Role), "{ents:?}");
    assert!(!has(&ents, "Қазақстанның", Label::Loc), "a place inside a title is no entity of its own: {ents:?}");
    assert!(has(&ents, "Нұрсұлтан Назарбаев", Label::Per), "{ents:?}");
    // the records' stages still see Kazakhstan
    let doc = Document { content: Some(Content::Text(text.to_owned())), ..Default::default() };
    let (doc, _) = pipeline().process(doc);
    assert!(
        doc.entities.iter().any(|e| matches!(&e.referent, Referent::Country { code } if code == "KZ")),
        "{:?}",
        doc.entities
    );
}

#[test]
fn kazakh_titles_are_the_taggers_and_sums_the_rules() {
    // generic words of the gazetteer's roles are no titles in annotate
    let ents = annotate("Жиынға облыс кәсіпкерлері мен шетелдік компаниялардың өкілдері қатысты .", "kk");
    assert!(!ents.iter().any(|(_, l)| *l == Label::Role), "{ents:?}");
    let ents = annotate("2024 жылғы 3 қазанда облыс әкімі 5 млрд теңге инвестиция туралы айтты .", "kk");
    assert!(has(&ents, "5 млрд теңге", Label::Money), "{ents:?}");
    assert!(has(&ents, "2024 жылғы 3 қазанда", Label::Date), "{ents:?}");
    let sums = ents.iter().filter(|(_, l)| *l == Label::Money).count();
    assert_eq!(sums, 1, "one sum, not the tagger's and the rule's: {ents:?}");
}
