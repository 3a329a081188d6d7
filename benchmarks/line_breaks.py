"""How line breaks between sentences change the parse, on UD Bosque dev.

Stage: benchmark. Input: UD Bosque dev (``--data``, by default ``$KG_SHARED_DATA`` or
``../shared/data``) and a spaCy pipeline with a parser (``--model``; by default the bundled one).
Output: figures on standard output.

News reaches kg with its headlines and paragraphs on lines of their own, while a parser trained on
UD has only seen sentences joined by spaces. This script rebuilds the text of each UD Bosque dev
document three ways (sentences joined by spaces; every third followed by a line break; every one
followed by a line break), parses it with the pipeline's parser alone and with kg's sentence
starts before it (``kg_sentence_starts``), and prints the labelled attachment score over the
words (punctuation and line breaks left out; a word hung on a line break counts as wrong).

Score the shipped model on dev only with care: it has trained on dev. A syntax part trained on
Bosque train alone (``python -m kg.train --part syntax --no-syntax-on-dev``, its
``syntax/model-best``) gives a held-out figure.

Usage::

    python benchmarks/line_breaks.py
    python benchmarks/line_breaks.py --model build/train/syntax/model-best
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import spacy
from spacy.tokens import Doc

import kg.sentences  # noqa: F401  (registers the kg_sentence_starts factory)
from kg.pipeline import BUNDLED_MODEL
from kg.train.corpus import read_conllu, sentences_to_docs

DEFAULT_DATA = Path(os.environ.get("KG_SHARED_DATA", "../shared/data"))


def joined(gold: Doc, every: int) -> str:
    """The text of ``gold`` with a line break after every ``every``-th sentence (0: none)."""
    text = ""
    for k, sentence in enumerate(gold.sents, start=1):
        text += sentence.text + ("\n" if every and k % every == 0 else " ")
    return text.rstrip()


def attachment_score(nlp: spacy.Language, golds: list[Doc], every: int) -> float:
    """Labelled attachment score over the non-punctuation words of ``golds``, in percent."""
    right = total = 0
    for gold, parsed in zip(golds, nlp.pipe(joined(g, every) for g in golds), strict=True):
        words = [t for t in parsed if not t.is_space]
        if len(words) != len(gold):  # the tokenizer split differently: the words cannot be paired
            continue
        position = {t.i: n for n, t in enumerate(words)}
        for word, truth in zip(words, gold, strict=True):
            if truth.dep_ == "punct":
                continue
            total += 1
            right += position.get(word.head.i) == truth.head.i and word.dep_.lower() == truth.dep_.lower()
    return 100 * right / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(BUNDLED_MODEL), help="spaCy pipeline (name or path) with a parser")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    args = parser.parse_args()
    conllu = args.data / "ud" / "UD_Portuguese-Bosque" / "pt_bosque-ud-dev.conllu"
    nlp = spacy.load(args.model, exclude=["ner", "trainable_lemmatizer"])
    nlp.add_pipe("kg_sentence_starts", before="parser")
    golds = list(sentences_to_docs(nlp.vocab, read_conllu(conllu)))
    print(f"UD Bosque dev, {len(golds)} documents, LAS without punctuation; model {args.model}")
    print(f"{'sentences joined by':32} {'parser alone':>12} {'kg sentence starts':>19}")
    for every, label in ((0, "spaces"), (3, "a line break every 3rd"), (1, "a line break each")):
        with nlp.select_pipes(disable="kg_sentence_starts"):
            alone = attachment_score(nlp, golds, every)
        kg = attachment_score(nlp, golds, every)
        print(f"{label:32} {alone:12.2f} {kg:19.2f}")


if __name__ == "__main__":
    main()
