"""Open relations against IberLEF 2019 Task 2: does kg relate the gold entity pairs, in the gold words?

Stage: evaluation. Input: IberLEF 2019 Task 2 key files (TSV: ``SENTENCE_ID RELATION_ID SENTENCE
ARGUMENT_1 ARGUMENT_1_CATEGORY RELATION ARGUMENT_2 ARGUMENT_2_CATEGORY``; ``RELATION`` is a
relation descriptor copied from the sentence, e.g. "paleontólogo de") and the graph kg extracts
from each sentence. Output: pair recall and descriptor accuracy over the gold pairs.

Surface text
    The key's sentences are pre-tokenised: the words of a name are joined by ``_`` and
    contractions are split ("de a Universidade"). Sentences and arguments are put back into
    news form before extraction: ``_`` becomes a space and split contractions are joined again
    ("de a" -> "da", "em o" -> "no", "por a" -> "pela", "a o" -> "ao", "de ele" -> "dele").
    "de um" and "em um" are left apart, as Brazilian news writes them.

A gold pair is found
    when the sentence's graph has a relation of any type (``related_to`` included), in either
    direction, between an entity matching argument 1 and one matching argument 2. An entity
    matches an argument when their :func:`kg.names.name_key` forms, as word sequences, are equal
    or one contains the other ("Roberto Amaral" matches "ministro Roberto Amaral").

Descriptor match
    Descriptor and predicate are normalised alike: case-folded, ``_`` and white space folded,
    contractions split ("da" -> "de a"), and the article right after a preposition dropped
    ("paleontólogo da" and "paleontólogo de" both become "paleontólogo de"). The match is
    *exact* when the normalised words are equal; *partial* when they are equal, or one word
    sequence contains the other ("de" in "pesquisador de"), or they share a content word (a word
    with letters that is not in spaCy's Portuguese stop words: "presidente" in "presidente de"
    and "o presidente"). A pair's descriptor counts as matched when any relation found between
    the pair matches. Accuracies are over all gold pairs, so they are at most the pair recall.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from spacy.lang.pt.stop_words import STOP_WORDS
from spacy.language import Language

from kg.errors import InputError
from kg.evaluate.scores import ratio
from kg.graph import KnowledgeGraph
from kg.models import Document, Entity
from kg.names import name_key

__all__ = [
    "IBERLEF_COLUMNS",
    "GoldPair",
    "read_iberlef",
    "iberlef_files",
    "surface_text",
    "descriptor_words",
    "descriptor_match",
    "entity_matches",
    "score_open_relations",
    "evaluate_open_relations",
]

IBERLEF_COLUMNS: tuple[str, ...] = (
    "SENTENCE_ID",
    "RELATION_ID",
    "SENTENCE",
    "ARGUMENT_1",
    "ARGUMENT_1_CATEGORY",
    "RELATION",
    "ARGUMENT_2",
    "ARGUMENT_2_CATEGORY",
)

_DEMONSTRATIVES = (
    "ele ela eles elas este esta estes estas esse essa esses essas aquele aquela aqueles aquelas isto isso aquilo"
).split()
#: Split contractions of the key and the words they join into: (preposition, word) -> contraction.
_CONTRACTIONS: dict[tuple[str, str], str] = {
    **{("de", w): "d" + w for w in ("o", "a", "os", "as", *_DEMONSTRATIVES)},
    **{("em", w): "n" + w for w in ("o", "a", "os", "as", *_DEMONSTRATIVES)},
    **{("por", w): "pel" + w for w in ("o", "a", "os", "as")},
    **{("a", w): c for w, c in (("o", "ao"), ("os", "aos"), ("a", "à"), ("as", "às"))},
    **{("a", w): "à" + w[1:] for w in ("aquele", "aquela", "aqueles", "aquelas", "aquilo")},
}
_SPLITS: dict[str, tuple[str, str]] = {c: pair for pair, c in _CONTRACTIONS.items()}
_PREPOSITIONS = {"de", "em", "por", "a"}
_ARTICLES = {"o", "a", "os", "as"}


class GoldPair(NamedTuple):
    """One gold relation of the key: a sentence (in news form), two arguments and the descriptor."""

    sentence_id: str
    relation_id: str
    sentence: str
    argument_1: str
    category_1: str
    descriptor: str
    argument_2: str
    category_2: str


# ---------------------------------------------------------------------- reading
def surface_text(pretokenised: str) -> str:
    """News form of a pre-tokenised key string: ``_`` as spaces, split contractions joined.

    Examples
    --------
    >>> surface_text("paleontólogo de a Universidade_Nacional_da_Patagônia, Em o Brasil")
    'paleontólogo da Universidade Nacional da Patagônia, No Brasil'
    """
    words = pretokenised.replace("_", " ").split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = (words[i].casefold(), words[i + 1].casefold()) if i + 1 < len(words) else None
        if pair in _CONTRACTIONS:
            joined = _CONTRACTIONS[pair]
            out.append(joined[:1].upper() + joined[1:] if words[i][:1].isupper() else joined)
            i += 2
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def iberlef_files(path: Path) -> list[Path]:
    """The key files at ``path``: the file itself, or the ``*.tsv`` files of a folder (sorted)."""
    if path.is_dir():
        files = sorted(p for p in path.glob("*.tsv") if p.is_file())
        if not files:
            raise InputError(f"{path}: no IberLEF Task 2 .tsv files in this folder")
        return files
    if not path.is_file():
        raise InputError(f"{path}: no such IberLEF Task 2 file or folder")
    return [path]


def read_iberlef(path: Path) -> list[GoldPair]:
    """The gold pairs of an IberLEF 2019 Task 2 key file, sentences and arguments in news form.

    Raises
    ------
    kg.errors.InputError
        The file is unreadable, or not a TSV file with the columns of :data:`IBERLEF_COLUMNS`.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from error
    if not rows or tuple(c.strip() for c in rows[0]) != IBERLEF_COLUMNS:
        found = "\t".join(rows[0])[:120] if rows else "an empty file"
        raise InputError(
            f"{path}: not an IberLEF 2019 Task 2 key: expected the columns {' '.join(IBERLEF_COLUMNS)}, found {found!r}"
        )
    pairs = []
    for number, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(IBERLEF_COLUMNS):
            raise InputError(f"{path}:{number}: {len(row)} columns, expected {len(IBERLEF_COLUMNS)}")
        sid, rid, sentence, arg1, cat1, descriptor, arg2, cat2 = (c.strip() for c in row)
        pairs.append(
            GoldPair(
                f"{path.stem}:{sid}",
                rid,
                surface_text(sentence),
                surface_text(arg1),
                cat1,
                descriptor,
                surface_text(arg2),
                cat2,
            )
        )
    return pairs


# ---------------------------------------------------------------------- matching
def descriptor_words(text: str) -> list[str]:
    """The normalised words of a descriptor or predicate (see the module docstring).

    Examples
    --------
    >>> descriptor_words("Paleontólogo da"), descriptor_words("à frente de"), descriptor_words("a_a frente de")
    (['paleontólogo', 'de'], ['a', 'frente', 'de'], ['a', 'frente', 'de'])
    """
    words: list[str] = []
    for word in text.casefold().replace("_", " ").split():
        words.extend(_SPLITS.get(word, (word,)))
    return [w for i, w in enumerate(words) if not (w in _ARTICLES and i > 0 and words[i - 1] in _PREPOSITIONS)]


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return n > 0 and any(list(longer[i : i + n]) == list(shorter) for i in range(len(longer) - n + 1))


def descriptor_match(predicate: str, descriptor: str) -> tuple[bool, bool]:
    """``(exact, partial)``: how ``predicate`` matches the gold ``descriptor`` (see the module docstring).

    Examples
    --------
    >>> descriptor_match("paleontólogo da", "paleontólogo de")
    (True, True)
    >>> descriptor_match("pesquisador da", "de"), descriptor_match("fundou", "criou")
    ((False, True), (False, False))
    """
    p, d = descriptor_words(predicate), descriptor_words(descriptor)
    if not p or not d:
        return False, False
    exact = p == d
    content = {w for w in p if any(ch.isalpha() for ch in w) and w not in STOP_WORDS}
    shared = bool(content & {w for w in d if w not in STOP_WORDS})
    return exact, exact or _contains(p, d) or _contains(d, p) or shared


def _name_words(name: str) -> list[str]:
    return name_key(name).split()


def entity_matches(argument: str, entity: Entity) -> bool:
    """Whether ``entity`` (by name or alias) matches the gold ``argument``: equal, or one contains the other.

    Examples
    --------
    >>> entity_matches("ministro Roberto Amaral", Entity(id="", name="Roberto Amaral", type="PER"))
    True
    >>> entity_matches("ONU", Entity(id="", name="UNESCO", type="ORG"))
    False
    """
    wanted = _name_words(argument)
    for name in (entity.name, *entity.aliases):
        words = _name_words(name)
        if words and wanted and (_contains(words, wanted) or _contains(wanted, words)):
            return True
    return False


# ---------------------------------------------------------------------- scoring
def _judge(pair: GoldPair, graph: KnowledgeGraph) -> dict:
    entities = graph.entities()
    first = {e.id for e in entities if entity_matches(pair.argument_1, e)}
    second = {e.id for e in entities if entity_matches(pair.argument_2, e)}
    predicates = sorted(
        {
            (r.relation, r.predicate)
            for r in graph.relations()
            if (r.subject.id in first and r.object.id in second) or (r.subject.id in second and r.object.id in first)
        }
    )
    matches = [descriptor_match(predicate, pair.descriptor) for _, predicate in predicates]
    if predicates:
        status = "found"
    elif not first or not second:
        status = "argument not extracted"
    elif len(first | second) == 1:
        status = "one entity"  # both arguments resolved to one referent (an acronym and its expansion)
    else:
        status = "no relation"
    return {
        "sentence_id": pair.sentence_id,
        "relation_id": pair.relation_id,
        "categories": f"{pair.category_1}-{pair.category_2}",
        "argument_1": pair.argument_1,
        "argument_2": pair.argument_2,
        "descriptor": pair.descriptor,
        "status": status,
        "predicted": [f"{relation}: {predicate}" for relation, predicate in predicates],
        "exact": any(e for e, _ in matches),
        "partial": any(p for _, p in matches),
        "sentence": pair.sentence,
    }


def _rates(judged: Sequence[dict]) -> dict:
    n = len(judged)
    found = sum(j["status"] == "found" for j in judged)
    exact = sum(j["exact"] for j in judged)
    partial = sum(j["partial"] for j in judged)
    return {
        "pairs": n,
        "found": found,
        "exact": exact,
        "partial": partial,
        "pair_recall": ratio(found, n),
        "exact_accuracy": ratio(exact, n),
        "partial_accuracy": ratio(partial, n),
    }


def score_open_relations(pairs: Sequence[GoldPair], graphs: Mapping[str, KnowledgeGraph]) -> dict:
    """Judge every gold pair against the graph of its sentence (``graphs`` by sentence id).

    Returns
    -------
    dict
        JSON-able: the overall ``pairs``, ``found``, ``exact``, ``partial`` counts and
        ``pair_recall``, ``exact_accuracy``, ``partial_accuracy``; ``by_categories`` (the same per
        argument category pair, e.g. ``PER-ORG``); ``status`` (how many pairs were found, had an
        argument not extracted, were resolved to one entity, or had no relation); and ``judged``,
        one record per gold pair.
    """
    judged = [_judge(pair, graphs[pair.sentence_id]) for pair in pairs]
    categories = sorted({j["categories"] for j in judged})
    return {
        **_rates(judged),
        "by_categories": {c: _rates([j for j in judged if j["categories"] == c]) for c in categories},
        "status": dict(sorted(Counter(j["status"] for j in judged).items())),
        "judged": judged,
    }


def evaluate_open_relations(pairs: Sequence[GoldPair], nlp: Language) -> dict:
    """Extract a graph from each key sentence with ``nlp`` and score the gold ``pairs``.

    Returns the report of :func:`score_open_relations` and the number of ``sentences``.
    """
    from kg.extract import document_graph

    sentences: dict[str, str] = {}
    for pair in pairs:
        if sentences.setdefault(pair.sentence_id, pair.sentence) != pair.sentence:
            raise InputError(f"sentence {pair.sentence_id} has two different texts in the key")
    documents = [Document(id=sid, text=text) for sid, text in sentences.items()]
    graphs = {}
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        graphs[document.id] = document_graph(document, doc)
    return {"sentences": len(sentences), **score_open_relations(pairs, graphs)}
