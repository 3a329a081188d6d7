"""Exports of a ``KnowledgeGraph``: one file format per module.

Stage: export. Input: a ``KnowledgeGraph``. Output: files, and readers for the lossless ones.

- ``kg.export.json``: lossless node-link JSON, read back by ``read_json`` (what ``kg.load`` reads);
- ``kg.export.graphml``: GraphML for Gephi, Cytoscape, yEd and networkx, read back by ``read_graphml``;
- ``kg.export.html``: the interactive, self-contained HTML view;
- ``kg.export.csv``: CSV for ``neo4j-admin database import``, and a pandas DataFrame;
- ``kg.export.sanitize``: the one place where exported text is cleaned and escaped;
- ``kg.export.screenshot``: ``python -m kg.export.screenshot GRAPH.html OUT.png``.
"""

from __future__ import annotations

from kg.export.csv import to_dataframe, write_neo4j_csv
from kg.export.graphml import read_graphml, write_graphml
from kg.export.html import write_html
from kg.export.json import read_json, write_json

__all__ = [
    "write_json",
    "read_json",
    "write_graphml",
    "read_graphml",
    "write_html",
    "write_neo4j_csv",
    "to_dataframe",
]
