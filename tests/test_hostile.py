"""Hostile input and failures, end to end through the ``kg`` command (issue 6).

One folder holds what a scraped corpus really contains: a good article, an empty file, a PNG
named ``.txt``, Latin-1 and Windows-1252 text, an HTML page with scripts, a 10 MB file with
lines of millions of characters, and text whose names carry XSS payloads. ``kg extract`` runs
on it once, as a child process, and the tests check what it promises: exit status 1 with every
skipped file named and a reason, no traceback, entities from every readable file with offsets
that point into the decoded text, bounded memory, GraphML that parses, and an HTML view in which
nothing runs. Then the failures: usage errors exit 2 with one line, and a graph given to
``--into`` survives a run that fails or is killed.

The run takes a few minutes (the 10 MB file goes through spaCy); those tests are marked slow.
The browser test drives Debian's Chromium as ``test_export_html.py`` does, and is skipped
without it.
"""

from __future__ import annotations

import base64
import errno
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kg
from kg.export.html import render_html
from kg.graph import KnowledgeGraph
from kg.io import iter_documents
from kg.models import Entity, Evidence, Relation

ROOT = Path(__file__).resolve().parents[1]
GIB_IN_KIB = 1024 * 1024

# ---------------------------------------------------------------------- the corpus
GOOD = (
    "A Nuvem Azul Tecnologia lançou nesta terça-feira, em Lisboa, o Atlas, um assistente de inteligência "
    "artificial para pequenas empresas. O presidente executivo da Nuvem Azul Tecnologia, Ricardo Almeida, "
    "disse que o produto foi desenvolvido em parceria com a Universidade de Coimbra. Segundo Almeida, a empresa "
    "investiu 12 milhões de euros no projeto e pretende contratar cem engenheiros até ao fim do ano. A ministra "
    "da Economia, Helena Carvalho, elogiou a iniciativa durante a apresentação.\n"
)
LATIN1 = (
    "O Banco Atlântico anunciou hoje a compra da Seguradora Lusitânia por 300 milhões de euros. João Gonçalves, "
    "diretor-executivo do Banco Atlântico, afirmou que a operação reforça a posição do grupo no mercado ibérico. "
    "A aquisição ainda precisa da aprovação da Autoridade da Concorrência, em Lisboa.\n"
)
CP1252 = (
    "A Editora Horizonte publicou o romance “Mar Português”, de Sofia Magalhães — a obra chega às livrarias em "
    "março. ‘É um sonho’, disse a autora ao Jornal do Porto. O diretor da Editora Horizonte, Paulo Ferreira, "
    "confirmou uma tiragem de dez mil exemplares.\n"
)
#: Words that live only in the page's scripts, styles and noscript: none may reach the graph.
HIDDEN_IN_HTML = ("Malicioso", "Fantasma", "Injetado", "Oculta", "Estilosa", "Invisível", "segredo", "document.write")
HTML = """<!DOCTYPE html>
<html lang="pt"><head><meta charset="utf-8"><title>Notícias de Luanda</title>
<style>.manchete { color: red } /* Empresa Estilosa */</style>
<script>var segredo = "Carlos Malicioso"; alert("Companhia Fantasma");</script>
</head><body><nav>Início | Economia | Desporto</nav>
<article><h1>Petrolífera Atlântida contrata nova presidente</h1>
<p>A Petrolífera Atlântida nomeou Maria Fernandes como presidente executiva, anunciou a empresa em Luanda.</p>
<script>document.write("Joaquim Injetado trabalha na Empresa Oculta");</script>
<p>Maria Fernandes trabalhou durante dez anos na Sonangol, em Angola, antes de se juntar à Petrolífera Atlântida.</p>
<noscript>Ative o JavaScript da Fundação Invisível</noscript></article></body></html>
"""
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
XSS = (
    f"A empresa {IMG_PAYLOAD} Tecnologia anunciou nesta segunda-feira um investimento de 40 milhões de euros em Braga. "
    f"A diretora executiva da empresa, Maria {SCRIPT_PAYLOAD} Souza, disse que a fábrica abrirá em junho. "
    f"Maria {SCRIPT_PAYLOAD} Souza trabalhou na Microsoft durante dez anos. "
    f"O fundador da {IMG_PAYLOAD} Tecnologia, Rui Tavares, trabalhou na Siemens, em Munique.\n"
)
#: A PNG header (with its NUL bytes) and noise: binary, whatever the file is called.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + random.Random(6).randbytes(4096)

_COMPANIES = (
    "Nuvem Azul Tecnologia", "Banco Atlântico", "Construtora Tejo", "Farmacêutica Ribeira", "Energias do Minho",
    "Têxtil Douro", "Agência Lusa", "Grupo Sonae", "Petrolífera Atlântida", "Seguradora Lusitânia",
)  # fmt: skip
_PEOPLE = (
    "Ricardo Almeida", "Helena Carvalho", "João Gonçalves", "Ana Beatriz Sousa", "Miguel Ângelo Rocha",
    "Inês Figueiredo", "Tiago Medeiros", "Catarina Lopes", "Rui Tavares", "Sofia Magalhães",
)  # fmt: skip
_PLACES = ("Lisboa", "Porto", "Coimbra", "Braga", "Faro", "Aveiro", "Évora", "Funchal", "Luanda", "São Paulo")
_PRODUCTS = ("Atlas", "Orion", "Vega", "Sirius", "Aurora", "Boreal", "Nimbus", "Cometa")
_PARAGRAPHS = (
    "A {company} lançou em {place} o {product}, um serviço digital para pequenas empresas. {person}, presidente "
    "executivo da {company}, disse que o lançamento “marca uma nova fase” do grupo.",
    "{person} foi nomeado diretor financeiro da {company}, com sede em {place}. Antes, trabalhou durante oito "
    "anos na {other}, onde liderou a equipa de fusões e aquisições.",
    "Segundo o relatório anual, a {company} investiu {amount} milhões de euros em {place} — um aumento de "
    "{percent}% face ao ano anterior. O administrador {person} admitiu que ‘o mercado está difícil’.",
    "A {company} e a {other} assinaram ontem, em {place}, um acordo de parceria para desenvolver o {product}. "
    "A cerimónia contou com a presença de {person}, ministra da Economia.",
    "Os trabalhadores da {company} em {place} marcaram greve para a próxima semana. A administração, liderada "
    "por {person}, propõe um aumento salarial de {percent}%, considerado insuficiente pelos sindicatos.",
)


def _paragraph(rng: random.Random) -> str:
    company, other = rng.sample(_COMPANIES, 2)
    return rng.choice(_PARAGRAPHS).format(
        company=company,
        other=other,
        person=rng.choice(_PEOPLE),
        place=rng.choice(_PLACES),
        product=rng.choice(_PRODUCTS),
        amount=rng.randrange(2, 900),
        percent=rng.randrange(1, 40),
    )


def big_text(*, size: int = 10_000_000) -> str:
    """About ``size`` bytes of UTF-8: Portuguese paragraphs, one line of 400,000 characters of
    Portuguese sentences, and one line of millions of characters without a space (a base64 image
    pasted into the article, as scraped pages have)."""
    rng = random.Random(6)
    paragraphs = "\n\n".join(_paragraph(rng) for _ in range(3_000))
    long_line = " ".join(_paragraph(rng) for _ in range(2_000))[:400_000]
    head = f"{paragraphs}\n\n{long_line}\n\nA fotografia da cerimónia segue em anexo: data:image/png;base64,"
    blob_size = size - len(head.encode("utf-8")) - 200
    blob = base64.b64encode(rng.randbytes(blob_size * 3 // 4 + 3)).decode("ascii")[:blob_size]
    return f"{head}{blob}\n\nFim da reportagem da Agência Lusa, em Lisboa.\n"


@dataclass
class Corpus:
    """The hostile folder: each readable file with the text kg must read from it."""

    folder: Path
    paths: dict[str, Path]
    texts: dict[str, str]

    def document_id(self, key: str) -> str:
        return kg.Document(text=self.texts[key]).id


def write_corpus(folder: Path) -> Corpus:
    folder.mkdir()
    files: dict[str, tuple[str, bytes]] = {
        "good": ("noticia.txt", GOOD.encode("utf-8")),
        "empty": ("vazio.txt", b""),
        "binary": ("foto.txt", PNG),
        "latin1": ("banco-latin1.txt", LATIN1.encode("latin-1")),
        "cp1252": ("editora-cp1252.txt", CP1252.encode("cp1252")),
        "html": ("pagina.html", HTML.encode("utf-8")),
        "big": ("grande.txt", big_text().encode("utf-8")),
        "xss": ("xss.txt", XSS.encode("utf-8")),
    }
    paths = {}
    for key, (name, data) in files.items():
        paths[key] = folder / name
        paths[key].write_bytes(data)
    (html_document,) = iter_documents([paths["html"]])  # the visible text, as kg.io defines it
    texts = {
        "good": GOOD,
        "latin1": LATIN1,
        "cp1252": CP1252,
        "html": html_document.text,
        "big": files["big"][1].decode("utf-8"),
        "xss": XSS,
    }
    return Corpus(folder=folder, paths=paths, texts=texts)


# ---------------------------------------------------------------------- running kg
@dataclass
class Run:
    """A finished ``kg`` child process, with its peak resident memory (KiB, Linux ``ru_maxrss``)."""

    returncode: int
    stdout: str
    stderr: str
    max_rss_kib: int


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def kg_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "kg", *map(str, args)]


def run_kg(*args: str | Path, cwd: Path, timeout: float = 600, retries: int = 2) -> Run:
    """Run ``kg ARGS`` to the end; its ``rusage`` comes from ``wait4`` on that very child.

    A model being replaced while the test runs can fail to load for a moment: such a run is
    retried (any other exit status is the result).
    """
    for attempt in range(retries + 1):
        out, err = cwd / f".kg-{attempt}.out", cwd / f".kg-{attempt}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(kg_command(*args), stdout=stdout, stderr=stderr, cwd=cwd, env=_environment())
            watchdog = threading.Timer(timeout, process.kill)
            watchdog.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                watchdog.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
        run = Run(process.returncode, out.read_text("utf-8"), err.read_text("utf-8"), usage.ru_maxrss)
        out.unlink()
        err.unlink()
        assert run.returncode != -signal.SIGKILL, f"kg {' '.join(map(str, args))} took more than {timeout} s"
        if not (run.returncode == 2 and "pipeline" in run.stderr and attempt < retries):
            return run
        time.sleep(5)
    raise AssertionError("unreachable")


def assert_one_line_error(run: Run, *mentions: str) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), run.stderr
    for mention in mentions:
        assert mention in lines[0]


# ---------------------------------------------------------------------- the hostile run
@dataclass
class HostileRun:
    corpus: Corpus
    run: Run
    output: Path
    graph: KnowledgeGraph


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileRun:
    base = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(base / "corpus")
    output = base / "graphs"
    run = run_kg("extract", corpus.folder, "-o", output, "--quiet", cwd=base, timeout=1800)
    assert run.returncode in (0, 1), run.stderr
    return HostileRun(corpus=corpus, run=run, output=output, graph=kg.load(output / "corpus.json"))


@pytest.mark.slow
def test_some_inputs_skipped_means_exit_status_one(hostile: HostileRun) -> None:
    assert hostile.run.returncode == 1
    assert sorted(p.name for p in hostile.output.iterdir()) == ["corpus.graphml", "corpus.html", "corpus.json"]


@pytest.mark.slow
def test_each_skipped_file_is_named_with_a_reason_and_no_traceback(hostile: HostileRun) -> None:
    stderr = hostile.run.stderr
    assert "Traceback" not in stderr
    skipped = dict(re.findall(r"^kg: skipped (.+?): (.+)$", stderr, re.MULTILINE))
    paths = hostile.corpus.paths
    assert skipped == {
        str(paths["empty"]): "empty or whitespace-only",
        str(paths["binary"]): "binary data (NUL bytes)",
    }, stderr


@pytest.mark.slow
@pytest.mark.parametrize("key", ["good", "latin1", "cp1252", "html", "big", "xss"])
def test_every_readable_file_gives_entities(hostile: HostileRun, key: str) -> None:
    document = hostile.corpus.document_id(key)
    assert document in hostile.graph.documents, f"{hostile.corpus.paths[key].name} was not read as expected"
    names = [e.name for e in hostile.graph.entities() if document in e.documents]
    assert names, f"no entity from {hostile.corpus.paths[key].name}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("good", {"Ricardo Almeida", "Helena Carvalho", "Universidade de Coimbra", "Nuvem Azul Tecnologia"}),
        ("latin1", {"João Gonçalves", "Banco Atlântico", "Seguradora Lusitânia", "Autoridade da Concorrência"}),
        ("cp1252", {"Paulo Ferreira", "Editora Horizonte", "Jornal do Porto", "Sofia Magalhães", "Mar Português"}),
        ("html", {"Petrolífera Atlântida", "Maria Fernandes", "Sonangol", "Angola", "Luanda"}),
        ("xss", {"Rui Tavares", "Microsoft", "Siemens", "Braga", "Munique"}),
    ],
)
def test_names_are_decoded_right(hostile: HostileRun, key: str, expected: set[str]) -> None:
    document = hostile.corpus.document_id(key)
    names = {name for e in hostile.graph.entities() if document in e.documents for name in [e.name, *e.aliases]}
    assert names & expected, f"none of {sorted(expected)} among {sorted(names)}"
    text = hostile.corpus.texts[key]
    assert all(name in text for name in names & expected)
    assert not [name for name in names if re.search("[\u0080-\u009f\ufffd]|Ã.|â€", name)], names  # no mojibake


@pytest.mark.slow
def test_evidence_offsets_point_into_the_decoded_text(hostile: HostileRun) -> None:
    texts = {hostile.corpus.document_id(key): text for key, text in hostile.corpus.texts.items()}
    relations = hostile.graph.relations()
    assert relations
    for relation in relations:
        for evidence in relation.evidence:
            assert texts[evidence.document][evidence.start : evidence.end] == evidence.sentence
    big = hostile.corpus.document_id("big")
    assert any(e.document == big and e.start > 500_000 for r in relations for e in r.evidence), "no offset past a chunk"


@pytest.mark.slow
def test_script_and_style_text_never_reaches_the_graph(hostile: HostileRun) -> None:
    strings = [name for e in hostile.graph.entities() for name in [e.name, *e.aliases]]
    strings += [r.predicate for r in hostile.graph.relations()]
    strings += [e.sentence for r in hostile.graph.relations() for e in r.evidence]
    found = [(word, s) for s in strings for word in HIDDEN_IN_HTML if word in s]
    assert found == []


@pytest.mark.slow
def test_peak_memory_stays_under_two_gigabytes(hostile: HostileRun) -> None:
    assert hostile.corpus.paths["big"].stat().st_size >= 9_900_000
    assert max(len(line) for line in hostile.corpus.texts["big"].splitlines()) > 5_000_000
    assert 0 < hostile.run.max_rss_kib < 2 * GIB_IN_KIB, f"peak RSS {hostile.run.max_rss_kib / 1024:.0f} MiB"


@pytest.mark.slow
def test_graphml_parses_and_equals_the_json(hostile: HostileRun) -> None:
    path = hostile.output / "corpus.graphml"
    root = ElementTree.parse(path).getroot()
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    plain = nx.read_graphml(path, force_multigraph=True)
    assert plain.number_of_nodes() == len(hostile.graph)
    assert kg.load(path) == hostile.graph


@pytest.mark.slow
def test_payloads_reach_the_graph_as_text(hostile: HostileRun) -> None:
    """The XSS file's markup is data: it is kept in evidence, and escaped in every file written."""
    sentences = [e.sentence for r in hostile.graph.relations() for e in r.evidence]
    assert any(_has_payload(sentence) for sentence in sentences), "no payload in the graph to test with"
    page = (hostile.output / "corpus.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "</script><script>alert" not in page
    assert _elements(page) == _elements(render_html(KnowledgeGraph()))  # no element added by the data
    assert _elements(page).count("script") == 3  # the data and the page's own two scripts


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def _elements(page: str) -> list[str]:
    """The start tags of ``page``, as a browser's tokenizer sees them (script contents are text)."""
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser.tags


def test_noncharacters_neither_split_nor_lose_entities(tmp_path: Path) -> None:
    """U+FFFE and U+FFFF (left by broken converters) are text to kg.io, but XML cannot hold them.

    A name written once with one must be the same entity in every format, not two entities in
    JSON that GraphML then folds into one node (and CSV writes as two rows with one id).
    """
    path = tmp_path / "nao-caracteres.txt"
    text = (
        "O presidente da Nuvem Azul, Ricardo Almeida\uffff, disse que a empresa investiu no Atlas. "
        "Ricardo Almeida trabalhou na Microsoft durante dez anos, em Lisboa\ufffe.\n"
    )
    path.write_text(text, encoding="utf-8")
    graph = kg.extract(path)
    assert graph.entity("Ricardo Almeida") is not None
    names = [e.name for e in graph.entities()]
    assert len(names) == len({name.replace("\uffff", "").replace("\ufffe", "") for name in names}), names
    assert len(kg.load(graph.to_graphml(tmp_path / "graph.graphml"))) == len(graph)


# ---------------------------------------------------------------------- the view in Chromium


def _wait_until_ready(page: Any, *, timeout: float) -> None:
    """Poll from Python: the page's Content-Security-Policy forbids the eval that
    ``page.wait_for_function`` polls with, once the layout takes more than a moment."""
    deadline = time.monotonic() + timeout
    while not page.evaluate("Boolean(window.kgView && window.kgView.ready)"):
        assert time.monotonic() < deadline, f"the view was not ready within {timeout} s"
        time.sleep(0.2)


def _has_payload(text: str) -> bool:
    return IMG_PAYLOAD in text or SCRIPT_PAYLOAD in text


def _show_entity(page: Any, entity: Entity) -> bool:
    """Open ``entity``'s panel through the search box; False if another entity matched first."""
    page.locator("#kg-search").fill(entity.name)
    page.locator("#kg-search").press("Enter")
    return page.locator("#kg-panel").get_attribute("data-id") == entity.id


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_graph_view_runs_nothing(hostile: HostileRun, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    dialogs: list[str] = []
    errors: list[str] = []
    requests: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    url = (hostile.output / "corpus.html").resolve().as_uri()
    try:
        page.goto(url)
        _wait_until_ready(page, timeout=120)
        assert page.evaluate("window.kgView.nodeCount()") == len(hostile.graph)
        panel = page.locator("#kg-panel")
        xss = hostile.corpus.document_id("xss")
        for entity in hostile.graph.entities():  # the panel of every entity of the XSS file
            if xss in entity.documents:
                _show_entity(page, entity)
        payloads_shown = []
        for relation in hostile.graph.relations():  # the panel of each relation whose evidence carries a payload
            if not any(_has_payload(e.sentence) for e in relation.evidence) or not _show_entity(page, relation.subject):
                continue
            label = (
                relation.predicate if relation.relation == "related_to" and relation.predicate else relation.relation
            )
            panel.locator("button.kg-link", has_text=f"→ {label} → {relation.object.name}").first.click()
            assert panel.get_attribute("data-kind") == "edge"
            shown = panel.locator("blockquote").all_text_contents()
            assert shown and shown == [e.sentence for e in relation.evidence][: len(shown)]  # literally, as text
            payloads_shown += [sentence for sentence in shown if _has_payload(sentence)]
        assert payloads_shown, "no evidence with a payload was shown"
        page.mouse.move(640, 400)
        page.wait_for_timeout(500)
        assert dialogs == []
        assert page.locator('img[src="x"]').count() == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        assert [u for u in requests if u != url and not u.startswith("data:")] == []
        assert errors == []
    finally:
        page.close()


# ---------------------------------------------------------------------- usage errors
@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "noticia.txt").write_text(GOOD, encoding="utf-8")
    return folder


def test_missing_input_is_one_line_and_exit_two(tmp_path: Path) -> None:
    missing = tmp_path / "não-existe"
    run = run_kg("extract", missing, "-o", tmp_path / "out", "--quiet", cwd=tmp_path)
    assert_one_line_error(run, str(missing))
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_one_line_and_exit_two(tmp_path: Path, small_corpus: Path) -> None:
    run = run_kg("extract", small_corpus, "-o", tmp_path / "out", "--format", "json,pdf", "--quiet", cwd=tmp_path)
    assert_one_line_error(run, "pdf", "html, graphml, json")
    assert not (tmp_path / "out").exists()


def test_output_that_is_a_file_is_one_line_and_exit_two(tmp_path: Path, small_corpus: Path) -> None:
    taken = tmp_path / "graphs"
    taken.write_text("not a folder\n", encoding="utf-8")
    run = run_kg("extract", small_corpus, "-o", taken, "--quiet", cwd=tmp_path)
    assert_one_line_error(run, str(taken))
    assert taken.read_text(encoding="utf-8") == "not a folder\n"


def _open_fifo_writer(fifo: Path, process: subprocess.Popen[bytes], timeout: float) -> int | None:
    """The write end of ``fifo`` once ``process`` opens it to read; None if it exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
        if process.poll() is not None:
            return None
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise AssertionError(f"kg neither read {fifo} nor exited within {timeout} s")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_that_is_a_file_is_reported_before_any_input_is_read(tmp_path: Path) -> None:
    """A usage error must not wait for the whole corpus to be parsed: kg must fail before reading.

    The corpus is a named pipe: kg blocks on it if it reads inputs before checking its output.
    """
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "noticia.txt")
    taken = tmp_path / "graphs"
    taken.write_text("not a folder\n", encoding="utf-8")
    command = kg_command("extract", corpus, "-o", taken, "--quiet")
    process = subprocess.Popen(command, stderr=subprocess.PIPE, cwd=tmp_path, env=_environment())
    writer = _open_fifo_writer(corpus / "noticia.txt", process, timeout=300)
    if writer is not None:  # kg is reading the corpus: feed it so that it can finish
        os.write(writer, GOOD.encode("utf-8"))
        os.close(writer)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 2
    assert writer is None, "kg read (and parsed) its inputs before finding that -o is a file"


# ---------------------------------------------------------------------- --into survives failures
def graph_before() -> KnowledgeGraph:
    """An existing graph, with text a corpus could hold, to add to."""
    graph = KnowledgeGraph()
    company = Entity(id="", name="Construtora Tejo", type="ORG", mentions=3, documents=["antigo1"])
    person = Entity(
        id="", name="Inês Figueiredo", type="PER", mentions=2, aliases=["Figueiredo"], documents=["antigo1"]
    )
    script = Entity(id="", name=f"Acme {SCRIPT_PAYLOAD}", type="ORG", documents=["antigo2"])
    sentence = "Inês Figueiredo lidera a Construtora Tejo desde 2019."
    said = Evidence(document="antigo1", sentence=sentence, start=10, end=10 + len(sentence))
    graph.add_relation(
        Relation(
            subject=person, relation="leader_of", predicate="lidera", object=company, confidence=0.9, evidence=[said]
        )
    )
    graph.add_relation(Relation(subject=script, relation="partner_of", object=company, confidence=0.4))
    graph.add_document_id("antigo1")
    graph.add_document_id("antigo2")
    return graph


@pytest.fixture
def into(tmp_path: Path) -> Path:
    return graph_before().to_json(tmp_path / "graph.json")


@pytest.mark.parametrize("failure", ["missing input", "unloadable model", "corrupt graph"])
def test_into_graph_is_untouched_when_the_run_fails(
    tmp_path: Path, small_corpus: Path, into: Path, failure: str
) -> None:
    if failure == "corrupt graph":
        into.write_bytes(into.read_bytes()[:-40])
    before = into.read_bytes()
    args: list[str | Path] = ["extract", small_corpus, "--into", into, "--quiet"]
    if failure == "missing input":
        args[1] = tmp_path / "sumiu"
    elif failure == "unloadable model":
        args += ["--model", tmp_path / "modelo-inexistente"]
    run = run_kg(*args, cwd=tmp_path, retries=0)
    assert_one_line_error(run)
    assert into.read_bytes() == before
    if failure != "corrupt graph":
        assert kg.load(into) == graph_before()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "graph.json"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads folders without read permission")
def test_into_graph_is_kept_when_the_input_folder_is_unreadable(tmp_path: Path, small_corpus: Path, into: Path) -> None:
    small_corpus.chmod(0)
    try:
        run = run_kg("extract", small_corpus, "--into", into, "--quiet", cwd=tmp_path)
    finally:
        small_corpus.chmod(0o755)
    assert run.returncode == 1 and f"kg: skipped {small_corpus}: unreadable folder" in run.stderr
    assert "Traceback" not in run.stderr
    assert kg.load(into) == graph_before()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_into_graph_survives_sigkill_in_the_middle_of_a_run(tmp_path: Path, into: Path) -> None:
    """kg is killed while it reads the 21st document, after it has parsed the first batch of 16."""
    before = into.read_bytes()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(21)
    for index in range(20):
        (corpus / f"a{index:02d}.txt").write_text(_paragraph(rng) + f" (nota {index})\n", encoding="utf-8")
    os.mkfifo(corpus / "b-pipe.txt")
    command = kg_command("extract", corpus, "--into", into, "--quiet")
    process = subprocess.Popen(command, stderr=subprocess.PIPE, cwd=tmp_path, env=_environment())
    writer = _open_fifo_writer(corpus / "b-pipe.txt", process, timeout=300)
    assert writer is not None, process.communicate()[1].decode("utf-8", "replace")
    try:
        os.write(writer, GOOD[:100].encode("utf-8"))  # half a document: kg is in the middle of its input
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        os.close(writer)
        process.stderr.close()  # type: ignore[union-attr]
    assert process.returncode == -signal.SIGKILL
    assert into.read_bytes() == before
    assert kg.load(into) == graph_before()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "graph.json"]


@pytest.mark.slow
def test_a_long_run_of_punctuation_does_not_stall_extraction() -> None:
    """A line of ``!!!!…`` with no space is kept away from spaCy's tokenizer, which is quadratic
    on it (explosion/spaCy#1768: about 25 minutes for 100,000 characters); the sentences around
    it are still read, with exact offsets."""
    text = f"A Nuvem Azul Tecnologia contratou Ricardo Almeida. {'!' * 100_000} O Banco Atlântico comprou a Seguradora."
    graph = kg.extract(text)
    assert graph.entity("Ricardo Almeida") is not None
    assert graph.entity("Banco Atlântico") is not None
    for relation in graph.relations():
        for evidence in relation.evidence:
            assert text[evidence.start : evidence.end] == evidence.sentence
