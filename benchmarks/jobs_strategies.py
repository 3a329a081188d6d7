"""Which way of using several processes is fastest for ``kg extract --jobs N``.

Stage: benchmark. Input: a folder of ``.txt`` articles (as ``corpus_speed.py``: ``--data``, or
``$KG_SHARED_DATA/news/fakebr/full_texts/true``). Output: wall time, CPU time and words/s of
each strategy on the same sample, in interleaved rounds, on standard output:

- ``1 process``: ``extract_documents(n_process=1)``, the baseline;
- ``pool, fork`` and ``pool, spawn``: kg's worker processes (``extract_documents(n_process=N)``),
  which parse whole batches and send back only each batch's graph;
- ``nlp.pipe(n_process)``: spaCy's own multiprocessing, whose workers send every Doc (with kg's
  extension data) back to the parent, which builds and merges the graphs.

CPU time is this process's and its finished children's (``getrusage``); on a busy machine it
shows whether a strategy wastes work or only waited for a core.

Usage::

    python benchmarks/jobs_strategies.py --sample 200 --jobs 2 --rounds 2
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
from collections.abc import Callable
from pathlib import Path

from corpus_speed import articles, default_data, timed

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Parse the options and compare the strategies (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help=f"folder of .txt articles (default: {default_data()})")
    parser.add_argument("--sample", type=int, default=200, help="articles")
    parser.add_argument("--jobs", type=int, default=2, help="processes of the parallel strategies")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds")
    options = parser.parse_args(argv)

    from kg.graph import KnowledgeGraph
    from kg.io import iter_documents
    from kg.pipeline import load_pipeline

    extraction = importlib.import_module("kg.extract")  # the package attribute is the function
    documents = list(iter_documents(articles(options.data or default_data(), options.sample)))
    words = sum(len(d.text.split()) for d in documents)
    nlp = load_pipeline()
    list(nlp.pipe([d.text for d in documents[:2]]))  # warm up
    jobs = options.jobs

    def pool(method: str) -> Callable[[], object]:
        def run() -> None:
            available = multiprocessing.get_all_start_methods
            multiprocessing.get_all_start_methods = lambda: [method]  # what _in_workers chooses from
            try:
                extraction.extract_documents(nlp, documents, n_process=jobs)
            finally:
                multiprocessing.get_all_start_methods = available

        return run

    def spacy_pipe() -> None:
        graph = KnowledgeGraph()
        texts = ((d.text, d) for d in documents)
        for doc, document in nlp.pipe(texts, as_tuples=True, batch_size=16, n_process=jobs):
            graph.merge(extraction.document_graph(document, doc))

    strategies = {
        "1 process": lambda: extraction.extract_documents(nlp, documents, n_process=1),
        "pool, fork": pool("fork"),
        "pool, spawn": pool("spawn"),
        "nlp.pipe(n_process)": spacy_pipe,
    }
    print(f"# {len(documents)} articles, {words:,} words, {jobs} processes, {options.rounds} rounds")
    for number in range(1, options.rounds + 1):
        for name, run in strategies.items():
            wall, cpu, _ = timed(run)
            speed = f"{wall:7.1f} s wall {words / wall:6.0f} words/s {cpu:7.1f} CPU s"
            print(f"round {number}: {name:<20} {speed}", flush=True)


if __name__ == "__main__":
    main()
