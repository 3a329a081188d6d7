"""The interactive HTML view: one self-contained page that makes no network request.

Stage: export. Input: a ``KnowledgeGraph``. Output: an HTML file with the graph drawn by
vis-network (the copy bundled with pyvis, inlined) and our own page around it, from
``kg/export/templates`` (``graph.html``, ``view.js``, ``view.css``):

- entities coloured and shaped by type, with a legend, sized by mentions; relations labelled,
  as wide as their evidence, parallel relations curved apart;
- a side panel: an entity's aliases, documents and relations; a relation's predicate,
  confidence and evidence sentences with their documents;
- a search by name or alias, filters by entity type and relation, a confidence threshold;
- a force layout that stabilises and then stops, so graphs of a few thousand nodes stay usable;
  in a graph of more than ``DRAW_ALL_UP_TO`` entities, those with no relation are not drawn (most
  entities of a corpus graph: 28,363 of 36,892 over 3,600 news articles), but the search finds
  them and the panel shows them.

Security: document text is untrusted. The graph goes into the page as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped
(``kg.export.sanitize.script_json``), so no string can end the element; the page puts text in
the DOM only with ``textContent``, and gives vis-network tooltips as DOM elements, never HTML
strings. A Content-Security-Policy allows only the page's own two scripts (by hash), inline
styles and ``data:`` images, so even injected markup could neither run nor fetch anything.
pyvis's own templates are not used: they load Bootstrap and vis-network from CDNs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from kg.atomic import atomic_write_text
from kg.export.sanitize import html_text, script_json
from kg.graph import KnowledgeGraph

__all__ = ["NODE_STYLES", "DRAW_ALL_UP_TO", "view_data", "render_html", "write_html"]

#: Up to this many entities the view draws them all; beyond, only those with a relation.
DRAW_ALL_UP_TO = 5000

#: Colour, vis-network shape, legend symbol and legend label of each entity type.
NODE_STYLES: dict[str, dict[str, str]] = {
    "PER": {"label": "person", "color": "#4e79a7", "border": "#2e4f73", "shape": "dot", "symbol": "●"},
    "ORG": {"label": "organisation", "color": "#f28e2b", "border": "#b5651d", "shape": "square", "symbol": "■"},
    "PROJECT": {"label": "project", "color": "#59a14f", "border": "#3b6e34", "shape": "diamond", "symbol": "◆"},
    "LOC": {"label": "place", "color": "#e15759", "border": "#a33a3c", "shape": "triangle", "symbol": "▲"},
    "MISC": {"label": "other", "color": "#b07aa1", "border": "#7d5472", "shape": "star", "symbol": "★"},
}

_VIS = ("lib", "vis-9.1.2")
_SOURCE_MAP = re.compile(r"^\s*(//|/\*)# sourceMappingURL=.*$", re.MULTILINE)


def _roundness(index: int) -> float:
    """The curve of the ``index``-th relation between two entities: 0.1, 0.33, 0.49, ... < 1."""
    return round(0.1 + 0.9 * (1 - 0.75**index), 3)


def _stabilization_iterations(nodes: int) -> int:
    """Fewer layout iterations for big graphs, so the page is usable in seconds."""
    return max(100, min(1000, 200_000 // max(nodes, 1)))


def view_data(graph: KnowledgeGraph) -> dict[str, Any]:
    """The data the page draws: entities (``drawn`` or found by search only), relations (with
    evidence) and the type styles.

    Examples
    --------
    >>> from kg.models import Entity, Relation
    >>> meta = Entity(id="", name="Meta", type="ORG")
    >>> pytorch = Entity(id="", name="PyTorch", type="PROJECT")
    >>> graph = KnowledgeGraph()
    >>> graph.add_relation(Relation(subject=meta, relation="developer_of", object=pytorch, confidence=0.9))
    >>> graph.add_relation(Relation(subject=meta, relation="owner_of", object=pytorch, confidence=0.7))
    >>> [(e["relation"], e["roundness"]) for e in view_data(graph)["edges"]]
    [('developer_of', 0.1), ('owner_of', 0.325)]
    """
    draw_all = graph.nx.number_of_nodes() <= DRAW_ALL_UP_TO
    nodes = [
        {
            "id": node,
            "name": data["name"],
            "type": data["type"],
            "aliases": data["aliases"],
            "mentions": data["mentions"],
            "documents": data["documents"],
            "drawn": draw_all or graph.nx.degree(node) > 0,
        }
        for node, data in graph.nx.nodes(data=True)
    ]
    seen: dict[tuple[str, str], int] = {}
    edges = []
    for index, (source, target, data) in enumerate(graph.nx.edges(data=True)):
        pair = (min(source, target), max(source, target))
        seen[pair] = seen.get(pair, -1) + 1
        edges.append(
            {
                "id": f"e{index}",
                "from": source,
                "to": target,
                "relation": data["relation"],
                "predicate": data["predicate"],
                "confidence": data["confidence"],
                "evidence": [{"document": e["document"], "sentence": e["sentence"]} for e in data["evidence"]],
                "roundness": _roundness(seen[pair]),
            }
        )
    return {
        "types": NODE_STYLES,
        "nodes": nodes,
        "edges": edges,
        "iterations": _stabilization_iterations(sum(n["drawn"] for n in nodes)),
    }


def _asset(text: str, tag: str) -> str:
    """``text`` to inline in a ``<tag>`` element, without source-map comments (they would be fetched)."""
    text = _SOURCE_MAP.sub("", text)
    if f"</{tag}" in text.lower():
        raise ValueError(f"cannot inline a file that contains '</{tag}'")
    return text


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(graph: KnowledgeGraph, *, title: str | None = None) -> str:
    """The page of ``graph`` as a string (see :func:`write_html`).

    Parameters
    ----------
    graph : KnowledgeGraph
        The graph to draw.
    title : str, optional
        The page's title and heading (plain text); defaults to the counts of entities and relations.

    Examples
    --------
    >>> page = render_html(KnowledgeGraph(), title="<Notícias>")
    >>> "<title>&lt;Notícias&gt;</title>" in page, "https://" in page.split("<script")[0]
    (True, False)
    """
    templates = resources.files("kg.export") / "templates"
    vis = resources.files("pyvis").joinpath(*_VIS)
    vis_js = _asset(vis.joinpath("vis-network.min.js").read_text(encoding="utf-8"), "script")
    view_js = _asset(templates.joinpath("view.js").read_text(encoding="utf-8"), "script")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_hash(vis_js)} {_hash(view_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    if title is None:
        title = f"kg: {graph.nx.number_of_nodes()} entities, {graph.nx.number_of_edges()} relations"
    page = Template(templates.joinpath("graph.html").read_text(encoding="utf-8"))
    return page.substitute(
        csp=csp,
        title=html_text(title),
        vis_css=_asset(vis.joinpath("vis-network.css").read_text(encoding="utf-8"), "style"),
        view_css=_asset(templates.joinpath("view.css").read_text(encoding="utf-8"), "style"),
        graph_json=script_json(view_data(graph)),
        vis_js=vis_js,
        view_js=view_js,
    )


def write_html(graph: KnowledgeGraph, path: str | Path, *, title: str | None = None) -> Path:
    """Write the interactive view of ``graph`` to ``path`` (atomically); return the path.

    The page is self-contained: it opens from disk, offline, and requests nothing.

    Parameters
    ----------
    graph : KnowledgeGraph
        The graph to draw.
    path : str or Path
        The HTML file to write; its folder is created if needed.
    title : str, optional
        The page's title and heading (plain text); defaults to the counts of entities and relations.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OutputError
        If the file cannot be written.
    """
    return atomic_write_text(path, render_html(graph, title=title))
