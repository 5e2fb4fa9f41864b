//! Named people, places and organisations: a statistical sequence tagger trained on public NER corpora, with name normalisation.
