"""Graph-level scoring: predicted entities and relations against a gold graph, as docs/SCHEMA.md says.

Stage: evaluation. Input: gold graphs (:mod:`kg.evaluate.gold`) and the entities and relations
kg extracts from the texts they name. Output: a :class:`DocumentScore` per document and their
micro-average (counts summed over documents).

Matching (docs/SCHEMA.md, "Scoring")
    Names are compared by :func:`kg.names.name_key` (case-folded, accents kept, leading articles
    and surrounding punctuation dropped, inner white space folded). A predicted entity matches a
    gold entity when one of its names (name or alias) equals one of the gold entity's; typed
    scores also need equal types, untyped scores do not. A predicted relation matches a gold
    relation when its type is equal and its subject and object match the gold ones by name (either
    way round for ``partner_of``); entity types are left to the entity scores, so a mistyped
    entity is not counted twice. Matching is one-to-one within a document: two predicted entities
    for one gold referent give one true and one false positive. Gold relations repeated in a file
    count once; a ``partner_of`` predicted both ways round counts once.

Not scored
    Open relations (``related_to``) are not one of the schema's 13 types: they are counted apart.
    Evidence sentences are not compared: a relation is stated once per document for scoring.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, computed_field
from spacy.language import Language

from kg.errors import InputError
from kg.evaluate.gold import SCHEMA_RELATIONS, GoldDocument, name_keys
from kg.evaluate.scores import Counts, add_by_key, match_one_to_one, sum_counts
from kg.models import Document, Entity, Relation

__all__ = [
    "EntityItem",
    "RelationItem",
    "DocumentScore",
    "score_graph",
    "evaluate_graphs",
    "summarise_graph_scores",
]

_SYMMETRIC = {"partner_of"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityItem(_Model):
    """An entity the scores count against: a missed gold one or a false predicted one, and why."""

    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    reason: str


class RelationItem(_Model):
    """A missed gold relation or a false predicted one: the triple, what states it, and why."""

    subject: str
    relation: str
    object: str
    predicate: str = ""
    confidence: float | None = None
    evidence: str = ""
    reason: str


class DocumentScore(_Model):
    """The scores of one document, and the items behind its errors."""

    doc_id: str
    entities: dict[str, Counts] = Field(description="typed entity counts, by entity type")
    entities_untyped: Counts
    relations: dict[str, Counts] = Field(description="relation counts, by relation type (the 13 schema types)")
    open_relations: int = Field(description="predicted related_to relations: not scored")
    missed_entities: list[EntityItem] = Field(default_factory=list)
    false_entities: list[EntityItem] = Field(default_factory=list)
    missed_relations: list[RelationItem] = Field(default_factory=list)
    false_relations: list[RelationItem] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def entities_typed(self) -> Counts:
        """Typed entity counts over all types."""
        return sum_counts(self.entities.values())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def relations_micro(self) -> Counts:
        """Relation counts over the 13 schema types."""
        return sum_counts(self.relations.values())


# ---------------------------------------------------------------------- scoring
def _entity_items(predicted: Sequence[Entity]) -> list[tuple[set[str], str]]:
    return [(name_keys(e.name, e.aliases), e.type) for e in predicted]


def _score_entities(gold: GoldDocument, predicted: Sequence[Entity]) -> tuple[dict[str, Counts], Counts, list, list]:
    gold_keys = [e.keys() for e in gold.entities]
    pred = _entity_items(predicted)

    def candidates(typed: bool) -> list[list[int]]:
        return [
            [j for j, (keys, t) in enumerate(pred) if keys & gold_keys[i] and (not typed or t == g.type)]
            for i, g in enumerate(gold.entities)
        ]

    typed = match_one_to_one(len(gold.entities), candidates(True))
    untyped = match_one_to_one(len(gold.entities), candidates(False))
    by_type: dict[str, Counts] = {}
    for i, g in enumerate(gold.entities):
        add_by_key(by_type, {g.type: Counts(tp=1) if i in typed else Counts(fn=1)})
    matched_pred = set(typed.values())
    for j, (_, t) in enumerate(pred):
        if j not in matched_pred:
            add_by_key(by_type, {t: Counts(fp=1)})
    n_untyped = len(untyped)
    untyped_counts = Counts(tp=n_untyped, fp=len(pred) - n_untyped, fn=len(gold.entities) - n_untyped)

    missed = []
    for i, g in enumerate(gold.entities):
        if i not in typed:
            found = [
                f"{predicted[j].type} {predicted[j].name!r}" for j, (keys, _) in enumerate(pred) if keys & gold_keys[i]
            ]
            reason = f"found as {', '.join(found)}" if found else "not found"
            missed.append(EntityItem(name=g.name, type=g.type, aliases=g.aliases, reason=reason))
    false = []
    for j, e in enumerate(predicted):
        if j in matched_pred:
            continue
        named = [g for i, g in enumerate(gold.entities) if pred[j][0] & gold_keys[i]]
        if any(g.type == e.type for g in named):
            reason = "a second entity for one gold referent"
        elif named:
            reason = "gold " + ", ".join(f"{g.name!r} is {g.type}" for g in named)
        else:
            reason = "not a gold entity"
        false.append(EntityItem(name=e.name, type=e.type, aliases=e.aliases, reason=reason))
    return by_type, untyped_counts, missed, false


def _unique_gold_relations(gold: GoldDocument) -> list[tuple[int, str, int, str]]:
    """(subject index, type, object index, evidence) of each distinct gold relation, first evidence kept."""
    unique: dict[tuple[int, str, int], str] = {}
    for r in gold.relations:
        s, o = gold.entity_index(r.subject), gold.entity_index(r.object)
        assert s is not None and o is not None  # checked when the file was validated
        if r.relation in _SYMMETRIC:
            s, o = min(s, o), max(s, o)
        unique.setdefault((s, r.relation, o), r.evidence)
    return [(s, rel, o, evidence) for (s, rel, o), evidence in unique.items()]


def _unique_predicted_relations(predicted: Sequence[Relation]) -> tuple[list[Relation], int]:
    """The schema-typed predicted relations (partner_of once per pair), and the number of open ones."""
    scored: dict[tuple[str, str, str], Relation] = {}
    open_count = 0
    for r in predicted:
        if r.relation not in SCHEMA_RELATIONS:
            open_count += 1
            continue
        s, o = r.subject.id or r.subject.name, r.object.id or r.object.name
        if r.relation in _SYMMETRIC:
            s, o = min(s, o), max(s, o)
        key = (s, r.relation, o)
        if key not in scored or r.confidence > scored[key].confidence:
            scored[key] = r
    return list(scored.values()), open_count


def _relation_item(r: Relation, reason: str) -> RelationItem:
    return RelationItem(
        subject=r.subject.name,
        relation=r.relation,
        object=r.object.name,
        predicate=r.predicate,
        confidence=r.confidence,
        evidence=r.evidence[0].sentence if r.evidence else "",
        reason=reason,
    )


def _score_relations(
    gold: GoldDocument, predicted: Sequence[Relation], predicted_entities: Sequence[Entity]
) -> tuple[dict[str, Counts], int, list[RelationItem], list[RelationItem]]:
    gold_rels = _unique_gold_relations(gold)
    pred_rels, open_count = _unique_predicted_relations(predicted)
    gold_keys = [e.keys() for e in gold.entities]
    pred_args = [
        (name_keys(r.subject.name, r.subject.aliases), name_keys(r.object.name, r.object.aliases)) for r in pred_rels
    ]

    def direction(i: int, j: int) -> str | None:
        """How predicted relation ``j`` links the arguments of gold relation ``i``: "forward", "reverse" or None."""
        s, _, o, _ = gold_rels[i]
        ps, po = pred_args[j]
        if ps & gold_keys[s] and po & gold_keys[o]:
            return "forward"
        if ps & gold_keys[o] and po & gold_keys[s]:
            return "reverse"
        return None

    links = [[direction(i, j) for j in range(len(pred_rels))] for i in range(len(gold_rels))]
    candidates = [
        [
            j
            for j, p in enumerate(pred_rels)
            if p.relation == rel and (links[i][j] == "forward" or (rel in _SYMMETRIC and links[i][j]))
        ]
        for i, (_, rel, _, _) in enumerate(gold_rels)
    ]
    matched = match_one_to_one(len(gold_rels), candidates)
    extracted = [name_keys(e.name, e.aliases) for e in predicted_entities]
    by_type: dict[str, Counts] = {}
    missed = []
    for i, (s, rel, o, evidence) in enumerate(gold_rels):
        add_by_key(by_type, {rel: Counts(tp=1) if i in matched else Counts(fn=1)})
        if i in matched:
            continue
        subject, obj = gold.entities[s].name, gold.entities[o].name
        lost = [repr(gold.entities[k].name) for k in (s, o) if not any(keys & gold_keys[k] for keys in extracted)]
        found = sorted({f"{p.relation} ({links[i][j]})" for j, p in enumerate(pred_rels) if links[i][j]})
        if lost:
            reason = f"{' and '.join(lost)} not extracted"
        elif found:
            reason = f"predicted as {', '.join(found)}"
        else:
            reason = "no relation predicted between them"
        missed.append(RelationItem(subject=subject, relation=rel, object=obj, evidence=evidence, reason=reason))
    matched_pred = set(matched.values())
    false = []
    for j, p in enumerate(pred_rels):
        if j in matched_pred:
            continue
        add_by_key(by_type, {p.relation: Counts(fp=1)})
        gold_found = sorted({f"{rel} ({links[i][j]})" for i, (_, rel, _, _) in enumerate(gold_rels) if links[i][j]})
        duplicate = {f"{p.relation} (forward)"} | ({f"{p.relation} (reverse)"} if p.relation in _SYMMETRIC else set())
        if duplicate & set(gold_found):
            reason = "duplicate of a matched relation"
        elif gold_found:
            reason = f"gold relation is {', '.join(gold_found)}"
        else:
            reason = "not in gold"
        false.append(_relation_item(p, reason))
    return by_type, open_count, missed, false


def score_graph(
    gold: GoldDocument, predicted_entities: Sequence[Entity], predicted_relations: Sequence[Relation]
) -> DocumentScore:
    """Score one document's predicted entities and relations against its gold graph.

    Parameters
    ----------
    gold
        The document's gold graph.
    predicted_entities, predicted_relations
        What kg extracted from the document (``graph.entities()``, ``graph.relations()``).

    Returns
    -------
    DocumentScore
        Typed entity counts by type, untyped entity counts, relation counts by type, the number
        of open relations, and the missed and false items with the reason of each.

    Examples
    --------
    >>> from kg.models import Entity, Relation
    >>> gold = GoldDocument.model_validate({
    ...     "doc_id": "d", "text_file": "d.txt",
    ...     "entities": [{"name": "Mark Zuckerberg", "type": "PER", "aliases": ["Zuckerberg"]},
    ...                  {"name": "Meta", "type": "ORG"}],
    ...     "relations": [{"subject": "Mark Zuckerberg", "relation": "founder_of", "object": "Meta",
    ...                    "evidence": "Zuckerberg fundou a Meta."}]})
    >>> zuck = Entity(id="PER:zuckerberg", name="Zuckerberg", type="PER")
    >>> meta = Entity(id="ORG:meta", name="a Meta", type="ORG")
    >>> founded = Relation(subject=zuck, relation="founder_of", object=meta, confidence=0.9)
    >>> score = score_graph(gold, [zuck, meta], [founded])
    >>> score.entities_typed.f1, score.relations_micro.f1
    (1.0, 1.0)
    """
    entities, untyped, missed_entities, false_entities = _score_entities(gold, predicted_entities)
    relations, open_count, missed_relations, false_relations = _score_relations(
        gold, predicted_relations, predicted_entities
    )
    return DocumentScore(
        doc_id=gold.doc_id,
        entities=dict(sorted(entities.items())),
        entities_untyped=untyped,
        relations=dict(sorted(relations.items())),
        open_relations=open_count,
        missed_entities=missed_entities,
        false_entities=false_entities,
        missed_relations=missed_relations,
        false_relations=false_relations,
    )


def evaluate_graphs(golds: Sequence[tuple[Path, GoldDocument]], nlp: Language) -> dict:
    """Extract each gold document's text with ``nlp`` and score it; micro-average over documents.

    Returns
    -------
    dict
        JSON-able: ``documents``, ``entities`` (``typed``, ``untyped``, ``by_type``), ``relations``
        (``micro``, ``by_type``, ``open_relations``) and ``per_document`` (each a
        :class:`DocumentScore` as a dict).
    """
    from kg.extract import extract_documents

    scores = []
    for path, gold in golds:
        text_path = path.parent / gold.text_file
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{path}: cannot read its text file {text_path}: {error}") from error
        graph = extract_documents(nlp, [Document(id=gold.doc_id, text=text, source=str(text_path))])
        scores.append(score_graph(gold, graph.entities(), graph.relations()))
    return summarise_graph_scores(scores)


def summarise_graph_scores(scores: Sequence[DocumentScore]) -> dict:
    """The micro-average of per-document scores (counts summed over documents), as a JSON-able dict."""
    by_type: dict[str, Counts] = {}
    relations: dict[str, Counts] = {}
    for score in scores:
        add_by_key(by_type, score.entities)
        add_by_key(relations, score.relations)
    return {
        "documents": len(scores),
        "entities": {
            "typed": sum_counts(s.entities_typed for s in scores).model_dump(),
            "untyped": sum_counts(s.entities_untyped for s in scores).model_dump(),
            "by_type": {t: c.model_dump() for t, c in sorted(by_type.items())},
        },
        "relations": {
            "micro": sum_counts(relations.values()).model_dump(),
            "by_type": {t: c.model_dump() for t, c in sorted(relations.items())},
            "open_relations": sum(s.open_relations for s in scores),
        },
        "per_document": [s.model_dump() for s in scores],
    }
