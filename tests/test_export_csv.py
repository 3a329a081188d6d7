"""CSV for neo4j-admin import: headers, quoting, arrays, formula neutralisation; and the DataFrame."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from kg.export.csv import DATAFRAME_COLUMNS, NODE_HEADER, RELATIONSHIP_HEADER, to_dataframe, write_neo4j_csv
from kg.graph import KnowledgeGraph
from kg.models import Entity, Evidence, Relation


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_headers_follow_the_neo4j_import_format(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    nodes, relationships = write_neo4j_csv(small_graph, tmp_path)
    assert (nodes, relationships) == (tmp_path / "nodes.csv", tmp_path / "relationships.csv")
    assert nodes.read_text(encoding="utf-8").splitlines()[0] == (
        "id:ID,name,type,:LABEL,aliases:string[],mentions:int,documents:string[]"
    )
    assert relationships.read_text(encoding="utf-8").splitlines()[0] == (
        ":START_ID,:END_ID,:TYPE,relation,predicate,confidence:float,evidence_count:int,documents:string[],evidence"
    )
    assert tuple(_rows(nodes)[0]) == NODE_HEADER
    assert tuple(_rows(relationships)[0]) == RELATIONSHIP_HEADER


def test_rows_carry_every_entity_and_relation(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    nodes, relationships = write_neo4j_csv(small_graph, tmp_path)
    node_rows = {row["id:ID"]: row for row in _rows(nodes)}
    assert set(node_rows) == set(small_graph.nx.nodes)
    meta = node_rows["ORG:meta"]
    assert (meta["name"], meta["type"], meta[":LABEL"]) == ("Meta", "ORG", "Entity;ORG")
    assert (meta["aliases:string[]"], meta["mentions:int"], meta["documents:string[]"]) == ("Facebook", "4", "d1;d2")
    assert node_rows["PROJECT:pytorch"]["aliases:string[]"] == ""  # empty array: empty cell, property absent
    relation_rows = _rows(relationships)
    assert len(relation_rows) == small_graph.nx.number_of_edges()
    developer = next(row for row in relation_rows if row[":TYPE"] == "DEVELOPER_OF")
    assert (developer[":START_ID"], developer[":END_ID"]) == ("ORG:meta", "PROJECT:pytorch")
    assert (developer["predicate"], float(developer["confidence:float"])) == ("desenvolveu", 0.92)
    assert (developer["evidence_count:int"], developer["documents:string[]"]) == ("2", "d1;d3")
    evidence = small_graph.nx.edges["ORG:meta", "PROJECT:pytorch", "developer_of"]["evidence"]
    assert json.loads(developer["evidence"]) == evidence
    assert {row[":START_ID"] for row in relation_rows} | {row[":END_ID"] for row in relation_rows} <= set(node_rows)


def test_hostile_cells_are_quoted_neutralised_and_kept_on_one_line(
    hostile_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    nodes, relationships = write_neo4j_csv(hostile_graph, tmp_path)
    for path, count in (
        (nodes, hostile_graph.nx.number_of_nodes()),
        (relationships, hostile_graph.nx.number_of_edges()),
    ):
        assert len(path.read_text(encoding="utf-8").split("\n")) == count + 2  # header, rows, final newline
        for row in _rows(path):
            for column, cell in row.items():
                if not column.endswith((":int", ":float")):
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    names = {row["name"] for row in _rows(nodes)}
    assert '\'=HYPERLINK("http://example.invalid","x")' in names
    assert "'-Menos" in names
    assert "<img src=x onerror=alert(1)>" in names  # not HTML: kept as it is
    formula = next(row for row in _rows(nodes) if row["type"] == "MISC")
    assert formula["aliases:string[]"] == "'+1-2;@SUM(A1);a,b"  # the delimiter inside an item becomes a comma
    predicates = {row["predicate"] for row in _rows(relationships)}
    assert {"'=1+1", "'-", 'disse "olá" & <b>'} <= predicates
    sentence = json.loads(next(row for row in _rows(relationships) if row[":TYPE"] == "EMPLOYEE_OF")["evidence"])[0][
        "sentence"
    ]
    assert sentence.endswith("tab\tfim; linha\nnova")  # JSON keeps the line break, escaped


def test_control_characters_are_removed(tmp_path: Path) -> None:
    graph = KnowledgeGraph()
    graph.add_relation(
        Relation(
            subject=Entity(id="", name="A\x00\x07B", type="ORG"),
            relation="partner_of",
            predicate="p\x1b",
            object=Entity(id="", name="C\ud800", type="ORG"),
            confidence=0.5,
            evidence=[Evidence(document="d\x0b", sentence="s\x00", start=0, end=2)],
        )
    )
    nodes, relationships = write_neo4j_csv(graph, tmp_path)
    assert {row["name"] for row in _rows(nodes)} == {"AB", "C"}
    row = _rows(relationships)[0]
    assert (row["predicate"], row["documents:string[]"], json.loads(row["evidence"])[0]["sentence"]) == ("p", "d", "s")


def test_other_array_delimiter(small_graph: KnowledgeGraph, tmp_path: Path) -> None:
    nodes, _ = write_neo4j_csv(small_graph, tmp_path, array_delimiter="|")
    assert {row["id:ID"]: row for row in _rows(nodes)}["ORG:meta"][":LABEL"] == "Entity|ORG"


@pytest.mark.parametrize("delimiter", [",", '"', "", ";;", "\n"])
def test_bad_array_delimiter(small_graph: KnowledgeGraph, tmp_path: Path, delimiter: str) -> None:
    with pytest.raises(ValueError, match="array_delimiter"):
        write_neo4j_csv(small_graph, tmp_path, array_delimiter=delimiter)


def test_dataframe_has_one_row_per_relation(small_graph: KnowledgeGraph) -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe(small_graph)
    assert tuple(frame.columns) == DATAFRAME_COLUMNS
    assert len(frame) == small_graph.nx.number_of_edges()
    first = frame.iloc[0].to_dict()
    assert first == {
        "subject": "Meta",
        "subject_type": "ORG",
        "relation": "developer_of",
        "predicate": "desenvolveu",
        "object": "PyTorch",
        "object_type": "PROJECT",
        "confidence": 0.92,
        "evidence_count": 2,
        "sentence": "A Meta desenvolveu o PyTorch.",
        "documents": ["d1", "d3"],
    }
    assert list(frame["confidence"]) == sorted(frame["confidence"], reverse=True)


def test_dataframe_of_a_relation_without_evidence(hostile_graph: KnowledgeGraph) -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe(hostile_graph)
    partner = frame[frame["relation"] == "partner_of"].iloc[0]
    assert (partner["evidence_count"], partner["sentence"], partner["documents"]) == (0, "", [])


def test_dataframe_without_pandas_says_what_to_install(small_graph: KnowledgeGraph, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install"):
        to_dataframe(small_graph)
