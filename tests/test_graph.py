"""The KnowledgeGraph: resolution across documents, order independence, queries."""

from __future__ import annotations

import itertools

from kg.graph import KnowledgeGraph
from kg.models import Entity, Evidence, Relation


def entity(name, type_="ORG", doc="d1", mentions=1):
    return Entity(id="", name=name, type=type_, mentions=mentions, documents=[doc])


def relation(subject, rel, obj, doc="d1", confidence=0.9, sentence="Frase.", start=0):
    return Relation(
        subject=subject,
        relation=rel,
        object=obj,
        predicate="cue",
        confidence=confidence,
        evidence=[Evidence(document=doc, sentence=sentence, start=start, end=start + len(sentence))],
    )


def document(doc, *relations):
    graph = KnowledgeGraph()
    graph.add_document_id(doc)
    for r in relations:
        graph.add_relation(r)
    return graph


def corpus():
    meta, pytorch = entity("Meta", doc="d1"), entity("PyTorch", "PROJECT", doc="d1")
    mark = Entity(id="", name="Mark Zuckerberg", type="PER", aliases=["Zuckerberg"], mentions=2, documents=["d2"])
    zuck = entity("mark zuckerberg", "PER", doc="d3")
    return [
        document("d1", relation(meta, "developer_of", pytorch, doc="d1")),
        document("d2", relation(mark, "founder_of", entity("Meta", doc="d2"), doc="d2")),
        document("d3", relation(zuck, "leader_of", entity("META", doc="d3"), doc="d3", confidence=0.7)),
    ]


def test_entities_of_one_referent_across_documents_become_one_node():
    graph = KnowledgeGraph()
    for part in corpus():
        graph.merge(part)
    (meta,) = [e for e in graph.entities() if e.type == "ORG"]
    assert meta.documents == ["d1", "d2", "d3"] and meta.mentions == 3
    assert graph.entity("zuckerberg").name == "Mark Zuckerberg"


def test_a_first_name_or_surname_alone_does_not_join_people_across_documents():
    """Within a document "Eduardo" is Eduardo Cunha; across a corpus it is many people."""
    cunha = Entity(id="", name="Eduardo Cunha", type="PER", aliases=["Eduardo"], mentions=2, documents=["d1"])
    bolsonaro = Entity(id="", name="Eduardo Bolsonaro", type="PER", aliases=["Eduardo"], mentions=2, documents=["d2"])
    graph = KnowledgeGraph()
    for part in (cunha, bolsonaro, entity("Eduardo", "PER", doc="d3"), entity("eduardo cunha", "PER", doc="d4")):
        graph.add_entity(part)
    people = {e.name: e.documents for e in graph.entities(type="PER")}
    assert people == {"Eduardo Cunha": ["d1", "d4"], "Eduardo Bolsonaro": ["d2"], "Eduardo": ["d3"]}


def temer_corpus():
    """Three articles that give "Temer" to Michel Temer (24 times), one that gives it to Marcela
    Temer (once), and one that says "Temer" alone."""

    def article(doc, name, counts, relation_name="leader_of"):
        person = Entity(id="", name=name, type="PER", mentions=sum(counts.values()), documents=[doc])
        graph = KnowledgeGraph()
        graph.add_document_id(doc)
        graph.add_entity(person, name_counts=counts)
        graph.add_relation(relation(person, relation_name, entity("PMDB", doc=doc), doc=doc))
        return graph

    parts = [article(f"d{i}", "Michel Temer", {"Michel Temer": 1, "Temer": 8}) for i in range(3)]
    parts.append(article("d3", "Marcela Temer", {"Marcela Temer": 1, "Temer": 1}, "member_of"))
    parts.append(article("d4", "Temer", {"Temer": 3}, "member_of"))
    return parts


def merged(parts):
    graph = KnowledgeGraph()
    for part in parts:
        graph.merge(part)
    return graph


def test_a_person_named_by_one_word_joins_the_person_the_corpus_gives_it_to():
    graph = merged(temer_corpus())
    assert graph.entity("Temer").name == "Temer"  # merging alone never joins a surname
    graph.join_single_names()
    people = {e.name: e for e in graph.entities(type="PER")}
    assert sorted(people) == ["Marcela Temer", "Michel Temer"]
    assert people["Michel Temer"].documents == ["d0", "d1", "d2", "d4"]
    assert graph.entity("Temer").name == "Michel Temer"
    assert {r.relation for r in graph.relations(subject="Michel Temer")} == {"leader_of", "member_of"}
    assert people["Michel Temer"].mentions == 30


def test_a_single_name_shared_by_people_or_seldom_given_stays_apart():
    for kept in ({"share": 1.0}, {"uses": 25}):  # Michel Temer has 24 of the 25 uses
        graph = merged(temer_corpus()).join_single_names(**kept)
        assert sorted(e.name for e in graph.entities(type="PER")) == ["Marcela Temer", "Michel Temer", "Temer"]


def test_a_longer_form_of_the_full_name_counts_for_the_same_person():
    graph = merged(temer_corpus())
    longer = Entity(id="", name="Michel Miguel Elias Temer Lulia", type="PER", mentions=6, documents=["d5"])
    graph.add_entity(longer, name_counts={"Michel Miguel Elias Temer Lulia": 1, "Temer": 5})
    graph.join_single_names()  # Michel Temer holds 24 of the 30 uses, his longer name 5
    assert graph.entity("Temer").name == "Michel Temer"
    assert graph.entity("Michel Miguel Elias Temer Lulia").documents == ["d5"]


def test_joining_single_names_does_not_depend_on_document_order():
    graphs = [merged(order).join_single_names() for order in itertools.permutations(temer_corpus())]
    assert all(g == graphs[0] for g in graphs[1:])


def articles(*people):
    """One article per document naming one person, for each ``(name, documents)``."""
    parts = []
    for name, documents in people:
        for _ in range(documents):
            graph = KnowledgeGraph()
            graph.add_document_id(f"d{len(parts)}")
            graph.add_entity(entity(name, "PER", doc=f"d{len(parts)}"))
            parts.append(graph)
    return parts


FACHIN_AND_VIEIRA_LIMA = [
    ("Luiz Edson Fachin", 3),
    ("Edson Fachin", 1),
    ("Geddel Vieira Lima", 2),
    ("Lúcio Vieira Lima", 1),
    ("Vieira Lima", 1),
]


def test_a_shorter_form_of_a_name_joins_the_person_the_corpus_gives_it_to():
    graph = merged(articles(*FACHIN_AND_VIEIRA_LIMA)).join_name_forms(documents=3)
    people = {e.name: len(e.documents) for e in graph.entities(type="PER")}
    # "Vieira Lima" is Geddel's or his brother's: 2 of 3 documents are not enough to say whose
    assert people == {"Luiz Edson Fachin": 4, "Geddel Vieira Lima": 2, "Lúcio Vieira Lima": 1, "Vieira Lima": 1}
    assert graph.entity("Edson Fachin").name == "Luiz Edson Fachin"


def test_a_shorter_form_given_to_a_person_in_few_documents_stays_apart():
    graph = merged(articles(*FACHIN_AND_VIEIRA_LIMA)).join_name_forms(documents=4)
    assert graph.entity("Edson Fachin").name == "Edson Fachin"


def test_a_shorter_form_of_a_shorter_form_joins_the_fullest_name():
    corpus = articles(("Edson Fachin", 1), ("Edson Luiz Fachin", 2), ("José Edson Luiz Fachin", 1))
    graph = merged(corpus).join_name_forms(documents=1, share=0.5)
    assert [e.name for e in graph.entities(type="PER")] == ["Edson Luiz Fachin"]
    assert graph.entity("Edson Fachin") == graph.entity("José Edson Luiz Fachin")


def test_joining_name_forms_does_not_depend_on_document_order():
    corpus = articles(("Luiz Edson Fachin", 1), ("Edson Fachin", 1), *FACHIN_AND_VIEIRA_LIMA[2:])
    del corpus[3]  # Geddel in one document, as his brother: "Vieira Lima" stays apart
    graphs = [merged(order).join_name_forms(documents=1) for order in itertools.permutations(corpus)]
    assert sorted(e.name for e in graphs[0].entities(type="PER")) == [
        "Geddel Vieira Lima", "Luiz Edson Fachin", "Lúcio Vieira Lima", "Vieira Lima",
    ]  # fmt: skip
    assert all(g == graphs[0] for g in graphs[1:])


def test_merge_does_not_depend_on_document_order():
    graphs = []
    for order in itertools.permutations(corpus()):
        graph = KnowledgeGraph()
        for part in order:
            graph.merge(part)
        graphs.append(graph)
    assert all(g == graphs[0] for g in graphs[1:])


def test_tree_merge_equals_sequential_merge():
    a, b, c = corpus()
    sequential = KnowledgeGraph().merge(a).merge(b).merge(c)
    tree = KnowledgeGraph().merge(KnowledgeGraph().merge(a).merge(b)).merge(KnowledgeGraph().merge(c))
    assert sequential == tree


def test_repeated_relation_is_one_edge_with_all_its_evidence():
    meta, pytorch = entity("Meta"), entity("PyTorch", "PROJECT")
    graph = document(
        "d1",
        relation(meta, "developer_of", pytorch, start=0),
        relation(meta, "developer_of", pytorch, start=50, confidence=0.5),
    )
    (edge,) = graph.relations()
    assert len(edge.evidence) == 2 and edge.confidence == 0.9
    assert graph.nx.number_of_edges() == 1


def test_same_name_different_types_are_different_nodes():
    graph = document("d1", relation(entity("Tesla"), "developer_of", entity("Tesla", "PROJECT")))
    assert sorted(graph.nx.nodes) == ["ORG:tesla", "PROJECT:tesla"]


def test_queries_filter_by_subject_relation_object_accent_and_case_tolerant():
    graph = KnowledgeGraph()
    for part in corpus():
        graph.merge(part)
    assert [r.relation for r in graph.relations(subject="ZUCKERBERG")] == ["founder_of", "leader_of"]
    assert [r.subject.name for r in graph.relations(relation="developer_of", object="pytorch")] == ["Meta"]
    assert graph.relations(subject="Nobody") == []
    assert {e.name for e in graph.neighbors("Meta")} == {"PyTorch", "Mark Zuckerberg"}
    assert graph.entity("Nobody") is None


def test_open_relations_with_different_predicates_stay_apart():
    a, b = entity("Petrobras"), entity("Embrapa")
    graph = KnowledgeGraph()
    for predicate in ("visitou", "processou"):
        graph.add_relation(Relation(subject=a, relation="related_to", predicate=predicate, object=b, confidence=0.4))
    assert sorted(r.predicate for r in graph.relations()) == ["processou", "visitou"]
