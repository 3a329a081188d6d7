"""From texts to a knowledge graph: the end-to-end path behind ``kg.extract``.

Stage: orchestration. Input: texts, ``kg.Document``s or paths. Output: a ``KnowledgeGraph``.
Texts run through the spaCy pipeline in batches (``nlp.pipe``); each Doc's entities and
relations become a small graph of that document, the graphs of a batch are merged into one,
and that is folded into the corpus graph with the graph's entity resolution. With several
processes, each worker parses whole batches and sends back only their graph (plain data), not
the Docs. Long texts are cut at paragraph and sentence boundaries below the
pipeline's ``max_length``, and evidence offsets are put back into the whole document.
"""

from __future__ import annotations

import itertools
import multiprocessing
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens.underscore import Underscore

from kg.chunking import split_text, without_long_runs
from kg.errors import GraphFileError, KGError
from kg.graph import KnowledgeGraph
from kg.models import Document, Entity, Evidence, Relation
from kg.names import node_id
from kg.pipeline import load_pipeline

__all__ = [
    "extract",
    "extract_documents",
    "batch_graph",
    "batches",
    "document_graph",
    "load",
    "as_documents",
    "MAX_CHUNK_CHARS",
    "MAX_BATCH_CHARS",
]

#: Longest piece of text given to spaCy at once: bounded memory for any document size.
MAX_CHUNK_CHARS = 100_000
#: Most characters parsed together in one ``nlp.pipe`` batch (a longer single piece aside).
MAX_BATCH_CHARS = 200_000

# A piece of a document: the document and the offset of the piece in its text.
_Context = tuple[Document, int]

#: Told about a document the pipeline failed on; the run goes on without it.
OnError = Callable[[Document, Exception], None]


def warn_failed(document: Document, error: Exception) -> None:
    """The default ``on_error``: a warning naming the document and the error."""
    where = f" ({document.source})" if document.source else ""
    warnings.warn(f"document {document.id}{where} skipped: {type(error).__name__}: {error}", stacklevel=2)


def as_documents(inputs: str | Document | Path | Iterable[str | Document | Path]) -> Iterator[Document]:
    """Turn what a user passes to ``extract`` into Documents.

    A ``str`` is a text; a ``Path`` is a file or folder read by ``kg.io`` (bad files are skipped
    with a warning there); a ``Document`` is used as it is.
    """
    if isinstance(inputs, (str, Document, Path)):
        inputs = [inputs]
    for item in inputs:
        if isinstance(item, Document):
            yield item
        elif isinstance(item, Path):
            from kg.io import iter_documents

            yield from iter_documents([item])
        elif isinstance(item, str):
            yield Document(text=item)
        else:
            raise TypeError(f"kg.extract takes str, Path or kg.Document items, not {type(item).__name__}")


def document_graph(document: Document, doc: Doc, *, offset: int = 0) -> KnowledgeGraph:
    """The graph of one parsed Doc (a whole document, or the piece of it starting at ``offset``)."""
    graph = KnowledgeGraph()
    graph.add_document_id(document.id)
    entities: list[Entity] = []
    for data in doc._.kg_entities or []:
        names = data["names"]
        name = max(names, key=lambda n: (names[n], len(n), n))
        entity = Entity(
            id=node_id(data["type"], name),
            name=name,
            type=data["type"],
            mentions=sum(names.values()),
            documents=[document.id],
        )
        entity = entity.model_copy(update={"id": graph.add_entity(entity, name_counts=names)})
        entities.append(entity)
    for data in doc._.kg_relations or []:
        start, end = data["start"], data["end"]
        evidence = Evidence(document=document.id, sentence=doc.text[start:end], start=start + offset, end=end + offset)
        graph.add_relation(
            Relation(
                subject=entities[data["subject"]],
                relation=data["relation"],
                predicate=data["predicate"],
                object=entities[data["object"]],
                confidence=data["confidence"],
                evidence=[evidence],
            )
        )
    return graph


def extract_documents(
    nlp: Language,
    documents: Iterable[Document],
    *,
    into: KnowledgeGraph | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    skip: Callable[[Document], bool] | None = None,
    on_document: Callable[[Document], None] | None = None,
    on_error: OnError = warn_failed,
) -> KnowledgeGraph:
    """Run ``nlp`` over ``documents`` and merge their graphs into ``into`` (or a new graph).

    Documents are taken ``batch_size`` at a time; each batch becomes one graph (the merged
    graphs of its documents), merged into the corpus graph. With ``n_process`` above 1 the
    batches go to that many worker processes, each with its own copy of ``nlp``, which send back
    only the batch graph; at most ``2 * n_process`` batches are in flight, so memory does not
    grow with the corpus beyond the graph itself.

    Parameters
    ----------
    nlp
        The pipeline, with kg's components (``kg.load_pipeline``).
    documents
        The documents, read lazily.
    into
        The graph to add to (changed in place); by default a new one.
    batch_size
        Documents per batch (a task of a worker), and pieces of text per ``nlp.pipe`` batch.
    n_process
        Worker processes; 1 runs everything in this process.
    skip
        Leaves out documents (already in the graph) before they are parsed.
    on_document
        Called with each document once its batch is merged (for progress bars and checkpoints).
    on_error
        Called with a document the pipeline raised an error on, and the error; the document is
        left out (and not marked as read), the rest of its batch and of the run go on.

    Returns
    -------
    KnowledgeGraph
        ``into``, or the new graph.
    """
    if batch_size < 1 or n_process < 1:
        raise KGError(f"batch_size and n_process must be at least 1, got {batch_size} and {n_process}")
    graph = into if into is not None else KnowledgeGraph()
    failed: set[str] = set()

    def record_failure(document: Document, error: Exception) -> None:
        failed.add(document.id)
        on_error(document, error)

    wanted = (d for d in documents if skip is None or not skip(d))
    groups = batches(wanted, batch_size)
    if n_process == 1:
        results: Iterable[tuple[list[Document], KnowledgeGraph]] = (
            (batch, batch_graph(nlp, batch, batch_size=batch_size, on_error=record_failure)) for batch in groups
        )
    else:
        results = _in_workers(nlp, groups, n_process=n_process, batch_size=batch_size, on_error=record_failure)
    for batch, partial in results:
        graph.merge(partial)
        if on_document is not None:
            for document in batch:
                if document.id not in failed:
                    on_document(document)
    return graph


def batch_graph(
    nlp: Language, documents: list[Document], *, batch_size: int = 16, on_error: OnError | None = None
) -> KnowledgeGraph:
    """The merged graph of a batch of documents.

    Long texts are parsed in pieces (see ``MAX_CHUNK_CHARS``), and ``nlp.pipe`` never holds
    more than ``batch_size`` pieces or ``MAX_BATCH_CHARS`` characters (a single piece aside) at
    once. A document without text still counts as read. When the pipeline raises, the batch is
    parsed again one document at a time and each document it fails on goes to ``on_error``
    (without ``on_error``, the error is raised).
    """
    try:
        return _parse_batch(nlp, documents, batch_size=batch_size)
    except Exception as error:
        if on_error is None:
            raise
        if len(documents) == 1:
            on_error(documents[0], error)
            return KnowledgeGraph()
    graph = KnowledgeGraph()
    for document in documents:
        graph.merge(batch_graph(nlp, [document], batch_size=batch_size, on_error=on_error))
    return graph


def _parse_batch(nlp: Language, documents: list[Document], *, batch_size: int) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    max_chars = min(MAX_CHUNK_CHARS, nlp.max_length)
    chunks = (
        (chunk, (d, offset))
        for d in documents
        for offset, chunk in without_long_runs(split_text(d.text, max_chars=max_chars))
    )
    for group in _bounded(chunks, batch_size):
        for doc, (document, offset) in nlp.pipe(group, as_tuples=True, batch_size=len(group)):
            graph.merge(document_graph(document, doc, offset=offset))
    for document in documents:
        graph.add_document_id(document.id)
    return graph


def _bounded(chunks: Iterable[tuple[str, _Context]], size: int) -> Iterator[list[tuple[str, _Context]]]:
    """Lists of at most ``size`` chunks and ``MAX_BATCH_CHARS`` characters (or of one longer chunk)."""
    group: list[tuple[str, _Context]] = []
    chars = 0
    for chunk in chunks:
        if group and (len(group) == size or chars + len(chunk[0]) > MAX_BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(chunk)
        chars += len(chunk[0])
    if group:
        yield group


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Lists of ``size`` documents (the last one shorter), taken lazily from ``documents``.

    Examples
    --------
    >>> [[d.text for d in batch] for batch in batches((Document(text=t) for t in "abc"), 2)]
    [['a', 'b'], ['c']]
    """
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


# The pipeline of a worker process, set once when the worker starts.
_worker_nlp: Language | None = None


def _start_worker(nlp: Language, extensions: tuple[dict, dict, dict]) -> None:
    global _worker_nlp
    Underscore.load_state(extensions)  # a spawned process has not run the components' __init__
    _worker_nlp = nlp


def _worker_batch_graph(documents: list[Document], batch_size: int) -> KnowledgeGraph:
    assert _worker_nlp is not None, "worker started without a pipeline"
    return batch_graph(_worker_nlp, documents, batch_size=batch_size)


def _in_workers(
    nlp: Language, groups: Iterator[list[Document]], *, n_process: int, batch_size: int, on_error: OnError
) -> Iterator[tuple[list[Document], KnowledgeGraph]]:
    """Batch graphs computed by ``n_process`` worker processes, in input order, a few batches ahead.

    Workers are forked where the platform can (they share the loaded pipeline's memory and start
    at once), else spawned with a pickled copy of ``nlp``. A batch a worker raised an error on is
    parsed again here, one document at a time, so that only the failing documents are left out.
    """

    def result(batch: list[Document], future: Future[KnowledgeGraph]) -> KnowledgeGraph:
        try:
            return future.result()
        except BrokenProcessPool:
            raise
        except Exception:
            return batch_graph(nlp, batch, batch_size=batch_size, on_error=on_error)

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    pending: deque[tuple[list[Document], Future[KnowledgeGraph]]] = deque()
    start = (nlp, Underscore.get_state())
    executor = ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker, initargs=start)
    try:
        for batch in groups:
            pending.append((batch, executor.submit(_worker_batch_graph, batch, batch_size)))
            if len(pending) == 2 * n_process:
                done, future = pending.popleft()
                yield done, result(done, future)
        while pending:
            done, future = pending.popleft()
            yield done, result(done, future)
    except BrokenProcessPool:
        raise KGError(f"a worker process died (out of memory?); rerun with fewer than {n_process} jobs") from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def extract(
    texts: str | Document | Path | Iterable[str | Document | Path],
    model: str | Path | None = None,
    *,
    batch_size: int = 16,
    n_process: int = 1,
) -> KnowledgeGraph:
    """Extract the knowledge graph of one text or many.

    Parameters
    ----------
    texts
        A text, a ``kg.Document``, a ``Path`` to a file or folder, or an iterable of them.
    model
        An installed spaCy pipeline's name or a path to one; by default kg's bundled pipeline.
    batch_size
        Documents parsed together (see ``extract_documents``).
    n_process
        Worker processes, each with its own copy of the pipeline; 1 parses in this process.

    A document the pipeline raises an error on is left out with a warning; the others are kept.
    Last, a person named by a shorter form of a name, or by one word alone, is joined to the person
    the corpus gives that name to (``KnowledgeGraph.join_name_forms``, ``join_single_names``).

    Examples
    --------
    >>> graph = kg.extract("A Linux Foundation supervisionará o PyTorch.")  # doctest: +SKIP
    >>> graph.relations(subject="Linux Foundation")[0].relation  # doctest: +SKIP
    'governs'
    """
    nlp = load_pipeline(model)
    graph = extract_documents(nlp, as_documents(texts), batch_size=batch_size, n_process=n_process)
    return graph.join_name_forms().join_single_names()


def load(path: str | Path) -> KnowledgeGraph:
    """Read a graph written by ``to_json`` (``.json``) or ``to_graphml`` (``.graphml``)."""
    path = Path(path)
    if path.suffix.lower() == ".graphml":
        from kg.export.graphml import read_graphml

        return read_graphml(path)
    if path.suffix.lower() == ".json":
        from kg.export.json import read_json

        return read_json(path)
    raise GraphFileError(f"{path}: unknown graph format {path.suffix!r}; kg reads .json and .graphml")
