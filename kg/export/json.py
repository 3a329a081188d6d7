"""Lossless JSON: the graph as networkx node-link data, and back.

Stage: export. Input: a ``KnowledgeGraph``. Output: a UTF-8 JSON file that ``read_json`` (and
so ``kg.load``) turns back into an equal graph: every entity with its name, type, aliases,
mentions, documents and name counts; every relation with its key, predicate, confidence and
all its evidence.

The file is ``networkx.node_link_data(graph, edges="links")`` with two markers in front::

    {"format": "kg-graph", "version": 1,
     "directed": true, "multigraph": true, "graph": {"documents": ["d1", ...]},
     "nodes": [{"id": "ORG:meta", "name": "Meta", "type": "ORG", "aliases": [...],
                "mentions": 3, "documents": [...], "name_counts": {"Meta": 3}}, ...],
     "links": [{"source": "ORG:meta", "target": "PROJECT:pytorch", "key": "developer_of",
                "relation": "developer_of", "predicate": "desenvolve", "confidence": 0.9,
                "evidence": [{"document": "d1", "sentence": "...", "start": 0, "end": 42}]}, ...]}

Nothing is dropped or cleaned: strings are kept as they are (JSON escapes control characters;
lone surrogates are written as ``\\u`` escapes). Reading checks the markers, every field and
its type, and that each link joins two known nodes; a file that fails raises
``GraphFileError`` naming the file and the first problem.

Security: reading only parses JSON and validates plain values; nothing in a file is executed
or used to look anything up. Strings are untrusted text: escape them for wherever they go.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.atomic import atomic_write_text
from kg.errors import GraphFileError
from kg.export.sanitize import dumps_json
from kg.graph import KnowledgeGraph
from kg.models import EntityType, Evidence

__all__ = ["FORMAT", "VERSION", "to_node_link", "from_node_link", "write_json", "read_json"]

#: The ``format`` marker of kg graph files (JSON, and GraphML's graph attributes).
FORMAT = "kg-graph"
#: The version of the file layout this module writes and reads.
VERSION = 1


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Node(_Record):
    id: str
    name: str
    type: EntityType
    aliases: list[str]
    mentions: int = Field(ge=0)
    documents: list[str]
    name_counts: dict[str, int]


class _Link(_Record):
    source: str
    target: str
    key: str = Field(min_length=1)
    relation: str
    predicate: str
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence]


class _GraphAttributes(_Record):
    documents: list[str]


class _GraphFile(_Record):
    format: Literal["kg-graph"]
    version: Literal[1]
    directed: Literal[True]
    multigraph: Literal[True]
    graph: _GraphAttributes
    nodes: list[_Node]
    links: list[_Link]


def to_node_link(graph: KnowledgeGraph) -> dict[str, Any]:
    """The node-link data of ``graph`` with the ``format`` and ``version`` markers.

    Examples
    --------
    >>> from kg.models import Entity
    >>> graph = KnowledgeGraph()
    >>> _ = graph.add_entity(Entity(id="", name="Meta", type="ORG", mentions=2))
    >>> data = to_node_link(graph)
    >>> data["format"], data["nodes"][0]["id"], data["nodes"][0]["name_counts"]
    ('kg-graph', 'ORG:meta', {'Meta': 2})
    """
    return {"format": FORMAT, "version": VERSION, **nx.node_link_data(graph.nx, edges="links")}


def from_node_link(data: Any, *, source: str = "<data>") -> KnowledgeGraph:
    """Validate node-link ``data`` written by :func:`to_node_link` and build its graph.

    Parameters
    ----------
    data : object
        Parsed JSON (or the decoded attributes of a GraphML file).
    source : str
        What ``data`` was read from, to start error messages with.

    Raises
    ------
    GraphFileError
        If ``data`` is not a kg graph; the message starts with ``source``.

    Examples
    --------
    >>> from kg.models import Entity
    >>> graph = KnowledgeGraph()
    >>> _ = graph.add_entity(Entity(id="", name="Meta", type="ORG", aliases=["Facebook"]))
    >>> from_node_link(to_node_link(graph)) == graph
    True
    >>> from_node_link({"format": "csv"}, source="g.json")
    Traceback (most recent call last):
    ...
    kg.errors.GraphFileError: g.json is not a kg graph: expected "format": "kg-graph", found 'csv'
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise GraphFileError(f'{source} is not a kg graph: expected "format": "{FORMAT}", found {found!r}')
    if data.get("version") != VERSION:
        raise GraphFileError(
            f"{source}: unsupported kg graph version {data.get('version')!r} (this kg reads {VERSION})"
        )
    try:
        record = _GraphFile.model_validate(data)
    except ValidationError as error:
        raise GraphFileError(f"{source}: {_first_problem(error, data)}") from None
    graph = nx.MultiDiGraph()
    graph.graph["documents"] = list(record.graph.documents)
    for node in record.nodes:
        if node.id in graph:
            raise GraphFileError(f"{source}: node {node.id!r} appears twice")
        graph.add_node(node.id, **node.model_dump(exclude={"id"}))
    for link in record.links:
        for end in (link.source, link.target):
            if end not in graph:
                raise GraphFileError(f"{source}: relation {link.key!r} joins {end!r}, which is not a node")
        if graph.has_edge(link.source, link.target, link.key):
            raise GraphFileError(f"{source}: relation {link.source!r} -[{link.key}]-> {link.target!r} appears twice")
        attributes = link.model_dump(exclude={"source", "target", "key"})
        graph.add_edge(link.source, link.target, key=link.key, **attributes)
    return KnowledgeGraph.from_networkx(graph)


def _first_problem(error: ValidationError, data: dict[str, Any]) -> str:
    """The first validation error, located by node id or relation ends rather than list index."""
    first = error.errors()[0]
    loc = list(first["loc"])
    where = ".".join(str(part) for part in loc)
    if len(loc) >= 2 and loc[0] in ("nodes", "links") and isinstance(loc[1], int):
        item = data[loc[0]][loc[1]]
        field = ".".join(str(part) for part in loc[2:]) or "record"
        if not isinstance(item, dict):
            where = f"{loc[0]}[{loc[1]}]"
        elif loc[0] == "nodes":
            where = f"node {item.get('id', loc[1])!r}: {field}"
        else:
            where = f"relation {item.get('source')!r} -[{item.get('key')}]-> {item.get('target')!r}: {field}"
    message = "Input should be a JSON object" if first["type"] == "model_type" else first["msg"]
    more = error.error_count() - 1
    return f"{where}: {message}" + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


def write_json(graph: KnowledgeGraph, path: str | Path) -> Path:
    """Write ``graph`` as lossless node-link JSON to ``path`` (atomically); return the path.

    Parameters
    ----------
    graph : KnowledgeGraph
        The graph to write.
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
    >>> _ = graph.add_entity(Entity(id="", name="Meta", type="ORG"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     read_json(write_json(graph, Path(folder) / "graph.json")) == graph
    True
    """
    return atomic_write_text(path, dumps_json(to_node_link(graph), indent=1) + "\n")


def read_json(path: str | Path | IO[bytes]) -> KnowledgeGraph:
    """Read a graph written by :func:`write_json` from a path or a binary file.

    Parameters
    ----------
    path : str, Path or binary file
        The file, or an open binary stream such as ``io.BytesIO``.

    Returns
    -------
    KnowledgeGraph
        A graph equal to the one written.

    Raises
    ------
    GraphFileError
        If the file cannot be read, is not JSON, or is not a kg graph; the message names it.
    """
    if isinstance(path, str | Path):
        name = str(path)
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            raise GraphFileError(f"cannot read {name}: {error.strerror or error}") from None
    else:
        name = str(getattr(path, "name", "<stream>"))
        raw = path.read()
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise GraphFileError(f"{name} is not JSON: {error}") from None
    return from_node_link(data, source=name)
