"""GraphML: typed keys only, readable by networkx as it is, and read back by kg to an equal graph."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import GraphFileError
from kg.export.graphml import read_graphml, to_graphml_graph, write_graphml
from kg.export.sanitize import clean_text
from kg.graph import KnowledgeGraph
from kg.models import Entity, Evidence, Relation

_NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def test_round_trip_gives_an_equal_graph(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_graphml(small_graph, tmp_path / "graph.graphml")
    assert path == tmp_path / "graph.graphml"
    assert read_graphml(path) == small_graph


def test_round_trip_keeps_hostile_text(hostile_graph: KnowledgeGraph, tmp_path: Path) -> None:
    assert read_graphml(write_graphml(hostile_graph, tmp_path / "graph.graphml")) == hostile_graph


def test_networkx_reads_the_same_nodes_edges_and_values(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    plain = nx.read_graphml(write_graphml(small_graph, tmp_path / "graph.graphml"))
    assert isinstance(plain, nx.MultiDiGraph)  # parallel edges make networkx keep a multigraph
    assert set(plain.nodes) == set(small_graph.nx.nodes)
    for node, data in small_graph.nx.nodes(data=True):
        read = plain.nodes[node]
        assert (read["name"], read["type"], read["mentions"]) == (data["name"], data["type"], data["mentions"])
        assert json.loads(read["aliases"]) == data["aliases"]
        assert json.loads(read["documents"]) == data["documents"]
        assert json.loads(read["name_counts"]) == data["name_counts"]
    written = sorted(
        (s, t, k, d["predicate"], d["confidence"], json.dumps(d["evidence"]))
        for s, t, k, d in small_graph.nx.edges(keys=True, data=True)
    )
    read_back = sorted(
        (s, t, d["key"], d["predicate"], d["confidence"], json.dumps(json.loads(d["evidence"])))
        for s, t, d in plain.edges(data=True)
    )
    assert read_back == written
    assert plain.number_of_edges("ORG:meta", "PROJECT:pytorch") == 2
    assert json.loads(plain.graph["documents"]) == ["d1", "d2", "d3"]


def test_keys_are_typed_and_edge_ids_unique(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    root = ET.parse(write_graphml(small_graph, tmp_path / "graph.graphml")).getroot()
    types = {(key.get("for"), key.get("attr.name")): key.get("attr.type") for key in root.findall("g:key", _NS)}
    assert types[("node", "mentions")] == "long"
    assert types[("edge", "confidence")] == "double"
    assert types[("edge", "evidence_count")] == "long"
    assert types[("node", "aliases")] == types[("edge", "evidence")] == "string"
    assert set(types.values()) <= {"string", "long", "double"}
    ids = [edge.get("id") for edge in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids)) == small_graph.nx.number_of_edges()
    graph_element = root.find("g:graph", _NS)
    assert graph_element is not None and graph_element.get("edgedefault") == "directed"


def test_control_characters_are_removed_and_the_file_stays_valid_xml(tmp_path: Path) -> None:
    dirty = "Nul\x00 Bell\x07 Esc\x1b \ud800 \ufffe Fim\r\nnova"
    odd = Entity(id="", name=dirty, type="ORG", aliases=["A\x0bB"], documents=["d\x0c"])
    other = Entity(id="", name="Outra", type="ORG")
    graph = KnowledgeGraph()
    graph.add_relation(
        Relation(
            subject=odd,
            relation="partner_of",
            predicate="p\x01",
            object=other,
            confidence=0.5,
            evidence=[Evidence(document="d\x0c", sentence="x\x00y\r", start=0, end=4)],
        )
    )
    path = write_graphml(graph, tmp_path / "graph.graphml")
    ET.parse(path)  # well-formed
    back = read_graphml(path)
    written = {e.name for e in graph.entities()}
    assert any("\x00" in name and "\ud800" in name for name in written)
    assert {e.name for e in back.entities()} == {clean_text(name) for name in written}
    assert {e.id for e in back.entities()} == {clean_text(e.id) for e in graph.entities()}
    assert [alias for e in back.entities() for alias in e.aliases] == ["AB"]
    relation = back.relations(relation="partner_of")[0]
    assert (relation.predicate, relation.evidence[0].sentence, relation.evidence[0].document) == ("p", "xy\n", "d")
    assert read_graphml(write_graphml(back, tmp_path / "again.graphml")) == back  # cleaning is idempotent


def test_round_trip_through_binary_streams(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    nx.write_graphml(to_graphml_graph(small_graph), buffer)
    buffer.seek(0)
    assert read_graphml(buffer) == small_graph
    path = write_graphml(small_graph, tmp_path / "graph.graphml")
    assert read_graphml(io.BytesIO(path.read_bytes())) == small_graph


def test_knowledge_graph_to_graphml(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    assert read_graphml(small_graph.to_graphml(tmp_path / "graph.graphml")) == small_graph


def test_empty_strings_survive(tmp_path: Path) -> None:
    """GraphML reads an empty ``<data/>`` as absent; the reader restores the empty string."""
    graph = KnowledgeGraph()
    graph.add_relation(
        Relation(
            subject=Entity(id="", name="A", type="ORG"),
            relation="partner_of",
            predicate="",
            object=Entity(id="", name="B", type="ORG"),
            confidence=0.5,
        )
    )
    assert read_graphml(write_graphml(graph, tmp_path / "graph.graphml")) == graph


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not xml at all", "is not readable GraphML"),
        (b"<graphml><unclosed></graphml>", "is not readable GraphML"),
        (b'<?xml version="1.0"?><root/>', "is not readable GraphML"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "graph.graphml"
    path.write_bytes(content)
    with pytest.raises(GraphFileError, match=problem) as caught:
        read_graphml(path)
    assert str(path) in str(caught.value)


def test_graphml_that_is_not_a_kg_graph(tmp_path: Path) -> None:
    path = tmp_path / "other.graphml"
    nx.write_graphml(nx.path_graph(3, create_using=nx.DiGraph), path)
    with pytest.raises(GraphFileError, match="is not a kg graph"):
        read_graphml(path)


def test_bad_json_attribute_names_the_node(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    plain = to_graphml_graph(small_graph)
    plain.nodes["ORG:meta"]["aliases"] = "[not json"
    path = tmp_path / "graph.graphml"
    nx.write_graphml(plain, path)
    with pytest.raises(GraphFileError, match="node 'ORG:meta': attribute 'aliases' is not JSON"):
        read_graphml(path)


def test_missing_number_is_an_error(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    plain = to_graphml_graph(small_graph)
    del plain.nodes["ORG:meta"]["mentions"]
    path = tmp_path / "graph.graphml"
    nx.write_graphml(plain, path)
    with pytest.raises(GraphFileError, match="node 'ORG:meta': mentions: Field required"):
        read_graphml(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match="cannot read"):
        read_graphml(tmp_path / "missing.graphml")
