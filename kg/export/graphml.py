"""GraphML for Gephi, Cytoscape, yEd and ``networkx.read_graphml``, and back.

Stage: export. Input: a ``KnowledgeGraph``. Output: a GraphML 1.0 file (UTF-8, directed, with
parallel edges) whose every attribute is a typed key (``string``, ``long`` or ``double``), and
``read_graphml``, which turns such a file back into the graph that was written.

Attributes
----------
Graph: ``format`` (``"kg-graph"``), ``version`` (1), ``documents`` (JSON list of ids).

Node (``id`` is the node id, ``TYPE:normalised name``):

=============== ====== =====================================================================
``label``       string the name again, the attribute Gephi shows as the node's label
``name``        string the entity's name
``type``        string PER, ORG, PROJECT, LOC or MISC
``aliases``     string JSON list of the other names: ``["Facebook", "Meta Platforms"]``
``mentions``    long   how often the entity is mentioned
``documents``   string JSON list of the ids of the documents that mention it
``name_counts`` string JSON object, each surface form and its count: ``{"Meta": 3}``
=============== ====== =====================================================================

Edge (``id`` is ``e0``, ``e1``, ... unique in the file, as Gephi wants):

================== ====== ==================================================================
``key``            string the edge's key in the MultiDiGraph (``developer_of``, ...)
``label``          string the relation again, the attribute Gephi shows as the edge's label
``relation``       string the relation type, or ``related_to`` for an open relation
``predicate``      string the words that state it
``confidence``     double 0 to 1
``evidence_count`` long   how many sentences state it
``evidence``       string JSON list of ``{"document", "sentence", "start", "end"}`` objects
================== ====== ==================================================================

``label`` and ``evidence_count`` are derived for the tools' sake and ignored on reading. The
JSON values decode with any JSON parser (``json.loads(graph.edges[e]["evidence"])``).

Limits: XML 1.0 cannot hold most control characters (U+0000 to U+001F but tab and line feed),
lone surrogates, U+FFFE and U+FFFF, so they are removed from every string, node ids and JSON
values included, and ``\\r\\n`` and ``\\r`` become ``\\n``. A graph whose strings hold none of
them is read back equal to the one written; otherwise it is read back cleaned. Node ids hold
spaces, which the GraphML schema's NMTOKEN ids do not allow; the tools above accept them.

Security: reading parses XML with the standard library (``xml.etree``, through networkx),
which does not fetch external entities or DTDs; the JSON values are only parsed by
``json.loads``, never evaluated. For files from untrusted sources, parse with ``defusedxml``
first to bound entity expansion. Strings are untrusted text: escape them for where they go.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.atomic import atomic_writer
from kg.errors import GraphFileError
from kg.export.json import FORMAT, VERSION, from_node_link
from kg.export.sanitize import clean_text, flat_attributes
from kg.graph import KnowledgeGraph

__all__ = ["to_graphml_graph", "from_graphml_graph", "write_graphml", "read_graphml"]

#: How each attribute read back is stored: as text, as a number, or as a JSON string.
_TEXT, _NUMBER, _JSON = "text", "number", "json"
_NODE_FIELDS = {
    "name": _TEXT,
    "type": _TEXT,
    "aliases": _JSON,
    "mentions": _NUMBER,
    "documents": _JSON,
    "name_counts": _JSON,
}
_EDGE_FIELDS = {"key": _TEXT, "relation": _TEXT, "predicate": _TEXT, "confidence": _NUMBER, "evidence": _JSON}
_GRAPH_FIELDS = {"documents": _JSON}


def to_graphml_graph(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """A copy of ``graph.nx`` with only GraphML-typed values, as this module's docstring lists.

    Examples
    --------
    >>> from kg.models import Entity
    >>> graph = KnowledgeGraph()
    >>> _ = graph.add_entity(Entity(id="", name="Meta", type="ORG", mentions=3, aliases=["Facebook"]))
    >>> to_graphml_graph(graph).nodes["ORG:meta"]["aliases"]
    '["Facebook"]'
    """
    plain = nx.MultiDiGraph()
    plain.graph.update(flat_attributes({"format": FORMAT, "version": VERSION, "documents": graph.documents}))
    for node, data in graph.nx.nodes(data=True):
        plain.add_node(clean_text(node), **flat_attributes({"label": data["name"], **data}))
    edges = graph.nx.edges(keys=True, data=True)
    for index, (source, target, key, data) in enumerate(edges):
        attributes = {
            "key": key,
            "label": data["relation"],
            **data,
            "confidence": float(data["confidence"]),
            "evidence_count": len(data["evidence"]),
        }
        # add_edges_from: the attribute called "key" would clash with add_edge's own argument
        plain.add_edges_from([(clean_text(source), clean_text(target), f"e{index}", flat_attributes(attributes))])
    return plain


def from_graphml_graph(plain: nx.MultiDiGraph, *, source: str = "<graph>") -> KnowledgeGraph:
    """The ``KnowledgeGraph`` of a graph read from GraphML written by :func:`write_graphml`.

    GraphML drops empty strings (an empty ``<data/>`` reads as absent), so a missing string
    attribute reads as ``""``; a missing number or JSON attribute is an error.

    Raises
    ------
    GraphFileError
        If an attribute is missing, of the wrong type or not JSON; the message starts with ``source``.
    """
    nodes = [
        {"id": node, **_decode(data, _NODE_FIELDS, f"{source}: node {node!r}")} for node, data in plain.nodes(data=True)
    ]
    links = [
        {"source": u, "target": v, **_decode(data, _EDGE_FIELDS, f"{source}: edge {key!r}")}
        for u, v, key, data in plain.edges(keys=True, data=True)
    ]
    data = {
        "format": plain.graph.get("format"),
        "version": plain.graph.get("version"),
        "directed": True,
        "multigraph": True,
        "graph": _decode(plain.graph, _GRAPH_FIELDS, f"{source}: graph"),
        "nodes": nodes,
        "links": links,
    }
    return from_node_link(data, source=source)


def _decode(data: dict[str, Any], fields: dict[str, str], where: str) -> dict[str, Any]:
    """The attributes of one element that kg reads, with the JSON strings decoded."""
    record: dict[str, Any] = {}
    for name, kind in fields.items():
        if name not in data:
            if kind == _TEXT:
                record[name] = ""  # GraphML reads an empty string as no value
            continue
        value = data[name]
        if kind == _JSON and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError as error:
                raise GraphFileError(f"{where}: attribute {name!r} is not JSON: {error}") from None
        record[name] = value
    return record


def write_graphml(graph: KnowledgeGraph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML to ``path`` (atomically); return the path.

    Parameters
    ----------
    graph : KnowledgeGraph
        The graph to write; its strings are cleaned as the module docstring says.
    path : str or Path
        The file to write; its folder is created if needed.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OutputError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from kg.models import Entity
    >>> graph = KnowledgeGraph()
    >>> _ = graph.add_entity(Entity(id="", name="Meta", type="ORG", aliases=["Facebook"]))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     read_graphml(write_graphml(graph, Path(folder) / "graph.graphml")) == graph
    True
    """
    with atomic_writer(path, mode="wb") as handle:
        nx.write_graphml(to_graphml_graph(graph), handle, encoding="utf-8")
    return Path(path)


def read_graphml(path: str | Path | IO[bytes]) -> KnowledgeGraph:
    """Read a graph written by :func:`write_graphml` from a path or a binary file.

    Parameters
    ----------
    path : str, Path or binary file
        The file, or an open binary stream such as ``io.BytesIO``.

    Returns
    -------
    KnowledgeGraph
        The graph written (cleaned of what XML cannot hold, if anything was).

    Raises
    ------
    GraphFileError
        If the file cannot be read, is not GraphML, or is not a kg graph; the message names it.
    """
    name = str(path) if isinstance(path, str | Path) else str(getattr(path, "name", "<stream>"))
    try:
        plain = nx.read_graphml(path, force_multigraph=True)
    except OSError as error:
        raise GraphFileError(f"cannot read {name}: {error.strerror or error}") from None
    except (SyntaxError, ValueError, TypeError, nx.NetworkXError) as error:
        raise GraphFileError(f"{name} is not readable GraphML: {error}") from None
    return from_graphml_graph(plain, source=name)
