"""The public API is exactly DESIGN.md's names."""

from __future__ import annotations

import kg


def test_public_surface_is_exactly_all():
    assert sorted(kg.__all__) == sorted(
        ["extract", "load_pipeline", "load", "KnowledgeGraph", "Entity", "Relation", "Evidence", "Document"]
    )
    public = {name for name in vars(kg) if not name.startswith("_") and not isinstance(getattr(kg, name), type(kg))}
    assert public - {"annotations"} == set(kg.__all__)


def test_knowledge_graph_has_the_documented_methods():
    for method in ("entities", "entity", "relations", "neighbors", "merge", "to_html", "to_graphml", "to_json"):
        assert callable(getattr(kg.KnowledgeGraph, method))
    assert isinstance(kg.KnowledgeGraph.nx, property)


def test_models_reject_unknown_fields():
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError):
        kg.Entity(id="ORG:x", name="X", type="ORG", colour="red")
    with pytest.raises(pydantic.ValidationError):
        kg.Entity(id="ORG:x", name="X", type="COMPANY")


def test_document_id_is_a_content_hash():
    assert kg.Document(text="Olá").id == kg.Document(text="Olá").id != kg.Document(text="Olá!").id
