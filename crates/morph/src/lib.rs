//! Morphology for the analyze stage: Russian dictionary lemmatisation with a surname guesser, Kazakh suffix analysis.
