"""Shared fixtures: small graphs built by hand, so no test here needs the NLP pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kg.graph import KnowledgeGraph
from kg.models import Entity, EntityType, Evidence, Relation

#: Markup that would run if any exporter let document text through as HTML.
PAYLOAD = "</script><script>alert(1)</script><img src=x onerror=alert(1)>"


def _entity(
    name: str,
    type: EntityType,
    *,
    mentions: int = 1,
    aliases: tuple[str, ...] = (),
    documents: tuple[str, ...] = ("d1",),
) -> Entity:
    return Entity(id="", name=name, type=type, mentions=mentions, aliases=list(aliases), documents=list(documents))


def _said(document: str, sentence: str, start: int = 0) -> Evidence:
    return Evidence(document=document, sentence=sentence, start=start, end=start + len(sentence))


def _graph(relations: list[Relation], documents: list[str]) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for relation in relations:
        graph.add_relation(relation)
    for document in documents:
        graph.add_document_id(document)
    return graph


@pytest.fixture
def payload() -> str:
    """The markup ``hostile_graph`` hides in names, predicates and sentences."""
    return PAYLOAD


@pytest.fixture
def small_graph() -> KnowledgeGraph:
    """Six entities of four types, six relations: two parallel, one open (``related_to``)."""
    meta = _entity("Meta", "ORG", mentions=4, aliases=("Facebook",), documents=("d1", "d2"))
    pytorch = _entity("PyTorch", "PROJECT", mentions=3, documents=("d1", "d3"))
    mark = _entity("Mark Zuckerberg", "PER", mentions=2, aliases=("Zuckerberg",), documents=("d2",))
    linux = _entity("Linux Foundation", "ORG", mentions=2, documents=("d3",))
    menlo = _entity("Menlo Park", "LOC", documents=("d2",))
    llama = _entity("Llama", "PROJECT", documents=("d2",))
    return _graph(
        [
            Relation(
                subject=meta,
                relation="developer_of",
                predicate="desenvolveu",
                object=pytorch,
                confidence=0.92,
                evidence=[
                    _said("d1", "A Meta desenvolveu o PyTorch."),
                    _said("d3", "O PyTorch foi desenvolvido pela Meta.", 40),
                ],
            ),
            Relation(
                subject=meta,
                relation="owner_of",
                predicate="detinha",
                object=pytorch,
                confidence=0.61,
                evidence=[_said("d1", "A Meta detinha o PyTorch até 2022.", 30)],
            ),
            Relation(
                subject=linux,
                relation="governs",
                predicate="supervisionará",
                object=pytorch,
                confidence=0.85,
                evidence=[_said("d3", "A Linux Foundation supervisionará o PyTorch.")],
            ),
            Relation(
                subject=mark,
                relation="leader_of",
                predicate="lidera",
                object=meta,
                confidence=0.9,
                evidence=[_said("d2", "Mark Zuckerberg lidera a Meta.")],
            ),
            Relation(
                subject=meta,
                relation="located_in",
                predicate="sediada em",
                object=menlo,
                confidence=0.4,
                evidence=[_said("d2", "A Meta, sediada em Menlo Park, anunciou o Llama.")],
            ),
            Relation(
                subject=meta,
                relation="related_to",
                predicate="anunciou",
                object=llama,
                confidence=0.5,
                evidence=[_said("d2", "A Meta, sediada em Menlo Park, anunciou o Llama.")],
            ),
        ],
        ["d1", "d2", "d3"],
    )


@pytest.fixture
def hostile_graph() -> KnowledgeGraph:
    """Names, predicates, documents and sentences an attacker or a messy corpus could produce.

    No character here is one XML cannot hold, so every format must keep all of it.
    """
    script = _entity(f"Acme {PAYLOAD}", "ORG", mentions=2, aliases=('Acme "Quoted" ]]> & Co',), documents=('doc<1>&"',))
    image = _entity("<img src=x onerror=alert(1)>", "PER", documents=('doc<1>&"',))
    formula = _entity('=HYPERLINK("http://example.invalid","x")', "MISC", aliases=("+1-2", "@SUM(A1)", "a;b"))
    unicode = _entity("Café ☕ 🙂 \u202eevil\u202c شركة", "LOC", documents=("d\u2028x",))
    minus = _entity("-Menos", "ORG")
    sentence = f'Disse: "{PAYLOAD}" ]]> \u2028 e\u2029 tab\tfim; linha\nnova'
    return _graph(
        [
            Relation(
                subject=script,
                relation="employee_of",
                predicate=f"<b>{PAYLOAD}</b>",
                object=image,
                confidence=1.0,
                evidence=[_said('doc<1>&"', sentence), _said("d\u2028x", PAYLOAD, 99)],
            ),
            Relation(
                subject=script,
                relation="related_to",
                predicate='disse "olá" & <b>',
                object=image,
                confidence=0.3,
                evidence=[_said('doc<1>&"', sentence)],
            ),
            Relation(
                subject=formula,
                relation="located_in",
                predicate="=1+1",
                object=unicode,
                confidence=0.75,
                evidence=[_said("d\u2028x", "=cmd|' /C calc'!A0 @SUM(1) -2+3")],
            ),
            Relation(subject=minus, relation="partner_of", predicate="-", object=formula, confidence=0.0, evidence=[]),
        ],
        ['doc<1>&"', "d\u2028x"],
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (no browser download); skips where missing."""
    from kg.export.screenshot import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.is_file():
        pytest.skip(f"headless Chromium not found at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright for Python is missing: pip install playwright"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()
