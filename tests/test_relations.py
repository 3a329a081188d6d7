"""Relation patterns on hand-parsed Portuguese sentences (UD labels), no trained model needed."""

from __future__ import annotations

import pytest
from builders import annotate, parsed
from spacy.tokens import Doc


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


def _woman_then_pronoun(pronoun: str) -> Doc:
    """'João Lima elogiou Ana Souza. <pronoun> fundou a Zyxel.'"""
    return parsed(
        [
            ("João", "PROPN", 2, "nsubj"),
            ("Lima", "PROPN", 0, "flat:name"),
            ("elogiou", "VERB", 2, "ROOT", "elogiar"),
            ("Ana", "PROPN", 2, "obj"),
            ("Souza", "PROPN", 3, "flat:name"),
            (".", "PUNCT", 2, "punct"),
            (pronoun, "PRON", 7, "nsubj", pronoun.lower()),
            ("fundou", "VERB", 7, "ROOT", "fundar"),
            ("a", "DET", 9, "det"),
            ("Zyxel", "PROPN", 7, "obj"),
            (".", "PUNCT", 7, "punct"),
        ],
        ents=[(0, 2, "PER"), (3, 5, "PER"), (9, 10, "ORG")],
    )


def test_a_pronoun_refers_to_a_name_of_its_gender():
    # "Ela" is Ana Souza although João Lima, the subject before it, is the usual topic.
    found = triples(annotate(_woman_then_pronoun("Ela")))
    assert ("Ana Souza", "founder_of", "Zyxel") in found
    assert ("João Lima", "founder_of", "Zyxel") not in found
    found = triples(annotate(_woman_then_pronoun("Ele")))
    assert ("João Lima", "founder_of", "Zyxel") in found


def test_a_plural_pronoun_stands_for_no_single_name():
    found = triples(annotate(_woman_then_pronoun("Eles")))
    assert not any(relation == "founder_of" for _, relation, _ in found), sorted(found)


def test_a_demonstrative_o_or_a_stands_for_no_name():
    # "A Zyxel cresceu. A marca é a da Qbit, presidida por Ana Souza.": "a" is "the one of the Qbit",
    # not the Zyxel; only an object clitic ("que o acusa") refers back to a name.
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("cresceu", "VERB", 2, "ROOT", "crescer"),
            (".", "PUNCT", 2, "punct"),
            ("A", "DET", 5, "det"),
            ("marca", "NOUN", 7, "nsubj"),
            ("é", "AUX", 7, "cop", "ser"),
            ("a", "PRON", 7, "ROOT"),
            ("da", "ADP", 9, "case", "de"),
            ("Qbit", "PROPN", 7, "nmod"),
            (",", "PUNCT", 11, "punct"),
            ("presidida", "VERB", 7, "acl", "presidir"),
            ("por", "ADP", 13, "case"),
            ("Ana", "PROPN", 11, "obl:agent"),
            ("Souza", "PROPN", 13, "flat:name"),
            (".", "PUNCT", 7, "punct"),
        ],
        ents=[(1, 2, "ORG"), (9, 10, "ORG"), (13, 15, "PER")],
    )
    found = triples(annotate(doc))
    assert not [t for t in found if t[0] == "Ana Souza" and t[2] == "Zyxel"], sorted(found)


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


BOARD = parsed(
    [
        ("A", "DET", 1, "det"),
        ("Fundação", "PROPN", 3, "nsubj"),
        ("Eclipse", "PROPN", 1, "flat:name"),
        ("criou", "VERB", 3, "ROOT", "criar"),
        ("um", "DET", 5, "det"),
        ("conselho", "NOUN", 3, "obj"),
        ("composto", "VERB", 5, "acl", "compor"),
        ("por", "ADP", 8, "case"),
        ("representantes", "NOUN", 6, "obl:agent", "representante"),
        ("da", "ADP", 10, "case", "de"),
        ("IBM", "PROPN", 8, "nmod"),
        (",", "PUNCT", 13, "punct"),
        ("da", "ADP", 13, "case", "de"),
        ("SAP", "PROPN", 10, "conj"),
        ("e", "CCONJ", 16, "cc"),
        ("da", "ADP", 16, "case", "de"),
        ("Oracle", "PROPN", 10, "conj"),
        (".", "PUNCT", 3, "punct"),
    ],
    ents=[(1, 3, "ORG"), (10, 11, "ORG"), (13, 14, "ORG"), (16, 17, "ORG")],
)

# "A Fundação Zeta, sob o guarda-chuva da Fundação Linux, cresceu. Os membros do conselho incluem a IBM e a SAP."
BOARD_UNDER_AN_UMBRELLA = parsed(
    [
        ("A", "DET", 1, "det"),
        ("Fundação", "PROPN", 10, "nsubj"),
        ("Zeta", "PROPN", 1, "flat:name"),
        (",", "PUNCT", 6, "punct"),
        ("sob", "ADP", 6, "case"),
        ("o", "DET", 6, "det"),
        ("guarda-chuva", "NOUN", 1, "nmod"),
        ("da", "ADP", 8, "case", "de"),
        ("Fundação", "PROPN", 6, "nmod"),
        ("Linux", "PROPN", 8, "flat:name"),
        ("cresceu", "VERB", 10, "ROOT", "crescer"),
        (".", "PUNCT", 10, "punct"),
        ("Os", "DET", 13, "det"),
        ("membros", "NOUN", 16, "nsubj", "membro"),
        ("do", "ADP", 15, "case", "de"),
        ("conselho", "NOUN", 13, "nmod"),
        ("incluem", "VERB", 16, "ROOT", "incluir"),
        ("a", "DET", 18, "det"),
        ("IBM", "PROPN", 16, "obj"),
        ("e", "CCONJ", 21, "cc"),
        ("a", "DET", 21, "det"),
        ("SAP", "PROPN", 18, "conj"),
        (".", "PUNCT", 16, "punct"),
    ],
    ents=[(1, 3, "ORG"), (8, 10, "ORG"), (18, 19, "ORG"), (21, 22, "ORG")],
)

# "O Godot e o Krita são algumas das aplicações mais conhecidas da biblioteca Qt": the parser hung
# the library on "conhecidas", not on "aplicações".
APPLICATION_ROWS = [
    ("O", "DET", 1, "det"),
    ("Godot", "PROPN", 6, "nsubj"),
    ("e", "CCONJ", 4, "cc"),
    ("o", "DET", 4, "det"),
    ("Krita", "PROPN", 1, "conj"),
    ("são", "AUX", 6, "cop", "ser"),
    ("algumas", "PRON", 6, "ROOT", "algum"),
    ("das", "ADP", 8, "case", "de"),
    ("aplicações", "NOUN", 6, "nmod", "aplicação"),
    ("mais", "ADV", 10, "advmod"),
    ("conhecidas", "VERB", 8, "acl", "conhecer"),
    ("da", "ADP", 12, "case", "de"),
    ("biblioteca", "NOUN", 10, "obl"),
    ("Qt", "PROPN", 12, "appos"),
    (".", "PUNCT", 6, "punct"),
]
APPLICATIONS = parsed(APPLICATION_ROWS, ents=[(1, 2, "ORG"), (4, 5, "ORG"), (13, 14, "ORG")])
# The same, with "da biblioteca" read as the object of "conhecidas".
APPLICATIONS_OF_AN_OBJECT = parsed(
    [(*row[:3], "obj") if row[0] == "biblioteca" else row for row in APPLICATION_ROWS],
    ents=[(1, 2, "ORG"), (4, 5, "ORG"), (13, 14, "ORG")],
)

# The parser hung "da Zyxel" on the noun before the product's name.
PRODUCT_BEFORE_ITS_MAKER = parsed(
    [
        ("Ele", "PRON", 1, "nsubj"),
        ("usa", "VERB", 1, "ROOT", "usar"),
        ("os", "DET", 3, "det"),
        ("processadores", "NOUN", 1, "obj", "processador"),
        ("Aurora", "PROPN", 3, "appos"),
        ("Z", "PROPN", 4, "flat:name"),
        ("da", "ADP", 7, "case", "de"),
        ("Zyxel", "PROPN", 3, "nmod"),
        (".", "PUNCT", 1, "punct"),
    ],
    ents=[(4, 6, "MISC"), (7, 8, "ORG")],
)

# The parser hung "empresa" on "marketing", not on the name before the comma.
GENERIC_APPOSITION = parsed(
    [
        ("Ana", "PROPN", 2, "nsubj"),
        ("Lobo", "PROPN", 0, "flat:name"),
        ("falou", "VERB", 2, "ROOT", "falar"),
        ("do", "ADP", 4, "case", "de"),
        ("marketing", "NOUN", 2, "obl"),
        ("da", "ADP", 6, "case", "de"),
        ("Zyxel", "PROPN", 4, "nmod"),
        (",", "PUNCT", 8, "punct"),
        ("empresa", "NOUN", 4, "appos"),
        ("comprada", "VERB", 8, "acl", "comprar"),
        ("pela", "ADP", 11, "case", "por"),
        ("Quark", "PROPN", 9, "obl:agent"),
        (".", "PUNCT", 2, "punct"),
    ],
    ents=[(0, 2, "PER"), (6, 7, "ORG"), (11, 12, "ORG")],
)
GENERIC_APPOSITION[9].set_morph("VerbForm=Part|Voice=Pass")


@pytest.mark.parametrize(
    "doc, expected",
    [
        (BOARD, ("IBM", "member_of", "Fundação Eclipse")),
        (BOARD, ("SAP", "member_of", "Fundação Eclipse")),
        (BOARD, ("Oracle", "member_of", "Fundação Eclipse")),
        (BOARD_UNDER_AN_UMBRELLA, ("IBM", "member_of", "Fundação Zeta")),
        (BOARD_UNDER_AN_UMBRELLA, ("SAP", "member_of", "Fundação Zeta")),
        (APPLICATIONS, ("Godot", "uses", "Qt")),
        (APPLICATIONS, ("Krita", "uses", "Qt")),
        (APPLICATIONS_OF_AN_OBJECT, ("Godot", "uses", "Qt")),
        (PRODUCT_BEFORE_ITS_MAKER, ("Zyxel", "developer_of", "Aurora Z")),
        (GENERIC_APPOSITION, ("Quark", "owner_of", "Zyxel")),
    ],
)
def test_pattern_finds_relation_the_parse_alone_misses(doc, expected):
    found = triples(annotate(doc))
    assert expected in found, sorted(found)


def test_a_board_under_an_umbrella_is_the_member_organisations_not_the_umbrellas():
    found = triples(annotate(BOARD_UNDER_AN_UMBRELLA))
    assert ("IBM", "member_of", "Fundação Linux") not in found


def test_the_body_after_membro_de_is_not_a_member():
    # "Ana, membro auxiliar da Corregedoria do Conselho Nacional, falou."
    doc = parsed(
        [
            ("Ana", "PROPN", 10, "nsubj"),
            (",", "PUNCT", 2, "punct"),
            ("membro", "NOUN", 0, "appos", "membro"),
            ("auxiliar", "ADJ", 2, "amod"),
            ("da", "ADP", 5, "case", "de"),
            ("Corregedoria", "PROPN", 2, "nmod"),
            ("do", "ADP", 7, "case", "de"),
            ("Conselho", "PROPN", 5, "nmod", "conselho"),
            ("Nacional", "PROPN", 7, "flat:name"),
            (",", "PUNCT", 2, "punct"),
            ("falou", "VERB", 10, "ROOT", "falar"),
            (".", "PUNCT", 10, "punct"),
        ],
        ents=[(0, 1, "PER"), (5, 6, "ORG"), (7, 9, "ORG")],
    )
    found = triples(annotate(doc))
    assert ("Ana", "member_of", "Corregedoria") in found
    assert not any(s == "Corregedoria" and r == "member_of" for s, r, _ in found), sorted(found)


def test_a_coordinated_role_with_its_own_article_is_another_persons():
    # "o presidente Ana Lobo e o presidente do Senado se reuniram": Ana Lobo does not lead the Senado.
    doc = parsed(
        [
            ("o", "DET", 1, "det"),
            ("presidente", "NOUN", 10, "nsubj"),
            ("Ana", "PROPN", 1, "flat:name"),
            ("Lobo", "PROPN", 2, "flat:name"),
            ("e", "CCONJ", 6, "cc"),
            ("o", "DET", 6, "det"),
            ("presidente", "NOUN", 1, "conj"),
            ("do", "ADP", 8, "case", "de"),
            ("Senado", "PROPN", 6, "nmod"),
            ("se", "PRON", 10, "expl"),
            ("reuniram", "VERB", 10, "ROOT", "reunir"),
            (".", "PUNCT", 10, "punct"),
        ],
        ents=[(2, 4, "PER"), (8, 9, "ORG")],
    )
    assert ("Ana Lobo", "leader_of", "Senado") not in triples(annotate(doc))


def test_a_wider_place_after_a_comma_is_a_location_too():
    # "O Colby College, em Maine, nos Estados Unidos, criou ...": the parser hung the country on the verb.
    doc = parsed(
        [
            ("O", "DET", 2, "det"),
            ("Colby", "PROPN", 12, "nsubj"),
            ("College", "PROPN", 1, "flat:name"),
            (",", "PUNCT", 5, "punct"),
            ("em", "ADP", 5, "case", "em"),
            ("Maine", "PROPN", 1, "nmod"),
            (",", "PUNCT", 8, "punct"),
            ("nos", "ADP", 8, "case", "em"),
            ("Estados", "PROPN", 12, "obl"),
            ("Unidos", "PROPN", 8, "flat:name"),
            (",", "PUNCT", 8, "punct"),
            ("já", "ADV", 12, "advmod"),
            ("cresceu", "VERB", 12, "ROOT", "crescer"),
            (".", "PUNCT", 12, "punct"),
        ],
        ents=[(1, 3, "ORG"), (5, 6, "LOC"), (8, 10, "LOC")],
    )
    found = triples(annotate(doc))
    assert ("Colby College", "located_in", "Maine") in found
    assert ("Colby College", "located_in", "Estados Unidos") in found


def test_a_person_of_a_described_organisation_works_there():
    # "conta Ana Lobo, do ateliê de arquitetura Zyxel & Filhos."
    doc = parsed(
        [
            ("conta", "VERB", 0, "ROOT", "contar"),
            ("Ana", "PROPN", 0, "nsubj"),
            ("Lobo", "PROPN", 1, "flat:name"),
            (",", "PUNCT", 5, "punct"),
            ("do", "ADP", 5, "case", "de"),
            ("ateliê", "NOUN", 1, "nmod"),
            ("de", "ADP", 7, "case", "de"),
            ("arquitetura", "NOUN", 5, "nmod"),
            ("Zyxel", "PROPN", 7, "appos"),
            ("&", "CCONJ", 10, "cc"),
            ("Filhos", "PROPN", 8, "conj"),
            (".", "PUNCT", 0, "punct"),
        ],
        ents=[(1, 3, "PER"), (8, 11, "ORG")],
    )
    assert ("Ana Lobo", "employee_of", "Zyxel & Filhos") in triples(annotate(doc))


@pytest.mark.parametrize("label", ["appos", "nmod"])
def test_the_complement_of_a_descriptor_belongs_to_the_name_in_apposition(label):
    # "Uma startup, a Zyxel, do empresário Rui Lobo, cresceu.", "a Zyxel" an apposition, or an
    # nmod with no preposition as the parser may label it.
    doc = parsed(
        [
            ("Uma", "DET", 1, "det"),
            ("startup", "NOUN", 12, "nsubj"),
            (",", "PUNCT", 4, "punct"),
            ("a", "DET", 4, "det"),
            ("Zyxel", "PROPN", 1, label),
            (",", "PUNCT", 7, "punct"),
            ("do", "ADP", 7, "case", "de"),
            ("empresário", "NOUN", 1, "nmod"),
            ("Rui", "PROPN", 7, "appos"),
            ("Lobo", "PROPN", 8, "flat:name"),
            (",", "PUNCT", 7, "punct"),
            ("já", "ADV", 12, "advmod"),
            ("cresceu", "VERB", 12, "ROOT", "crescer"),
            (".", "PUNCT", 12, "punct"),
        ],
        ents=[(4, 5, "ORG"), (8, 10, "PER")],
    )
    assert ("Rui Lobo", "owner_of", "Zyxel") in triples(annotate(doc))


def test_of_two_subjects_the_one_that_names_something_is_the_subject():
    # "Os laboratórios Zyxel ficam em Lisboa", the name parsed as a second subject of the verb.
    doc = parsed(
        [
            ("Os", "DET", 1, "det"),
            ("laboratórios", "NOUN", 3, "nsubj"),
            ("Zyxel", "PROPN", 3, "nsubj"),
            ("ficam", "VERB", 3, "ROOT", "ficar"),
            ("em", "ADP", 5, "case"),
            ("Lisboa", "PROPN", 3, "obl"),
        ],
        ents=[(2, 3, "ORG"), (5, 6, "LOC")],
    )
    assert ("Zyxel", "located_in", "Lisboa") in triples(annotate(doc))


def test_a_finite_verb_hung_on_a_noun_shares_the_subject_of_the_verb_above_it():
    # "O Zyxel usa Python como linguagem e suporta Java.", "suporta" parsed as a conjunct of
    # "linguagem".
    doc = parsed(
        [
            ("O", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("usa", "VERB", 2, "ROOT", "usar"),
            ("Python", "PROPN", 2, "obj"),
            ("como", "ADP", 5, "case"),
            ("linguagem", "NOUN", 2, "xcomp"),
            ("e", "CCONJ", 7, "cc"),
            ("suporta", "VERB", 5, "conj", "suportar"),
            ("Java", "PROPN", 7, "xcomp"),
            (".", "PUNCT", 2, "punct"),
        ],
        ents=[(1, 2, "ORG"), (3, 4, "MISC"), (8, 9, "MISC")],
    )
    doc[7].set_morph("Mood=Ind|Tense=Pres|VerbForm=Fin")
    assert ("Zyxel", "uses", "Java") in triples(annotate(doc))


def test_a_name_hung_on_a_verb_as_if_it_began_a_name_is_its_object():
    # "O Zyxel suporta C++.", "C++" parsed as flat:name of "suporta".
    doc = parsed(
        [
            ("O", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("suporta", "VERB", 2, "ROOT", "suportar"),
            ("C++", "PROPN", 2, "flat:name"),
            (".", "PUNCT", 2, "punct"),
        ],
        ents=[(1, 2, "ORG"), (3, 4, "MISC")],
    )
    assert ("Zyxel", "uses", "C++") in triples(annotate(doc))


def test_places_after_a_name_are_its_locations_whatever_the_parse():
    # "O Colby College, em Maine, nos Estados Unidos, cresceu.", every word hung on the verb.
    words = ["O", "Colby", "College", ",", "em", "Maine", ",", "nos", "Estados", "Unidos", ",", "cresceu", "."]
    rows = [(w, "PUNCT" if w in ",." else "PROPN", 11, "dep") for w in words]
    rows[11] = ("cresceu", "VERB", 11, "ROOT", "crescer")
    doc = parsed(rows, ents=[(1, 3, "ORG"), (5, 6, "LOC"), (8, 10, "LOC")])
    found = triples(annotate(doc))
    assert ("Colby College", "located_in", "Maine") in found
    assert ("Colby College", "located_in", "Estados Unidos") in found


def test_a_thing_introduced_by_um_is_the_product_a_later_sentence_names():
    # "A Zyxel criou um robô. O robô recebeu o nome de Quasar."
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("criou", "VERB", 2, "ROOT", "criar"),
            ("um", "DET", 4, "det"),
            ("robô", "NOUN", 2, "obj"),
            (".", "PUNCT", 2, "punct"),
            ("O", "DET", 7, "det"),
            ("robô", "NOUN", 8, "nsubj"),
            ("recebeu", "VERB", 8, "ROOT", "receber"),
            ("o", "DET", 10, "det"),
            ("nome", "NOUN", 8, "obj"),
            ("de", "ADP", 12, "case", "de"),
            ("Quasar", "PROPN", 10, "nmod"),
            (".", "PUNCT", 8, "punct"),
        ],
        ents=[(1, 2, "ORG"), (12, 13, "MISC")],
    )
    found = triples(annotate(doc))
    assert ("Zyxel", "developer_of", "Quasar") in found, sorted(found)
    assert found[("Zyxel", "developer_of", "Quasar")]["confidence"] < 0.9


def test_a_place_after_a_comma_is_the_nearest_name_s_whatever_name_the_parser_hung_it_on():
    # "Pesquisadores da Zyxel e do Colby College, em Maine, criaram o Quasar.": the parser hung
    # "em Maine" on Zyxel.
    doc = parsed(
        [
            ("Pesquisadores", "NOUN", 11, "nsubj", "pesquisador"),
            ("da", "ADP", 2, "case", "de"),
            ("Zyxel", "PROPN", 0, "nmod"),
            ("e", "CCONJ", 5, "cc"),
            ("do", "ADP", 5, "case", "de"),
            ("Colby", "PROPN", 2, "conj"),
            ("College", "PROPN", 5, "flat:name"),
            (",", "PUNCT", 9, "punct"),
            ("em", "ADP", 9, "case"),
            ("Maine", "PROPN", 2, "nmod"),
            (",", "PUNCT", 9, "punct"),
            ("criaram", "VERB", 11, "ROOT", "criar"),
            ("o", "DET", 13, "det"),
            ("Quasar", "PROPN", 11, "obj"),
            (".", "PUNCT", 11, "punct"),
        ],
        ents=[(2, 3, "ORG"), (5, 7, "ORG"), (9, 10, "LOC"), (13, 14, "MISC")],
    )
    found = triples(annotate(doc))
    assert ("Colby College", "located_in", "Maine") in found
    assert ("Zyxel", "located_in", "Maine") not in found


def test_the_name_after_a_role_s_phrase_holds_the_role_whatever_the_parse():
    # "Em entrevista, o CEO da Zyxel, Ana Souza, anunciou o Quasar.": "Ana" hung on the verb.
    doc = parsed(
        [
            ("Em", "ADP", 1, "case"),
            ("entrevista", "NOUN", 11, "obl"),
            (",", "PUNCT", 1, "punct"),
            ("o", "DET", 4, "det"),
            ("CEO", "NOUN", 1, "appos"),
            ("da", "ADP", 6, "case", "de"),
            ("Zyxel", "PROPN", 4, "nmod"),
            (",", "PUNCT", 8, "punct"),
            ("Ana", "PROPN", 11, "parataxis"),
            ("Souza", "PROPN", 8, "flat:name"),
            (",", "PUNCT", 8, "punct"),
            ("anunciou", "VERB", 11, "ROOT", "anunciar"),
            ("o", "DET", 13, "det"),
            ("Quasar", "PROPN", 11, "obj"),
            (".", "PUNCT", 11, "punct"),
        ],
        ents=[(6, 7, "ORG"), (8, 10, "PER"), (13, 14, "MISC")],
    )
    assert ("Ana Souza", "leader_of", "Zyxel") in triples(annotate(doc))


def test_a_role_s_complement_naming_its_holder_is_looked_through_for_the_employer():
    # "O chefe da área de design da Zyxel, Ana Souza, falou.": the parser hung "Ana" on "área".
    doc = parsed(
        [
            ("O", "DET", 1, "det"),
            ("chefe", "NOUN", 12, "nsubj"),
            ("da", "ADP", 3, "case", "de"),
            ("área", "NOUN", 1, "nmod"),
            ("de", "ADP", 5, "case"),
            ("design", "NOUN", 3, "nmod"),
            ("da", "ADP", 7, "case", "de"),
            ("Zyxel", "PROPN", 5, "nmod"),
            (",", "PUNCT", 9, "punct"),
            ("Ana", "PROPN", 3, "appos"),
            ("Souza", "PROPN", 9, "flat:name"),
            (",", "PUNCT", 9, "punct"),
            ("falou", "VERB", 12, "ROOT", "falar"),
            (".", "PUNCT", 12, "punct"),
        ],
        ents=[(7, 8, "ORG"), (9, 11, "PER")],
    )
    assert ("Ana Souza", "employee_of", "Zyxel") in triples(annotate(doc))


def test_the_name_on_a_second_role_in_a_role_s_complement_holds_only_that_role():
    # "Contatos do empresário da Zyxel, do ministro da Fazenda, Ana Souza, vazaram.": the parser
    # hung "do ministro" on "empresário"; Ana Souza is the minister, not the businessman.
    doc = parsed(
        [
            ("Contatos", "NOUN", 14, "nsubj", "contato"),
            ("do", "ADP", 2, "case", "de"),
            ("empresário", "NOUN", 0, "nmod"),
            ("da", "ADP", 4, "case", "de"),
            ("Zyxel", "PROPN", 2, "nmod"),
            (",", "PUNCT", 7, "punct"),
            ("do", "ADP", 7, "case", "de"),
            ("ministro", "NOUN", 2, "nmod"),
            ("da", "ADP", 9, "case", "de"),
            ("Fazenda", "PROPN", 7, "nmod"),
            (",", "PUNCT", 11, "punct"),
            ("Ana", "PROPN", 7, "appos"),
            ("Souza", "PROPN", 11, "flat:name"),
            (",", "PUNCT", 11, "punct"),
            ("vazaram", "VERB", 14, "ROOT", "vazar"),
            (".", "PUNCT", 14, "punct"),
        ],
        ents=[(4, 5, "ORG"), (9, 10, "ORG"), (11, 13, "PER")],
    )
    found = triples(annotate(doc))
    assert ("Ana Souza", "leader_of", "Ministério da Fazenda") in found  # the portfolio names its ministry
    assert not [t for t in found if t[0] == "Ana Souza" and t[2] == "Zyxel"], sorted(found)


def test_a_company_noun_never_stands_for_a_person_hung_on_it():
    # "... o diretor de Zyxel Cloud da empresa, Ana Souza.": the parser hung the person on "empresa".
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("cresceu", "VERB", 2, "ROOT", "crescer"),
            (".", "PUNCT", 2, "punct"),
            ("Falou", "VERB", 4, "ROOT", "falar"),
            ("o", "DET", 6, "det"),
            ("diretor", "NOUN", 4, "nsubj"),
            ("de", "ADP", 8, "case"),
            ("Cloud", "PROPN", 6, "nmod"),
            ("da", "ADP", 10, "case", "de"),
            ("empresa", "NOUN", 8, "nmod"),
            (",", "PUNCT", 12, "punct"),
            ("Ana", "PROPN", 10, "appos"),
            ("Souza", "PROPN", 12, "flat:name"),
            (".", "PUNCT", 4, "punct"),
        ],
        ents=[(1, 2, "ORG"), (8, 9, "ORG"), (12, 14, "PER")],
    )
    found = triples(annotate(doc))
    assert not [t for t in found if t[0] == "Ana Souza" and t[1] == "owner_of"], sorted(found)
    assert not [t for t in found if t[2] == "Ana Souza" and t[1] == "owner_of"], sorted(found)


def test_a_company_noun_refers_back_across_a_paragraph_break():
    # "A Zyxel criou o Quasar.\n\nO CEO da empresa, Ana Souza, falou."
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("criou", "VERB", 2, "ROOT", "criar"),
            ("o", "DET", 4, "det"),
            ("Quasar", "PROPN", 2, "obj"),
            (".", "PUNCT", 2, "punct"),
            ("\n\n", "SPACE", 6, "ROOT"),
            ("O", "DET", 8, "det"),
            ("CEO", "NOUN", 15, "nsubj"),
            ("da", "ADP", 10, "case", "de"),
            ("empresa", "NOUN", 8, "nmod"),
            (",", "PUNCT", 12, "punct"),
            ("Ana", "PROPN", 8, "appos"),
            ("Souza", "PROPN", 12, "flat:name"),
            (",", "PUNCT", 12, "punct"),
            ("falou", "VERB", 15, "ROOT", "falar"),
            (".", "PUNCT", 15, "punct"),
        ],
        ents=[(1, 2, "ORG"), (4, 5, "MISC"), (12, 14, "PER")],
    )
    assert ("Ana Souza", "leader_of", "Zyxel") in triples(annotate(doc))


def test_a_fronted_participle_read_as_the_root_is_about_the_main_verb_s_subject():
    # "\nDesenvolvido pela Meta, o PyTorch fornece um mecanismo.": the parser made the participle
    # the root and "fornece" its conjunct; the paragraph's line break opens the sentence.
    doc = parsed(
        [
            ("\n", "SPACE", 1, "dep"),
            ("Desenvolvido", "VERB", 1, "ROOT", "desenvolver"),
            ("pela", "ADP", 3, "case", "por"),
            ("Meta", "PROPN", 1, "obl:agent"),
            (",", "PUNCT", 1, "punct"),
            ("o", "DET", 6, "det"),
            ("PyTorch", "PROPN", 7, "nsubj"),
            ("fornece", "VERB", 1, "conj", "fornecer"),
            ("um", "DET", 9, "det"),
            ("mecanismo", "NOUN", 7, "obj"),
            (".", "PUNCT", 1, "punct"),
        ],
        ents=[(3, 4, "ORG"), (6, 7, "MISC")],
    )
    doc[1].set_morph("VerbForm=Part|Voice=Pass")
    found = triples(annotate(doc))
    assert ("Meta", "developer_of", "PyTorch") in found


@pytest.mark.parametrize("prep, expected", [("na", {("Ana Lobo", "employee_of", "Zyxel")}), ("com", set())])
def test_working_at_an_organisation_is_employment_working_with_it_is_not(prep, expected):
    # "Ana Lobo trabalha na Zyxel." / "Ana Lobo trabalha com a Zyxel." (with, as a partner or client)
    words = [
        ("Ana", "PROPN", 2, "nsubj"),
        ("Lobo", "PROPN", 0, "flat:name"),
        ("trabalha", "VERB", 2, "ROOT", "trabalhar"),
    ]
    words += [
        (prep, "ADP", 4, "case", "em" if prep == "na" else "com"),
        ("Zyxel", "PROPN", 2, "obl"),
        (".", "PUNCT", 2, "punct"),
    ]
    doc = parsed(words, ents=[(0, 2, "PER"), (4, 5, "ORG")])
    assert {t for t in triples(annotate(doc)) if t[1] != "related_to"} == expected


@pytest.mark.parametrize("head, relation", [("Tribunal", "member_of"), ("Banco", "leader_of")])
def test_a_ministro_of_a_court_is_one_of_its_judges_not_its_leader(head, relation):
    # "O ministro do Tribunal Zorbix, Ana Lobo, votou." / "O ministro do Banco Zorbix, ..."
    doc = parsed(
        [
            ("O", "DET", 1, "det"),
            ("ministro", "NOUN", 9, "nsubj", "ministro"),
            ("do", "ADP", 3, "case", "de"),
            (head, "PROPN", 1, "nmod"),
            ("Zorbix", "PROPN", 3, "flat:name"),
            (",", "PUNCT", 6, "punct"),
            ("Ana", "PROPN", 1, "appos"),
            ("Lobo", "PROPN", 6, "flat:name"),
            (",", "PUNCT", 6, "punct"),
            ("votou", "VERB", 9, "ROOT", "votar"),
            (".", "PUNCT", 9, "punct"),
        ],
        ents=[(3, 5, "ORG"), (6, 8, "PER")],
    )
    assert ("Ana Lobo", relation, f"{head} Zorbix") in triples(annotate(doc))


SET_OFF = [("A", "DET", 1, "det"), ("Zyxel", "PROPN", 7, "nsubj"), (",", "PUNCT", 4, "punct")]
SET_OFF += [("de", "ADP", 4, "case", "de"), ("Ana", "PROPN", 1, "nmod"), ("Lobo", "PROPN", 4, "flat:name")]
SET_OFF += [(",", "PUNCT", 4, "punct"), ("cresceu", "VERB", 7, "ROOT", "crescer"), (".", "PUNCT", 7, "punct")]
BARE = [("A", "DET", 1, "det"), ("Zyxel", "PROPN", 5, "nsubj"), ("de", "ADP", 3, "case", "de")]
BARE += [("Ana", "PROPN", 1, "nmod"), ("Lobo", "PROPN", 3, "flat:name"), ("cresceu", "VERB", 5, "ROOT", "crescer")]
BARE += [(".", "PUNCT", 5, "punct")]


@pytest.mark.parametrize(
    "rows, person, expected",
    [(SET_OFF, (4, 6), {("Ana Lobo", "owner_of", "Zyxel")}), (BARE, (3, 5), set())],
)
def test_a_person_set_off_after_an_organisation_owns_it_a_bare_de_complement_does_not(rows, person, expected):
    # "A Zyxel, de Ana Lobo, cresceu." / "A Zyxel de Ana Lobo cresceu." (as "a Casa Civil de Dilma")
    doc = parsed(rows, ents=[(1, 2, "ORG"), (*person, "PER")])
    assert {t for t in triples(annotate(doc)) if t[1] != "related_to"} == expected


@pytest.mark.parametrize(
    "case, noun, expected",
    [("Em", "parceria", {("Zyxel", "partner_of", "Zorbix")}), ("De", "acordo", set())],
)
def test_de_acordo_com_says_who_told_it_not_whom_the_subject_agreed_with(case, noun, expected):
    # "Em parceria com a Zorbix, a Zyxel cresceu." / "De acordo com a Zorbix, a Zyxel cresceu."
    doc = parsed(
        [
            (case, "ADP", 1, "case", case.lower()),
            (noun, "NOUN", 8, "obl", noun),
            ("com", "ADP", 4, "case", "com"),
            ("a", "DET", 4, "det"),
            ("Zorbix", "PROPN", 1, "nmod"),
            (",", "PUNCT", 1, "punct"),
            ("a", "DET", 7, "det"),
            ("Zyxel", "PROPN", 8, "nsubj"),
            ("cresceu", "VERB", 8, "ROOT", "crescer"),
            (".", "PUNCT", 8, "punct"),
        ],
        ents=[(4, 5, "ORG"), (7, 8, "ORG")],
    )
    assert {t for t in triples(annotate(doc)) if t[1] != "related_to"} == expected


def test_a_place_after_an_organisation_is_where_it_is_unless_it_is_its_gatherings():
    # "A Zyxel em Zorbia cresceu." / "A conferência da Zyxel em Zorbia terminou."
    located = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 4, "nsubj"),
            ("em", "ADP", 3, "case", "em"),
            ("Zorbia", "PROPN", 1, "nmod"),
            ("cresceu", "VERB", 4, "ROOT", "crescer"),
        ],
        ents=[(1, 2, "ORG"), (3, 4, "LOC")],
    )
    gathering = parsed(
        [
            ("A", "DET", 1, "det"),
            ("conferência", "NOUN", 6, "nsubj", "conferência"),
            ("da", "ADP", 3, "case", "de"),
            ("Zyxel", "PROPN", 1, "nmod"),
            ("em", "ADP", 5, "case", "em"),
            ("Zorbia", "PROPN", 3, "nmod"),
            ("terminou", "VERB", 6, "ROOT", "terminar"),
        ],
        ents=[(3, 4, "ORG"), (5, 6, "LOC")],
    )
    assert ("Zyxel", "located_in", "Zorbia") in triples(annotate(located))
    assert ("Zyxel", "located_in", "Zorbia") not in triples(annotate(gathering))


def test_a_place_after_a_comma_is_not_where_a_gathering_s_organiser_is():
    # "Ana falou em congresso da Zyxel, em Zorbia." (the parser hung the place on the verb) /
    # "Ana falou em escritório da Zyxel, em Zorbia."
    def sentence(noun: tuple) -> list[tuple]:
        return [
            ("Ana", "PROPN", 1, "nsubj"),
            ("falou", "VERB", 1, "ROOT", "falar"),
            ("em", "ADP", 3, "case", "em"),
            noun,
            ("da", "ADP", 5, "case", "de"),
            ("Zyxel", "PROPN", 3, "nmod"),
            (",", "PUNCT", 8, "punct"),
            ("em", "ADP", 8, "case", "em"),
            ("Zorbia", "PROPN", 1, "obl"),
            (".", "PUNCT", 1, "punct"),
        ]

    ents = [(0, 1, "PER"), (5, 6, "ORG"), (8, 9, "LOC")]
    gathering = parsed(sentence(("congresso", "NOUN", 1, "obl", "congresso")), ents=ents)
    office = parsed(sentence(("escritório", "NOUN", 1, "obl", "escritório")), ents=ents)
    assert ("Zyxel", "located_in", "Zorbia") not in triples(annotate(gathering))
    assert ("Zyxel", "located_in", "Zorbia") in triples(annotate(office))


def test_a_bracketed_role_is_the_name_s_before_the_bracket_not_the_next_in_the_list():
    # "Soltaram os deputados do PMDB Ana Souza (presidente da Zyxel), Rui Lima e Eva Reis.": the
    # parser hung the role on "PMDB" and the names on it as a list.
    doc = parsed(
        [
            ("Soltaram", "VERB", 0, "ROOT", "soltar"),
            ("os", "DET", 2, "det"),
            ("deputados", "NOUN", 0, "obj", "deputado"),
            ("do", "ADP", 4, "case", "de"),
            ("PMDB", "PROPN", 2, "nmod"),
            ("Ana", "PROPN", 4, "appos"),
            ("Souza", "PROPN", 5, "flat:name"),
            ("(", "PUNCT", 8, "punct"),
            ("presidente", "NOUN", 4, "appos"),
            ("da", "ADP", 10, "case", "de"),
            ("Zyxel", "PROPN", 8, "nmod"),
            (")", "PUNCT", 8, "punct"),
            (",", "PUNCT", 13, "punct"),
            ("Rui", "PROPN", 4, "conj"),
            ("Lima", "PROPN", 13, "flat:name"),
            ("e", "CCONJ", 16, "cc"),
            ("Eva", "PROPN", 4, "conj"),
            ("Reis", "PROPN", 16, "flat:name"),
            (".", "PUNCT", 0, "punct"),
        ],
        ents=[(4, 5, "ORG"), (5, 7, "PER"), (10, 11, "ORG"), (13, 15, "PER"), (16, 18, "PER")],
    )
    found = triples(annotate(doc))
    assert ("Ana Souza", "leader_of", "Zyxel") in found
    assert not [t for t in found if t[0] == "Rui Lima" and t[2] == "Zyxel"], sorted(found)


@pytest.mark.parametrize(("modifier", "relation"), [("regional", "employee_of"), ("executivo", "leader_of")])
def test_a_deputy_or_regional_role_works_for_the_organisation_and_does_not_lead_it(modifier, relation):
    # "O diretor regional da Zyxel, Ana Souza, ontem falou." / "O diretor executivo da Zyxel, ..."
    doc = parsed(
        [
            ("O", "DET", 1, "det"),
            ("diretor", "NOUN", 10, "nsubj"),
            (modifier, "ADJ", 1, "amod"),
            ("da", "ADP", 4, "case", "de"),
            ("Zyxel", "PROPN", 1, "nmod"),
            (",", "PUNCT", 6, "punct"),
            ("Ana", "PROPN", 1, "appos"),
            ("Souza", "PROPN", 6, "flat:name"),
            (",", "PUNCT", 6, "punct"),
            ("ontem", "ADV", 10, "advmod"),
            ("falou", "VERB", 10, "ROOT", "falar"),
            (".", "PUNCT", 10, "punct"),
        ],
        ents=[(4, 5, "ORG"), (6, 8, "PER")],
    )
    found = {t for t in triples(annotate(doc)) if t[0] == "Ana Souza"}
    assert found == {("Ana Souza", relation, "Zyxel")}


def test_a_politician_is_a_member_of_the_party_of_his_party_and_state_tag():
    # "A senadora Ana Souza (DEM-RJ) votou."
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("senadora", "NOUN", 7, "nsubj"),
            ("Ana", "PROPN", 1, "appos"),
            ("Souza", "PROPN", 2, "flat:name"),
            ("(", "PUNCT", 5, "punct"),
            ("DEM-RJ", "PROPN", 2, "parataxis"),
            (")", "PUNCT", 5, "punct"),
            ("votou", "VERB", 7, "ROOT", "votar"),
            (".", "PUNCT", 7, "punct"),
        ],
        ents=[(2, 4, "PER"), (5, 6, "ORG")],
    )
    assert ("Ana Souza", "member_of", "DEM") in triples(annotate(doc))


ZYXEL_RESEARCHERS = [
    ("pesquisadores", "NOUN", 3, "obl:agent", "pesquisador"),
    ("da", "ADP", 7, "case", "de"),
    ("Zyxel", "PROPN", 5, "nmod"),
]
ANA_SOUZA = [("Ana", "PROPN", 3, "obl:agent"), ("Souza", "PROPN", 5, "flat:name")]


@pytest.mark.parametrize(
    ("agent", "agent_ent", "expected"),
    [
        (ZYXEL_RESEARCHERS, (7, 8, "ORG"), ("Zyxel", "developer_of", "Quasar")),
        (ANA_SOUZA, (5, 7, "PER"), ("Ana Souza", "leader_of", "Quasar")),
    ],
)
def test_an_organisation_leading_a_project_develops_it_a_person_leads_it(agent, agent_ent, expected):
    # "O Quasar será liderado por pesquisadores da Zyxel." / "O Quasar será liderado por Ana Souza."
    doc = parsed(
        [
            ("O", "DET", 1, "det"),
            ("Quasar", "PROPN", 3, "nsubj:pass"),
            ("será", "AUX", 3, "aux:pass", "ser"),
            ("liderado", "VERB", 3, "ROOT", "liderar"),
            ("por", "ADP", 5, "case"),
            *agent,
            (".", "PUNCT", 3, "punct"),
        ],
        ents=[(1, 2, "PROJECT"), agent_ent],
    )
    assert set(triples(annotate(doc))) == {expected}


@pytest.mark.parametrize(
    ("verb", "lemma", "expected"),
    [
        ("atuou", "atuar", {("Ana Souza", "leader_of", "Zyxel")}),
        ("votou", "votar", set()),  # voted as the president did: not a role she holds
    ],
)
def test_a_role_in_the_como_complement_of_an_acting_verb_is_its_subject_s(verb, lemma, expected):
    # "Ana Souza atuou como presidente da Zyxel." / "Ana Souza votou como presidente da Zyxel."
    doc = parsed(
        [
            ("Ana", "PROPN", 2, "nsubj"),
            ("Souza", "PROPN", 0, "flat:name"),
            (verb, "VERB", 2, "ROOT", lemma),
            ("como", "ADP", 4, "case"),
            ("presidente", "NOUN", 2, "obl"),
            ("da", "ADP", 6, "case", "de"),
            ("Zyxel", "PROPN", 4, "nmod"),
            (".", "PUNCT", 2, "punct"),
        ],
        ents=[(0, 2, "PER"), (6, 7, "ORG")],
    )
    assert {t for t in triples(annotate(doc)) if t[1] != "related_to"} == expected


def test_a_role_taken_in_the_passive_is_its_patient_s():
    # "Ana Souza foi contratada como consultora da Zyxel."
    doc = parsed(
        [
            ("Ana", "PROPN", 3, "nsubj:pass"),
            ("Souza", "PROPN", 0, "flat:name"),
            ("foi", "AUX", 3, "aux:pass", "ser"),
            ("contratada", "VERB", 3, "ROOT", "contratar"),
            ("como", "ADP", 5, "case"),
            ("consultora", "NOUN", 3, "xcomp"),
            ("da", "ADP", 7, "case", "de"),
            ("Zyxel", "PROPN", 5, "nmod"),
            (".", "PUNCT", 3, "punct"),
        ],
        ents=[(0, 2, "PER"), (7, 8, "ORG")],
    )
    assert ("Ana Souza", "employee_of", "Zyxel") in triples(annotate(doc))


def test_a_role_responsible_for_a_thing_holds_its_relation_to_it():
    # "A Zyxel atuará como administradora responsável pelo Quasar."
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("atuará", "VERB", 2, "ROOT", "atuar"),
            ("como", "ADP", 4, "case"),
            ("administradora", "NOUN", 2, "obl"),
            ("responsável", "ADJ", 4, "amod"),
            ("pelo", "ADP", 7, "case", "por"),
            ("Quasar", "PROPN", 5, "obl"),
            (".", "PUNCT", 2, "punct"),
        ],
        ents=[(1, 2, "ORG"), (7, 8, "PROJECT")],
    )
    assert set(triples(annotate(doc))) == {("Zyxel", "governs", "Quasar")}


@pytest.mark.parametrize("on_the_verb", [True, False])  # "como presidente" hung on the verb, or on its object
def test_a_role_given_by_a_verb_of_appointing_is_its_object_s_not_its_subject_s(on_the_verb):
    # "Rui Lima nomeou Ana Souza como presidente da Zyxel."
    doc = parsed(
        [
            ("Rui", "PROPN", 2, "nsubj"),
            ("Lima", "PROPN", 0, "flat:name"),
            ("nomeou", "VERB", 2, "ROOT", "nomear"),
            ("Ana", "PROPN", 2, "obj"),
            ("Souza", "PROPN", 3, "flat:name"),
            ("como", "ADP", 6, "case"),
            ("presidente", "NOUN", 2 if on_the_verb else 3, "obl" if on_the_verb else "nmod"),
            ("da", "ADP", 8, "case", "de"),
            ("Zyxel", "PROPN", 6, "nmod"),
            (".", "PUNCT", 2, "punct"),
        ],
        ents=[(0, 2, "PER"), (3, 5, "PER"), (8, 9, "ORG")],
    )
    found = {t for t in triples(annotate(doc)) if t[2] == "Zyxel"}
    assert found == {("Ana Souza", "leader_of", "Zyxel")}


@pytest.mark.parametrize(("added", "expected"), [("Nano", {("Zyxel", "developer_of", "Zyxel Nano")}), ("2017", set())])
def test_a_product_named_after_an_organisation_is_its_own_an_edition_is_not(added, expected):
    # "A Zyxel e o Zyxel Nano chegaram." / "A Zyxel e o Zyxel 2017 chegaram." (an edition of an event)
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 6, "nsubj"),
            ("e", "CCONJ", 4, "cc"),
            ("o", "DET", 4, "det"),
            ("Zyxel", "PROPN", 1, "conj"),
            (added, "PROPN" if added.isalpha() else "NUM", 4, "flat:name"),
            ("chegaram", "VERB", 6, "ROOT", "chegar"),
            (".", "PUNCT", 6, "punct"),
        ],
        ents=[(1, 2, "ORG"), (4, 6, "PROJECT")],
    )
    assert {t for t in triples(annotate(doc)) if t[1] != "related_to"} == expected


@pytest.mark.parametrize(
    ("deal", "expected"),
    [([], "partner_of"), ([("de", "ADP", 5, "case"), ("delação", "NOUN", 3, "nmod", "delação")], "related_to")],
)
def test_a_plea_deal_with_prosecutors_is_no_partnership(deal, expected):
    # "A Zyxel firmou acordo com a Acme." / "A Zyxel firmou acordo de delação com a Acme."
    n = len(deal)
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("firmou", "VERB", 2, "ROOT", "firmar"),
            ("acordo", "NOUN", 2, "obj"),
            *deal,
            ("com", "ADP", 6 + n, "case"),
            ("a", "DET", 6 + n, "det"),
            ("Acme", "PROPN", 3, "nmod"),
            (".", "PUNCT", 2, "punct"),
        ],
        ents=[(1, 2, "ORG"), (6 + n, 7 + n, "ORG")],
    )
    assert {t[1] for t in triples(annotate(doc))} == {expected}


@pytest.mark.parametrize(("name", "expected"), [("Acme", {"partner_of"}), ("Justiça", {"related_to"})])
def test_cooperating_with_the_judiciary_is_no_partnership(name, expected):
    # "A Zyxel colabora com a Acme." / "A Zyxel colabora com a Justiça." (a witness's cooperation)
    doc = parsed(
        [
            ("A", "DET", 1, "det"),
            ("Zyxel", "PROPN", 2, "nsubj"),
            ("colabora", "VERB", 2, "ROOT", "colaborar"),
            ("com", "ADP", 5, "case"),
            ("a", "DET", 5, "det"),
            (name, "PROPN", 2, "obl"),
            (".", "PUNCT", 2, "punct"),
        ],
        ents=[(1, 2, "ORG"), (5, 6, "ORG")],
    )
    assert {t[1] for t in triples(annotate(doc))} == expected
