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

#[test]
fn words_before_a_name_tell_its_case() {
    use yntymaq_morph::Case::{self, *};
    let m = Morph::global();
    let sets: [(&[&str], &[Case]); 9] = [
        (&["встретился", "с"], &[Gen, Ins]),
        (&["с", "послом"], &[Gen, Ins]),
        // every reading of главой: the noun глава, not the adjective главый
        (&["с", "главой"], &[Gen, Ins]),
        (&["Встреча", "акима", "Жамбылской", "области"], &[Gen, Acc]),
        (&["по", "словам"], &[Gen, Dat]),
        (&["к"], &[Dat]),
        (&["послом", "Германии", "в", "РК"], &[Gen, Ins]),
        (&["власти", "экстрадировали"], &[Gen, Dat, Acc, Ins]),
        (&["Топалов"], &[]),
    ];
    for (before, want) in sets {
        assert_eq!(m.cases_after(before, "ru"), want, "{before:?}");
    }
    assert!(m.cases_after(&["с"], "kk").is_empty());
}

#[test]
fn name_nominative_after_uses_the_context() {
    let m = Morph::global();
    let cases: [(&[&str], &[&str], &str); 11] = [
        (&["Карима", "Кокрекбаева"], &["Встреча", "акима", "Жамбылской", "области"], "Карим Кокрекбаев"),
        (&["Медведева"], &["объявлено", "о", "выдвижении"], "Медведев"),
        (&["Путина"], &["официальными", "представителями"], "Путин"),
        (&["Данна"], &["По", "словам"], "Данн"),
        (&["Бесселю", "Коку"], &["Поддержку"], "Бессель Кок"),
        (&["Анке", "Релингер"], &["ФРГ", "премьер-министром", "федеральной", "земли", "Саар"], "Анке Релингер"),
        // a woman's name keeps the nominative where the context allows it
        (&["Гульшара", "Абдыкаликова"], &["октября", "аким", "области"], "Гульшара Абдыкаликова"),
        (&["Моникой", "Иверсен"], &["Германия", "в", "РК"], "Моника Иверсен"),
        // a weak fit in the context's case does not overrule clear endings
        (&["Диасом", "Есдаулетовым"], &["акима", "области", "Жетысу"], "Диас Есдаулетов"),
        // no context: as name_nominative, the nominative preferred
        (&["Карима", "Кокрекбаева"], &[], "Карима Кокрекбаева"),
        (&["Акира", "Мацумото"], &["Корни", "травы"], "Акира Мацумото"),
    ];
    for (words, before, want) in cases {
        assert_eq!(m.name_nominative_after(words, "ru", before).join(" "), want, "{words:?} after {before:?}");
    }
    // Kazakh: as name_nominative.
    let kk = ["Ермек", "Кошербаевтың"];
    assert_eq!(m.name_nominative_after(&kk, "kk", &["ВКО", "әкімі"]), m.name_nominative(&kk, "kk"));
    // Odd input never panics.
    for before in [&["", "-", "12"][..], &["ЁЁЁ", "с"], &["a"; 20]] {
        let _ = m.name_nominative_after(&["Иванова", ""], "ru", before);
    }
}
