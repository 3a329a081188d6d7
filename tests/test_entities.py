"""Entity typing and in-document resolution on hand-parsed Portuguese sentences."""

from __future__ import annotations

import pytest
from builders import annotate, parsed
from spacy.tokens import Span


def entities(doc):
    return {(max(e["names"], key=e["names"].get), e["type"]): sorted(e["names"]) for e in annotate(doc)._.kg_entities}


def flat(words_and_pos, ents=()):
    """A sentence whose tokens all hang off the first verb: enough for typing and aliasing. A word
    is ``(word, pos)`` or ``(word, pos, lemma)``."""
    root = next(i for i, (_, pos, *_) in enumerate(words_and_pos) if pos == "VERB")
    rows = [(w, p, root, "ROOT" if i == root else "dep", *lemma) for i, (w, p, *lemma) in enumerate(words_and_pos)]
    return parsed(rows, ents)


def test_articles_are_not_part_of_names():
    doc = flat([("A", "DET"), ("Linux", "PROPN"), ("Foundation", "PROPN"), ("cresceu", "VERB")], ents=[(0, 3, "ORG")])
    assert ("Linux Foundation", "ORG") in entities(doc)


def test_known_project_is_typed_project_whatever_the_ner_says():
    doc = flat([("O", "DET"), ("TensorFlow", "PROPN"), ("cresceu", "VERB")], ents=[(1, 2, "ORG")])
    assert ("TensorFlow", "PROJECT") in entities(doc)


def test_a_known_place_is_a_place_whatever_the_ner_says():
    # "Pyongyang disse": a capital speaking for its government had been a person in 67 articles
    doc = flat([("Pyongyang", "PROPN"), ("disse", "VERB"), ("que", "SCONJ")], ents=[(0, 1, "PER")])
    assert entities(doc) == {("Pyongyang", "LOC"): ["Pyongyang"]}
    # but not inside another name: "o deputado França Silveira"
    rows = [("o", "DET", 1, "det"), ("deputado", "NOUN", 4, "nsubj"), ("França", "PROPN", 1, "appos")]
    doc = parsed(rows + [("Silveira", "PROPN", 2, "flat:name"), ("falou", "VERB", 4, "ROOT")])
    assert entities(doc) == {}


def test_a_known_armed_group_is_an_organisation_whatever_the_ner_says():
    # "o Estado Islâmico": a place of 12 Fake.br articles, and missed in most of the other 59 naming it
    words = [
        ("O", "DET"),
        ("Estado", "PROPN"),
        ("Islâmico", "PROPN"),
        ("atacou", "VERB"),
        ("o", "DET"),
        ("Hamas", "PROPN"),
    ]
    assert entities(flat(words, [(1, 3, "LOC")])) == {
        ("Estado Islâmico", "ORG"): ["Estado Islâmico"],
        ("Hamas", "ORG"): ["Hamas"],
    }


def test_the_longest_known_name_is_found_where_names_nest():
    words = [("Ele", "PRON"), ("visitou", "VERB"), ("a", "DET"), ("Coreia", "PROPN"), ("do", "ADP"), ("Norte", "PROPN")]
    words += [("e", "CCONJ"), ("o", "DET"), ("Google", "PROPN"), ("Cloud", "PROPN")]
    assert set(entities(flat(words))) == {("Coreia do Norte", "LOC"), ("Google Cloud", "ORG")}


def test_known_name_missed_by_ner_is_found():
    doc = flat([("Ele", "PRON"), ("usa", "VERB"), ("o", "DET"), ("Kubernetes", "PROPN")])
    assert ("Kubernetes", "PROJECT") in entities(doc)


@pytest.mark.parametrize("cue", ["framework", "aplicativo", "plataforma"])
def test_name_after_a_project_noun_is_a_project(cue):
    doc = parsed(
        [
            ("O", "DET", 1, "det"),
            (cue, "NOUN", 3, "nsubj"),
            ("Zyxel", "PROPN", 1, "appos"),
            ("cresceu", "VERB", 3, "ROOT"),
        ],
        ents=[(2, 3, "ORG")],
    )
    assert ("Zyxel", "PROJECT") in entities(doc)


def test_surname_joins_the_full_name():
    doc = flat(
        [
            ("Mark", "PROPN"),
            ("Zuckerberg", "PROPN"),
            ("disse", "VERB"),
            ("que", "SCONJ"),
            ("Zuckerberg", "PROPN"),
            ("sabe", "VERB"),
        ],
        ents=[(0, 2, "PER"), (4, 5, "PER")],
    )
    assert entities(doc) == {("Mark Zuckerberg", "PER"): ["Mark Zuckerberg", "Zuckerberg"]}


def test_shared_surname_of_two_people_is_not_merged():
    doc = flat(
        [
            ("Ana", "PROPN"),
            ("Silva", "PROPN"),
            ("e", "CCONJ"),
            ("João", "PROPN"),
            ("Silva", "PROPN"),
            ("viram", "VERB"),
            ("Silva", "PROPN"),
        ],
        ents=[(0, 2, "PER"), (3, 5, "PER"), (6, 7, "PER")],
    )
    assert ("Silva", "PER") in entities(doc)


def test_full_name_joins_its_longer_form_and_the_surname_joins_both():
    doc = flat(
        [
            ("Talma", "PROPN"),
            ("de", "ADP"),
            ("Oliveira", "PROPN"),
            ("Bauer", "PROPN"),
            ("disse", "VERB"),
            ("que", "SCONJ"),
            ("Talma", "PROPN"),
            ("Bauer", "PROPN"),
            ("e", "CCONJ"),
            ("Bauer", "PROPN"),
            ("sabem", "VERB"),
        ],
        ents=[(0, 4, "PER"), (6, 8, "PER"), (9, 10, "PER")],
    )
    assert entities(doc) == {("Talma de Oliveira Bauer", "PER"): ["Bauer", "Talma Bauer", "Talma de Oliveira Bauer"]}


def test_the_name_a_person_goes_by_joins_the_full_name_it_is_in():
    # "Luiz Inácio Lula da Silva disse que Lula sabe."
    doc = flat(
        [
            ("Luiz", "PROPN"),
            ("Inácio", "PROPN"),
            ("Lula", "PROPN"),
            ("da", "ADP"),
            ("Silva", "PROPN"),
            ("disse", "VERB"),
            ("que", "SCONJ"),
            ("Lula", "PROPN"),
            ("sabe", "VERB"),
        ],
        ents=[(0, 5, "PER"), (7, 8, "PER")],
    )
    assert entities(doc) == {("Luiz Inácio Lula da Silva", "PER"): ["Luiz Inácio Lula da Silva", "Lula"]}


def test_full_name_shared_by_two_longer_names_is_not_merged():
    doc = flat(
        [
            ("João", "PROPN"),
            ("Carlos", "PROPN"),
            ("Silva", "PROPN"),
            ("e", "CCONJ"),
            ("João", "PROPN"),
            ("Pedro", "PROPN"),
            ("Silva", "PROPN"),
            ("viram", "VERB"),
            ("João", "PROPN"),
            ("Silva", "PROPN"),
        ],
        ents=[(0, 3, "PER"), (4, 7, "PER"), (8, 10, "PER")],
    )
    assert ("João Silva", "PER") in entities(doc)


def test_a_role_holders_name_the_ner_ran_into_the_organisation_is_split_off():
    words = [("o", "DET"), ("ministro", "NOUN"), ("da", "ADP"), ("Zorbix", "PROPN"), ("Quell", "PROPN")]
    words += [("Zantor", "PROPN"), ("disse", "VERB"), ("e", "CCONJ"), ("Quell", "PROPN"), ("Zantor", "PROPN")]
    doc = flat(words, ents=[(3, 6, "ORG"), (8, 10, "PER")])
    assert entities(doc) == {("Zorbix", "ORG"): ["Zorbix"], ("Quell Zantor", "PER"): ["Quell Zantor"]}


def test_a_role_holder_the_text_names_by_surname_elsewhere_is_split_off():
    # "o procurador-geral da República Rodrigo Janot ... Janot": the place "República Rodrigo Janot"
    # was a node of 46 articles of the corpus
    words = [("o", "DET"), ("ministro", "NOUN"), ("da", "ADP"), ("Zorbix", "PROPN"), ("Quell", "PROPN")]
    words += [("Zantor", "PROPN"), ("disse", "VERB"), ("e", "CCONJ"), ("Zantor", "PROPN"), ("saiu", "VERB")]
    doc = flat(words, ents=[(3, 6, "LOC"), (8, 9, "PER")])
    assert entities(doc) == {("Zorbix", "LOC"): ["Zorbix"], ("Quell Zantor", "PER"): ["Quell Zantor", "Zantor"]}
    # "o diretor de Serviços da Petrobras Renato Duque": the organisation ends with a name of the text
    words = [("o", "DET"), ("diretor", "NOUN"), ("de", "ADP"), ("Serviços", "PROPN"), ("da", "ADP")]
    words += [("Zorbix", "PROPN"), ("Quell", "PROPN"), ("Zantor", "PROPN"), ("saiu", "VERB"), ("e", "CCONJ")]
    words += [("Zorbix", "PROPN")]
    words += [("e", "CCONJ"), ("Zantor", "PROPN"), ("ficaram", "VERB")]
    doc = flat(words, ents=[(3, 8, "ORG"), (10, 11, "ORG"), (12, 13, "PER")])
    assert ("Quell Zantor", "PER") in entities(doc)
    # but no name starts with "de": "o ministro das Comunicações de Temer", then "Temer"
    words = [("o", "DET"), ("ministro", "NOUN"), ("das", "ADP"), ("Zorbix", "PROPN"), ("de", "ADP")]
    words += [("Zantor", "PROPN"), ("disse", "VERB"), ("e", "CCONJ"), ("Zantor", "PROPN"), ("saiu", "VERB")]
    doc = flat(words, ents=[(3, 6, "ORG"), (8, 9, "PER")])
    assert ("Zorbix de Zantor", "ORG") in entities(doc)
    # "o procurador-geral da República Rodrigo Janot": "República" alone is no name
    words = [("o", "DET"), ("procurador-geral", "NOUN"), ("da", "ADP"), ("República", "PROPN"), ("Quell", "PROPN")]
    words += [("Zantor", "PROPN"), ("disse", "VERB"), ("e", "CCONJ"), ("Zantor", "PROPN"), ("saiu", "VERB")]
    doc = flat(words, ents=[(3, 6, "LOC"), (8, 9, "PER")])
    assert entities(doc) == {("Quell Zantor", "PER"): ["Quell Zantor", "Zantor"]}


def test_a_former_role_holders_name_is_split_off_too():
    words = [("o", "DET"), ("ex-governador", "NOUN"), ("do", "ADP"), ("Zorbix", "PROPN"), ("Quell", "PROPN")]
    words += [("Zantor", "PROPN"), ("disse", "VERB"), ("e", "CCONJ"), ("Quell", "PROPN"), ("Zantor", "PROPN")]
    doc = flat(words, ents=[(3, 6, "LOC"), (8, 10, "PER")])
    assert entities(doc) == {("Zorbix", "LOC"): ["Zorbix"], ("Quell Zantor", "PER"): ["Quell Zantor"]}


def test_a_role_holder_whose_name_starts_with_a_given_name_is_split_off_alone():
    # "o procurador-geral da República Rodrigo Janot", the person named nowhere else in the article
    words = [("o", "DET"), ("procurador-geral", "NOUN"), ("da", "ADP"), ("República", "PROPN"), ("Rodrigo", "PROPN")]
    doc = flat(words + [("Zantor", "PROPN"), ("disse", "VERB")], ents=[(3, 6, "LOC")])
    assert entities(doc) == {("Rodrigo Zantor", "PER"): ["Rodrigo Zantor"]}
    # "o ministro da Casa Civil José Dirceu": the organisation keeps its two words
    words = [
        ("o", "DET"),
        ("ministro", "NOUN"),
        ("da", "ADP"),
        ("Casa", "PROPN"),
        ("Civil", "PROPN"),
        ("José", "PROPN"),
    ]
    doc = flat(words + [("Zantor", "PROPN"), ("disse", "VERB")], ents=[(3, 7, "ORG")])
    assert entities(doc) == {("Casa Civil", "ORG"): ["Casa Civil"], ("José Zantor", "PER"): ["José Zantor"]}
    # "o governador de São Paulo Geraldo Alckmin": "Paulo" after "São" starts no person's name
    words = [
        ("o", "DET"),
        ("governador", "NOUN"),
        ("de", "ADP"),
        ("São", "PROPN"),
        ("Paulo", "PROPN"),
        ("Geraldo", "PROPN"),
    ]
    doc = flat(words + [("Zantor", "PROPN"), ("disse", "VERB")], ents=[(3, 7, "LOC")])
    assert entities(doc) == {("São Paulo", "LOC"): ["São Paulo"], ("Geraldo Zantor", "PER"): ["Geraldo Zantor"]}
    # "o presidente da República e Eduardo Cunha": what is left before the name is trimmed
    words = [("o", "DET"), ("presidente", "NOUN"), ("da", "ADP"), ("República", "PROPN"), ("e", "CCONJ")]
    doc = flat(words + [("Eduardo", "PROPN"), ("Zantor", "PROPN"), ("falaram", "VERB")], ents=[(3, 7, "LOC")])
    assert entities(doc) == {("Eduardo Zantor", "PER"): ["Eduardo Zantor"]}


def test_a_persons_name_run_into_a_name_the_text_gives_alone_is_split_off():
    # "o delator da JBS Ricardo Saud", then "a JBS": no role before the name
    words = [("o", "DET"), ("delator", "NOUN"), ("da", "ADP"), ("Zorbix", "PROPN"), ("Ricardo", "PROPN")]
    words += [("Zantor", "PROPN"), ("falou", "VERB")]
    doc = flat(
        words + [("e", "CCONJ"), ("a", "DET"), ("Zorbix", "PROPN"), ("negou", "VERB")],
        ents=[(3, 6, "ORG"), (9, 10, "ORG")],
    )
    assert entities(doc) == {("Zorbix", "ORG"): ["Zorbix"], ("Ricardo Zantor", "PER"): ["Ricardo Zantor"]}
    # but not where the text never gives that name alone
    assert list(entities(flat(words, ents=[(3, 6, "ORG")]))) == [("Zorbix Ricardo Zantor", "ORG")]
    # nor by a word the text gives a person alone: "a Assembleia Nacional Constituinte", "Constituinte"
    words = [("a", "DET"), ("Zorbix", "PROPN"), ("Nacional", "PROPN"), ("Zantor", "PROPN"), ("votou", "VERB")]
    words += [
        ("e", "CCONJ"),
        ("a", "DET"),
        ("Zorbix", "PROPN"),
        ("e", "CCONJ"),
        ("Zantor", "PROPN"),
        ("saíram", "VERB"),
    ]
    doc = flat(words, ents=[(1, 4, "ORG"), (7, 8, "ORG"), (9, 10, "PER")])
    assert ("Zorbix Nacional Zantor", "ORG") in entities(doc)


def test_an_office_word_the_ner_ran_into_a_persons_name_is_dropped():
    # "o promotor de Justiça Cássio Conserino", all of it a person for the NER
    words = [("o", "DET"), ("promotor", "NOUN"), ("de", "ADP"), ("Justiça", "PROPN"), ("Cássio", "PROPN")]
    doc = flat(words + [("Zantor", "PROPN"), ("pediu", "VERB")], ents=[(3, 6, "PER")])
    assert entities(doc) == {("Cássio Zantor", "PER"): ["Cássio Zantor"]}


@pytest.mark.parametrize(
    "words",
    [
        ["Hospital", "Albert", "Zantor"],  # a body named after a person
        ["Instituto", "Rodrigo", "Zantor"],  # an organisation word
        ["República", "Dominicana"],  # no given name
        ["Justiça", "Rodrigo"],  # a given name alone
    ],
)
def test_a_name_after_a_role_stays_whole_without_a_persons_name_in_it(words):
    doc = flat(
        [("o", "DET"), ("diretor", "NOUN"), ("do", "ADP")] + [(w, "PROPN") for w in words] + [("disse", "VERB")],
        ents=[(3, 3 + len(words), "ORG")],
    )
    assert [name for name, _ in entities(doc)] == [" ".join(words)]


def test_a_name_an_organisation_word_gives_an_organisation_is_not_split():
    words = [("o", "DET"), ("presidente", "NOUN"), ("do", "ADP"), ("Instituto", "PROPN"), ("Zorbix", "PROPN")]
    doc = flat(words + [("disse", "VERB"), ("e", "CCONJ"), ("Zorbix", "PROPN")], ents=[(3, 5, "ORG"), (7, 8, "PER")])
    assert ("Instituto Zorbix", "ORG") in entities(doc)


def test_different_referents_sharing_a_word_stay_apart():
    doc = flat(
        [
            ("O", "DET"),
            ("Google", "PROPN"),
            ("e", "CCONJ"),
            ("o", "DET"),
            ("Google", "PROPN"),
            ("Cloud", "PROPN"),
            ("cresceram", "VERB"),
        ],
        ents=[(1, 2, "ORG"), (4, 6, "ORG")],
    )
    assert {("Google", "ORG"), ("Google Cloud", "ORG")} <= set(entities(doc))


def test_portuguese_and_english_names_of_a_foundation_are_one_entity():
    doc = flat(
        [
            ("A", "DET"),
            ("PyTorch", "PROPN"),
            ("Foundation", "PROPN"),
            ("ou", "CCONJ"),
            ("Fundação", "PROPN"),
            ("PyTorch", "PROPN"),
            ("cresceu", "VERB"),
        ],
        ents=[(1, 3, "ORG"), (4, 6, "ORG")],
    )
    assert entities(doc) == {("PyTorch Foundation", "ORG"): ["Fundação PyTorch", "PyTorch Foundation"]}


def test_an_organisation_named_with_a_phrase_run_on_is_the_organisation():
    words = [("A", "DET"), ("Linux", "PROPN"), ("Foundation", "PROPN"), ("cresceu", "VERB"), ("e", "CCONJ")]
    words += [("a", "DET"), ("Linux", "PROPN"), ("Foundation", "PROPN"), ("for", "PROPN"), ("Governance", "PROPN")]
    doc = flat(
        words + [("Linux", "PROPN"), ("Foundation", "PROPN")], ents=[(1, 3, "ORG"), (6, 10, "ORG"), (10, 12, "ORG")]
    )
    assert entities(doc) == {("Linux Foundation", "ORG"): ["Linux Foundation", "Linux Foundation for Governance"]}


def test_a_name_two_longer_names_extend_stays_apart_from_both():
    words = [("A", "DET"), ("Câmara", "PROPN"), ("Municipal", "PROPN"), ("de", "ADP"), ("Lisboa", "PROPN")]
    words += [("e", "CCONJ"), ("a", "DET"), ("Câmara", "PROPN"), ("Municipal", "PROPN"), ("do", "ADP")]
    words += [("Porto", "PROPN"), ("criticaram", "VERB"), ("a", "DET"), ("Câmara", "PROPN"), ("Municipal", "PROPN")]
    doc = flat(words, ents=[(1, 5, "ORG"), (7, 11, "ORG"), (13, 15, "ORG")])
    assert len(entities(doc)) == 3


def test_acronym_in_parentheses_is_an_alias():
    doc = flat(
        [
            ("A", "DET"),
            ("Agência", "PROPN"),
            ("Espacial", "PROPN"),
            ("Europeia", "PROPN"),
            ("(", "PUNCT"),
            ("ESA", "PROPN"),
            (")", "PUNCT"),
            ("cresceu", "VERB"),
        ],
        ents=[(1, 4, "ORG"), (5, 6, "ORG")],
    )
    assert entities(doc) == {("Agência Espacial Europeia", "ORG"): ["Agência Espacial Europeia", "ESA"]}


def bracketed(name, code, name_type, code_type=None):
    """'O prefeito de NAME (CODE) falou.' with both names found by the NER."""
    words = [("O", "DET"), ("prefeito", "NOUN"), ("de", "ADP")]
    words += [(w, "PROPN") for w in name.split()] + [("(", "PUNCT"), (code, "PROPN"), (")", "PUNCT")]
    words += [("falou", "VERB"), (".", "PUNCT")]
    end = 3 + len(name.split())
    return flat(words, ents=[(3, end, name_type), (end + 1, end + 2, code_type or name_type)])


def test_a_state_code_after_a_town_is_not_the_town_name():
    # Many towns are "(SP)": read as names of each town, the code joined them all into one node.
    assert len(entities(bracketed("Guarujá", "SP", "LOC"))) == 2
    assert len(entities(bracketed("Ribeirão Preto", "SP", "LOC"))) == 2


def test_a_state_code_after_its_state_is_its_abbreviation():
    assert entities(bracketed("Rio Grande do Sul", "RS", "LOC")) == {
        ("Rio Grande do Sul", "LOC"): ["RS", "Rio Grande do Sul"]
    }


@pytest.mark.parametrize(
    ("name", "code", "kept"),
    [
        ("Instituto de Tecnologia de Massachusetts", "MIT", True),  # a letter per word of the translation
        ("Tribunal de Justiça de São Paulo", "TJ-SP", True),  # its letters spell the name
        ("Tribunal de Contas do Estado", "TCE-RJ", True),  # the same, and the state's code
        ("União", "AGU", False),  # "Advocacia-Geral da União (AGU)" cut short by the NER
        ("Paulo Câmara", "PSB", False),  # a politician the NER typed as an organisation, and his party
        ("Miami", "EUA", False),
        ("Associated Press", "AP", True),  # a state's code, and the agency's initials
    ],
)
def test_a_bracketed_abbreviation_is_an_alias_only_if_it_can_abbreviate_the_name(name, code, kept):
    assert (len(entities(bracketed(name, code, "ORG"))) == 1) is kept


def test_a_party_state_code_has_no_initials():
    # "PMDB-PB" read as the two words "PMDB PB" had the initials of the PP.
    words = [("O", "DET"), ("PP", "PROPN"), ("e", "CCONJ"), ("o", "DET"), ("PMDB-PB", "PROPN"), ("votaram", "VERB")]
    assert len(entities(flat(words, ents=[(1, 2, "ORG"), (4, 5, "ORG")]))) == 2


def names_and_initials(*names, initials):
    """'NAME1 e NAME2 ... votaram . O INITIALS disse .' with every name found by the NER as an organisation."""
    words, ents = [], []
    for name in names:
        if words:
            words.append(("e", "CCONJ"))
        ents.append((len(words), len(words) + len(name.split()), "ORG"))
        words += [(w, "PROPN") for w in name.split()]
    words += [("votaram", "VERB"), (".", "PUNCT"), ("O", "DET"), (initials, "PROPN"), ("disse", "VERB")]
    return flat(words, ents=[*ents, (len(words) - 2, len(words) - 1, "ORG")])


def test_initials_that_fit_two_names_join_neither():
    # "MP" joined "Ministério Público" and "Medida Provisória" into one entity, and in a corpus graph
    # the prosecutors and a bill into one node.
    doc = names_and_initials("Ministério Público", "Medida Provisória", initials="MP")
    assert len(entities(doc)) == 3


def test_initials_join_two_spellings_of_one_name():
    doc = names_and_initials("Procuradoria-Geral da República", "Procuradoria Geral da República", initials="PGR")
    assert len(entities(doc)) == 1
    assert len(entities(names_and_initials("Polícia Federal", initials="PF"))) == 1


def test_a_state_code_in_brackets_is_no_organisation_s_initials():
    # "Paulo Bauer (SC)" is the senator's state, named so, not the "Suprema Corte" of the same text.
    words = [("Paulo", "PROPN"), ("Bauer", "PROPN"), ("(", "PUNCT"), ("SC", "PROPN"), (")", "PUNCT"), ("e", "CCONJ")]
    words += [("a", "DET"), ("Suprema", "PROPN"), ("Corte", "PROPN"), ("votaram", "VERB")]
    doc = flat(words, ents=[(0, 2, "PER"), (3, 4, "ORG"), (7, 9, "ORG")])
    assert entities(doc)[("Suprema Corte", "ORG")] == ["Suprema Corte"]
    assert entities(doc)[("Santa Catarina", "LOC")] == ["SC", "Santa Catarina"]
    # but its state's name: "Brasília (DF)" and the "Distrito Federal"
    words = [("Brasília", "PROPN"), ("(", "PUNCT"), ("DF", "PROPN"), (")", "PUNCT"), ("e", "CCONJ")]
    words += [("o", "DET"), ("Distrito", "PROPN"), ("Federal", "PROPN"), ("votaram", "VERB")]
    doc = flat(words, ents=[(0, 1, "LOC"), (2, 3, "ORG"), (6, 8, "ORG")])
    assert ["DF", "Distrito Federal"] in entities(doc).values()


@pytest.mark.parametrize(
    ("words", "ents"),
    [
        (["para", "Uberaba", "(", "MG", ")"], [(3, 4, "LOC"), (5, 6, "ORG")]),  # a town's state
        (["no", "MG"], [(3, 4, "ORG")]),
        (["a", "MG"], [(3, 4, "LOC")]),  # a place by the NER
    ],
)
def test_a_state_code_standing_for_the_state_is_named_so(words, ents):
    # "RJ" had been an organisation node of 134 articles, "MG" a place of 128 beside "Minas Gerais"
    sentence = [("Ele", "PRON"), ("voltou", "VERB")] + [(w, "PUNCT" if w in "()" else "PROPN") for w in words]
    assert entities(flat(sentence, ents=ents))[("Minas Gerais", "LOC")] == ["MG", "Minas Gerais"]


def test_a_place_s_other_form_is_the_same_place():
    # "Os EUA e os Estados Unidos ...": two nodes of one country in a corpus graph before
    doc = flat(
        [
            ("Os", "DET"),
            ("EUA", "PROPN"),
            ("reagiram", "VERB"),
            ("e", "CCONJ"),
            ("os", "DET"),
            ("Estados", "PROPN"),
            ("Unidos", "PROPN"),
        ],
        ents=[(1, 2, "ORG"), (5, 7, "LOC")],
    )
    assert entities(doc) == {("Estados Unidos", "LOC"): ["EUA", "Estados Unidos"]}


def test_a_state_whose_name_ends_like_an_institutions_is_a_place():
    # the NER's "Distrito Federal" had been an organisation node of 157 articles beside the place
    words = [
        ("Ele", "PRON"),
        ("mora", "VERB"),
        ("no", "ADP"),
        ("Distrito", "PROPN"),
        ("Federal", "PROPN"),
        ("e", "CCONJ"),
    ]
    words += [("trabalha", "VERB"), ("na", "ADP"), ("Justiça", "PROPN"), ("Federal", "PROPN")]
    doc = flat(words, ents=[(3, 5, "ORG"), (8, 10, "LOC")])
    assert set(entities(doc)) == {("Distrito Federal", "LOC"), ("Justiça Federal", "ORG")}


def test_a_state_code_the_text_uses_as_a_party_stays_the_party():
    words = [("Tiririca", "PROPN"), ("(", "PUNCT"), ("PR-SP", "PROPN"), (")", "PUNCT"), ("votou", "VERB")]
    doc = flat([*words, ("no", "ADP"), ("PR", "PROPN")], ents=[(0, 1, "PER"), (2, 3, "ORG"), (6, 7, "ORG")])
    assert entities(doc)[("PR", "ORG")] == ["PR"]
    # "PR" is also the Partido da República: after a person it may be either, and is left so
    words = [
        ("Milton", "PROPN"),
        ("Monti", "PROPN"),
        ("(", "PUNCT"),
        ("PR", "PROPN"),
        (")", "PUNCT"),
        ("votou", "VERB"),
    ]
    assert entities(flat(words, ents=[(0, 2, "PER"), (3, 4, "ORG")]))[("PR", "ORG")] == ["PR"]


def politician_party_and(*name):
    """'Ana Amélia (PP-RS) e o NAME votaram' with the person, the tag and NAME found by the NER."""
    words = [("Ana", "PROPN"), ("Amélia", "PROPN"), ("(", "PUNCT"), ("PP-RS", "PROPN"), (")", "PUNCT")]
    words += [("e", "CCONJ"), ("o", "DET"), *((w, "ADP" if w == "do" else "PROPN") for w in name), ("votaram", "VERB")]
    return flat(words, ents=[(0, 2, "PER"), (3, 4, "ORG"), (7, 7 + len(name), "ORG")])


def test_a_politician_s_party_joins_by_initials_only_a_party_s_name():
    # "Ana Amélia (PP-RS)" and the "Palácio do Planalto" of the same text were one entity, and in a
    # corpus graph the palace was inside the party's node.
    assert ["Palácio do Planalto"] in entities(politician_party_and("Palácio", "do", "Planalto")).values()
    assert ["PP", "Partido Progressista"] in entities(politician_party_and("Partido", "Progressista")).values()


def test_descriptor_words_after_a_known_project_are_an_alias():
    doc = flat(
        [
            ("O", "DET"),
            ("PyTorch", "PROPN"),
            ("Framework", "PROPN"),
            ("e", "CCONJ"),
            ("o", "DET"),
            ("PyTorch", "PROPN"),
            ("cresceram", "VERB"),
        ],
        ents=[(1, 3, "MISC")],
    )
    assert entities(doc) == {("PyTorch", "PROJECT"): ["PyTorch", "PyTorch Framework"]}


@pytest.mark.parametrize("article", ["o", "a", "do", "na"])
def test_a_person_written_with_an_article_is_a_person(article):
    """Brazilian news writes 'o Lula', 'a Dilma', 'do Alckmin', above all in quotes and interviews."""
    doc = flat([("Ele", "PRON"), ("viu", "VERB"), (article, "DET"), ("Zorbix", "PROPN")], ents=[(3, 4, "PER")])
    assert entities(doc) == {("Zorbix", "PER"): ["Zorbix"]}


def test_a_products_name_run_on_names_a_version_of_it_whatever_the_ner_said():
    words = [("o", "DET"), ("modelo", "NOUN"), ("Zorbix", "PROPN"), ("e", "CCONJ"), ("o", "DET")]
    doc = flat(
        words + [("Zorbix", "PROPN"), ("Mini", "PROPN"), ("chegaram", "VERB")], ents=[(2, 3, "PER"), (5, 7, "PER")]
    )
    assert ("Zorbix Mini", "PROJECT") in entities(doc)


def test_a_name_after_a_title_is_a_person_whatever_follows():
    words = [("o", "DET"), ("deputado", "NOUN"), ("Zorbix", "PROPN"), (",", "PUNCT"), ("o", "DET")]
    doc = flat(words + [("sistema", "NOUN"), ("mudou", "VERB")], ents=[(2, 3, "ORG")])
    assert entities(doc) == {("Zorbix", "PER"): ["Zorbix"]}


def test_a_short_name_the_ner_splits_between_types_takes_its_full_names_type():
    words = [("o", "DET"), ("senador", "NOUN"), ("Zorbix", "PROPN"), ("Quell", "PROPN"), ("disse", "VERB")]
    words += [("que", "SCONJ"), ("o", "DET"), ("Zorbix", "PROPN"), ("e", "CCONJ"), ("o", "DET"), ("Zorbix", "PROPN")]
    words += [("e", "CCONJ"), ("Zorbix", "PROPN")]
    doc = flat(words, ents=[(2, 4, "PER"), (7, 8, "ORG"), (10, 11, "ORG"), (12, 13, "PER")])
    assert entities(doc) == {("Zorbix", "PER"): ["Zorbix", "Zorbix Quell"]}


def test_a_short_name_is_voted_on_after_its_full_name_changed_type():
    """The full name's own vote moves it to ORG before the short name's vote looks for its owners."""
    words = [("Zorbix", "PROPN"), ("Quell", "PROPN"), ("viu", "VERB"), ("Zorbix", "PROPN"), ("Quell", "PROPN")]
    words += [("e", "CCONJ"), ("Zorbix", "PROPN"), ("Quell", "PROPN"), ("e", "CCONJ"), ("Zorbix", "PROPN")]
    words += [("e", "CCONJ"), ("Zorbix", "PROPN")]
    doc = flat(words, ents=[(0, 2, "PER"), (3, 5, "ORG"), (6, 8, "ORG"), (9, 10, "PER"), (11, 12, "ORG")])
    assert ("Zorbix Quell", "ORG") in entities(doc)


def test_a_country_after_a_known_organisation_is_its_branch_not_a_product():
    words = [("a", "DET"), ("Microsoft", "PROPN"), ("Brasil", "PROPN"), ("cresceu", "VERB"), ("no", "ADP")]
    doc = flat(words + [("Brasil", "PROPN")], ents=[(1, 3, "ORG"), (5, 6, "LOC")])
    assert entities(doc) == {("Microsoft Brasil", "ORG"): ["Microsoft Brasil"], ("Brasil", "LOC"): ["Brasil"]}


@pytest.mark.parametrize(("place", "expected"), [("Mundo", "ORG"), ("Minas", "ORG"), ("Zorbia", "PROJECT")])
def test_a_known_organisation_s_branch_is_read_from_the_lexicon_when_the_text_names_no_such_place(place, expected):
    # "a BBC Mundo informou" (a service of the BBC), "a TV Globo Minas"; "a Microsoft Zorbia": a product
    doc = flat([("a", "DET"), ("Microsoft", "PROPN"), (place, "PROPN"), ("informou", "VERB")], ents=[(1, 3, "ORG")])
    assert entities(doc) == {(f"Microsoft {place}", expected): [f"Microsoft {place}"]}


@pytest.mark.parametrize(
    "words, expected",
    [
        ([("a", "DET"), ("startup", "NOUN")], "ORG"),
        ([("a", "DET"), ("fabricante", "NOUN"), ("de", "ADP"), ("robôs", "NOUN")], "ORG"),
        ([("os", "DET"), ("processadores", "NOUN"), ("vetoriais", "ADJ")], "PROJECT"),
        ([("o", "DET"), ("modelo", "NOUN")], "PROJECT"),
    ],
)
def test_the_noun_heading_a_name_types_it(words, expected):
    doc = flat(
        [("Ele", "PRON"), ("viu", "VERB")] + words + [("Zorbix", "PROPN")],
        ents=[(2 + len(words), 3 + len(words), "PER")],
    )
    assert ("Zorbix", expected) in entities(doc)


def test_a_product_glued_to_its_maker_is_split():
    doc = flat(
        [("Há", "VERB"), ("a", "DET"), ("Tilt", "PROPN"), ("Brush", "PROPN"), ("da", "ADP"), ("Google", "PROPN")],
        ents=[(2, 6, "LOC")],
    )
    assert {("Tilt Brush", "PROJECT"), ("Google", "ORG")} <= set(entities(doc))


def test_a_person_stays_a_person():
    doc = flat(
        [("Segundo", "ADP"), ("Ana", "PROPN"), ("Souza", "PROPN"), (",", "PUNCT"), ("chove", "VERB")],
        ents=[(1, 3, "PER")],
    )
    assert ("Ana Souza", "PER") in entities(doc)


def test_names_with_model_numbers_are_projects():
    doc = flat(
        [("O", "DET"), ("Earth", "PROPN"), ("Simulator", "PROPN"), ("4", "NUM"), ("chegou", "VERB")],
        ents=[(1, 4, "ORG")],
    )
    assert ("Earth Simulator 4", "PROJECT") in entities(doc)


def test_photo_credits_and_titles_are_not_names():
    doc = flat(
        [("Tesla", "PROPN"), ("/", "PUNCT"), ("Divulgação", "PROPN"), ("O", "DET"), ("CEO", "NOUN"), ("falou", "VERB")],
        ents=[(0, 3, "ORG"), (4, 5, "ORG")],
    )
    assert entities(doc) == {("Tesla", "ORG"): ["Tesla"]}


@pytest.mark.parametrize("word", ["País", "República", "Casa", "Estado"])
def test_the_country_or_the_house_written_with_a_capital_is_no_name(word):
    # "no País", "o presidente da República", "o presidente da Casa" (whichever house the story is
    # about), "o Estado": Brazilian style capitalises them; "País" was a node of 400 articles, "Casa"
    # of 198, "Estado" of 375
    words = [("O", "DET"), (word, "PROPN"), ("e", "CCONJ"), ("a", "DET"), ("Zyxel", "PROPN"), ("cresceram", "VERB")]
    assert entities(flat(words, [(1, 2, "LOC"), (4, 5, "ORG")])) == {("Zyxel", "ORG"): ["Zyxel"]}


def test_known_organisation_glued_to_a_person_is_split():
    doc = flat(
        [
            ("afirmou", "VERB"),
            ("o", "DET"),
            ("pesquisador", "NOUN"),
            ("da", "ADP"),
            ("Microsoft", "PROPN"),
            ("Teddy", "PROPN"),
            ("Seyed", "PROPN"),
        ],
        ents=[(4, 7, "ORG")],
    )
    assert {("Microsoft", "ORG"), ("Teddy Seyed", "PER")} <= set(entities(doc))


def test_name_particles_join_a_persons_name():
    doc = flat(
        [("disse", "VERB"), ("Franz", "PROPN"), ("von", "ADP"), ("Holzhausen", "PROPN")],
        ents=[(1, 2, "PER"), (3, 4, "PER")],
    )
    assert entities(doc) == {("Franz von Holzhausen", "PER"): ["Franz von Holzhausen"]}


def test_a_product_named_after_a_known_maker_is_a_project():
    doc = flat(
        [("Ele", "PRON"), ("usa", "VERB"), ("a", "DET"), ("Nvidia", "PROPN"), ("A100", "PROPN")], ents=[(3, 5, "ORG")]
    )
    assert ("Nvidia A100", "PROJECT") in entities(doc)


def test_a_name_and_the_name_with_a_descriptor_are_one_entity():
    doc = flat(
        [
            ("O", "DET"),
            ("Zorbix", "PROPN"),
            ("Plataforma", "PROPN"),
            ("e", "CCONJ"),
            ("o", "DET"),
            ("framework", "NOUN"),
            ("Zorbix", "PROPN"),
            ("cresceram", "VERB"),
        ],
        ents=[(1, 3, "PER"), (6, 7, "PER")],
    )
    assert entities(doc) == {("Zorbix", "PROJECT"): ["Zorbix", "Zorbix Plataforma"]}


def test_a_name_the_ner_saw_once_is_found_where_it_missed_it():
    doc = flat(
        [("A", "DET"), ("Zyxel", "PROPN"), ("cresceu", "VERB"), ("e", "CCONJ"), ("a", "DET"), ("Zyxel", "PROPN")],
        ents=[(1, 2, "ORG")],
    )
    assert entities(doc) == {("Zyxel", "ORG"): ["Zyxel"]}
    (entity,) = annotate(doc)._.kg_entities
    assert entity["names"] == {"Zyxel": 2}


def test_a_cue_word_outweighs_the_ner_on_the_other_mentions_of_a_name():
    # "o robô Quarkbot" says it is a product; the NER calling it ORG twice elsewhere does not outvote that.
    words = [("o", "DET"), ("robô", "NOUN"), ("Quarkbot", "PROPN"), ("andou", "VERB")]
    words += [("e", "CCONJ"), ("o", "DET"), ("Quarkbot", "PROPN"), ("e", "CCONJ"), ("o", "DET"), ("Quarkbot", "PROPN")]
    doc = flat(words, ents=[(2, 3, "ORG"), (6, 7, "ORG"), (9, 10, "ORG")])
    assert ("Quarkbot", "PROJECT") in entities(doc)


def test_a_cue_noun_set_off_by_a_comma_types_the_name():
    words = [
        ("Um", "DET"),
        ("aplicativo", "NOUN"),
        ("chileno", "ADJ"),
        (",", "PUNCT"),
        ("o", "DET"),
        ("Zyxel", "PROPN"),
    ]
    doc = flat(words + [("cresceu", "VERB")], ents=[(5, 6, "ORG")])
    assert ("Zyxel", "PROJECT") in entities(doc)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # "Há aplicações, como a Zyxel Wave, ...": an example of the noun, whatever the NER says.
        (
            [("Há", "VERB"), ("aplicações", "NOUN", "aplicação"), (",", "PUNCT"), ("como", "ADP"), ("a", "DET")],
            "PROJECT",
        ),
        # "o diretor do ateliê, Zyxel Wave, falou": the holder of the role stays a person.
        ([("o", "DET"), ("diretor", "NOUN"), ("do", "ADP"), ("ateliê", "NOUN"), (",", "PUNCT")], "PER"),
    ],
)
def test_a_name_the_ner_calls_a_person_is_retyped_only_as_an_example_of_a_cue_noun(words, expected):
    words += [("Zyxel", "PROPN"), ("Wave", "PROPN"), ("falou", "VERB")]
    doc = parsed(
        [(w[0], w[1], 7, "ROOT" if i == 7 else "dep", *w[2:]) for i, w in enumerate(words)], ents=[(5, 7, "PER")]
    )
    assert ("Zyxel Wave", expected) in entities(doc)


def test_a_role_holder_after_a_complement_is_not_typed_by_it():
    # "o diretor da empresa, Ana Lobo": the name is the director, not the company.
    words = [("o", "DET"), ("diretor", "NOUN"), ("da", "ADP"), ("empresa", "NOUN"), (",", "PUNCT")]
    doc = flat(words + [("Ana", "PROPN"), ("Lobo", "PROPN"), ("falou", "VERB")], ents=[(5, 7, "PER")])
    assert ("Ana Lobo", "PER") in entities(doc)


def test_product_names_go_on_over_capitalised_words_and_codes():
    words = [("as", "DET"), ("placas", "NOUN"), ("Zyxel", "PROPN"), ("Q200", "PROPN"), ("Tensor", "PROPN")]
    doc = flat(words + [("Core", "PROPN"), ("chegaram", "VERB")], ents=[(2, 4, "MISC")])
    assert ("Zyxel Q200 Tensor Core", "PROJECT") in entities(doc)


def test_an_organisation_glued_to_a_product_name_is_part_of_the_name():
    words = [("a", "DET"), ("tecnologia", "NOUN"), ("Nvidia", "PROPN"), ("Quantum", "PROPN"), ("X800", "PROPN")]
    doc = flat(words + [("chegou", "VERB")], ents=[(2, 3, "ORG"), (3, 5, "MISC")])
    assert ("Nvidia Quantum X800", "PROJECT") in entities(doc)


def test_a_name_after_a_naming_participle_is_a_project():
    words = [("um", "DET"), ("robô", "NOUN"), ("batizado", "VERB"), ("de", "ADP"), ('"', "PUNCT")]
    doc = parsed(
        [(w, p, 2, "dep") for w, p in words]
        + [("Deep", "PROPN", 2, "obl"), ("Walker", "PROPN", 5, "flat:name"), ("2", "NUM", 5, "flat:name")]
        + [('"', "PUNCT", 5, "punct")]
    )
    doc[2].set_morph("VerbForm=Part")
    doc[2].lemma_ = "batizar"
    assert ("Deep Walker 2", "PROJECT") in entities(doc)


def test_a_quoted_name_after_a_naming_participle_is_whole_even_with_a_maker_inside():
    # 'uma plataforma batizada de "Nvidia Maxine Platform"', the words inside the quotes parsed
    # as separate appositions, so that no tree joins "Nvidia" to the rest.
    rows = [("uma", "DET", 1, "det"), ("plataforma", "NOUN", 1, "ROOT"), ("batizada", "VERB", 1, "acl")]
    rows += [("de", "ADP", 5, "case"), ('"', "PUNCT", 1, "punct"), ("Nvidia", "NOUN", 1, "appos")]
    rows += [("Maxine", "PROPN", 1, "appos"), ("Platform", "PROPN", 6, "flat:name"), ('"', "PUNCT", 1, "punct")]
    doc = parsed(rows)
    doc[2].set_morph("VerbForm=Part")
    doc[2].lemma_ = "batizar"
    assert ("Nvidia Maxine Platform", "PROJECT") in entities(doc)


def test_a_lab_named_after_its_company_is_not_the_company():
    words = [("a", "DET"), ("Zyxel", "PROPN"), ("e", "CCONJ"), ("a", "DET"), ("Zyxel", "PROPN"), ("AI", "PROPN")]
    doc = flat(words + [("cresceram", "VERB")], ents=[(1, 2, "ORG"), (4, 6, "ORG")])
    assert {("Zyxel", "ORG"), ("Zyxel AI", "ORG")} <= set(entities(doc))


def test_a_title_is_not_part_of_a_persons_name():
    doc = flat(
        [("o", "DET"), ("Presidente", "PROPN"), ("Ana", "PROPN"), ("Lobo", "PROPN"), ("falou", "VERB")], [(1, 4, "PER")]
    )
    assert entities(doc) == {("Ana Lobo", "PER"): ["Ana Lobo"]}


def test_a_name_given_by_o_nome_de_is_a_project():
    words = [("A", "DET"), ("toalha", "NOUN"), ("recebeu", "VERB", "receber"), ("o", "DET"), ("nome", "NOUN")]
    doc = flat(words + [("de", "ADP"), ("Zyxel", "PROPN")], ents=[(6, 7, "PER")])
    assert ("Zyxel", "PROJECT") in entities(doc)


@pytest.mark.parametrize(
    "words",
    [
        [("falou", "VERB"), ("em", "ADP"), ("nome", "NOUN"), ("de", "ADP")],
        [("foi", "AUX"), ("nomeado", "VERB", "nomear")],
        [("é", "AUX"), ("conhecido", "VERB", "conhecer"), ("como", "ADP")],
    ],
)
def test_words_that_also_name_people_leave_a_person_a_person(words):
    doc = flat([("Ele", "PRON")] + words + [("Zyxel", "PROPN")], ents=[(len(words) + 1, len(words) + 2, "PER")])
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_ != token.lower_:
            token.set_morph("VerbForm=Part")  # "nomeado", "conhecido": participles, as the tagger reads them
    assert entities(doc) == {("Zyxel", "PER"): ["Zyxel"]}


def test_a_product_named_without_its_maker_is_the_same_product():
    words = [("a", "DET"), ("Zyxel", "PROPN"), ("lançou", "VERB"), ("a", "DET"), ("plataforma", "NOUN")]
    words += [("Zyxel", "PROPN"), ("Orion", "PROPN"), ("e", "CCONJ"), ("a", "DET"), ("Orion", "PROPN")]
    doc = flat(words, ents=[(1, 2, "ORG"), (5, 7, "ORG"), (9, 10, "ORG")])
    found = entities(doc)
    assert found[("Zyxel Orion", "PROJECT")] == ["Orion", "Zyxel Orion"], found


def test_a_cue_noun_in_apposition_after_a_name_types_it_even_against_the_ner():
    doc = parsed(
        [
            ("a", "DET", 1, "det"),
            ("Zyxel", "PROPN", 1, "ROOT"),
            (",", "PUNCT", 4, "punct"),
            ("a", "DET", 4, "det"),
            ("empresa", "NOUN", 1, "appos"),
            ("que", "PRON", 6, "nsubj"),
            ("cresceu", "VERB", 4, "acl:relcl"),
        ],
        ents=[(1, 2, "LOC")],
    )
    assert ("Zyxel", "ORG") in entities(doc)


def test_a_cue_noun_opening_the_next_clause_does_not_type_the_name_before_it():
    doc = parsed(
        [
            ("Segundo", "ADP", 1, "case"),
            ("Zyxel", "PROPN", 6, "obl"),
            (",", "PUNCT", 1, "punct"),
            ("o", "DET", 4, "det"),
            ("modelo", "NOUN", 6, "nsubj"),
            ("foi", "AUX", 6, "aux"),
            ("copiado", "VERB", 6, "ROOT"),
        ],
        ents=[(1, 2, "PER")],
    )
    assert entities(doc) == {("Zyxel", "PER"): ["Zyxel"]}


def test_the_noun_heading_a_name_is_cut_from_the_ners_span_and_types_it():
    words = [("as", "DET"), ("GPUs", "NOUN"), ("Zyxel", "PROPN"), ("Q200", "PROPN"), ("chegaram", "VERB")]
    assert ("Zyxel Q200", "PROJECT") in entities(flat(words, ents=[(1, 4, "PER")]))


def test_an_article_after_a_project_noun_is_no_name():
    # a headline run into the next sentence: "... após recursos O ex-governador da Bahia ..."
    words = [("após", "ADP"), ("aplicativos", "NOUN"), ("O", "DET"), ("ex-governador", "NOUN"), ("chegou", "VERB")]
    assert entities(flat(words)) == {}


def test_a_noun_the_text_capitalises_inside_a_sentence_is_the_first_word_of_the_name():
    # "o Produto Interno Bruto" had become the project "Interno Bruto" (27 articles of the corpus)
    words = [("O", "DET"), ("Produto", "PROPN"), ("Interno", "PROPN"), ("Bruto", "PROPN"), ("cresceu", "VERB")]
    assert [["Produto Interno Bruto"]] == list(entities(flat(words, ents=[(1, 4, "ORG")])).values())
    # and where the NER found nothing, "o Sistema Único de Saúde" is no project "Único"
    words = [("o", "DET"), ("Sistema", "PROPN"), ("Único", "PROPN"), ("de", "ADP"), ("Saúde", "PROPN")]
    doc = flat([("Ele", "PRON"), ("usa", "VERB"), *words])
    assert entities(doc) == {("Sistema Único de Saúde", "PROJECT"): ["Sistema Único de Saúde"]}


def test_a_name_runs_on_over_its_flat_words_but_not_into_a_person_the_ner_starts_there():
    # "o ministro do STF Marco Aurélio Mello", "Marco" parsed under "STF": a project "STF Marco
    # Aurélio Mello" had come of it; "Google Cloud" the parser joins so stays one name
    rows = [("o", "DET", 1, "det"), ("ministro", "NOUN", 7, "nsubj"), ("do", "ADP", 3, "case")]
    rows += [("STF", "PROPN", 1, "nmod"), ("Marco", "PROPN", 3, "flat:name"), ("Aurélio", "PROPN", 1, "appos")]
    rows += [("Mello", "PROPN", 5, "flat:name"), ("votou", "VERB", 7, "ROOT")]
    doc = parsed(rows, ents=[(3, 4, "ORG"), (4, 7, "PER")])
    assert entities(doc) == {("STF", "ORG"): ["STF"], ("Marco Aurélio Mello", "PER"): ["Marco Aurélio Mello"]}
    rows = [("o", "DET", 1, "det"), ("Google", "PROPN", 3, "nsubj"), ("Cloud", "PROPN", 1, "flat:name")]
    doc = parsed([*rows, ("cresceu", "VERB", 3, "ROOT")], ents=[(1, 2, "ORG"), (2, 3, "ORG")])
    assert entities(doc) == {("Google Cloud", "ORG"): ["Google Cloud"]}


def test_capitalised_words_the_ner_cut_off_a_product_name_are_part_of_it():
    words = [("o", "DET"), ("chip", "NOUN"), ("Zyxel", "PROPN"), ("Q200", "PROPN"), ("Tensor", "PROPN")]
    doc = flat(words + [("Core", "PROPN"), ("chegou", "VERB")], ents=[(2, 4, "MISC"), (4, 6, "PER")])
    assert ("Zyxel Q200 Tensor Core", "PROJECT") in entities(doc)


def test_a_year_is_not_an_entity():
    doc = flat(
        [("A", "DET"), ("Zyxel", "PROPN"), ("cresceu", "VERB"), ("em", "ADP"), ("2014", "NUM")],
        [(1, 2, "ORG"), (4, 5, "LOC")],
    )
    assert entities(doc) == {("Zyxel", "ORG"): ["Zyxel"]}


def test_an_institution_named_with_federal_is_an_organisation_not_a_product():
    doc = flat([("o", "DET"), ("Senado", "PROPN"), ("Federal", "PROPN"), ("votou", "VERB")], [(1, 3, "ORG")])
    assert ("Senado Federal", "ORG") in entities(doc)


# the NER stops before "da", after the number, or at "Região", taking the whole for a place
@pytest.mark.parametrize(("ner_end", "label"), [(4, "ORG"), (6, "ORG"), (7, "LOC")])
def test_an_institution_is_named_with_the_numbered_region_it_serves(ner_end, label):
    # "Tribunal Regional Federal" names any of six courts; "... da 4a" had become a product (its digit)
    court = [("Tribunal", "PROPN"), ("Regional", "PROPN"), ("Federal", "PROPN"), ("da", "ADP"), ("4a", "ADJ")]
    words = [("o", "DET"), *court, ("Região", "PROPN"), ("(", "PUNCT"), ("TRF-4", "PROPN"), (")", "PUNCT")]
    doc = flat([*words, ("julgou", "VERB")], ents=[(1, ner_end, label), (8, 9, "LOC")])
    assert list(entities(doc).items()) == [
        (("Tribunal Regional Federal da 4a Região", "ORG"), ["TRF-4", "Tribunal Regional Federal da 4a Região"])
    ]


def test_a_numbered_institution_named_bare_later_is_not_named_so():
    # as a name of the 4th region's court, "Tribunal Regional Federal" joined all six in the corpus graph
    court = [("Tribunal", "PROPN"), ("Regional", "PROPN"), ("Federal", "PROPN")]
    words = [("o", "DET"), *court, ("da", "ADP"), ("4a", "ADJ"), ("Região", "PROPN"), ("julgou", "VERB")]
    doc = flat(
        [*words, ("e", "CCONJ"), ("o", "DET"), *court, ("manteve", "VERB")], ents=[(1, 7, "ORG"), (10, 13, "ORG")]
    )
    assert entities(doc) == {
        ("Tribunal Regional Federal da 4a Região", "ORG"): ["Tribunal Regional Federal da 4a Região"]
    }


@pytest.mark.parametrize("name", ["G1", "G20", "TRF4", "G1 Goiás"])  # the last, the outlet's edition in a state
def test_a_known_organisation_written_with_a_number_is_no_product(name):
    words = [(word, "PROPN") for word in name.split()]
    doc = flat([("Segundo", "ADP"), ("o", "DET"), *words, ("saiu", "VERB")], ents=[(2, 2 + len(words), "ORG")])
    assert entities(doc) == {(name, "ORG"): [name]}


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [(["BRASÍLIA"], "LOC"), (["SÃO", "PAULO"], "LOC"), (["MPF"], "ORG"), (["MINISTÉRIO", "PÚBLICO"], "ORG")],
)
def test_a_dateline_in_capitals_is_a_place(dateline, expected):
    # "BRASÍLIA - O presidente ...": the NER had made an organisation of it (103 articles of the corpus)
    words = [(word, "PROPN") for word in dateline] + [("-", "PUNCT"), ("O", "DET"), ("presidente", "NOUN")]
    doc = flat([*words, ("Michel", "PROPN"), ("Temer", "PROPN"), ("reagiu", "VERB")])
    doc.ents = [Span(doc, 0, len(dateline), label="ORG"), Span(doc, len(words), len(words) + 2, label="PER")]
    assert entities(doc) == {
        (" ".join(dateline), expected): [" ".join(dateline)],
        ("Michel Temer", "PER"): ["Michel Temer"],
    }


def test_a_common_word_of_a_heading_in_capitals_is_no_name():
    # "COM A PALAVRA, ROBERTO PODVAL": "PALAVRA" had been an organisation in 142 articles
    words = [
        ("COM", "ADP"),
        ("A", "DET"),
        ("PALAVRA", "NOUN"),
        (",", "PUNCT"),
        ("ROBERTO", "PROPN"),
        ("PODVAL", "PROPN"),
    ]
    doc = flat([*words, ("disse", "VERB")], ents=[(2, 3, "ORG"), (4, 6, "PER")])
    assert entities(doc) == {("ROBERTO PODVAL", "PER"): ["ROBERTO PODVAL"]}
    # acronyms between capitalised articles are no heading
    words = [("O", "DET"), ("PT", "PROPN"), ("E", "CCONJ"), ("O", "DET"), ("PMDB", "PROPN"), ("votaram", "VERB")]
    assert entities(flat(words, ents=[(1, 2, "ORG"), (4, 5, "ORG")])) == {
        ("PT", "ORG"): ["PT"],
        ("PMDB", "ORG"): ["PMDB"],
    }


def test_a_name_without_its_head_word_is_the_same_referent():
    # "a Operação Lava Jato", then "a Lava Jato", which the NER reads as a place: 574 article pairs
    words = [("A", "DET"), ("Operação", "PROPN"), ("Lava", "PROPN"), ("Jato", "PROPN"), ("prendeu", "VERB")]
    words += [("o", "DET"), ("alvo", "NOUN"), ("da", "ADP"), ("Lava", "PROPN"), ("Jato", "PROPN")]
    doc = flat(words, ents=[(1, 4, "ORG"), (8, 10, "LOC")])
    assert entities(doc) == {("Operação Lava Jato", "ORG"): ["Lava Jato", "Operação Lava Jato"]}


@pytest.mark.parametrize(
    ("first", "pos", "expected"),
    [
        ("Ambas", "PRON", {("Zyxel", "ORG"): ["Zyxel"]}),
        ("Tadinho", "INTJ", {("Zyxel", "ORG"): ["Zyxel"]}),
        ("Doze", "NUM", {("Zyxel", "ORG"): ["Zyxel"]}),
        ("Venceu", "VERB", {("Zyxel", "ORG"): ["Zyxel"]}),
        ("Costa", "PROPN", {("Costa", "PER"): ["Costa"], ("Zyxel", "ORG"): ["Zyxel"]}),
    ],
)
def test_a_capitalised_word_opening_a_sentence_is_a_name_only_if_tagged_as_one(first, pos, expected):
    # one-word entities the NER finds at a sentence start on a pronoun, number or interjection ("Ambas
    # não apresentavam", "Doze afirmaram") were all false on UNER-Bosque train and dev
    doc = flat([(first, pos), ("ganhou", "VERB"), ("da", "ADP"), ("Zyxel", "PROPN")], [(0, 1, "PER"), (3, 4, "ORG")])
    assert entities(doc) == expected


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        # "Juiz manda soltar presos. O juiz da Zyxel falou.": a headline's capitalised common noun
        (("O", "juiz"), {("Zyxel", "ORG"): ["Zyxel"]}),
        # "Juiz manda soltar presos. O Juiz da Zyxel falou.": capitalised inside a sentence, a name
        (("O", "Juiz"), {("Juiz", "PER"): ["Juiz"], ("Zyxel", "ORG"): ["Zyxel"]}),
    ],
)
def test_a_word_opening_a_sentence_is_no_name_when_the_text_writes_it_as_a_common_word(later, expected):
    doc = parsed(
        [
            ("Juiz", "PROPN", 1, "nsubj"),
            ("manda", "VERB", 1, "ROOT", "mandar"),
            ("soltar", "VERB", 1, "xcomp"),
            ("presos", "NOUN", 2, "obj", "preso"),
            (".", "PUNCT", 1, "punct"),
            (later[0], "DET", 6, "det"),
            (later[1], "NOUN", 9, "nsubj"),
            ("da", "ADP", 8, "case", "de"),
            ("Zyxel", "PROPN", 6, "nmod"),
            ("falou", "VERB", 9, "ROOT", "falar"),
            (".", "PUNCT", 9, "punct"),
        ],
        [(0, 1, "PER"), (8, 9, "ORG")],
    )
    assert entities(doc) == expected


@pytest.mark.parametrize(
    ("before", "tag", "expected"),
    [
        ([], "DEM-RJ", ("DEM", "ORG")),
        ([(",", "PUNCT"), ("senadora", "NOUN")], "DEM-RJ", ("DEM", "ORG")),
        ([], "Zyx-ZZ", ("Zyx-ZZ", "ORG")),
    ],
)
def test_a_party_and_state_tag_is_the_party(before, tag, expected):
    # "Ana Souza (DEM-RJ) votou", "Ana Souza, senadora (DEM-RJ) votou": the state after the party is
    # the politician's; "DEM-RJ" is no name of the party either, so that it joins no other party's tag
    words = [("Ana", "PROPN"), ("Souza", "PROPN"), *before, ("(", "PUNCT"), (tag, "PROPN"), (")", "PUNCT")]
    doc = flat(words + [("votou", "VERB")], ents=[(0, 2, "PER"), (len(words) - 2, len(words) - 1, "ORG")])
    assert entities(doc)[expected] == [expected[0]]


def test_a_state_institution_s_tag_is_no_party():
    # "o Tribunal de Justiça do Pará (TJ-PA) decidiu": a court's own abbreviation, not a politician's party
    words = [("o", "DET"), ("Tribunal", "PROPN"), ("de", "ADP"), ("Justiça", "PROPN"), ("do", "ADP"), ("Pará", "PROPN")]
    words += [("(", "PUNCT"), ("TJ-PA", "PROPN"), (")", "PUNCT"), ("decidiu", "VERB")]
    doc = flat(words, ents=[(1, 6, "ORG"), (7, 8, "ORG")])
    assert entities(doc) == {("Tribunal de Justiça do Pará", "ORG"): ["TJ-PA", "Tribunal de Justiça do Pará"]}


@pytest.mark.parametrize(
    ("last_word", "kept"),
    [
        # "Para ouvir, clique aqui Abaixo, a íntegra ...": a link's text ran into the next sentence
        ("Lima", False),
        # the word tagged a proper noun elsewhere in the text is a name the tagger misread once
        ("Abaixo", True),
    ],
)
def test_a_word_tagged_as_an_adverb_inside_a_sentence_is_no_name(last_word, kept):
    words = [("Clique", "VERB"), ("aqui", "ADV"), ("Abaixo", "ADV"), (",", "PUNCT"), ("a", "DET")]
    words += [("Zyxel", "PROPN"), ("e", "CCONJ"), (last_word, "PROPN")]
    assert (("Abaixo", "PER") in entities(flat(words, [(2, 3, "PER"), (5, 6, "ORG")]))) is kept


def institution_and_place(head, place, later=None):
    """'A HEAD de PLACE abriu vagas.' (+ ' A LATER informou.'), as the NER tags it after UNER: the
    institution's first words and the place apart."""
    head_words, place_words = head.split(), place.split()
    words = [("A", "DET")] + [(w, "PROPN") for w in head_words] + [("de", "ADP")]
    words += [(w, "PROPN") for w in place_words] + [("abriu", "VERB"), ("vagas", "NOUN"), (".", "PUNCT")]
    place_start = 2 + len(head_words)
    ents = [(1, 1 + len(head_words), "ORG"), (place_start, place_start + len(place_words), "LOC")]
    if later:
        start = len(words) + 1
        words += [("A", "DET")] + [(w, "PROPN") for w in later.split()] + [("informou", "VERB")]
        ents.append((start, start + len(later.split()), "ORG"))
    return flat(words, ents)


def test_an_institution_completed_by_a_place_is_named_with_it():
    # "Prefeitura" alone would join every town's city hall into one node of a corpus graph
    assert entities(institution_and_place("Prefeitura", "Santos", later="Prefeitura")) == {
        ("Prefeitura de Santos", "ORG"): ["Prefeitura de Santos"],
        ("Santos", "LOC"): ["Santos"],
    }
    assert entities(institution_and_place("Polícia Civil", "Goiás")) == {
        ("Polícia Civil de Goiás", "ORG"): ["Polícia Civil de Goiás"],
        ("Goiás", "LOC"): ["Goiás"],
    }


def test_a_company_before_a_place_keeps_its_own_name():
    assert entities(institution_and_place("Odebrecht", "Peru")) == {
        ("Odebrecht", "ORG"): ["Odebrecht"],
        ("Peru", "LOC"): ["Peru"],
    }


def test_a_name_completed_by_a_place_has_no_initials():
    # "PM" read as the initials of "Prefeitura de Maringá" joined the city hall to the police
    assert ("PM", "ORG") in entities(institution_and_place("Prefeitura", "Maringá", later="PM"))


def test_a_bare_institution_is_the_one_the_text_names_with_its_place():
    # as an alias of "Ministério Público de São Paulo", "Ministério Público" joined every state's
    # prosecutors (and the federal ones) into one node of a corpus graph
    words = [("O", "DET"), ("Ministério", "PROPN"), ("Público", "PROPN"), ("de", "ADP"), ("São", "PROPN")]
    words += [("Paulo", "PROPN"), ("denunciou", "VERB"), ("e", "CCONJ"), ("o", "DET"), ("Ministério", "PROPN")]
    words += [("Público", "PROPN"), ("recorreu", "VERB")]
    assert entities(flat(words, [(1, 6, "ORG"), (9, 11, "ORG")])) == {
        ("Ministério Público de São Paulo", "ORG"): ["Ministério Público de São Paulo"]
    }


def test_a_bare_institution_is_not_a_name_of_its_one_full_name():
    # "Ministério Público", a name of "Ministério Público do Trabalho", joined the labour prosecutors
    # to every other article's "Ministério Público" in a corpus graph
    words = [("O", "DET"), ("Ministério", "PROPN"), ("Público", "PROPN"), ("do", "ADP"), ("Trabalho", "PROPN")]
    words += [("abriu", "VERB"), ("e", "CCONJ"), ("o", "DET"), ("Ministério", "PROPN"), ("Público", "PROPN")]
    words += [("recorreu", "VERB")]
    assert entities(flat(words, [(1, 5, "ORG"), (8, 10, "ORG")])) == {
        ("Ministério Público do Trabalho", "ORG"): ["Ministério Público do Trabalho"]
    }


def test_a_bare_institution_is_the_one_the_text_names_with_its_head_word():
    # "o Supremo Tribunal Federal", then "o presidente do Supremo": "Supremo" had been a node of 395
    # articles beside the court
    words = [("O", "DET"), ("Senado", "PROPN"), ("Federal", "PROPN"), ("votou", "VERB"), ("e", "CCONJ")]
    words += [("o", "DET"), ("Senado", "PROPN"), ("saiu", "VERB")]
    assert entities(flat(words, [(1, 3, "ORG"), (6, 7, "ORG")])) == {("Senado Federal", "ORG"): ["Senado Federal"]}
    # not when the text names two institutions with that word
    words = [("A", "DET"), ("Polícia", "PROPN"), ("Federal", "PROPN"), ("e", "CCONJ"), ("a", "DET")]
    words += [("Polícia", "PROPN"), ("Militar", "PROPN"), ("agiram", "VERB"), ("e", "CCONJ"), ("a", "DET")]
    words += [("Polícia", "PROPN"), ("saiu", "VERB")]
    assert len(entities(flat(words, [(1, 3, "ORG"), (5, 7, "ORG"), (10, 11, "ORG")]))) == 3
    # nor "a Justiça", the judiciary at large, beside "a Justiça Federal"
    words = [("A", "DET"), ("Justiça", "PROPN"), ("Federal", "PROPN"), ("condenou", "VERB"), ("e", "CCONJ")]
    words += [("ele", "PRON"), ("recorreu", "VERB"), ("à", "ADP"), ("Justiça", "PROPN")]
    assert len(entities(flat(words, [(1, 3, "ORG"), (8, 9, "ORG")]))) == 2


def test_a_portfolio_after_a_ministers_title_is_the_ministry():
    # "Fazenda" (the ministry, a farm, a state's finance secretariat) was one node of 230 articles
    words = [("O", "DET"), ("ex-ministro", "NOUN"), ("da", "ADP"), ("Justiça", "PROPN"), ("disse", "VERB")]
    words += [("que", "SCONJ"), ("recorre", "VERB"), ("à", "ADP"), ("Justiça", "PROPN")]
    assert entities(flat(words, [(3, 4, "ORG"), (8, 9, "ORG")])) == {
        ("Ministério da Justiça", "ORG"): ["Ministério da Justiça"],
        ("Justiça", "ORG"): ["Justiça"],  # the judiciary
    }
    # the ministry's own name, whatever preposition the text gives the portfolio
    words = [("O", "DET"), ("ministro", "NOUN"), ("de", "ADP"), ("Relações", "PROPN"), ("Exteriores", "PROPN")]
    words += [("disse", "VERB")]
    assert list(entities(flat(words, [(3, 5, "ORG")]))) == [("Ministério das Relações Exteriores", "ORG")]
