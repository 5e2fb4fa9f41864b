//! The examples of the API contract.

use yntymaq_morph::Morph;

#[test]
fn dictionary_is_embedded() {
    assert!(Morph::try_new().is_ok());
    assert!(Morph::global().has_russian_dictionary());
}

#[test]
fn lemma_examples() {
    let m = Morph::global();
    let cases = [
        ("области", "ru", "область"),
        ("Карагандинской", "ru", "карагандинский"),
        ("Германии", "ru", "германия"),
        ("Астане", "ru", "астана"),
        ("облысының", "kk", "облыс"),
        ("облысы", "kk", "облыс"),
        ("Германиямен", "kk", "германия"),
        ("ШҚО-ның", "kk", "шқо"),
        ("әкімдігі", "kk", "әкімдік"),
        ("Қазақстандағы", "kk", "қазақстан"),
        ("Embassy", "en", "embassy"),
    ];
    for (w, l, want) in cases {
        assert_eq!(m.lemma(w, l), want, "{w} ({l})");
    }
}

#[test]
fn unknown_names_share_a_key_across_cases() {
    let m = Morph::global();
    for forms in [["Булекпаев", "Булекпаевым", "Булекпаева"], ["Шымкент", "Шымкенте", "Шымкентом"]]
    {
        let keys: Vec<String> = forms.iter().map(|f| m.lemma(f, "ru")).collect();
        assert!(keys.iter().all(|k| k == &keys[0]), "{forms:?} → {keys:?}");
    }
}

#[test]
fn name_examples() {
    let m = Morph::global();
    let cases: &[(&[&str], &str, &[&str])] = &[
        (&["Моникой", "Иверсен"], "ru", &["Моника", "Иверсен"]),
        (&["Ермаганбетом", "Булекпаевым"], "ru", &["Ермаганбет", "Булекпаев"]),
        (&["Алана", "Хэмсона"], "ru", &["Алан", "Хэмсон"]),
        (&["Ивановой"], "ru", &["Иванова"]),
        (&["Нурмухамбетовой"], "ru", &["Нурмухамбетова"]),
        (&["Кошербаевым"], "ru", &["Кошербаев"]),
        (&["Айтмухамбетов"], "ru", &["Айтмухамбетов"]),
        (&["Кинне"], "ru", &["Кинне"]),
        (&["Чжао", "Фей"], "ru", &["Чжао", "Фей"]),
        (&["Асхат", "Шахаровтың"], "kk", &["Асхат", "Шахаров"]),
        (&["Хетагуровпен"], "kk", &["Хетагуров"]),
        (&["Нұрымбет", "Сақтағановқа"], "kk", &["Нұрымбет", "Сақтағанов"]),
    ];
    for (words, lang, want) in cases {
        assert_eq!(m.name_nominative(words, lang), *want, "{words:?}");
    }
}

#[test]
fn tags_examples() {
    let m = Morph::global();
    let t = m.tags("Германии", "ru");
    assert!(t.contains(&"Geox") && t.contains(&"NOUN") && t.contains(&"gent"), "{t:?}");
    assert!(m.tags("Моникой", "ru").contains(&"Name"));
    assert!(m.tags("облысының", "kk").contains(&"Gen"));
    assert!(m.tags("hello", "en").is_empty());
}

#[test]
fn never_panics_on_odd_input() {
    let m = Morph::global();
    for w in [
        "",
        "-",
        "--",
        "ь",
        "Ъ",
        "'",
        "а-",
        "-а",
        "123",
        "😀",
        "ӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘӘ",
        "a\u{301}",
        "Ё-ё-ё",
    ] {
        for l in ["ru", "kk", "en"] {
            let _ = m.lemma(w, l);
            let _ = m.tags(w, l);
            let _ = m.name_nominative(&[w, w], l);
        }
    }
}

#[test]
fn context_case_decides_between_readings() {
    use yntymaq_morph::Case;
    let m = Morph::global();
    let cases: [(&[&str], Option<Case>, &str); 6] = [
        (&["Карима", "Кокрекбаева"], Some(Case::Gen), "Карим Кокрекбаев"),
        (&["Карима", "Кокрекбаева"], Some(Case::Nom), "Карима Кокрекбаева"),
        (&["Акира", "Мацумото"], Some(Case::Nom), "Акира Мацумото"),
        (&["Ма", "Синжуя"], Some(Case::Gen), "Ма Синжуй"),
        (&["Анке", "Релингер"], Some(Case::Ins), "Анке Релингер"),
        // a hint no reading of every word fits is ignored
        (&["Моникой", "Иверсен"], Some(Case::Gen), "Моника Иверсен"),
    ];
    for (words, hint, want) in cases {
        assert_eq!(m.name_nominative_in_context(words, "ru", hint).join(" "), want, "{words:?} {hint:?}");
    }
    assert_eq!(Case::from_tags(&["NOUN", "anim", "masc", "sing", "ablt"]), Some(Case::Ins));
    assert_eq!(Case::from_tags(&["NOUN"]), None);
}
