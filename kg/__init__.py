"""kg: knowledge graphs of the people, organisations, projects and places in Portuguese news.

>>> import kg
>>> graph = kg.extract("A Linux Foundation supervisionará o PyTorch.")  # doctest: +SKIP
>>> graph.relations(subject="Linux Foundation")  # doctest: +SKIP
"""

from __future__ import annotations

from kg.extract import extract, load
from kg.graph import KnowledgeGraph
from kg.models import Document, Entity, Evidence, Relation
from kg.pipeline import load_pipeline

__all__ = [
    "extract",
    "load_pipeline",
    "load",
    "KnowledgeGraph",
    "Entity",
    "Relation",
    "Evidence",
    "Document",
]

__version__ = "0.1.0"
