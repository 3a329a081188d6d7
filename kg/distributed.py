"""Extraction on a Dask cluster: workers parse batches of documents, the client merges their graphs.

Stage: orchestration (``kg extract --scheduler ADDRESS``). Input: documents and the address of
a running Dask scheduler. Output: a ``KnowledgeGraph``, equal to the graph of a single-process
run on the same documents (the graph's merge does not depend on order or grouping).

How it runs
    Documents are read lazily in the client and cut into batches; each batch is one task,
    sent with its texts. A worker process loads the pipeline on its first task and keeps it
    (``kg.load_pipeline`` caches it per process), parses the batch and sends back only the
    batch's graph, which the client merges as results arrive. At most a few batches per worker
    thread are in flight, so the client's memory does not grow with the corpus beyond the
    graph itself. A task lost with its worker is run again elsewhere by Dask.

Cluster
    Workers need kg (the same version as the client) and the pipeline: the bundled one, or
    the ``model`` name or path, which must resolve on every worker. spaCy pipelines are not
    made to be shared by threads: start workers with one thread each (``--nthreads 1``); a
    lock serialises the threads of a worker otherwise.

Security
    A Dask scheduler runs whatever its clients send, and the texts travel unencrypted on
    ``tcp://`` addresses: use a cluster on a network you trust, or TLS.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from kg.errors import KGError
from kg.extract import OnError, batch_graph, batches, warn_failed
from kg.graph import KnowledgeGraph
from kg.models import Document
from kg.pipeline import load_pipeline

__all__ = ["extract_distributed"]

#: Timeout, in seconds, to connect to the scheduler.
CONNECT_TIMEOUT = 30

# One parse at a time in a worker process, whatever its number of threads.
_parse_lock = threading.Lock()


def extract_distributed(
    documents: Iterable[Document],
    *,
    scheduler: str,
    model: str | None = None,
    skip: Callable[[Document], bool] | None = None,
    into: KnowledgeGraph | None = None,
    on_document: Callable[[Document], None] | None = None,
    batch_size: int = 16,
    in_flight: int | None = None,
    on_error: OnError = warn_failed,
) -> KnowledgeGraph:
    """Extract the graph of ``documents`` on the Dask cluster at ``scheduler``.

    Parameters
    ----------
    documents
        The documents, read lazily.
    scheduler
        The scheduler's address, e.g. ``tcp://10.0.0.5:8786``.
    model
        The spaCy pipeline's name or path on the workers; by default kg's bundled one.
    skip
        Leaves out documents (already in the graph) before they are sent.
    into
        The graph to merge into (changed in place); by default a new one.
    on_document
        Called with each document once its batch is merged (for progress bars and checkpoints).
    batch_size
        Documents per task.
    in_flight
        Tasks sent and not yet merged; by default twice the cluster's worker threads.
    on_error
        Called with a document the pipeline failed on (on its worker) and the error; the
        document is left out and the run goes on.

    Returns
    -------
    KnowledgeGraph
        ``into``, or the new graph.

    Raises
    ------
    KGError
        Dask is not installed, the scheduler cannot be reached, or a task failed on a worker.
    ModelNotFoundError
        A worker cannot load ``model``.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise KGError("--scheduler needs Dask: pip install 'kg[distributed]'") from None
    if batch_size < 1:
        raise KGError(f"batch_size must be at least 1, got {batch_size}")
    graph = into if into is not None else KnowledgeGraph()
    wanted = (d for d in documents if skip is None or not skip(d))
    groups = batches(wanted, batch_size)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise KGError(f"cannot connect to the Dask scheduler at {scheduler!r}: {error}") from None
    with client:
        limit = in_flight or 2 * max(1, sum(client.nthreads().values()))
        parse = functools.partial(_parse, model=model, batch_size=batch_size)  # Client.map has its own batch_size
        sent: dict[Hashable, list[Document]] = {}  # task key -> its documents
        first = list(itertools.islice(groups, limit))
        futures = client.map(parse, first, pure=False)
        sent.update((future.key, batch) for future, batch in zip(futures, first, strict=True))
        results = as_completed(futures, loop=client.loop)
        for finished in results:
            partial, failures = _result(finished)
            batch = sent.pop(finished.key)
            finished.release()  # the cluster can drop the result now
            graph.merge(partial)
            for document in batch:
                if document.id in failures:
                    on_error(document, KGError(failures[document.id]))
                elif on_document is not None:
                    on_document(document)
            following = next(groups, None)
            if following is not None:
                task = client.submit(parse, following, pure=False)
                sent[task.key] = following
                results.add(task)
    return graph


def _result(future: Any) -> tuple[KnowledgeGraph, dict[str, str]]:
    """What a task returned; a task that failed on the cluster is a ``KGError`` (not for Ctrl-C)."""
    try:
        return future.result()
    except KGError:
        raise
    except Exception as error:
        raise KGError(
            f"a batch failed on the Dask cluster ({type(error).__name__}: {error}); "
            "do the workers have the same kg and pipeline installed?"
        ) from error


def _parse(documents: list[Document], *, model: str | None, batch_size: int) -> tuple[KnowledgeGraph, dict[str, str]]:
    """The task run on a worker: the graph of one batch, with the worker's cached pipeline, and
    the documents the pipeline failed on (id -> error), left out of the graph."""
    failures: dict[str, str] = {}

    def failed(document: Document, error: Exception) -> None:
        failures[document.id] = f"{type(error).__name__}: {error}"

    with _parse_lock:
        graph = batch_graph(load_pipeline(model), documents, batch_size=batch_size, on_error=failed)
    return graph, failures
