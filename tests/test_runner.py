"""Corpus runs: --into adds only new documents, checkpoints survive a kill, a rerun resumes, --jobs.

The documents are short Portuguese news items written for these tests; the runs use the
bundled pipeline.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from builders import needs_model
from typer.testing import CliRunner

import kg
import kg.atomic
import kg.runner
from kg.cli import app
from kg.extract import extract_documents
from kg.io import iter_documents

#: The module kg.extract (the package attribute of that name is the function).
extraction = importlib.import_module("kg.extract")


OLD = {
    "01_pytorch.txt": "A Linux Foundation passará a supervisionar o PyTorch, anunciou a Meta nesta segunda-feira. "
    "O projeto foi criado por pesquisadores da Meta em 2016.",
    "02_petrobras.txt": "O presidente da Petrobras, Jean Paul Prates, visitou a refinaria Abreu e Lima, em Pernambuco. "
    "Segundo a empresa, as obras serão retomadas no próximo ano.",
    "03_usp.txt": "A Universidade de São Paulo firmou parceria com a Embrapa para estudar o solo do Cerrado. "
    "O reitor Carlos Carlotti disse que o acordo vale por cinco anos.",
}
NEW = {
    "04_selic.txt": "O Banco Central manteve a taxa Selic em 10,5% ao ano. O presidente do Banco Central, "
    "Roberto Campos Neto, afirmou que a inflação segue sob controle.",
    "05_openai.txt": "A Microsoft anunciou um novo investimento na OpenAI, a empresa que desenvolve o ChatGPT. "
    "Satya Nadella, presidente-executivo da Microsoft, comentou o acordo em Redmond.",
    "06_futebol.txt": "O Flamengo venceu o Palmeiras por dois a zero no Maracanã, no Rio de Janeiro. "
    "O técnico Tite elogiou a atuação do time depois do jogo.",
}
#: Copies under other names: one of a document already in the graph, one of a new document.
COPIES = {"00_repetida.txt": OLD["01_pytorch.txt"], "07_copia.txt": NEW["04_selic.txt"]}


def folder(path: Path, texts: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def ids(texts: dict[str, str]) -> list[str]:
    return [kg.Document(text=text).id for text in texts.values()]


def expected(*texts: dict[str, str]) -> kg.KnowledgeGraph:
    """The graph of one in-memory run over ``texts``."""
    return extract_documents(kg.load_pipeline(), [kg.Document(text=t) for part in texts for t in part.values()])


@pytest.fixture
def corpus(tmp_path):
    """Folders ``old/`` and ``new/`` (the new documents and the two copies), and the graph path."""
    old, new = folder(tmp_path / "old", OLD), folder(tmp_path / "new", {**NEW, **COPIES})
    return old, new, tmp_path / "graphs" / "corpus.json"


@pytest.fixture
def parsed(monkeypatch):
    """The ids of the documents the run parses, in order (a spy on ``batch_graph``)."""
    seen: list[str] = []
    real = extraction.batch_graph

    def spy(nlp, documents, **options):
        seen.extend(d.id for d in documents)
        return real(nlp, documents, **options)

    monkeypatch.setattr(extraction, "batch_graph", spy)
    return seen


def extract(*args: str | Path) -> None:
    result = CliRunner().invoke(app, ["extract", *map(str, args), "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output


@needs_model
def test_into_adds_only_new_documents(corpus, parsed):
    old, new, graph = corpus
    extract(old, "--into", graph)
    assert kg.load(graph).documents == sorted(ids(OLD))
    assert kg.load(graph) == expected(OLD)
    parsed.clear()
    extract(new, "--into", graph)
    assert sorted(parsed) == sorted(ids(NEW)), "neither the known document nor the copy is parsed"
    assert len(expected(OLD, NEW)) > 10 and expected(OLD, NEW).relations(), "a graph worth comparing"
    assert kg.load(graph) == expected(OLD, NEW)


TEMER = {
    "a.txt": "O presidente Michel Temer recebeu ministros no Palácio do Planalto. Temer disse que Temer não "
    "renuncia. Depois, Temer viajou a São Paulo, onde Temer falou com empresários. Temer voltou à noite "
    "e Temer dormiu.",
    "b.txt": "Michel Temer sancionou a lei nesta terça-feira. Segundo assessores, Temer quer votar a reforma. Temer "
    "pediu pressa e Temer conversou com deputados. Temer almoçou com Rodrigo Maia, e Temer saiu.",
    "c.txt": "Temer visitou a Petrobras nesta quarta-feira, no Rio de Janeiro.",
}


@needs_model
def test_a_corpus_run_joins_a_surname_alone_to_the_person_the_corpus_gives_it_to(tmp_path):
    extract(folder(tmp_path / "temer", TEMER), "-o", tmp_path / "out")
    graph = kg.load(tmp_path / "out" / "temer.json")
    temer = graph.entity("Temer")
    assert temer.name == "Michel Temer" and temer.documents == sorted(ids(TEMER))
    assert len(expected(TEMER).entities(type="PER")) == 3, "merging alone keeps the one-word Temer apart"


@needs_model
def test_run_report_counts_new_and_known_documents(corpus):
    old, new, graph = corpus
    kg.runner.run_extract([str(old)], output=graph.parent, formats=["json"], into=graph, progress=False)
    report = kg.runner.run_extract([str(new)], output=graph.parent, formats=[], into=graph, progress=False)
    assert (report.documents, report.known) == (3, 2)
    assert report.written == [graph], "with --into the graph is written even when json is not asked for"


@needs_model
def test_failed_checkpoint_keeps_the_last_one_and_a_rerun_resumes(corpus, parsed, monkeypatch):
    old, new, graph = corpus
    extract(old, "--into", graph)
    monkeypatch.setattr(kg.runner, "CHECKPOINT_EVERY", 1)
    monkeypatch.setattr(kg.runner, "BATCH_SIZE", 1)
    real_fsync, calls = os.fsync, []

    def interrupted_second_save(fd: int) -> None:  # Ctrl-C after the temporary file is written
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(kg.atomic.os, "fsync", interrupted_second_save)
    parsed.clear()
    result = CliRunner().invoke(app, ["extract", str(new), "--into", str(graph), "--format", "json", "--quiet"])
    assert result.exit_code != 0
    first_new = parsed[0]
    assert kg.load(graph).documents == sorted([*ids(OLD), first_new]), "the first checkpoint is kept"
    assert kg.load(graph) == expected(OLD, {name: t for name, t in NEW.items() if kg.Document(text=t).id == first_new})
    assert [p.name for p in graph.parent.iterdir()] == ["corpus.json"], "no temporary file is left"

    monkeypatch.setattr(kg.atomic.os, "fsync", real_fsync)
    parsed.clear()
    extract(new, "--into", graph)
    assert sorted(parsed) == sorted(set(ids(NEW)) - {first_new})
    assert kg.load(graph) == expected(OLD, NEW)


_KILLABLE = textwrap.dedent(
    """
    import sys, time
    import kg.atomic, kg.runner
    from kg.cli import app

    kg.runner.CHECKPOINT_EVERY = 1
    kg.runner.BATCH_SIZE = 1

    def stuck_in_first_save(fd):  # the temporary file is written: say so, then hang until killed
        open(sys.argv[1], "w").close()
        time.sleep(600)

    kg.atomic.os.fsync = stuck_in_first_save
    app(sys.argv[2:])
    """
)


@pytest.mark.slow
@needs_model
def test_run_killed_while_saving_leaves_the_previous_graph_and_resumes(corpus, parsed, tmp_path):
    old, new, graph = corpus
    extract(old, "--into", graph)
    before, before_bytes = kg.load(graph), graph.read_bytes()
    marker = tmp_path / "saving"
    arguments = ["extract", str(new), "--into", str(graph), "--format", "json", "-q"]
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLABLE, str(marker), *arguments], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert process.poll() is None, process.stdout.read().decode()
            assert time.monotonic() < deadline, "the run never reached its first checkpoint"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert graph.read_bytes() == before_bytes
    assert kg.load(graph) == before

    parsed.clear()
    extract(new, "--into", graph)
    assert sorted(parsed) == sorted(ids(NEW)), "the rerun parses the new documents, and only them"
    assert kg.load(graph) == expected(OLD, NEW)


@needs_model
def test_jobs_two_gives_the_graph_of_one_job(corpus, tmp_path):
    old, new, _ = corpus
    for jobs in ("1", "2"):
        extract(old, new, "-o", tmp_path / jobs, "--name", "g", "--jobs", jobs)
    assert kg.load(tmp_path / "2" / "g.json") == kg.load(tmp_path / "1" / "g.json") == expected(OLD, NEW)


@needs_model
def test_worker_processes_stream_in_order_and_report_every_document(corpus):
    old, new, _ = corpus
    documents = list(iter_documents([old, new]))
    done: list[str] = []
    nlp = kg.load_pipeline()
    graph = extract_documents(nlp, iter(documents), batch_size=2, n_process=2, on_document=lambda d: done.append(d.id))
    assert done == [d.id for d in documents]
    assert graph == extract_documents(nlp, documents)


def test_into_must_be_a_json_graph(tmp_path):
    folder(tmp_path / "in", OLD)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "--into", str(tmp_path / "g.graphml")])
    assert result.exit_code == 2
    assert "g.graphml" in result.output and ".json" in result.output


@needs_model
def test_checkpoint_every_sets_how_often_into_is_saved(corpus, monkeypatch):
    old, _, graph = corpus
    saves = []
    real = kg.KnowledgeGraph.to_json

    def counted(self, path, *args, **kwargs):
        saves.append(len(self.documents))
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(kg.KnowledgeGraph, "to_json", counted)
    monkeypatch.setattr(kg.runner, "BATCH_SIZE", 1)
    extract(old, "--into", graph, "--checkpoint-every", 2)
    assert saves == [2, 3], "a checkpoint after two new documents, then the final save"
