//! The resolve stage: one event per real-world event, across documents.
//!
//! Outlets in three languages report the same meeting. Two events are the same
//! when they share a Kazakh region and a foreign party (a country or a foreign
//! region), their dates are compatible (within two days, or unknown), and their
//! people do not contradict it: they share a person, or one side names nobody.
//! People match across scripts through a consonant skeleton of their surname
//! (`Кошербаев`, `Көшербаев`, `Kosherbayev` → `ksrbv`). Clusters are closed
//! under that relation (union-find) and numbered in input order.

use chrono::NaiveDate;
use yntymaq_core::record::Event;

/// Latin transliteration of one lower-case Cyrillic letter (Russian and Kazakh).
fn latin(c: char) -> &'static str {
    match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'й' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => "",
    }
}

/// The consonant skeleton of a surname, the same in Cyrillic and Latin spellings.
pub fn name_skeleton(name: &str) -> String {
    let surname = name.split_whitespace().last().unwrap_or("").to_lowercase();
    let mut lat = String::with_capacity(surname.len());
    for c in surname.chars() {
        if c.is_ascii_alphabetic() {
            lat.push(c);
        } else {
            lat.push_str(latin(c));
        }
    }
    let mut out = String::new();
    let mut last = '\0';
    for c in lat.chars() {
        // vowels, glides and the h of digraphs (sh, zh, kh, ch) carry the
        // differences between transliterations
        if "aeiouyhwj".contains(c) {
            continue;
        }
        if c != last {
            out.push(c);
        }
        last = c;
    }
    out
}

fn date(e: &Event) -> Option<NaiveDate> {
    e.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
}

/// Whether two events report the same real-world event.
pub fn same_event(a: &Event, b: &Event) -> bool {
    let shares = |x: &[String], y: &[String]| x.iter().any(|v| y.contains(v));
    if !shares(&a.regions, &b.regions) {
        return false;
    }
    if !(shares(&a.countries, &b.countries) || shares(&a.foreign_regions, &b.foreign_regions)) {
        return false;
    }
    let pa: Vec<String> = a.people.iter().map(|p| name_skeleton(&p.name)).filter(|s| s.len() >= 2).collect();
    let pb: Vec<String> = b.people.iter().map(|p| name_skeleton(&p.name)).filter(|s| s.len() >= 2).collect();
    let shared = pa.iter().filter(|s| pb.contains(s)).count();
    match (date(a), date(b)) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= 2 && (pa.is_empty() || pb.is_empty() || shared > 0),
        (None, None) => shared > 0,
        // an undated report joins a dated one only on strong evidence, so
        // that it cannot bridge two occasions with the same akim
        _ => shared >= 2,
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Assigns each event a cluster number: equal numbers, one real-world event.
/// Numbers count from 0 in the order clusters first appear.
pub fn cluster(events: &[&Event]) -> Vec<usize> {
    let n = events.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in (i + 1)..n {
            if same_event(events[i], events[j]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[b.max(a)] = a.min(b);
                }
            }
        }
    }
    let mut ids = vec![usize::MAX; n];
    let mut next = 0;
    let mut root_id = std::collections::HashMap::new();
    for (i, id) in ids.iter_mut().enumerate() {
        let r = find(&mut parent, i);
        *id = *root_id.entry(r).or_insert_with(|| {
            next += 1;
            next - 1
        });
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use yntymaq_core::record::Person;

    fn ev(region: &str, country: &str, date: Option<&str>, people: &[&str]) -> Event {
        Event {
            kind: "meeting".into(),
            date: date.map(str::to_owned),
            regions: vec![region.into()],
            countries: vec![country.into()],
            people: people
                .iter()
                .map(|n| Person { name: (*n).into(), role: "akim".into(), side: "kz".into(), evidence: None })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn skeletons_agree_across_scripts() {
        assert_eq!(name_skeleton("Ермек Кошербаев"), "ksrbv");
        assert_eq!(name_skeleton("Ермек Көшербаев"), "ksrbv");
        assert_eq!(name_skeleton("Yermek Kosherbayev"), "ksrbv");
        assert_eq!(name_skeleton("Асхат Шахаров"), name_skeleton("Askhat Shakharov"));
        assert_ne!(name_skeleton("Асхат Шахаров"), name_skeleton("Ульрих Кинне"));
    }

    #[test]
    fn the_same_meeting_in_three_languages_is_one_cluster() {
        let ru = ev("KZ-63", "DE", Some("2025-10-01"), &["Ермек Кошербаев", "Моника Иверсен"]);
        let kk = ev("KZ-63", "DE", Some("2025-10-02"), &["Ермек Көшербаев"]);
        let en = ev("KZ-63", "DE", None, &["Yermek Kosherbayev", "Monika Iversen"]);
        let other_day = ev("KZ-63", "DE", Some("2025-11-20"), &["Ермек Кошербаев"]);
        let other_country = ev("KZ-63", "CN", Some("2025-10-01"), &["Ермек Кошербаев"]);
        let ids = cluster(&[&ru, &kk, &en, &other_day, &other_country]);
        assert_eq!(ids, vec![0, 0, 0, 1, 2]);
    }

    #[test]
    fn different_people_are_different_events() {
        let a = ev("KZ-35", "CA", Some("2023-03-06"), &["Алан Хэмсон"]);
        let b = ev("KZ-35", "CA", Some("2023-03-06"), &["Джон Смит"]);
        assert!(!same_event(&a, &b));
    }
}
