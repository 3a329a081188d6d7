"""The ``kg`` command line: parses arguments, calls the library, prints, sets the exit status.

Stage: edge. Exit status: 0 when every input was used, 1 when some inputs were skipped,
2 for a usage error (bad option, missing input, unwritable output, unloadable model). Errors
print one line on stderr; ``--debug`` shows the traceback too.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Knowledge graphs from Portuguese news.")

FORMATS = ("html", "graphml", "json")

_state = {"debug": False}


@app.callback()
def main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks of errors.")) -> None:
    """Knowledge graphs of the people, organisations, projects and places in Portuguese news."""
    _state["debug"] = debug


def _fail(error: BaseException, status: int = 2) -> None:
    if _state["debug"]:
        raise error
    typer.echo(f"kg: error: {error}", err=True)
    raise typer.Exit(status)


@app.command()
def extract(
    inputs: list[str] = typer.Argument(
        ..., help="Files, folders (read recursively: .txt .md .html .jsonl) or - for stdin."
    ),
    output: Path = typer.Option(Path("graphs"), "-o", "--output", help="Folder for the graph files."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline name or path (default: kg's own)."),
    formats: str = typer.Option("html,graphml,json", "--format", help="Comma-separated: html, graphml, json."),
    name: str | None = typer.Option(None, "--name", help="Base name of the files (default: the input's name)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    into: Path | None = typer.Option(
        None, "--into", help="Add to this existing graph (JSON) instead of starting anew."
    ),
    checkpoint_every: int | None = typer.Option(
        None, "--checkpoint-every", min=1, help="With --into: save the graph every N new documents (default 500)."
    ),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Extract the knowledge graph of INPUTS and write it to OUTPUT as HTML, GraphML and JSON."""
    from kg.runner import run_extract

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        _fail(KGError(f"unknown --format {', '.join(unknown) or formats!r}; choose from {', '.join(FORMATS)}"))
    try:
        report = run_extract(
            inputs,
            output=output,
            model=model,
            formats=wanted,
            name=name,
            jobs=jobs,
            into=into,
            checkpoint_every=checkpoint_every,
            scheduler=scheduler,
            progress=not quiet,
        )
    except KGError as error:
        _fail(error)
    for path in report.written:
        typer.echo(f"wrote {path}")
    for skipped in report.skipped:
        typer.echo(f"kg: skipped {skipped.source}: {skipped.reason}", err=True)
    if report.skipped:
        raise typer.Exit(1)


@app.command()
def query(
    graph: Path = typer.Argument(..., help="A graph written by kg extract (.json or .graphml)."),
    subject: str | None = typer.Option(None, "--subject", help="Subject name or alias."),
    relation: str | None = typer.Option(None, "--relation", help="Relation type, e.g. developer_of."),
    object: str | None = typer.Option(None, "--object", help="Object name or alias."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Print the relations of GRAPH that match the filters, with their evidence."""
    from kg.extract import load

    try:
        relations = load(graph).relations(subject=subject, relation=relation, object=object)
    except KGError as error:
        _fail(error)
    if as_json:
        typer.echo(json.dumps([r.model_dump() for r in relations], ensure_ascii=False, indent=2))
        return
    if not relations:
        typer.echo("no matching relations", err=True)
    for r in relations:
        label = r.relation if r.relation != "related_to" else f"related_to ({r.predicate})"
        edge = f"{r.subject.name} [{r.subject.type}] --{label}--> {r.object.name} [{r.object.type}]"
        typer.echo(f"{edge}  confidence {r.confidence:.2f}")
        for evidence in r.evidence:
            typer.echo(f"    {evidence.document}:{evidence.start}-{evidence.end}  {evidence.sentence}")


@app.command()
def evaluate(
    gold: list[Path] = typer.Argument(
        ..., help="Gold graph JSON files or folders (docs/SCHEMA.md), UNER .iob2 files, or an IberLEF Task 2 folder."
    ),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline name or path (default: kg's own)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Also write the scores as JSON here."),
    details: bool = typer.Option(False, "--details", help="List every miss and false relation."),
) -> None:
    """Score extraction against gold: entity and relation P/R/F1, NER F1, open relations."""
    from kg.evaluate import evaluate_paths, format_report

    try:
        report = evaluate_paths(gold, model=model)
    except KGError as error:
        _fail(error)
    typer.echo(format_report(report, details=details))
    if output is not None:
        from kg.atomic import atomic_write_text

        atomic_write_text(output, json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    app()
