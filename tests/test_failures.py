"""One document the pipeline fails on never sinks a corpus run: it is reported and left out."""

from __future__ import annotations

import copy

import pytest
from builders import blank
from spacy.language import Language

from kg.extract import extract_documents
from kg.models import Document


@Language.component("fails_on_boom")
def fails_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("a component broke on this text")
    return doc


def failing_pipeline() -> Language:
    nlp = copy.deepcopy(blank())
    nlp.add_pipe("fails_on_boom", first=True)
    nlp.add_pipe("sentencizer", first=True)  # no parser: sentences from punctuation
    return nlp


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_failing_document_is_reported_and_the_others_are_kept(n_process):
    documents = [Document(text=f"A Zyxel cresceu {i}.", source=f"ok{i}.txt") for i in range(5)]
    documents.insert(2, Document(text="BOOM", source="bad.txt"))
    failures, done = [], []
    graph = extract_documents(
        failing_pipeline(),
        documents,
        batch_size=4,
        n_process=n_process,
        on_error=lambda document, error: failures.append((document.source, str(error))),
        on_document=lambda document: done.append(document.source),
    )
    assert failures == [("bad.txt", "a component broke on this text")]
    assert sorted(graph.documents) == sorted(d.id for d in documents if d.source != "bad.txt")
    assert sorted(done) == [f"ok{i}.txt" for i in range(5)]


def test_by_default_a_failing_document_gives_a_warning():
    with pytest.warns(UserWarning, match=r"\(bad.txt\) skipped: ValueError"):
        graph = extract_documents(failing_pipeline(), [Document(text="BOOM", source="bad.txt"), Document(text="Oi.")])
    assert len(graph.documents) == 1


def test_a_dask_task_returns_the_documents_it_failed_on(monkeypatch):
    import kg.distributed

    monkeypatch.setattr(kg.distributed, "load_pipeline", lambda model: failing_pipeline())
    bad = Document(text="BOOM", source="bad.txt")
    graph, failures = kg.distributed._parse([Document(text="Oi."), bad], model=None, batch_size=4)
    assert list(failures) == [bad.id] and "ValueError" in failures[bad.id]
    assert len(graph.documents) == 1
