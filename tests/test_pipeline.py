"""Loading the spaCy pipeline: the bundled one, one by path, and clear errors otherwise."""

from __future__ import annotations

import pytest
from builders import needs_model

import kg
from kg.errors import ModelNotFoundError
from kg.pipeline import BUNDLED_MODEL


@needs_model
def test_bundled_pipeline_has_our_components_and_labels():
    nlp = kg.load_pipeline()
    assert nlp.pipe_names[-2:] == ["kg_entities", "kg_relations"]
    assert {"parser", "ner", "morphologizer", "trainable_lemmatizer"} <= set(nlp.pipe_names)
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}


@needs_model
def test_bundled_pipeline_is_small_enough_to_ship():
    size = sum(p.stat().st_size for p in BUNDLED_MODEL.rglob("*") if p.is_file())
    assert size <= 25_000_000, f"{size / 1e6:.1f} MB"


@needs_model
def test_a_pipeline_folder_loads_by_path():
    assert kg.load_pipeline(BUNDLED_MODEL).pipe_names == kg.load_pipeline().pipe_names


def test_unknown_pipeline_names_the_model_and_the_fix():
    with pytest.raises(ModelNotFoundError, match="pt_core_news_nonexistent.*install"):
        kg.load_pipeline("pt_core_news_nonexistent")


@needs_model
def test_parses_portuguese_with_merged_contractions():
    doc = kg.load_pipeline()("O fundador da Meta falou no evento.")
    assert [t.text for t in doc] == ["O", "fundador", "da", "Meta", "falou", "no", "evento", "."]
    assert doc[2].pos_ == "ADP" and doc[3].head.i == 1
