"""A corpus run: read inputs, extract, merge into an existing graph, write every format.

Stage: orchestration for the CLI. Input: paths (files, folders, ``-``). Output: graph files in
the output folder, written atomically, and a report of what was written and what was skipped.

A bad document is reported and skipped, never fatal. A document read twice (same content
hash) is parsed once. ``jobs`` above 1 parses in that many local worker processes;
``scheduler`` sends the work to a Dask cluster instead (see ``kg.distributed``).

Incremental runs
    With ``into`` (a ``.json`` graph written by kg), the graph is read first and documents
    already in it are skipped; the new ones are merged in, and the graph is saved to ``into``
    every ``checkpoint_every`` new documents and at the end. Every save is atomic, so a run
    that is killed leaves the last saved graph readable, and running the same command again
    resumes: it parses only the documents the saved graph does not have. The other formats
    are written beside ``into`` at the end. Before that last save, people named by a shorter
    form of a name or by one word alone are joined to the person the corpus gives that name to
    (``join_name_forms``, ``join_single_names``); a graph extended later is joined again, over
    all its documents.
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

__all__ = ["RunReport", "run_extract", "graph_name", "write_graph", "CHECKPOINT_EVERY", "BATCH_SIZE"]

#: New documents between two saves of an ``into`` graph.
CHECKPOINT_EVERY = 500
#: Documents parsed (and sent to a worker) together.
BATCH_SIZE = 16


@dataclass
class RunReport:
    """What a run wrote and what it skipped (with the reason).

    ``documents`` counts the documents parsed and added; ``known`` those left out because
    the graph already had them (or they were read twice).
    """

    written: list[Path] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    documents: int = 0
    known: int = 0


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


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output {folder} exists and is not a folder")


def write_graph(graph: KnowledgeGraph, folder: Path, name: str, formats: Iterable[str]) -> list[Path]:
    """Write ``graph`` as ``folder/name.<format>`` for each format; return the paths."""
    _check_folder(folder)
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
    checkpoint_every: int | None = None,
    batch_size: int | None = None,
) -> RunReport:
    """Run ``kg extract``: see the module docstring.

    Parameters
    ----------
    inputs
        Files, folders or ``"-"``, as ``kg.io.iter_documents`` reads them.
    output
        The folder of the graph files (unused with ``into``: they go beside it).
    model
        A spaCy pipeline's name or path; by default kg's own.
    formats
        Any of ``json``, ``graphml``, ``html`` (with ``into``, ``json`` is always written, first).
    name
        The base name of the files; by default the input's name.
    jobs
        Local worker processes.
    into
        A ``.json`` graph to add to, saved every ``checkpoint_every`` new documents.
    scheduler
        The address of a Dask scheduler to send the work to, instead of local processes.
    progress
        Show a progress bar on standard error.
    checkpoint_every, batch_size
        By default ``CHECKPOINT_EVERY`` and ``BATCH_SIZE``.

    Raises
    ------
    InputError, ModelNotFoundError, GraphFileError, OutputError
        A missing input, an unloadable model, an unreadable ``into`` graph, an unwritable output.
    """
    if into is not None and into.suffix.lower() != ".json":
        raise OutputError(f"--into {into}: expected a .json graph written by kg extract")
    every = checkpoint_every or CHECKPOINT_EVERY
    report = RunReport()
    documents = iter_documents(inputs, on_skip=report.skipped.append)
    if into is not None:  # the graph first: whatever fails later, the new documents are saved
        folder, base = into.parent, into.stem
        formats = ["json", *(f for f in formats if f != "json")]
    else:
        folder, base = output, graph_name([name] if name else inputs)
    _check_folder(folder)  # a usage error, before any input is read
    graph = load(into) if into is not None and into.exists() else KnowledgeGraph()
    seen = set(graph.documents)

    def skip(document: Document) -> bool:
        if document.id in seen:
            report.known += 1
            return True
        seen.add(document.id)
        return False

    with tqdm(desc="documents", unit="doc", disable=None if progress else True, file=sys.stderr) as bar:

        def skipped_by_pipeline(document: Document, error: Exception) -> None:
            report.skipped.append(SkippedInput(document.source or document.id, f"the pipeline failed on it: {error}"))

        def done(document: Document) -> None:
            report.documents += 1
            bar.update(1)
            if into is not None and report.documents % every == 0:
                graph.to_json(into)

        if scheduler is not None:
            from kg.distributed import extract_distributed

            extract_distributed(
                documents,
                scheduler=scheduler,
                model=model,
                skip=skip,
                into=graph,
                on_document=done,
                on_error=skipped_by_pipeline,
                batch_size=batch_size or BATCH_SIZE,
            )
        else:
            extract_documents(
                load_pipeline(model),
                documents,
                into=graph,
                batch_size=batch_size or BATCH_SIZE,
                n_process=jobs,
                skip=skip,
                on_document=done,
                on_error=skipped_by_pipeline,
            )
    graph.join_name_forms().join_single_names()  # corpus-level, once: the checkpoints keep the graph as merged
    report.written = write_graph(graph, folder, base, formats)
    return report
