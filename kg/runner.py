"""A corpus run: read inputs, extract, merge into an existing graph, write every format.

Stage: orchestration for the CLI. Input: paths (files, folders, ``-``). Output: graph files in
the output folder, written atomically, and a report of what was written and what was skipped.
A bad document is reported and skipped, never fatal; with ``--into`` the existing graph is
read first, documents already in it (same content hash) are skipped, and the graph is saved
every ``checkpoint_every`` documents so an interrupted run can be resumed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kg.errors import OutputError
from kg.extract import extract_documents, load
from kg.graph import KnowledgeGraph
from kg.io import SkippedInput, iter_documents
from kg.models import Document
from kg.pipeline import load_pipeline

__all__ = ["RunReport", "run_extract", "graph_name", "write_graph"]


@dataclass
class RunReport:
    """What a run wrote and what it skipped (with the reason)."""

    written: list[Path] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    documents: int = 0


_UNSAFE = re.compile(r"[^\w.-]+")


def graph_name(inputs: list[str]) -> str:
    """The base name of the output files: the input's own name, made safe for a file name.

    Examples
    --------
    >>> graph_name(["seeds/"])
    'seeds'
    >>> graph_name(["../../etc/passwd"])
    'passwd'
    >>> graph_name(["-"])
    'stdin'
    """
    if len(inputs) != 1:
        return "graph"
    if inputs[0] == "-":
        return "stdin"
    stem = Path(inputs[0].rstrip("/\\")).stem or "graph"
    safe = _UNSAFE.sub("_", stem).strip("._")
    return safe or "graph"


def write_graph(graph: KnowledgeGraph, folder: Path, name: str, formats: Iterable[str]) -> list[Path]:
    """Write ``graph`` as ``folder/name.<format>`` for each format; return the paths."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output {folder} exists and is not a folder")
    writers = {"json": graph.to_json, "graphml": graph.to_graphml, "html": graph.to_html}
    return [writers[f](folder / f"{name}.{f}") for f in formats]


def run_extract(
    inputs: list[str],
    *,
    output: Path,
    model: str | None = None,
    formats: list[str],
    name: str | None = None,
    jobs: int = 1,
    into: Path | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    checkpoint_every: int = 500,
) -> RunReport:
    """Run ``kg extract``: see the module docstring."""
    report = RunReport()
    base = graph_name([into.name] if into is not None else [name] if name else inputs)
    folder = into.parent if into is not None else output
    graph = load(into) if into is not None and into.exists() else KnowledgeGraph()
    known = set(graph.documents)
    documents = iter_documents(inputs, on_skip=report.skipped.append)
    nlp = load_pipeline(model)
    with tqdm(desc="documents", unit="doc", disable=None if progress else True, file=sys.stderr) as bar:

        def done(document: Document) -> None:
            report.documents += 1
            bar.update(1)
            if into is not None and report.documents % checkpoint_every == 0:
                graph.to_json(into)

        if scheduler is not None:
            from kg.distributed import extract_distributed

            graph.merge(extract_distributed(documents, scheduler=scheduler, model=model, skip=lambda d: d.id in known))
        else:
            extract_documents(
                nlp,
                documents,
                into=graph,
                n_process=jobs,
                skip=lambda d: d.id in known,
                on_document=done,
            )
    report.written = write_graph(graph, folder, base, formats)
    return report
