"""The training driver runs end to end on a handful of sentences, so the recipe cannot rot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

from kg.train.driver import build_pipeline

DATA = Path(os.environ.get("KG_SHARED_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "ud").is_dir(), reason=f"training data not found at {DATA} (set KG_SHARED_DATA)")
def test_training_driver_builds_a_loadable_pipeline(tmp_path):
    scores = build_pipeline(data=DATA, output=tmp_path, max_steps=4, harem=True, gsd=True, limit=12, install=False)
    nlp = spacy.load(tmp_path / "model-best")
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser", "trainable_lemmatizer", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert 0.0 <= scores["uner_bosque_dev"]["ents_f"] <= 1.0
    doc = nlp("A Linux Foundation supervisionará o PyTorch.")
    assert len(doc) == 7 and doc.has_annotation("DEP")


@pytest.mark.skipif(not (DATA / "ud").is_dir(), reason=f"training data not found at {DATA} (set KG_SHARED_DATA)")
def test_contractions_are_merged_into_surface_tokens():
    from kg.train.corpus import read_conllu

    sentence = next(read_conllu(DATA / "ud" / "UD_Portuguese-Bosque" / "pt_bosque-ud-train.conllu"))
    assert [t.text for t in sentence.tokens] == ["PT", "no", "governo"]
    no = sentence.tokens[1]
    assert (no.pos, no.dep, no.head) == ("ADP", "case", 2)
