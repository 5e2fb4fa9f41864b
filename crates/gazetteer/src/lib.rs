//! Gazetteers: Kazakh regions and places, countries and demonyms, foreign regions, roles, event triggers, sectors; data under data/ and matching over lemmas.
