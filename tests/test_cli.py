"""The kg command: extract, query, exit statuses (uses the bundled pipeline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import needs_model
from typer.testing import CliRunner

import kg
from kg.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("graphs")
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


@needs_model
def test_extract_writes_every_format(seed_graph):
    assert sorted(p.name for p in seed_graph.iterdir()) == ["seeds.graphml", "seeds.html", "seeds.json"]
    assert kg.load(seed_graph / "seeds.json") == kg.load(seed_graph / "seeds.graphml")


@needs_model
def test_the_seed_article_gives_who_develops_governs_founded_and_sits_on_the_board_of_what(seed_graph):
    graph = kg.load(seed_graph / "seeds.json")
    found = {(r.subject.name, r.relation, r.object.name) for r in graph.relations()}
    assert {
        ("Meta", "developer_of", "PyTorch"),
        ("Linux Foundation", "governs", "PyTorch"),
        ("PyTorch Foundation", "governs", "PyTorch"),
        ("PyTorch Foundation", "part_of", "Linux Foundation"),
        ("Mark Zuckerberg", "founder_of", "Meta"),
        ("Meta", "formerly_known_as", "Facebook"),
        ("AMD", "member_of", "PyTorch Foundation"),
        ("Google Cloud", "member_of", "PyTorch Foundation"),
        ("Nvidia", "member_of", "PyTorch Foundation"),
    } <= found


@needs_model
def test_query_prints_relations_with_evidence(seed_graph):
    result = CliRunner().invoke(app, ["query", str(seed_graph / "seeds.json"), "--subject", "Linux Foundation"])
    assert result.exit_code == 0
    assert "--governs--> PyTorch" in result.output
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    evidence = [line.strip().split("  ", 1)[1] for line in result.output.splitlines() if line.startswith("    ")]
    assert evidence and all(sentence in seed for sentence in evidence)


@needs_model
def test_query_json_is_machine_readable(seed_graph):
    result = CliRunner().invoke(
        app, ["query", str(seed_graph / "seeds.json"), "--relation", "formerly_known_as", "--json"]
    )
    relations = json.loads(result.output)
    assert [(r["subject"]["name"], r["object"]["name"]) for r in relations] == [("Meta", "Facebook")]


def test_missing_input_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nope"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "nope" in result.output


def test_unknown_format_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "-o", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2 and "pdf" in result.output


def test_unreadable_graph_names_the_file(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(app, ["query", str(bad)])
    assert result.exit_code == 2 and "broken.json" in result.output


@needs_model
def test_skipped_inputs_are_named_and_exit_one(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("A Microsoft comprou o GitHub em 2018, segundo a empresa.", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1
    assert "empty.txt" in result.output
    assert kg.load(tmp_path / "out" / "corpus.json").entity("GitHub") is not None
