"""Lossless JSON: round trips to an equal graph, and clear errors for files that are not kg graphs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kg.errors import GraphFileError, KGError
from kg.export.json import FORMAT, VERSION, read_json, to_node_link, write_json
from kg.graph import KnowledgeGraph
from kg.models import Entity, Evidence, Relation


def test_round_trip_gives_an_equal_graph(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_json(small_graph, tmp_path / "graph.json")
    assert path == tmp_path / "graph.json"
    back = read_json(path)
    assert back == small_graph
    assert back.documents == ["d1", "d2", "d3"]
    mark = back.entity("Zuckerberg")
    assert mark is not None and mark.name == "Mark Zuckerberg"
    developer = back.relations(subject="Meta", relation="developer_of")[0]
    assert [e.document for e in developer.evidence] == ["d1", "d3"]


def test_round_trip_keeps_hostile_text_exactly(hostile_graph: KnowledgeGraph, tmp_path: Path) -> None:
    assert read_json(write_json(hostile_graph, tmp_path / "graph.json")) == hostile_graph


def test_round_trip_keeps_control_characters_and_lone_surrogates(tmp_path: Path) -> None:
    odd = Entity(id="", name="Nul\x00 Bell\x07 Esc\x1b \ud800 Fim", type="ORG", aliases=["A\r\nB"], documents=["d\x0b"])
    other = Entity(id="", name="Outra", type="ORG")
    graph = KnowledgeGraph()
    graph.add_relation(
        Relation(
            subject=odd,
            relation="partner_of",
            object=other,
            confidence=0.5,
            evidence=[Evidence(document="d\x0b", sentence="x\x00y\ud800", start=0, end=4)],
        )
    )
    path = write_json(graph, tmp_path / "graph.json")
    path.read_bytes().decode("utf-8")  # valid UTF-8 despite the lone surrogate
    assert read_json(path) == graph


def test_file_layout(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    text = write_json(small_graph, tmp_path / "graph.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    assert data["directed"] is True and data["multigraph"] is True
    assert data["graph"] == {"documents": ["d1", "d2", "d3"]}
    meta = next(node for node in data["nodes"] if node["id"] == "ORG:meta")
    assert meta == {
        "id": "ORG:meta",
        "name": "Meta",
        "type": "ORG",
        "aliases": ["Facebook"],
        "mentions": 4,
        "documents": ["d1", "d2"],
        "name_counts": {"Facebook": 0, "Meta": 4},
    }
    keys = sorted(
        link["key"] for link in data["links"] if (link["source"], link["target"]) == ("ORG:meta", "PROJECT:pytorch")
    )
    assert keys == ["developer_of", "owner_of"]
    assert "supervisionará" in text  # non-ASCII text stays readable


def test_round_trip_through_a_binary_stream(small_graph: KnowledgeGraph) -> None:
    buffer = io.BytesIO(json.dumps(to_node_link(small_graph)).encode("utf-8"))
    assert read_json(buffer) == small_graph


def test_knowledge_graph_to_json(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    assert read_json(small_graph.to_json(tmp_path / "out" / "graph.json")) == small_graph


def test_empty_graph_round_trips(tmp_path: Path) -> None:
    assert read_json(write_json(KnowledgeGraph(), tmp_path / "graph.json")) == KnowledgeGraph()


def _valid(small_graph: KnowledgeGraph) -> dict:
    return json.loads(json.dumps(to_node_link(small_graph)))


def _set(data: dict, where: tuple, value: object) -> dict:
    target = data
    for part in where[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[where[-1]]
    else:
        target[where[-1]] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("where", "value", "problem"),
    [
        (("format",), "networkx", "is not a kg graph"),
        (("format",), _DELETE, "is not a kg graph"),
        (("version",), 2, "unsupported kg graph version 2"),
        (("nodes", 0, "name_counts"), _DELETE, "node 'ORG:meta': name_counts: Field required"),
        (("nodes", 0, "mentions"), "many", "node 'ORG:meta': mentions"),
        (("nodes", 0, "type"), "COMPANY", "'PER', 'ORG', 'PROJECT', 'LOC' or 'MISC'"),
        (("nodes", 0, "colour"), "red", "node 'ORG:meta': colour: Extra inputs are not permitted"),
        (("links", 0, "confidence"), 1.5, "confidence: Input should be less than or equal to 1"),
        (("links", 0, "evidence", 0, "start"), -1, "evidence.0.start"),
        (("links", 0, "target"), "ORG:nobody", "'ORG:nobody', which is not a node"),
        (("links",), "none", "links: Input should be a valid list"),
    ],
)
def test_bad_files_raise_graph_file_error(small_graph, tmp_path, where, value, problem) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_set(_valid(small_graph), where, value)), encoding="utf-8")
    with pytest.raises(GraphFileError) as caught:
        read_json(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


def test_duplicate_nodes_and_relations_are_errors(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    data = _valid(small_graph)
    data["nodes"].append(data["nodes"][0])
    with pytest.raises(GraphFileError, match="node 'ORG:meta' appears twice"):
        read_json(io.BytesIO(json.dumps(data).encode()))
    data = _valid(small_graph)
    data["links"].append(data["links"][0])
    with pytest.raises(GraphFileError, match="appears twice"):
        read_json(io.BytesIO(json.dumps(data).encode()))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"<graphml/>", "is not JSON"),
        (b"\xff\xfe\x00garbage", "is not JSON"),
        (b"", "is not JSON"),
        (b"[1, 2]", "is not a kg graph"),
    ],
)
def test_unreadable_content(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "graph.json"
    path.write_bytes(content)
    with pytest.raises(GraphFileError, match=problem):
        read_json(path)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(KGError, match="cannot read .*missing.json"):
        read_json(tmp_path / "missing.json")
