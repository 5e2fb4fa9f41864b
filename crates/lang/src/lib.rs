//! The lang stage: identify the language and script of a text and of each paragraph; transliterate Latin-script Kazakh to Cyrillic.
