"""Relation patterns on hand-parsed Portuguese sentences (UD labels), no trained model needed."""

from __future__ import annotations

import pytest
from builders import annotate, parsed


def triples(doc):
    names = [max(e["names"], key=e["names"].get) for e in doc._.kg_entities]
    return {(names[r["subject"]], r["relation"], names[r["object"]]): r for r in doc._.kg_relations}


APPOSITION = parsed(
    [
        ("Mark", "PROPN", 7, "nsubj"),
        ("Zuckerberg", "PROPN", 0, "flat:name"),
        (",", "PUNCT", 3, "punct"),
        ("fundador", "NOUN", 0, "appos"),
        ("da", "ADP", 5, "case"),
        ("Meta", "PROPN", 3, "nmod"),
        (",", "PUNCT", 3, "punct"),
        ("criou", "VERB", 7, "ROOT", "criar"),
        ("o", "DET", 9, "det"),
        ("PyTorch", "PROPN", 7, "obj"),
        (".", "PUNCT", 7, "punct"),
    ],
    ents=[(0, 2, "PER"), (5, 6, "ORG")],
)

PASSIVE = parsed(
    [
        ("O", "DET", 1, "det"),
        ("PyTorch", "PROPN", 3, "nsubj:pass"),
        ("foi", "AUX", 3, "aux:pass", "ser"),
        ("desenvolvido", "VERB", 3, "ROOT", "desenvolver"),
        ("pela", "ADP", 5, "case"),
        ("Meta", "PROPN", 3, "obl:agent"),
        (".", "PUNCT", 3, "punct"),
    ],
    ents=[(1, 2, "ORG"), (5, 6, "ORG")],
)

COORDINATION = parsed(
    [
        ("A", "DET", 1, "det"),
        ("AMD", "PROPN", 8, "nsubj"),
        (",", "PUNCT", 4, "punct"),
        ("a", "DET", 4, "det"),
        ("Nvidia", "PROPN", 1, "conj"),
        ("e", "CCONJ", 7, "cc"),
        ("o", "DET", 7, "det"),
        ("Google", "PROPN", 1, "conj"),
        ("usam", "VERB", 8, "ROOT", "usar"),
        ("o", "DET", 10, "det"),
        ("Android", "PROPN", 8, "obj"),
        (".", "PUNCT", 8, "punct"),
    ],
    ents=[(1, 2, "ORG"), (4, 5, "ORG"), (7, 8, "ORG"), (10, 11, "MISC")],
)

RELATIVE_CLAUSE = parsed(
    [
        ("A", "DET", 1, "det"),
        ("Meta", "PROPN", 8, "nsubj"),
        (",", "PUNCT", 4, "punct"),
        ("que", "PRON", 4, "nsubj"),
        ("criou", "VERB", 1, "acl:relcl", "criar"),
        ("o", "DET", 6, "det"),
        ("PyTorch", "PROPN", 4, "obj"),
        (",", "PUNCT", 4, "punct"),
        ("cresceu", "VERB", 8, "ROOT", "crescer"),
        (".", "PUNCT", 8, "punct"),
    ],
    ents=[(1, 2, "ORG")],
)

RENAMING = parsed(
    [
        ("A", "DET", 1, "det"),
        ("Meta", "PROPN", 6, "nsubj"),
        ("(", "PUNCT", 4, "punct"),
        ("anteriormente", "ADV", 4, "advmod"),
        ("Facebook", "PROPN", 1, "appos"),
        (")", "PUNCT", 4, "punct"),
        ("cresceu", "VERB", 6, "ROOT", "crescer"),
        (".", "PUNCT", 6, "punct"),
    ],
    ents=[(1, 2, "ORG"), (4, 5, "ORG")],
)

ROLE_BEFORE_NAME = parsed(
    [
        ("O", "DET", 1, "det"),
        ("CEO", "NOUN", 8, "nsubj", "ceo"),
        ("da", "ADP", 3, "case"),
        ("Apple", "PROPN", 1, "nmod"),
        (",", "PUNCT", 5, "punct"),
        ("Tim", "PROPN", 1, "appos"),
        ("Cook", "PROPN", 5, "flat:name"),
        (",", "PUNCT", 5, "punct"),
        ("falou", "VERB", 8, "ROOT", "falar"),
        (".", "PUNCT", 8, "punct"),
    ],
    ents=[(3, 4, "ORG"), (5, 7, "PER")],
)

PRODUCT_OF_MAKER = parsed(
    [
        ("O", "DET", 1, "det"),
        ("Autopilot", "PROPN", 4, "nsubj"),
        ("da", "ADP", 3, "case"),
        ("Tesla", "PROPN", 1, "nmod"),
        ("usa", "VERB", 4, "ROOT", "usar"),
        ("o", "DET", 6, "det"),
        ("PyTorch", "PROPN", 4, "obj"),
        (".", "PUNCT", 4, "punct"),
    ],
    ents=[(3, 4, "ORG")],
)

UMBRELLA = parsed(
    [
        ("A", "DET", 1, "det"),
        ("PyTorch", "PROPN", 11, "nsubj"),
        ("Foundation", "PROPN", 1, "flat:name"),
        (",", "PUNCT", 6, "punct"),
        ("sob", "ADP", 6, "case"),
        ("o", "DET", 6, "det"),
        ("guarda-chuva", "NOUN", 1, "nmod"),
        ("da", "ADP", 8, "case"),
        ("Linux", "PROPN", 6, "nmod"),
        ("Foundation", "PROPN", 8, "flat:name"),
        (",", "PUNCT", 6, "punct"),
        ("cresceu", "VERB", 11, "ROOT", "crescer"),
        (".", "PUNCT", 11, "punct"),
    ],
    ents=[(1, 3, "ORG"), (8, 10, "ORG")],
)

PRONOUN = parsed(
    [
        ("O", "DET", 1, "det"),
        ("PyTorch", "PROPN", 3, "nsubj"),
        ("é", "AUX", 3, "cop", "ser"),
        ("popular", "ADJ", 3, "ROOT"),
        (".", "PUNCT", 3, "punct"),
        ("Ele", "PRON", 6, "nsubj", "ele"),
        ("usa", "VERB", 6, "ROOT", "usar"),
        ("Python", "PROPN", 6, "obj"),
        (".", "PUNCT", 6, "punct"),
    ],
)

OPEN_RELATION = parsed(
    [
        ("A", "DET", 1, "det"),
        ("Petrobras", "PROPN", 2, "nsubj"),
        ("visitou", "VERB", 2, "ROOT", "visitar"),
        ("a", "DET", 4, "det"),
        ("Embrapa", "PROPN", 2, "obj"),
        (".", "PUNCT", 2, "punct"),
    ],
    ents=[(1, 2, "ORG"), (4, 5, "ORG")],
)


@pytest.mark.parametrize(
    "doc, expected",
    [
        (APPOSITION, ("Mark Zuckerberg", "founder_of", "Meta")),
        (APPOSITION, ("Mark Zuckerberg", "developer_of", "PyTorch")),
        (PASSIVE, ("Meta", "developer_of", "PyTorch")),
        (COORDINATION, ("AMD", "uses", "Android")),
        (COORDINATION, ("Nvidia", "uses", "Android")),
        (COORDINATION, ("Google", "uses", "Android")),
        (RELATIVE_CLAUSE, ("Meta", "developer_of", "PyTorch")),
        (RENAMING, ("Meta", "formerly_known_as", "Facebook")),
        (ROLE_BEFORE_NAME, ("Tim Cook", "leader_of", "Apple")),
        (PRODUCT_OF_MAKER, ("Tesla", "developer_of", "Autopilot")),
        (PRODUCT_OF_MAKER, ("Autopilot", "uses", "PyTorch")),
        (UMBRELLA, ("PyTorch Foundation", "part_of", "Linux Foundation")),
        (PRONOUN, ("PyTorch", "uses", "Python")),
        (OPEN_RELATION, ("Petrobras", "related_to", "Embrapa")),
    ],
)
def test_pattern_finds_relation(doc, expected):
    found = triples(annotate(doc))
    assert expected in found, sorted(found)


def test_passive_voice_is_not_read_backwards():
    found = triples(annotate(PASSIVE))
    assert ("PyTorch", "developer_of", "Meta") not in found


def test_renaming_keeps_two_entities():
    doc = annotate(RENAMING)
    assert sorted(t for e in doc._.kg_entities for t in e["names"]) == ["Facebook", "Meta"]


def test_evidence_is_the_sentence_with_offsets():
    doc = annotate(PRONOUN)
    (relation,) = [r for r in doc._.kg_relations if r["relation"] == "uses"]
    assert doc.text[relation["start"] : relation["end"]] == "Ele usa Python."


def test_strong_patterns_outrank_weak_ones():
    by_pattern = triples(annotate(PRODUCT_OF_MAKER))
    direct = triples(annotate(PASSIVE))[("Meta", "developer_of", "PyTorch")]["confidence"]
    bare_de = by_pattern[("Tesla", "developer_of", "Autopilot")]["confidence"]
    pronoun = triples(annotate(PRONOUN))[("PyTorch", "uses", "Python")]["confidence"]
    open_relation = triples(annotate(OPEN_RELATION))[("Petrobras", "related_to", "Embrapa")]["confidence"]
    assert direct > bare_de > open_relation
    assert direct > pronoun


def test_coordinated_members_each_get_the_relation_with_lower_confidence():
    found = triples(annotate(COORDINATION))
    assert found[("AMD", "uses", "Android")]["confidence"] > found[("Google", "uses", "Android")]["confidence"]


def test_relation_types_respect_the_schema():
    # "usar" with a person as object is not "uses" (its object must be a PROJECT).
    doc = annotate(
        parsed(
            [
                ("A", "DET", 1, "det"),
                ("Petrobras", "PROPN", 2, "nsubj"),
                ("usa", "VERB", 2, "ROOT", "usar"),
                ("Maria", "PROPN", 2, "obj"),
                (".", "PUNCT", 2, "punct"),
            ],
            ents=[(1, 2, "ORG"), (3, 4, "PER")],
        )
    )
    assert all(r["relation"] != "uses" for r in doc._.kg_relations)
