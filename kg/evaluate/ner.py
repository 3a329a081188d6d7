"""NER scoring against Universal NER (UNER) IOB2 files, on the surface text of their UD treebank.

Stage: evaluation. Input: a UNER ``.iob2`` file (UD syntactic words, one per line, IOB2 tags)
and the UD ``.conllu`` file it was annotated on. Output: exact character-span P/R/F1 of the
pipeline's PER, ORG and LOC entities, micro-averaged and per label.

Surface text
    UNER words are UD syntactic words: contractions are split ("do" -> "de" + "o") and its
    ``# text`` is that split form, which is not what a news text looks like. The surface sentence
    is the ``# text`` of the aligned UD sentence (same order, same words: checked). Each word gets
    the characters of its surface token, so a gold span that starts or ends inside a multiword
    token ("Rádio Televisão de" of "Rádio Televisão da Guiné-Bissau") takes the whole token
    ("Rádio Televisão da").

Where the ``.conllu`` is
    ``<data root>/ud/<any treebank>/<stem>.conllu`` where ``<stem>`` is the ``.iob2`` file's name
    without its suffix and ``<data root>`` is any folder above it (the shared data layout puts
    ``ner/uner-pt-bosque/pt_bosque-ud-dev.iob2`` beside ``ud/UD_Portuguese-Bosque/``); also the
    ``.iob2``'s own folder and a ``ud-bosque-surface`` folder beside it. Or give the path.

Predictions
    Only PER, ORG and LOC count: NER labels are mapped by :data:`kg.entities.LABEL_MAP`, other
    labels (PROJECT, MISC) are ignored. kg's own components do not change ``doc.ents`` and are
    not run.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language

from kg.entities import LABEL_MAP
from kg.errors import InputError
from kg.evaluate.scores import Counts, add_by_key, sum_counts

__all__ = [
    "NER_LABELS",
    "IobSentence",
    "UDSentence",
    "Span",
    "read_iob2",
    "parse_conllu",
    "word_offsets",
    "iob_spans",
    "find_conllu",
    "gold_spans",
    "predicted_spans",
    "score_spans",
    "NerGold",
    "read_ner_gold",
    "evaluate_ner",
]

#: The labels UNER annotates and that are scored.
NER_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC")

#: Pipeline components that never change ``doc.ents``: left out of the NER run.
_NOT_NER = {
    "kg_entities",
    "kg_relations",
    "parser",
    "morphologizer",
    "tagger",
    "trainable_lemmatizer",
    "lemmatizer",
    "senter",
}


class IobSentence(NamedTuple):
    """A sentence of an IOB2 file: its id, its words and their tags."""

    sent_id: str
    words: list[str]
    tags: list[str]


class UDSentence(NamedTuple):
    """A UD sentence: its id, its surface text, its syntactic words and their character spans there."""

    sent_id: str
    text: str
    words: list[str]
    offsets: list[tuple[int, int]]


class Span(NamedTuple):
    """A labelled character span of a sentence (``end`` exclusive)."""

    start: int
    end: int
    label: str


# ---------------------------------------------------------------------- reading
def read_iob2(path: Path) -> list[IobSentence]:
    """The sentences of a UNER IOB2 file (``ID FORM TAG ...``, TAB-separated; ``#`` comments)."""
    sentences: list[IobSentence] = []
    sent_id = ""
    words: list[str] = []
    tags: list[str] = []
    for number, line in enumerate(_lines(path), 1):
        if not line.strip():
            if words:
                sentences.append(IobSentence(sent_id, words, tags))
            sent_id, words, tags = "", [], []
        elif line.startswith("#"):
            if line.startswith("# sent_id = "):
                sent_id = line[len("# sent_id = ") :].strip()
        else:
            columns = line.split("\t")
            if len(columns) < 3 or not (columns[2] == "O" or columns[2][:2] in {"B-", "I-"}):
                raise InputError(f"{path}:{number}: not an IOB2 token line (ID, FORM, B-/I-/O tag): {line[:80]!r}")
            words.append(columns[1])
            tags.append(columns[2])
    if words:
        sentences.append(IobSentence(sent_id, words, tags))
    return sentences


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from error


def parse_conllu(lines: Iterable[str]) -> Iterator[UDSentence]:
    """The sentences of CoNLL-U ``lines``, with each syntactic word's span in the ``# text``.

    Raises ``ValueError`` for a sentence without ``# text`` or whose tokens are not found in it.

    Examples
    --------
    >>> conllu = ["# text = Na Rádio.", "1-2\\tNa\\t_", "1\\tEm\\t_", "2\\ta\\t_", "3\\tRádio\\t_", "4\\t.\\t_", ""]
    >>> sentence = next(parse_conllu(conllu))
    >>> sentence.words, sentence.offsets
    (['Em', 'a', 'Rádio', '.'], [(0, 2), (0, 2), (3, 8), (8, 9)])
    """
    sent_id, text, pending = "", None, 0
    tokens: list[str] = []  # surface tokens
    words: list[tuple[str, int]] = []  # syntactic words and the index of their token
    for line in itertools.chain(lines, [""]):  # a blank line ends the last sentence
        line = line.rstrip("\r\n")
        if not line.strip():
            if words:
                if text is None:
                    raise ValueError(f"sentence {sent_id or len(words)} has no '# text' line")
                yield UDSentence(
                    sent_id, text, [w for w, _ in words], word_offsets(text, tokens, [t for _, t in words])
                )
            sent_id, text, tokens, words, pending = "", None, [], [], 0
        elif line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif line.startswith("# sent_id = "):
            sent_id = line[len("# sent_id = ") :].strip()
        elif not line.startswith("#"):
            token_id, form = line.split("\t")[:2]
            if "-" in token_id:  # a multiword token: its words follow
                first, last = (int(n) for n in token_id.split("-"))
                tokens.append(form)
                pending = last - first + 1
            elif "." not in token_id:  # empty nodes ("8.1") are not words of the text
                if pending:
                    pending -= 1
                else:
                    tokens.append(form)
                words.append((form, len(tokens) - 1))


def word_offsets(text: str, tokens: Sequence[str], word_tokens: Sequence[int]) -> list[tuple[int, int]]:
    """The character span of each word: the span of the surface token it belongs to.

    Parameters
    ----------
    text
        The surface sentence.
    tokens
        The surface tokens, in order.
    word_tokens
        For each word, the index of its token.

    Examples
    --------
    >>> word_offsets("TEATRO DA TRINDADE.", ["TEATRO", "DA", "TRINDADE", "."], [0, 1, 1, 2, 3])
    [(0, 6), (7, 9), (7, 9), (10, 18), (18, 19)]
    """
    spans, cursor = [], 0
    for form in tokens:
        start = text.find(form, cursor)
        if start < 0 or text[cursor:start].strip():
            raise ValueError(f"token {form!r} not found after character {cursor} of {text!r}")
        spans.append((start, start + len(form)))
        cursor = start + len(form)
    return [spans[t] for t in word_tokens]


def iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """The ``(first word, end word, label)`` spans of IOB2 tags (an ``I-`` that starts nothing opens a span).

    Examples
    --------
    >>> iob_spans(["B-LOC", "I-LOC", "O", "B-LOC", "I-PER"])
    [(0, 2, 'LOC'), (3, 4, 'LOC'), (4, 5, 'PER')]
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == label
        if start >= 0 and not inside:
            spans.append((start, i, label))
            start, label = -1, ""
        if tag[:2] in {"B-", "I-"} and not inside:
            start, label = i, tag[2:]
    return spans


def find_conllu(iob2: Path) -> Path:
    """The UD ``.conllu`` file whose surface text the UNER file ``iob2`` was annotated on.

    Raises
    ------
    kg.errors.InputError
        None of the places in the module docstring holds ``<stem>.conllu``.
    """
    name = f"{iob2.stem}.conllu"
    folder = iob2.resolve().parent
    places = [folder / name, folder.parent / "ud-bosque-surface" / name]
    for root in folder.parents:
        places.extend(sorted((root / "ud").glob(f"*/{name}")))
    for place in places:
        if place.is_file():
            return place
    raise InputError(
        f"{iob2}: cannot find the UD file {name} it was annotated on: looked in {folder}, "
        f"and in ud/*/ under every folder above it (the shared data layout: <data>/ud/UD_Portuguese-Bosque/{name})"
    )


def gold_spans(iob2: Path, conllu: Path) -> tuple[list[str], list[set[Span]]]:
    """The surface sentences of ``iob2`` (from ``conllu``) and the gold character spans of each."""
    iob = read_iob2(iob2)
    try:
        ud = list(parse_conllu(_lines(conllu)))
    except ValueError as error:
        raise InputError(f"{conllu}: {error}") from None
    if len(iob) != len(ud):
        raise InputError(
            f"{iob2} has {len(iob)} sentences but {conllu} has {len(ud)}: they are not the same treebank split"
        )
    texts, spans = [], []
    for i, (a, b) in enumerate(zip(iob, ud, strict=True)):
        if a.words != b.words:
            raise InputError(
                f"sentence {i + 1} ({a.sent_id} / {b.sent_id}) has different words in {iob2} and {conllu}: "
                f"{' '.join(a.words)[:80]!r} vs {' '.join(b.words)[:80]!r}"
            )
        texts.append(b.text)
        spans.append({Span(b.offsets[s][0], b.offsets[e - 1][1], label) for s, e, label in iob_spans(a.tags)})
    return texts, spans


# ---------------------------------------------------------------------- predicting and scoring
def predicted_spans(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> list[set[Span]]:
    """The PER, ORG and LOC character spans the pipeline's NER finds in each text."""
    disabled = [name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory in _NOT_NER]
    found = []
    with nlp.select_pipes(disable=disabled):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            labels = ((ent, LABEL_MAP.get(ent.label_)) for ent in doc.ents)
            found.append({Span(ent.start_char, ent.end_char, label) for ent, label in labels if label in NER_LABELS})
    return found


def score_spans(gold: Sequence[set[Span]], predicted: Sequence[set[Span]]) -> dict[str, Counts]:
    """Exact-span counts per label, summed over sentences (``gold[i]`` and ``predicted[i]`` are sentence ``i``).

    Examples
    --------
    >>> counts = score_spans([{Span(0, 4, "PER")}], [{Span(0, 4, "PER"), Span(5, 9, "ORG")}])
    >>> counts["PER"].f1, counts["ORG"].fp
    (1.0, 1)
    """
    by_label: dict[str, Counts] = {}
    for g, p in zip(gold, predicted, strict=True):
        for span in g | p:
            add_by_key(
                by_label,
                {span.label: Counts(tp=int(span in g and span in p), fp=int(span not in g), fn=int(span not in p))},
            )
    return dict(sorted(by_label.items()))


class NerGold(NamedTuple):
    """The gold side of a NER evaluation: the UNER files, their UD surface files, sentences and spans."""

    files: list[Path]
    conllu: list[Path]
    texts: list[str]
    spans: list[set[Span]]


def read_ner_gold(files: Sequence[Path], *, conllu: Path | None = None) -> NerGold:
    """Read the UNER ``files`` (their sentences pooled) on their surface text.

    ``conllu`` is the UD file of every one of them; by default each one's is found by :func:`find_conllu`.
    """
    gold = NerGold(list(files), [], [], [])
    for path in files:
        surface = conllu or find_conllu(path)
        texts, spans = gold_spans(path, surface)
        gold.conllu.append(surface)
        gold.texts.extend(texts)
        gold.spans.extend(spans)
    return gold


def evaluate_ner(gold: NerGold, nlp: Language) -> dict:
    """Score the NER of ``nlp`` on ``gold``: exact character-span P/R/F1, micro and per label.

    Returns
    -------
    dict
        JSON-able: ``files``, ``conllu`` (the surface files used), ``sentences``, ``gold_entities``,
        ``predicted_entities``, ``micro`` and ``by_label`` counts with P/R/F1.
    """
    predicted = predicted_spans(nlp, gold.texts)
    by_label = score_spans(gold.spans, predicted)
    return {
        "files": [str(p) for p in gold.files],
        "conllu": [str(p) for p in gold.conllu],
        "sentences": len(gold.texts),
        "gold_entities": sum(len(g) for g in gold.spans),
        "predicted_entities": sum(len(p) for p in predicted),
        "micro": sum_counts(by_label.values()).model_dump(),
        "by_label": {label: counts.model_dump() for label, counts in by_label.items()},
    }
