"""CSV for Neo4j's bulk importer, and a pandas DataFrame of the relations.

Stage: export. Input: a ``KnowledgeGraph``. Output: ``nodes.csv`` and ``relationships.csv`` in
the header format of ``neo4j-admin database import full``, or a ``pandas.DataFrame`` with one
row per relation for analysis.

The two files (UTF-8, comma-separated, one record per line, a cell quoted with ``"`` when it
holds a comma or a quote, a quote inside doubled)::

    id:ID,name,type,:LABEL,aliases:string[],mentions:int,documents:string[]
    ORG:meta,Meta,ORG,Entity;ORG,Facebook;Meta Platforms,3,d1;d2

    :START_ID,:END_ID,:TYPE,relation,predicate,confidence:float,evidence_count:int,documents:string[],evidence
    ORG:meta,PROJECT:pytorch,DEVELOPER_OF,developer_of,desenvolve,0.9,1,d1,"[{""document"": ""d1"", ...}]"

Every node has the labels ``Entity`` and its type; every relationship has its relation type in
upper case. An empty array is an empty cell, so the property is absent rather than ``[""]``.
``evidence`` is a JSON list of ``{"document", "sentence", "start", "end"}``
objects (in Cypher: ``apoc.convert.fromJsonList(r.evidence)``). Import with::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j

adding ``--array-delimiter`` if the files were written with another one than ``;``, and without
``--legacy-style-quoting`` (a backslash in the data is not an escape).

Limits, for the files to be safe to open in a spreadsheet and to import without options:
control characters are removed, line breaks inside a cell become spaces, the array delimiter
inside an array item becomes a comma, and a string cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading single quote, so that it is not run as a
formula (see ``kg.export.sanitize``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.atomic import atomic_writer
from kg.export.sanitize import clean, csv_array, csv_cell, dumps_json
from kg.graph import KnowledgeGraph

if TYPE_CHECKING:
    import pandas

__all__ = ["NODE_HEADER", "RELATIONSHIP_HEADER", "DATAFRAME_COLUMNS", "write_neo4j_csv", "to_dataframe"]

NODE_HEADER = ("id:ID", "name", "type", ":LABEL", "aliases:string[]", "mentions:int", "documents:string[]")
RELATIONSHIP_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "relation",
    "predicate",
    "confidence:float",
    "evidence_count:int",
    "documents:string[]",
    "evidence",
)
DATAFRAME_COLUMNS = (
    "subject",
    "subject_type",
    "relation",
    "predicate",
    "object",
    "object_type",
    "confidence",
    "evidence_count",
    "sentence",
    "documents",
)


def write_neo4j_csv(graph: KnowledgeGraph, folder: str | Path, *, array_delimiter: str = ";") -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import`` into ``folder``.

    Parameters
    ----------
    graph : KnowledgeGraph
        The graph to write.
    folder : str or Path
        Where to write the two files; created if needed.
    array_delimiter : str
        The character between array items; pass the same to ``--array-delimiter`` if not ``;``.

    Returns
    -------
    tuple of Path
        The paths of ``nodes.csv`` and ``relationships.csv``, each written atomically.

    Raises
    ------
    ValueError
        If ``array_delimiter`` is not one character, or is a comma, a quote or a line break.
    OutputError
        If a file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from kg.models import Entity
    >>> graph = KnowledgeGraph()
    >>> _ = graph.add_entity(Entity(id="", name="Meta", type="ORG", mentions=3, aliases=["Facebook"]))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     nodes, relationships = write_neo4j_csv(graph, folder)
    ...     print(nodes.read_text(encoding="utf-8"), end="")
    id:ID,name,type,:LABEL,aliases:string[],mentions:int,documents:string[]
    ORG:meta,Meta,ORG,Entity;ORG,Facebook,3,
    """
    if len(array_delimiter) != 1 or array_delimiter in ',"\r\n':
        raise ValueError(f"array_delimiter must be one character, not a comma, quote or newline: {array_delimiter!r}")
    folder = Path(folder)
    node_rows = [
        (
            csv_cell(node),
            csv_cell(data["name"]),
            csv_cell(data["type"]),
            csv_array(["Entity", data["type"]], delimiter=array_delimiter),
            csv_array(data["aliases"], delimiter=array_delimiter),
            int(data["mentions"]),
            csv_array(data["documents"], delimiter=array_delimiter),
        )
        for node, data in graph.nx.nodes(data=True)
    ]
    relationship_rows = [
        (
            csv_cell(source),
            csv_cell(target),
            csv_cell(data["relation"].upper()),
            csv_cell(data["relation"]),
            csv_cell(data["predicate"]),
            float(data["confidence"]),
            len(data["evidence"]),
            csv_array(sorted({e["document"] for e in data["evidence"]}), delimiter=array_delimiter),
            csv_cell(dumps_json(clean(data["evidence"]))),
        )
        for source, target, data in graph.nx.edges(data=True)
    ]
    return (
        _write_csv(folder / "nodes.csv", NODE_HEADER, node_rows),
        _write_csv(folder / "relationships.csv", RELATIONSHIP_HEADER, relationship_rows),
    )


def _write_csv(path: Path, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Path:
    with atomic_writer(path, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def to_dataframe(graph: KnowledgeGraph) -> pandas.DataFrame:
    """One row per relation, strongest first, with the columns of ``DATAFRAME_COLUMNS``.

    ``sentence`` is the first evidence sentence (or ``""``); ``documents`` the sorted ids of
    the documents the evidence comes from. Needs pandas (``pip install 'kg[dataframe]'``).

    Parameters
    ----------
    graph : KnowledgeGraph
        The graph whose relations to tabulate.

    Returns
    -------
    pandas.DataFrame
        One row per relation, in the order of ``graph.relations()``.

    Raises
    ------
    ImportError
        If pandas is not installed.

    Examples
    --------
    >>> from kg.models import Entity, Evidence, Relation
    >>> meta = Entity(id="", name="Meta", type="ORG")
    >>> pytorch = Entity(id="", name="PyTorch", type="PROJECT")
    >>> said = Evidence(document="d1", sentence="A Meta desenvolve o PyTorch.", start=0, end=28)
    >>> relation = Relation(subject=meta, relation="developer_of", object=pytorch, confidence=0.9, evidence=[said])
    >>> graph = KnowledgeGraph()
    >>> graph.add_relation(relation)
    >>> to_dataframe(graph)[["subject", "relation", "object", "sentence"]].to_dict("records")
    [{'subject': 'Meta', 'relation': 'developer_of', 'object': 'PyTorch', 'sentence': 'A Meta desenvolve o PyTorch.'}]
    """
    try:
        import pandas
    except ImportError as error:
        raise ImportError("to_dataframe needs pandas: pip install 'kg[dataframe]' (or pip install pandas)") from error
    rows = [
        (
            relation.subject.name,
            relation.subject.type,
            relation.relation,
            relation.predicate,
            relation.object.name,
            relation.object.type,
            relation.confidence,
            len(relation.evidence),
            relation.evidence[0].sentence if relation.evidence else "",
            sorted({e.document for e in relation.evidence}),
        )
        for relation in graph.relations()
    ]
    return pandas.DataFrame(rows, columns=list(DATAFRAME_COLUMNS))
