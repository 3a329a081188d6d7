"""Train the bundled Portuguese pipeline: ``python -m kg.train --help``.

Stage: training. Input: ``../shared/data`` (or ``--data`` / ``$KG_SHARED_DATA``). Output: a
spaCy pipeline in ``--output``/model-best, its scores, and with ``--install`` the copy bundled
in ``kg/model/`` with its accuracy card.
"""

from __future__ import annotations

from pathlib import Path

import typer

from kg.train.driver import DEFAULT_DATA, build_pipeline

app = typer.Typer(add_completion=False, help=__doc__)


@app.command()
def main(
    data: Path = typer.Option(DEFAULT_DATA, envvar="KG_SHARED_DATA", help="The shared data folder."),
    output: Path = typer.Option(Path("build/train"), help="Where corpora, checkpoints and scores go."),
    max_steps: int = typer.Option(30000, help="Training steps (the best checkpoint is kept)."),
    harem: bool = typer.Option(True, help="Add First HAREM PER/ORG/LOC to the NER training data."),
    gsd: bool = typer.Option(False, help="Add UD GSD train to the parser and lemmatizer data."),
    silver: int = typer.Option(
        10000, help="Add this many partially annotated DBpediaRelations-PT sentences to the NER data (0: none)."
    ),
    limit: int = typer.Option(0, help="Use only this many sentences of each set (0: all); for smoke tests."),
    install: bool = typer.Option(False, help="Copy the best model into kg/model/ with its accuracy card."),
    train: bool = typer.Option(True, help="--no-train scores (and installs) the checkpoint already in --output."),
) -> None:
    build_pipeline(
        data=data,
        output=output,
        max_steps=max_steps,
        harem=harem,
        gsd=gsd,
        silver=silver,
        limit=limit,
        install=install,
        train=train,
    )


if __name__ == "__main__":
    app()
