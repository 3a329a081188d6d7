"""The HTML view: self-contained, injection-proof markup, and (in headless Chromium) a working page.

The browser tests drive Debian's Chromium (``/usr/bin/chromium``) with Playwright for Python;
they are skipped when either is missing. Run only the fast ones with ``-m "not browser"``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.export import html
from kg.export.html import render_html, view_data, write_html
from kg.export.screenshot import main
from kg.graph import KnowledgeGraph
from kg.models import Entity, EntityType, Evidence, Relation

_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL)


# ---------------------------------------------------------------------- the markup
def _scripts(page: str) -> list[tuple[str, str]]:
    return _SCRIPT.findall(page)


def test_page_is_self_contained(small_graph: KnowledgeGraph) -> None:
    page = render_html(small_graph)
    assert not re.search(r"""<(script|img|iframe|link|source)[^>]*\s(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert re.findall(r"<link[^>]*>", page) == ['<link rel="icon" href="data:,">']
    assert "sourceMappingURL" not in page
    assert [attributes for attributes, _ in _scripts(page)] == [' type="application/json" id="kg-data"', "", ""]


def test_graph_data_is_json_that_no_string_can_escape(hostile_graph: KnowledgeGraph) -> None:
    page = render_html(hostile_graph)
    assert "</script><script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "\u2028" not in page.split('id="kg-data">')[1].split("</script>")[0]
    data_text = _scripts(page)[0][1]
    assert not set(data_text) & {"<", ">", "&"}
    assert json.loads(data_text) == json.loads(json.dumps(view_data(hostile_graph)))


def test_content_security_policy_allows_only_the_page_scripts(small_graph: KnowledgeGraph) -> None:
    page = render_html(small_graph)
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert found is not None
    policy = found.group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"
        for attributes, code in _scripts(page)
        if "application/json" not in attributes
    ]
    assert directives["script-src"].split() == hashes
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in directives["script-src"]


def test_title_is_escaped(small_graph: KnowledgeGraph) -> None:
    page = render_html(small_graph, title="<b>Notícias</b> & co")
    assert "<title>&lt;b&gt;Notícias&lt;/b&gt; &amp; co</title>" in page
    assert "<title>kg: 6 entities, 6 relations</title>" in render_html(small_graph)


def test_parallel_edges_get_different_curves(small_graph: KnowledgeGraph) -> None:
    edges = view_data(small_graph)["edges"]
    between = [e["roundness"] for e in edges if {e["from"], e["to"]} == {"ORG:meta", "PROJECT:pytorch"}]
    assert len(between) == len(set(between)) == 2


def with_loners(graph: KnowledgeGraph) -> KnowledgeGraph:
    """``graph`` and two entities with no relation, as most of a corpus graph's are."""
    graph.add_entity(Entity(id="", name="Anita Malfatti", type="PER", mentions=1, documents=["d9"]))
    graph.add_entity(Entity(id="", name="Recife", type="LOC", mentions=1, documents=["d9"]))
    return graph


def test_a_big_graph_draws_only_the_entities_with_relations(small_graph, monkeypatch) -> None:
    graph = with_loners(small_graph)
    assert all(n["drawn"] for n in view_data(graph)["nodes"])  # 8 entities: all drawn
    monkeypatch.setattr(html, "DRAW_ALL_UP_TO", 7)
    drawn = {n["name"]: n["drawn"] for n in view_data(graph)["nodes"]}
    assert [name for name, shown in drawn.items() if not shown] == ["Anita Malfatti", "Recife"]
    assert len(drawn) == 8


def test_write_html_and_to_html(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = small_graph.to_html(tmp_path / "view" / "graph.html")
    assert path == tmp_path / "view" / "graph.html"
    assert path.read_text(encoding="utf-8") == render_html(small_graph)
    assert (
        write_html(small_graph, tmp_path / "titled.html", title="T")
        .read_text(encoding="utf-8")
        .count("<title>T</title>")
        == 1
    )


# ---------------------------------------------------------------------- in the browser


class _Visit:
    """A page opened in Chromium, with what it requested, logged and tried to show as dialogs."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)
        self.page.wait_for_function("window.kgView && window.kgView.ready", timeout=60_000)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def view(self, expression: str) -> Any:
        return self.page.evaluate(f"window.kgView.{expression}")

    def click_node(self, node: str) -> None:
        position = self.page.evaluate("id => window.kgView.domPosition(id)", node)
        self.page.mouse.click(position["x"], position["y"])
        self.page.wait_for_function("id => document.getElementById('kg-panel').dataset.id === id", arg=node)


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Any]:
    visits: list[_Visit] = []

    def open_graph(graph: KnowledgeGraph) -> _Visit:
        visits.append(_Visit(browser, write_html(graph, tmp_path / f"graph{len(visits)}.html")))
        return visits[-1]

    yield open_graph
    for opened in visits:
        opened.page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_page_draws_every_entity_and_relation_offline(visit, small_graph: KnowledgeGraph) -> None:
    page = visit(small_graph)
    assert page.view("ready") is True
    assert (page.view("nodeCount()"), page.view("edgeCount()")) == (6, 6)
    assert (page.view("visibleNodeCount()"), page.view("visibleEdgeCount()")) == (6, 6)
    assert page.url in page.requests  # the listener sees requests...
    assert [url for url in page.requests if url != page.url and not url.startswith("data:")] == []  # ...and no other
    assert page.errors == []  # no script error, no Content-Security-Policy violation
    assert page.page.evaluate("Object.isFrozen(window.kgView)") is True
    assert page.page.locator("#kg-stats").text_content() == "6 of 6 entities · 6 of 6 relations"


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_text_is_shown_literally_and_never_runs(visit, hostile_graph: KnowledgeGraph, payload: str) -> None:
    page = visit(hostile_graph)
    assert page.view("nodeCount()") == 5
    node = next(n for n, name in hostile_graph.nx.nodes(data="name") if name.startswith("Acme"))
    page.click_node(node)
    panel = page.page.locator("#kg-panel")
    assert panel.locator("h2").text_content() == f"Acme {payload}"
    assert 'Acme "Quoted" ]]> & Co' in panel.locator("li").all_text_contents()
    panel.locator("button.kg-link").first.click()
    page.page.wait_for_function("document.getElementById('kg-panel').dataset.kind === 'edge'")
    sentences = panel.locator("blockquote").all_text_contents()
    assert payload in sentences
    assert any(sentence.startswith(f'Disse: "{payload}" ]]>') for sentence in sentences)
    assert 'doc<1>&"' in panel.locator("cite").all_text_contents()
    page.page.mouse.move(5, 5)
    assert page.dialogs == []
    assert page.page.locator('img[src="x"]').count() == 0
    assert page.page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_filters_and_search(visit, small_graph: KnowledgeGraph) -> None:
    page = visit(small_graph)
    page.page.locator("#kg-types input[value=PROJECT]").uncheck()
    # PyTorch and Llama hidden, with the four relations that touch them
    assert (page.view("visibleNodeCount()"), page.view("visibleEdgeCount()")) == (4, 2)
    page.page.locator("#kg-types input[value=PROJECT]").check()
    page.page.locator("#kg-relations input[value=developer_of]").uncheck()
    assert page.view("visibleEdgeCount()") == 5
    page.page.locator("#kg-confidence").fill("0.8")
    assert page.page.locator("#kg-confidence-value").text_content() == "0.80"
    assert page.view("visibleEdgeCount()") == 2  # governs 0.85, leader_of 0.9
    page.page.locator("#kg-search").fill("zuckerb")
    assert page.page.locator("#kg-search-count").text_content() == "1 match"
    page.page.locator("#kg-search").press("Enter")
    page.page.wait_for_function("document.getElementById('kg-panel').dataset.id === 'PER:mark zuckerberg'")
    assert page.page.locator("#kg-panel h2").text_content() == "Mark Zuckerberg"
    page.page.locator("#kg-search").fill("facebook")  # aliases count too
    assert page.page.locator("#kg-search-count").text_content() == "1 match"
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_node_panel_lists_aliases_documents_and_relations(visit, small_graph: KnowledgeGraph) -> None:
    page = visit(small_graph)
    page.click_node("ORG:meta")
    panel = page.page.locator("#kg-panel")
    assert panel.locator("h2").text_content() == "Meta"
    items = panel.locator("li").all_text_contents()
    assert {
        "Facebook",
        "d1",
        "d2",
        "→ developer_of → PyTorch",
        "← leader_of ← Mark Zuckerberg",
        "→ anunciou → Llama",
    } <= set(items)
    panel.locator("button.kg-link", has_text="developer_of").click()
    page.page.wait_for_function("document.getElementById('kg-panel').dataset.kind === 'edge'")
    assert panel.locator("dd").all_text_contents()[:3] == ["developer_of", "desenvolveu", "0.92"]
    assert panel.locator("blockquote").all_text_contents() == [
        "A Meta desenvolveu o PyTorch.",
        "O PyTorch foi desenvolvido pela Meta.",
    ]


@pytest.mark.browser
@pytest.mark.slow
def test_hovering_and_clicking_a_relation_shows_it(visit, small_graph: KnowledgeGraph) -> None:
    page = visit(small_graph)
    start, end = (
        page.page.evaluate("id => window.kgView.domPosition(id)", node) for node in ("PER:mark zuckerberg", "ORG:meta")
    )
    length = math.dist((start["x"], start["y"]), (end["x"], end["y"]))
    normal = ((start["y"] - end["y"]) / length, (end["x"] - start["x"]) / length)
    middle = ((start["x"] + end["x"]) / 2, (start["y"] + end["y"]) / 2)
    kind = page.page.locator("#kg-panel").get_attribute
    for offset in range(-40, 41, 2):  # the edge curves a little: sweep across it
        point = (middle[0] + offset * normal[0], middle[1] + offset * normal[1])
        page.page.mouse.move(*point)
        if kind("data-kind") == "edge":
            break
    assert kind("data-kind") == "edge", "hovering the relation did not preview it"
    assert page.page.locator("#kg-panel dd").first.text_content() == "leader_of"
    page.page.mouse.click(*point)
    page.page.wait_for_function("document.getElementById('kg-panel').dataset.kind === 'edge'")
    assert page.page.locator("#kg-panel blockquote").all_text_contents() == ["Mark Zuckerberg lidera a Meta."]
    page.page.mouse.click(5, 5)  # outside the canvas: nothing changes
    assert kind("data-kind") == "edge"


@pytest.mark.browser
@pytest.mark.slow
def test_empty_graph_gets_ready(visit) -> None:
    page = visit(KnowledgeGraph())
    assert (page.view("nodeCount()"), page.view("edgeCount()")) == (0, 0)
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_entities_not_drawn_are_found_by_search_and_shown_in_the_panel(visit, small_graph, monkeypatch) -> None:
    monkeypatch.setattr(html, "DRAW_ALL_UP_TO", 7)
    page = visit(with_loners(small_graph))
    assert (page.view("nodeCount()"), page.view("entityCount()"), page.view("edgeCount()")) == (6, 8, 6)
    stats = "6 of 6 entities (and 2 without relations, found by search) · 6 of 6 relations"
    assert page.page.locator("#kg-stats").text_content() == stats
    page.page.locator("#kg-search").fill("anita")
    assert page.page.locator("#kg-search-count").text_content() == "1 match"
    page.page.locator("#kg-search").press("Enter")
    page.page.wait_for_function("document.getElementById('kg-panel').dataset.id === 'PER:anita malfatti'")
    assert page.page.locator("#kg-panel h2").text_content() == "Anita Malfatti"
    page.page.locator("#kg-types input[value=LOC]").uncheck()
    page.page.locator("#kg-search").fill("recife")  # a type filtered out hides its entities from search
    assert page.page.locator("#kg-search-count").text_content() == "0 matches"
    assert page.errors == []


def _big_graph(entities: int) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    types: tuple[EntityType, ...] = ("PER", "ORG", "PROJECT", "LOC", "MISC")
    nodes = [Entity(id="", name=f"Entidade {i}", type=types[i % 5], mentions=1 + i % 7) for i in range(entities)]
    for i in range(entities):
        for step in (1, 7):
            said = Evidence(document=f"d{i % 50}", sentence=f"Frase {i} {step}.", start=0, end=10)
            graph.add_relation(
                Relation(
                    subject=nodes[i],
                    relation="partner_of",
                    object=nodes[(i * 3 + step) % entities],
                    confidence=0.5 + (i % 5) / 10,
                    evidence=[said],
                )
            )
    return graph


@pytest.mark.browser
@pytest.mark.slow
def test_a_few_thousand_entities_stay_usable(visit) -> None:
    graph = _big_graph(2000)
    page = visit(graph)
    assert page.view("nodeCount()") == 2000
    assert page.view("edgeCount()") == graph.nx.number_of_edges()
    assert page.page.evaluate("document.getElementById('kg-progress').hidden") is True


@pytest.mark.browser
@pytest.mark.slow
def test_screenshot_command(small_graph: KnowledgeGraph, tmp_path: Path, browser) -> None:
    """The documented command, in its own process (Playwright's sync API does not nest)."""
    page = write_html(small_graph, tmp_path / "graph.html")
    command = [sys.executable, "-m", "kg.export.screenshot", str(page), str(tmp_path / "shot.png"), "--width", "800"]
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "shot.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert main([str(tmp_path / "missing.html"), str(tmp_path / "x.png")]) == 1
