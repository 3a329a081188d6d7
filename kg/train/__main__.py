"""Train the bundled Portuguese pipeline: ``python -m kg.train --help``.

Stage: training. Input: ``../shared/data`` (or ``--data`` / ``$KG_SHARED_DATA``). Output: a
spaCy pipeline in ``--output``/model-best (a syntax part and an NER part, trained apart and
joined), its scores, and with ``--install`` the copy bundled in ``kg/model/`` with its accuracy card.
"""

from __future__ import annotations

from pathlib import Path

import typer

from kg.train.driver import DEFAULT_DATA, PARTS, build_pipeline

app = typer.Typer(add_completion=False, help=__doc__)


@app.command()
def main(
    data: Path = typer.Option(DEFAULT_DATA, envvar="KG_SHARED_DATA", help="The shared data folder."),
    output: Path = typer.Option(Path("build/train"), help="Where corpora, checkpoints and scores go."),
    max_steps: int = typer.Option(
        12000, help="Training steps of the syntax part (its best checkpoint is kept, or its last with --syntax-on-dev)."
    ),
    ner_steps: int = typer.Option(8000, help="Training steps of the NER part (its best checkpoint is kept)."),
    harem: bool = typer.Option(True, help="Add First HAREM PER/ORG/LOC to the NER training data."),
    gsd: bool = typer.Option(False, help="Add UD GSD train to the parser and lemmatizer data."),
    porttinari: bool = typer.Option(
        True, help="Add UD Porttinari (its dev and test files) to the parser and lemmatizer data."
    ),
    porttinari_pos: bool = typer.Option(
        False,
        help="Let the morphologizer learn UD Porttinari's POS too, without its sparse features "
        "(kg/train/morphology.py; the POS-only tagger learns them either way); off: its gains were "
        "within the spread of training seeds.",
    ),
    silver: int = typer.Option(
        10000, help="Add this many partially annotated DBpediaRelations-PT sentences to the NER data (0: none)."
    ),
    uner_copies: int = typer.Option(
        1,
        help="Write UNER-Bosque train this many times into the NER data, so that it weighs more against "
        "First HAREM and the silver sentences; 2 and 3 gained on average over training seeds, but no run "
        "beat the bundled NER (README).",
    ),
    syntax_pretrain_texts: int = typer.Option(
        1000, help="Pretrain the syntax part's tok2vec on this many raw texts (spacy pretrain) first (0: no; -1: all)."
    ),
    ner_pretrain_texts: int = typer.Option(
        -1,
        help="Pretrain the NER part's tok2vec on this many raw texts first (0: no; -1: all, 7.8 M words, "
        "about 30 minutes on one core).",
    ),
    syntax_on_dev: bool = typer.Option(
        True,
        help="Train the syntax part on UD Bosque dev too, for exactly --max-steps (chosen on a run without it); "
        "the NER, scored on that dev set, never sees it.",
    ),
    limit: int = typer.Option(0, help="Use only this many sentences of each set (0: all); for smoke tests."),
    install: bool = typer.Option(False, help="Copy the best model into kg/model/ with its accuracy card."),
    part: list[str] = typer.Option(
        list(PARTS), help="Train only this part (syntax or ner; repeatable), e.g. one per core side by side."
    ),
    train: bool = typer.Option(True, help="--no-train joins, scores (and installs) the checkpoints in --output."),
) -> None:
    unknown = set(part) - set(PARTS)
    if unknown:
        raise typer.BadParameter(f"unknown part {', '.join(sorted(unknown))}; the parts are {', '.join(PARTS)}")
    build_pipeline(
        data=data,
        output=output,
        max_steps=max_steps,
        ner_steps=ner_steps,
        harem=harem,
        gsd=gsd,
        porttinari=porttinari,
        porttinari_pos=porttinari_pos,
        silver=silver,
        uner_copies=uner_copies,
        limit=limit,
        pretrain_texts={"syntax": syntax_pretrain_texts, "ner": ner_pretrain_texts},
        syntax_on_dev=syntax_on_dev,
        install=install,
        parts=tuple(part) if train else (),
    )


if __name__ == "__main__":
    app()
