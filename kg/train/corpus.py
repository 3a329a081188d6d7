"""Training corpora: turn the shared Portuguese treebanks and NER sets into spaCy DocBins.

Stage: training data. Input: CoNLL-U treebanks (UD Bosque, Porttinari, GSD), UNER IOB2 files aligned
with UD Bosque, First HAREM JSON. Output: ``.spacy`` files for ``spacy train``.

Multiword tokens ("do" = "de" + "o", "dele", "fazê-lo") are merged back into the single
surface token the spaCy tokenizer produces, so that what the pipeline learns matches what it
sees at run time. The merged token keeps the annotation of the word that attaches outside
the contraction (for "do" the preposition, for "nele" the pronoun).
"""

from __future__ import annotations

import bz2
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

__all__ = [
    "UDToken",
    "UDSentence",
    "read_conllu",
    "read_uner_tags",
    "sentences_to_docs",
    "harem_docs",
    "dbpedia_docs",
    "HAREM_LABELS",
    "DBPEDIA_LABELS",
    "PORTTINARI_RELATIONS",
]

#: First HAREM categories kept, mapped onto the labels of our NER; the rest are not entities for us.
HAREM_LABELS = {"PESSOA": "PER", "ORGANIZACAO": "ORG", "LOCAL": "LOC"}

#: DBpediaRelations-PT entity types, mapped onto the labels of our NER.
DBPEDIA_LABELS = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}

#: Relation subtypes of UD Porttinari that UD Bosque does not use, mapped onto Bosque's relation, so
#: that the parser learns one convention.
PORTTINARI_RELATIONS = {"ccomp:speech": "ccomp", "expl:impers": "expl", "nsubj:outer": "nsubj", "csubj:outer": "csubj"}

#: Lower-case words that occur inside names ("Banco do Brasil"): never taken as sure "O".
_NAME_PARTICLES = frozenset("de da do das dos d' e del della di van von der la le du y".split())


Morphology = Literal["full", "pos", "none"]


@dataclass
class UDToken:
    """One surface token of a sentence after contractions are merged."""

    text: str
    space_after: bool
    pos: str | None
    morph: str | None
    lemma: str | None
    head: int  # index of the head token in the sentence; its own index for the root
    dep: str
    ner: str = "O"  # IOB tag


@dataclass
class UDSentence:
    sent_id: str
    text: str
    tokens: list[UDToken] = field(default_factory=list)
    #: index of the surface token of each UD word, so word-level tags can be moved onto tokens
    word_to_token: list[int] = field(default_factory=list)


def _misc_space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def _value(column: str) -> str | None:
    return None if column == "_" else column


def _merge_sentence(
    sent_id: str, text: str, rows: list[list[str]], *, morphology: Morphology, relations: Mapping[str, str]
) -> UDSentence:
    """Build surface tokens from the word rows and multiword-token ranges of one sentence."""
    words = [r for r in rows if r[0].isdigit()]
    ranges = {}
    for r in rows:
        if "-" in r[0]:
            first, last = (int(x) for x in r[0].split("-"))
            ranges[first] = (last, r)
    # Group UD word ids (1-based) into surface tokens.
    groups: list[tuple[list[int], str, bool]] = []
    wid = 1
    while wid <= len(words):
        if wid in ranges:
            last, row = ranges[wid]
            groups.append((list(range(wid, last + 1)), row[1], _misc_space_after(row[9])))
            wid = last + 1
        else:
            row = words[wid - 1]
            groups.append(([wid], row[1], _misc_space_after(row[9])))
            wid += 1
    word_to_token = [0] * (len(words) + 1)
    for t_index, (members, _, _) in enumerate(groups):
        for m in members:
            word_to_token[m] = t_index
    sentence = UDSentence(sent_id=sent_id, text=text, word_to_token=word_to_token[1:])
    depth = _depths([int(w[6]) for w in words])
    for t_index, (members, surface, space_after) in enumerate(groups):
        # The word nearest the root speaks for the contraction; the others are absorbed.
        main = words[min(members, key=lambda m: depth[m]) - 1]
        head_word = int(main[6])
        head = t_index if head_word == 0 else word_to_token[head_word]
        sentence.tokens.append(
            UDToken(
                text=surface,
                space_after=space_after,
                pos=_value(main[3]) if morphology != "none" else None,
                morph=(main[5] if main[5] != "_" else "") if morphology == "full" else None,
                lemma=_value(main[2]),
                head=head,
                dep="ROOT" if head_word == 0 else relations.get(main[7], main[7]),
            )
        )
    return sentence


def _depths(heads: list[int]) -> list[int]:
    """Depth of each 1-based word in the tree given by ``heads`` (0 is the root); index 0 unused."""
    depth = [0] * (len(heads) + 1)
    for word in range(1, len(heads) + 1):
        steps, node = 0, word
        while node != 0 and steps <= len(heads):
            node = heads[node - 1]
            steps += 1
        depth[word] = steps
    return depth


def read_conllu(
    path: Path, *, morphology: Morphology = "full", relations: Mapping[str, str] | None = None
) -> Iterator[UDSentence]:
    """Yield the sentences of a CoNLL-U file with contractions merged into surface tokens.

    ``morphology`` says what to keep of POS and features: "full" both; "pos" the POS only,
    features left unset (missing, not empty), for a treebank whose features are too sparse to
    learn from (kg/train/morphology.py trains on such tokens); "none" neither, for a treebank
    whose POS follow other conventions. ``relations`` renames dependency relations (another
    treebank's subtypes onto Bosque's).
    """
    relations = relations or {}
    sent_id, text, rows = "", "", []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield _merge_sentence(sent_id, text, rows, morphology=morphology, relations=relations)
                sent_id, text, rows = "", "", []
            elif line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text"):
                text = line.split("=", 1)[1].strip()
            elif not line.startswith("#"):
                columns = line.split("\t")
                if "." not in columns[0]:  # empty nodes carry no surface token
                    rows.append(columns)
    if rows:
        yield _merge_sentence(sent_id, text, rows, morphology=morphology, relations=relations)


def read_uner_tags(path: Path) -> Iterator[list[str]]:
    """Yield the word-level IOB2 tags of each sentence of a UNER file."""
    tags: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if tags:
                    yield tags
                tags = []
            elif not line.startswith("#"):
                tags.append(line.split("\t")[2])
    if tags:
        yield tags


def apply_word_tags(sentence: UDSentence, word_tags: list[str]) -> None:
    """Move word-level IOB2 entity tags onto the merged surface tokens of ``sentence``."""
    if len(word_tags) != len(sentence.word_to_token):
        raise ValueError(f"sentence {sentence.sent_id}: {len(word_tags)} tags for {len(sentence.word_to_token)} words")
    spans: list[tuple[int, int, str]] = []
    for w, tag in enumerate(word_tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][1] != w)):
            spans.append((w, w + 1, tag[2:]))
        elif tag.startswith("I-"):
            start, _, label = spans[-1]
            spans[-1] = (start, w + 1, label)
    for token in sentence.tokens:
        token.ner = "O"
    for start, end, label in spans:
        first = sentence.word_to_token[start]
        last = sentence.word_to_token[end - 1]
        for t in range(first, last + 1):
            sentence.tokens[t].ner = ("B-" if t == first else "I-") + label


def sentences_to_docs(
    vocab: Vocab,
    sentences: Iterable[UDSentence],
    *,
    per_doc: int = 10,
    with_ner: bool = False,
    pos_as_tags_only: bool = False,
) -> Iterator[Doc]:
    """Group sentences into Docs of ``per_doc`` sentences so the parser learns sentence boundaries.

    The POS are given twice, as POS (the morphologizer's) and as tags (the syntax part's POS-only
    tagger's); with ``pos_as_tags_only`` as tags alone, so that only the tagger learns them.
    """
    batch: list[UDSentence] = []
    for sentence in sentences:
        batch.append(sentence)
        if len(batch) == per_doc:
            yield _doc_from_sentences(vocab, batch, with_ner=with_ner, pos_as_tags_only=pos_as_tags_only)
            batch = []
    if batch:
        yield _doc_from_sentences(vocab, batch, with_ner=with_ner, pos_as_tags_only=pos_as_tags_only)


def _doc_from_sentences(vocab: Vocab, sentences: list[UDSentence], *, with_ner: bool, pos_as_tags_only: bool) -> Doc:
    words, spaces, heads, deps = [], [], [], []
    pos, morphs, lemmas, ents = [], [], [], []
    for sentence in sentences:
        offset = len(words)
        for i, token in enumerate(sentence.tokens):
            words.append(token.text)
            last = i == len(sentence.tokens) - 1
            spaces.append(True if last else token.space_after)
            heads.append(offset + token.head)
            deps.append(token.dep)
            pos.append(token.pos)
            morphs.append(token.morph)
            lemmas.append(token.lemma)
            ents.append(token.ner)
    has_pos = all(p is not None for p in pos)
    has_morph = has_pos and all(m is not None for m in morphs)
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        tags=pos if has_pos else None,
        pos=pos if has_pos and not pos_as_tags_only else None,
        morphs=morphs if has_morph and not pos_as_tags_only else None,
        lemmas=[lemma or "" for lemma in lemmas] if any(lemmas) else None,  # "": this word's lemma is missing
        sent_starts=None,
        ents=ents if with_ner else None,
    )


_PARAGRAPH = re.compile(r"\n\s*")


def harem_docs(nlp: Language, path: Path, *, max_chars: int = 2000) -> Iterator[Doc]:
    """Yield First HAREM documents cut at line breaks into pieces of at most ``max_chars``.

    Only PESSOA, ORGANIZACAO and LOCAL become entities (PER, ORG, LOC); every other token is
    "O", since HAREM annotates all named entities of the document.
    """
    with open(path, encoding="utf-8") as handle:
        documents = json.load(handle)
    for document in documents:
        text = document["doc_text"]
        entities = sorted(
            (e["start_offset"], e["end_offset"], HAREM_LABELS[e["label"]])
            for e in document["entities"]
            if e["label"] in HAREM_LABELS
        )
        for start, end in _pieces(text, max_chars):
            doc = nlp.make_doc(text[start:end])
            spans = []
            for e_start, e_end, label in entities:
                if e_start >= start and e_end <= end:
                    span = doc.char_span(e_start - start, e_end - start, label=label, alignment_mode="expand")
                    if span is not None and (not spans or span.start >= spans[-1].end):
                        spans.append(span)
            doc.set_ents(spans, default="outside")
            if len(doc):
                yield doc


def dbpedia_docs(nlp: Language, path: Path) -> Iterator[Doc]:
    """Yield partially annotated docs from DBpediaRelations-PT (Wikipedia sentences).

    Each record marks two typed entities of its sentence; records of the same sentence are
    joined. Every other name in the sentence is unmarked, so only the marked entities, and the
    tokens that cannot be part of a name (lower-case words other than name particles,
    punctuation), are annotated; the rest is left missing, so that the unmarked names teach
    no false "O" (silver data that teaches what entities look like).
    """
    for sentence, entities in _dbpedia_records(bz2.open(path, "rt", encoding="utf-8", errors="replace")):
        doc = nlp.make_doc(sentence)
        spans = []
        for surface, label in entities:
            for match in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", sentence):
                span = doc.char_span(match.start(), match.end(), label=label)
                if span is not None:
                    spans.append(span)
        spans = _without_overlaps(spans)
        if not spans:
            continue
        inside = {i for span in spans for i in range(span.start, span.end)}
        outside = [
            doc[i : i + 1]
            for i, token in enumerate(doc)
            if i not in inside and (token.is_punct or (token.is_lower and token.lower_ not in _NAME_PARTICLES))
        ]
        doc.set_ents(spans, outside=outside, default="missing")
        yield doc


def _dbpedia_records(lines: Iterable[str]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(sentence, [(entity surface, label), ...]) per distinct sentence, in file order."""
    by_sentence: dict[str, list[tuple[str, str]]] = {}
    fields: dict[str, str] = {}
    for line in lines:
        key, _, value = line.partition(" : ")
        key = key.strip()
        if key in {"SENTENCE", "ENTITY1", "TYPE1", "ENTITY2", "TYPE2"}:
            fields[key] = value.strip()
        elif line.startswith("REL TYPE") and "SENTENCE" in fields:
            entities = by_sentence.setdefault(fields["SENTENCE"], [])
            for n in ("1", "2"):
                label = DBPEDIA_LABELS.get(fields.get("TYPE" + n, ""))
                surface = fields.get("ENTITY" + n, "")
                if label and surface and (surface, label) not in entities:
                    entities.append((surface, label))
            fields = {}
    yield from by_sentence.items()


def _without_overlaps(spans: list) -> list:
    """The longest spans first, dropping any that overlaps one already kept; in text order."""
    kept: list = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not taken.intersection(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def _pieces(text: str, max_chars: int) -> Iterator[tuple[int, int]]:
    """Split ``text`` at line breaks into (start, end) pieces of about ``max_chars`` at most.

    A single line longer than ``max_chars`` stays whole: entities never straddle two pieces.
    """
    start = 0
    for match in _PARAGRAPH.finditer(text):
        if match.start() - start >= max_chars:
            yield start, match.start()
            start = match.end()
    if start < len(text):
        yield start, len(text)


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    """Write ``docs`` to a DocBin at ``path``; return how many were written."""
    doc_bin = DocBin(store_user_data=False)
    count = 0
    for doc in docs:
        doc_bin.add(doc)
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    doc_bin.to_disk(path)
    return count
