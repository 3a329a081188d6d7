"""Scoring kg against gold data: graphs (docs/SCHEMA.md), NER (UNER) and open relations (IberLEF 2019).

Stage: evaluation (behind ``kg evaluate``). Input: paths to gold data, and a spaCy pipeline
(kg's bundled one by default). Output: a JSON-able report and its text tables.

What each path is
    ============================================  ===================================================
    a ``.json`` file, or a folder of them         gold graphs (one per document, docs/SCHEMA.md):
                                                  entity and relation P/R/F1 (:mod:`kg.evaluate.graph`)
    a ``.iob2`` file (Universal NER)              exact-span PER/ORG/LOC P/R/F1 on the surface text of
                                                  its UD treebank (:mod:`kg.evaluate.ner`)
    a ``.tsv`` file (IberLEF 2019 Task 2 key),    pair recall and descriptor accuracy of open relations
    or a folder of them without ``.json`` files   (:mod:`kg.evaluate.open_relations`)
    ============================================  ===================================================

Only the ``*.json`` (or ``*.tsv``) files directly in a folder are read: a gold folder may hold its
texts and notes beside them. Several paths of one kind are pooled into one score. Every gold input
is read and checked before the pipeline is loaded, so a bad file fails fast.

Examples
--------
>>> report = evaluate_paths([Path("gold-dev")])  # doctest: +SKIP
>>> print(format_report(report, details=True))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.errors import InputError
from kg.evaluate.gold import GoldDocument, gold_files, load_gold
from kg.evaluate.graph import DocumentScore, evaluate_graphs, score_graph
from kg.evaluate.ner import evaluate_ner, read_ner_gold
from kg.evaluate.open_relations import evaluate_open_relations, iberlef_files, read_iberlef, score_open_relations
from kg.evaluate.report import format_report
from kg.evaluate.scores import Counts

__all__ = [
    "evaluate_paths",
    "format_report",
    "score_graph",
    "score_open_relations",
    "load_gold",
    "GoldDocument",
    "DocumentScore",
    "Counts",
]


def _kind(path: Path) -> str:
    """What ``path`` holds: "graph", "ner" or "open_relations"."""
    if path.is_dir():
        if any(p.is_file() for p in path.glob("*.json")):
            return "graph"
        if any(p.is_file() for p in path.glob("*.tsv")):
            return "open_relations"
        raise InputError(f"{path}: a folder without gold .json files or IberLEF Task 2 .tsv files")
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    kinds = {".json": "graph", ".iob2": "ner", ".tsv": "open_relations"}
    kind = kinds.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"{path}: unknown gold format {path.suffix!r}; "
            "kg evaluates .json gold graphs, UNER .iob2 files and IberLEF .tsv files"
        )
    return kind


def evaluate_paths(gold: Sequence[Path | str], *, model: str | Path | None = None, conllu: Path | None = None) -> dict:
    """Evaluate kg against every gold path and return the report.

    Parameters
    ----------
    gold
        Gold graph ``.json`` files or folders, UNER ``.iob2`` files, IberLEF Task 2 ``.tsv`` files
        or folders (see the module docstring).
    model
        An installed spaCy pipeline's name or a path to one; by default kg's bundled pipeline.
    conllu
        The UD ``.conllu`` file of the ``.iob2`` files, when it is not where
        :func:`kg.evaluate.ner.find_conllu` looks.

    Returns
    -------
    dict
        JSON-able ``{"graph": ..., "ner": ..., "open_relations": ...}``, with the sections that
        apply to the paths given.

    Raises
    ------
    kg.errors.InputError
        A path that is missing, of an unknown kind, or a gold file that cannot be used.
    kg.errors.ModelNotFoundError
        The pipeline cannot be loaded.
    """
    paths: dict[str, list[Path]] = {"graph": [], "ner": [], "open_relations": []}
    for item in gold:
        path = Path(item)
        paths[_kind(path)].append(path)
    if not any(paths.values()):
        raise InputError("no gold paths given")

    graph_files = [f for path in paths["graph"] for f in gold_files(path)]
    golds = [(f, load_gold(f)) for f in graph_files]
    ids: dict[str, Path] = {}
    for f, document in golds:
        if ids.setdefault(document.doc_id, f) != f:
            raise InputError(f"{f}: doc_id {document.doc_id!r} is also the doc_id of {ids[document.doc_id]}")
    ner_gold = read_ner_gold(paths["ner"], conllu=conllu) if paths["ner"] else None
    key_files = [f for path in paths["open_relations"] for f in iberlef_files(path)]
    pairs = [pair for f in key_files for pair in read_iberlef(f)]

    from kg.pipeline import load_pipeline

    nlp = load_pipeline(model)
    report: dict = {}
    if golds:
        report["graph"] = {"files": [str(f) for f in graph_files], **evaluate_graphs(golds, nlp)}
    if ner_gold is not None:
        report["ner"] = evaluate_ner(ner_gold, nlp)
    if key_files:
        report["open_relations"] = {"files": [str(f) for f in key_files], **evaluate_open_relations(pairs, nlp)}
    return report
