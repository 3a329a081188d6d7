"""Corpus speed and scale of ``kg extract``, on the Fake.br true-news articles.

Stage: benchmark. Input: a folder of ``.txt`` articles (``--data``; by default
``$KG_SHARED_DATA/news/fakebr/full_texts/true``, ``KG_SHARED_DATA`` defaulting to
``../shared/data`` beside the repository). Output: figures on standard output; nothing is
written to the repository, and the articles are never copied (runs read symbolic links to them
from a temporary folder).

What one run prints (the machine may be shared, so every comparison is a ratio inside the run,
best of ``--rounds`` interleaved rounds on the same sample of ``--sample`` articles):

1. words/s of kg's extraction (``extract_documents``: parse, kg's components, graph merge) and of
   ``nlp.pipe`` alone with the same pipeline minus ``kg_entities`` and ``kg_relations``, and
   their ratio (target: at least 0.85);
2. the speed-up of two worker processes over one (``--jobs 2`` over ``--jobs 1``; target: 1.6).
   Beside wall time, CPU seconds (``getrusage`` of this process and its finished workers): on
   a shared machine, CPU time is what the work costs, wall time what the run was given;
3. for each of ``--sizes`` (the first N articles, in name order), a fresh process running the
   ``kg extract`` command with ``--jobs`` workers and every format: its wall time (pipeline
   loading and writing included), seconds per 1,000 words, and peak memory: the peak resident
   set of that process (``VmHWM`` of ``/proc/self/status``; not ``ru_maxrss``, which on Linux
   keeps the peak of the benchmark process it was started from) plus ``resource.getrusage``
   ``ru_maxrss`` of its largest worker (``RUSAGE_CHILDREN``: the maximum over the workers, not
   their sum; forked workers count the pages they share with the parent), and the time of
   one save of that graph (a checkpoint of ``--into``); then how time and memory grow from the
   smallest size to the largest (target: no worse than linear);
4. the wall time of the largest size, the whole corpus by default: building and writing its
   graph through the command line (target: within 20 minutes).

Words are the whitespace-separated tokens of the texts.

Usage::

    python benchmarks/corpus_speed.py                 # the full run: many minutes
    python benchmarks/corpus_speed.py --quick         # a smoke run on 50 articles
    python benchmarks/corpus_speed.py --sizes 300,900 --sample 100 --data /path/to/articles
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["articles", "default_data", "main", "timed"]

_REPOSITORY = Path(__file__).resolve().parents[1]
_KG_COMPONENTS = ["kg_entities", "kg_relations"]


def default_data() -> Path:
    """``$KG_SHARED_DATA/news/fakebr/full_texts/true``, ``KG_SHARED_DATA`` being ``../shared/data`` by default."""
    shared = os.environ.get("KG_SHARED_DATA") or _REPOSITORY.parent / "shared" / "data"
    return Path(shared) / "news" / "fakebr" / "full_texts" / "true"


def articles(data: Path, count: int) -> list[Path]:
    articles = sorted(data.glob("*.txt"))
    if len(articles) < count:
        sys.exit(f"corpus_speed: {data} has {len(articles)} articles, {count} wanted (see --data)")
    return articles[:count]


def _words(paths: list[Path]) -> int:
    return sum(len(path.read_text(encoding="utf-8-sig", errors="replace").split()) for path in paths)


def _cpu() -> tuple[float, float]:
    """CPU seconds used so far by this process, and by its finished children (the workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def timed(run: Callable[[], object]) -> tuple[float, float, float]:
    """The wall seconds of ``run()``, its CPU seconds, and those of this process alone."""
    wall, (own, children) = time.perf_counter(), _cpu()
    run()
    own_after, children_after = _cpu()
    own_cpu = own_after - own
    return time.perf_counter() - wall, own_cpu + children_after - children, own_cpu


def _own_peak_kb() -> int:
    """This process's peak resident set in KiB since it started its program (``VmHWM``)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:  # not Linux: ru_maxrss may then include the memory of the process that started this one
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(status.split("VmHWM:")[1].split()[0])


def _autogroup() -> bool:
    """Whether the kernel shares CPU time between sessions rather than between processes."""
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


def _speed(data: Path, *, sample: int, rounds: int, model: str | None) -> None:
    """Sections 1 and 2: kg against nlp.pipe alone, two workers against one."""
    from kg.extract import extract_documents
    from kg.io import iter_documents
    from kg.pipeline import load_pipeline

    documents = list(iter_documents(articles(data, sample)))
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline(model)

    def pipe_alone(texts: list[str] = texts) -> None:
        with nlp.select_pipes(disable=_KG_COMPONENTS):
            for _ in nlp.pipe(texts, batch_size=16):
                pass

    extract_documents(nlp, documents[:16])  # warm up: the first batches of a process are slower
    pipe_alone(texts[:16])

    runs: dict[str, Callable[[], object]] = {
        "kg, 1 job": lambda: extract_documents(nlp, documents, n_process=1),
        "nlp.pipe alone": pipe_alone,
        "kg, 2 jobs": lambda: extract_documents(nlp, documents, n_process=2),
    }
    measured: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
    print(f"\n## Speed: {sample} articles, {words:,} words, best of {rounds} interleaved rounds")
    print("CPU s: this process and its workers (getrusage); CPU/wall shows how much of the machine a run got")
    for number in range(1, rounds + 1):
        for name, run in runs.items():
            wall, cpu, own = timed(run)
            measured[name].append((wall, cpu, own))
            print(
                f"round {number}: {name:<15} {wall:7.1f} s wall {words / wall:7.0f} words/s   "
                f"{cpu:7.1f} CPU s {words / cpu:7.0f} words/CPU s   CPU/wall {cpu / wall:4.2f}",
                flush=True,
            )
    best = {name: min(wall for wall, _, _ in runs) for name, runs in measured.items()}
    best_cpu = {name: min(cpu for _, cpu, _ in runs) for name, runs in measured.items()}
    kg_speed, pipe_speed = words / best["kg, 1 job"], words / best["nlp.pipe alone"]
    kg_cpu, pipe_cpu = words / best_cpu["kg, 1 job"], words / best_cpu["nlp.pipe alone"]
    print(f"kg.extract      {kg_speed:7.0f} words/s  {kg_cpu:7.0f} words/CPU s")
    print(f"nlp.pipe alone  {pipe_speed:7.0f} words/s  {pipe_cpu:7.0f} words/CPU s  (without kg's components)")
    print(f"ratio kg/pipe   {kg_speed / pipe_speed:7.2f} wall     {kg_cpu / pipe_cpu:7.2f} CPU  (target >= 0.85)")
    one = best_cpu["kg, 1 job"]
    _, two, parent = min(measured["kg, 2 jobs"], key=lambda run: run[1])
    print(f"--jobs 2 over --jobs 1: {best['kg, 1 job'] / best['kg, 2 jobs']:.2f}x wall  (target >= 1.6 on 2 cores)")
    print(f"  CPU s of 2 jobs / 1 job: {two / one:.2f} (1.00: no overhead); the parent's share: {parent / two:.1%}")
    print(f"  estimate for 2 idle cores from CPU time, one / max(two / 2, parent): {one / max(two / 2, parent):.2f}x")
    if _autogroup() and os.getloadavg()[0] > (os.cpu_count() or 1):
        print(
            "  note: the kernel shares CPU between sessions (sched_autogroup) and other sessions are busy: "
            "all the processes of this run together get one session's share, so extra jobs cannot show in wall time"
        )


def _child(data: Path, size: int, *, jobs: int, formats: str, model: str | None) -> None:
    """Run ``kg extract`` on the first ``size`` articles in this (fresh) process; print JSON figures."""
    import kg
    from kg.cli import app

    chosen = articles(data, size)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        for article in chosen:
            (corpus / article.name).symlink_to(article.resolve())
        arguments = ["extract", str(corpus), "-o", str(out), "--format", formats, "--jobs", str(jobs), "-q"]
        if model:
            arguments += ["--model", model]
        seconds, cpu, _ = timed(lambda: app(arguments, standalone_mode=False))
        sizes = {p.suffix: p.stat().st_size for p in out.iterdir()}
        graph = kg.load(out / "corpus.json")
        checkpoint, _, _ = timed(lambda: graph.to_json(out / "checkpoint.json"))
    figures = {
        "articles": size,
        "words": _words(chosen),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "self_kb": _own_peak_kb(),
        "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "entities": len(graph),
        "checkpoint_seconds": checkpoint,
        "file_bytes": sizes,
    }
    print(json.dumps(figures))


def _scale(data: Path, sizes: list[int], *, jobs: int, formats: str, model: str | None) -> None:
    """Sections 3 and 4: each size in a fresh process, then growth from the smallest to the largest."""
    print(f"\n## Scale: `kg extract --jobs {jobs} --format {formats}`, each size in a fresh process")
    print("peak memory = VmHWM of the kg process + ru_maxrss of its largest worker (getrusage)")
    print("save s = one checkpoint of the --into graph at that size (to_json)")
    columns = [
        "articles",
        "words",
        "wall s",
        "CPU s",
        "s/1k words",
        "peak MB",
        "self MB",
        "worker MB",
        "entities",
        "save s",
    ]
    print(" ".join(f"{c:>10}" for c in columns))
    rows = []
    for size in sizes:
        command = [sys.executable, __file__, "--child", str(size), "--data", str(data), "--jobs", str(jobs)]
        command += ["--formats", formats] + (["--model", model] if model else [])
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"corpus_speed: the run on {size} articles failed:\n{done.stderr[-3000:]}")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["peak_mb"] = (row["self_kb"] + row["children_kb"]) / 1024
        row["s_per_kword"] = 1000 * row["seconds"] / row["words"]
        rows.append(row)
        values = (
            f"{size:>10}",
            f"{row['words']:>10,}",
            f"{row['seconds']:>10.1f}",
            f"{row['cpu_seconds']:>10.1f}",
            f"{row['s_per_kword']:>10.3f}",
            f"{row['peak_mb']:>10.0f}",
            f"{row['self_kb'] / 1024:>10.0f}",
            f"{row['children_kb'] / 1024:>10.0f}",
            f"{row['entities']:>10,}",
            f"{row['checkpoint_seconds']:>10.2f}",
        )
        print(" ".join(values), flush=True)
    first, last = rows[0], rows[-1]
    if len(rows) > 1:
        print(
            f"from {first['articles']} to {last['articles']} articles: words x{last['words'] / first['words']:.1f}, "
            f"time x{last['seconds'] / first['seconds']:.1f}, "
            f"time per word x{last['s_per_kword'] / first['s_per_kword']:.2f}, "
            f"CPU time per word x{(last['cpu_seconds'] / last['words']) / (first['cpu_seconds'] / first['words']):.2f} "
            "(<= 1: linear or better), "
            f"peak memory x{last['peak_mb'] / first['peak_mb']:.2f}"
        )
        for before, after in zip(rows, rows[1:], strict=False):
            grown = (after["peak_mb"] - before["peak_mb"]) / (after["articles"] - before["articles"]) * 1000
            print(f"memory {before['articles']} -> {after['articles']} articles: {grown:+.0f} MB per 1,000 articles")
    files = ", ".join(f"{suffix} {size / 1e6:.1f} MB" for suffix, size in sorted(last["file_bytes"].items()))
    print(
        f"\n## Whole graph: {last['articles']} articles built and written by `kg extract` in "
        f"{last['seconds'] / 60:.1f} min (target <= 20 min); files: {files}"
    )


def main(argv: list[str] | None = None) -> None:
    """Parse the options and run the benchmark (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help=f"folder of .txt articles (default: {default_data()})")
    parser.add_argument("--sizes", default="300,900,1800,3600", help="article counts of the scale runs")
    parser.add_argument("--sample", type=int, default=120, help="articles of the speed comparisons")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the speed comparisons")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs of the scale runs")
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path (default: kg's own)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 50 articles, one round")
    parser.add_argument("--formats", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    data = options.data or default_data()
    formats = options.formats or ",".join(
        f for f in ("json", "graphml", "html") if f != "html" or importlib.util.find_spec("kg.export.html")
    )
    if options.child is not None:
        _child(data, options.child, jobs=options.jobs, formats=formats, model=options.model)
        return
    sizes = [50] if options.quick else [int(s) for s in options.sizes.split(",")]
    sample, rounds = (50, 1) if options.quick else (options.sample, options.rounds)
    print(f"# kg corpus speed: {data}")
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start, Python {sys.version.split()[0]}")
    _speed(data, sample=sample, rounds=rounds, model=options.model)
    _scale(data, sizes, jobs=options.jobs, formats=formats, model=options.model)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
