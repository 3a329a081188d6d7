"""Extraction on a real local Dask cluster gives the graph of a single-process run.

The cluster has two worker processes of one thread each; starting it and loading the pipeline
in both workers takes a while, so the tests that use it are slow. The documents are short
Portuguese news items written for these tests.
"""

from __future__ import annotations

import pytest
from builders import needs_model
from typer.testing import CliRunner

import kg
import kg.distributed
from kg.cli import app
from kg.distributed import extract_distributed
from kg.errors import KGError, ModelNotFoundError
from kg.extract import extract_documents

distributed = pytest.importorskip("distributed")


TEXTS = [
    "A Linux Foundation passará a supervisionar o PyTorch, anunciou a Meta. O projeto nasceu na Meta em 2016.",
    "Mark Zuckerberg, fundador da Meta, disse que o PyTorch continuará aberto. Zuckerberg falou em Menlo Park.",
    "O presidente da Petrobras, Jean Paul Prates, visitou a refinaria Abreu e Lima, em Pernambuco.",
    "A Universidade de São Paulo firmou parceria com a Embrapa para estudar o solo do Cerrado.",
    "O Banco Central manteve a taxa Selic. Roberto Campos Neto, presidente do Banco Central, falou em Brasília.",
    "A Microsoft investiu na OpenAI, a empresa que desenvolve o ChatGPT. Satya Nadella elogiou a parceria.",
    "O Flamengo venceu o Palmeiras no Maracanã, no Rio de Janeiro. O técnico Tite elogiou o time.",
    "A Petrobras anunciou um novo diretor. Segundo a empresa, Jean Paul Prates aprovou a escolha.",
    "O Google lançou o TensorFlow em 2015. Hoje a Google mantém o projeto com a comunidade.",
    "A Embrapa, ligada ao Ministério da Agricultura, desenvolveu uma nova variedade de soja em Goiás.",
]


@pytest.fixture(scope="module")
def scheduler():
    """The address of a local cluster of two single-threaded worker processes."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def single():
    """The graph of a single-process run over TEXTS."""
    return extract_documents(kg.load_pipeline(), [kg.Document(text=t) for t in TEXTS])


@pytest.mark.slow
@needs_model
def test_distributed_graph_equals_the_single_process_graph(scheduler, single):
    documents = (kg.Document(text=t) for t in TEXTS)
    done: list[str] = []
    graph = extract_distributed(
        documents, scheduler=scheduler, batch_size=2, in_flight=3, on_document=lambda d: done.append(d.id)
    )
    assert len(single) > 10 and single.relations(), "a graph worth comparing"
    assert graph == single
    assert sorted(done) == sorted(kg.Document(text=t).id for t in TEXTS)


@pytest.mark.slow
@needs_model
def test_each_worker_loads_the_pipeline_once(scheduler):
    extract_distributed((kg.Document(text=t) for t in TEXTS), scheduler=scheduler, batch_size=1)

    def loaded() -> int:
        from kg.pipeline import _load

        return _load.cache_info().currsize

    with distributed.Client(scheduler, set_as_default=False) as client:
        assert set(client.run(loaded).values()) == {1}


@pytest.mark.slow
@needs_model
def test_skip_and_into_add_to_a_graph(scheduler, single):
    documents = [kg.Document(text=t) for t in TEXTS]
    graph = extract_documents(kg.load_pipeline(), documents[:4])
    known = set(graph.documents)
    extract_distributed(iter(documents), scheduler=scheduler, into=graph, skip=lambda d: d.id in known, batch_size=3)
    assert graph == single


@pytest.mark.slow
@needs_model
def test_cli_scheduler_option(scheduler, single, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, text in enumerate(TEXTS):
        (corpus / f"{number:02}.txt").write_text(text, encoding="utf-8")
    written = tmp_path / "out" / "corpus.json"
    options = ["--format", "json", "--scheduler", scheduler, "-q"]
    result = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(written.parent), *options])
    assert result.exit_code == 0, result.output
    assert kg.load(written) == single
    result = CliRunner().invoke(app, ["extract", str(corpus), "--into", str(written), *options])
    assert result.exit_code == 0, result.output
    assert kg.load(written) == single, "nothing is added twice"


@pytest.mark.slow
@needs_model
def test_a_model_the_workers_lack_is_reported_as_such(scheduler, tmp_path):
    missing = str(tmp_path / "no-such-model")
    with pytest.raises(ModelNotFoundError, match="no-such-model"):
        extract_distributed(iter([kg.Document(text=TEXTS[0])]), scheduler=scheduler, model=missing)


def test_unreachable_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.distributed, "CONNECT_TIMEOUT", 1)
    with pytest.raises(KGError, match="tcp://127.0.0.1:9"):
        extract_distributed(iter([kg.Document(text="Olá.")]), scheduler="tcp://127.0.0.1:9")
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--scheduler", "tcp://127.0.0.1:9", "-q"])
    assert result.exit_code == 2
    assert "cannot connect to the Dask scheduler" in result.output
