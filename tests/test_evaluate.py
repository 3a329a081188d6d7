"""Tests of kg.evaluate: graph scoring (docs/SCHEMA.md), gold validation, UNER spans, IberLEF pairs, the report.

Most tests need no model: predictions are built by hand. Tests reading the shared data skip when
it is absent (set KG_SHARED_DATA, or keep it at ../shared/data beside the repository); the slow
end-to-end test also skips when no trained pipeline is installed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.errors import InputError, ModelNotFoundError
from kg.evaluate import evaluate_paths, format_report
from kg.evaluate.gold import GoldDocument, gold_files, load_gold
from kg.evaluate.graph import score_graph, summarise_graph_scores
from kg.evaluate.ner import Span, gold_spans, iob_spans, parse_conllu, score_spans
from kg.evaluate.open_relations import (
    GoldPair,
    descriptor_match,
    entity_matches,
    read_iberlef,
    score_open_relations,
    surface_text,
)
from kg.evaluate.report import format_table
from kg.evaluate.scores import Counts, match_one_to_one
from kg.graph import KnowledgeGraph
from kg.models import Entity, Evidence, Relation
from kg.names import node_id

SHARED_DATA = Path(os.environ.get("KG_SHARED_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))
UNER_DEV = SHARED_DATA / "ner" / "uner-pt-bosque" / "pt_bosque-ud-dev.iob2"
BOSQUE_DEV = SHARED_DATA / "ud" / "UD_Portuguese-Bosque" / "pt_bosque-ud-dev.conllu"
IBERLEF_TEST1 = SHARED_DATA / "re" / "iberlef2019" / "TASK2" / "Key_Task2Test1.tsv"
needs_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"shared data not found at {SHARED_DATA} (set KG_SHARED_DATA)"
)


# ---------------------------------------------------------------------- helpers
def entity(name: str, type: str, *aliases: str) -> Entity:
    return Entity(id=node_id(type, name), name=name, type=type, aliases=list(aliases))


def relation(subject: Entity, rel: str, obj: Entity, predicate: str = "", sentence: str = "") -> Relation:
    evidence = [Evidence(document="d", sentence=sentence, start=0, end=len(sentence))] if sentence else []
    return Relation(subject=subject, relation=rel, object=obj, predicate=predicate, confidence=0.9, evidence=evidence)


def gold_doc(entities: list[dict], relations: list[dict] = ()) -> GoldDocument:
    return GoldDocument.model_validate(
        {
            "doc_id": "d",
            "text_file": "d.txt",
            "entities": entities,
            "relations": [{"evidence": "", **r} for r in relations],
        }
    )


SEED_GOLD = gold_doc(
    [
        {"name": "Mark Zuckerberg", "type": "PER", "aliases": ["Zuckerberg"]},
        {"name": "Meta", "type": "ORG"},
        {"name": "Linux Foundation", "type": "ORG", "aliases": ["The Linux Foundation"]},
        {"name": "PyTorch", "type": "PROJECT"},
        {"name": "AMD", "type": "ORG"},
    ],
    [
        {"subject": "Mark Zuckerberg", "relation": "founder_of", "object": "Meta"},
        {"subject": "Meta", "relation": "developer_of", "object": "PyTorch"},
        {"subject": "Meta", "relation": "developer_of", "object": "PyTorch"},  # the text says it twice
        {"subject": "Linux Foundation", "relation": "governs", "object": "PyTorch"},
        {"subject": "AMD", "relation": "partner_of", "object": "Meta"},
    ],
)


# ---------------------------------------------------------------------- counts and matching
def test_counts_micro_average_sums_counts() -> None:
    total = Counts(tp=2, fp=1) + Counts(tp=1, fn=3)
    assert (total.tp, total.fp, total.fn) == (3, 1, 3)
    assert total.precision == 0.75 and total.recall == 0.5 and total.f1 == 0.6
    assert Counts().precision == Counts().recall == Counts().f1 == 0.0


def test_scores_are_rounded_once_when_printed() -> None:
    # 40 / 149 = 0.26846: rounded to 4 decimals first (0.2685), it would print as 0.269
    counts = Counts(tp=40, fn=109)
    assert counts.recall == 40 / 149
    assert "0.268" in format_table(["recall"], [[counts.recall]])


def test_one_to_one_matching_finds_the_largest_matching() -> None:
    assert match_one_to_one(3, [[0], [0, 1], [1]]) == {0: 0, 1: 1}
    assert match_one_to_one(2, [[], []]) == {}


# ---------------------------------------------------------------------- entities
@pytest.mark.parametrize(
    ("predicted", "gold_name"),
    [
        (entity("Zuckerberg", "PER"), "Mark Zuckerberg"),  # predicted name = a gold alias
        (entity("Mark", "PER", "Mark Zuckerberg"), "Mark Zuckerberg"),  # a predicted alias = the gold name
        (entity("a Linux Foundation", "ORG"), "Linux Foundation"),  # leading article dropped
        (entity("THE LINUX FOUNDATION,", "ORG"), "Linux Foundation"),  # case and punctuation
        (entity("“Meta”", "ORG"), "Meta"),
    ],
)
def test_entity_matches_by_normalised_name_or_alias(predicted: Entity, gold_name: str) -> None:
    gold = gold_doc(
        [
            {"name": "Mark Zuckerberg", "type": "PER", "aliases": ["Zuckerberg"]},
            {"name": "Linux Foundation", "type": "ORG"},
            {"name": "Meta", "type": "ORG"},
        ]
    )
    score = score_graph(gold, [predicted], [])
    assert score.entities_typed.tp == 1 and score.entities_typed.fp == 0
    assert gold_name not in {e.name for e in score.missed_entities}


def test_accents_are_kept_when_matching() -> None:
    gold = gold_doc([{"name": "Agência Espacial", "type": "ORG"}])
    assert score_graph(gold, [entity("Agencia Espacial", "ORG")], []).entities_untyped.tp == 0


def test_type_disagreement_counts_in_typed_scores_only() -> None:
    gold = gold_doc([{"name": "PyTorch", "type": "PROJECT"}, {"name": "Meta", "type": "ORG"}])
    score = score_graph(gold, [entity("PyTorch", "ORG"), entity("Meta", "ORG")], [])
    assert (score.entities_typed.tp, score.entities_typed.fp, score.entities_typed.fn) == (1, 1, 1)
    assert (score.entities_untyped.tp, score.entities_untyped.fp, score.entities_untyped.fn) == (2, 0, 0)
    assert score.entities["PROJECT"].fn == 1 and score.entities["ORG"].fp == 1 and score.entities["ORG"].tp == 1
    assert score.missed_entities[0].reason == "found as ORG 'PyTorch'"
    assert score.false_entities[0].reason == "gold 'PyTorch' is PROJECT"


def test_two_predicted_entities_for_one_gold_referent_give_one_false_positive() -> None:
    gold = gold_doc([{"name": "Mark Zuckerberg", "type": "PER", "aliases": ["Zuckerberg"]}])
    score = score_graph(gold, [entity("Mark Zuckerberg", "PER"), entity("Zuckerberg", "PER")], [])
    assert (score.entities_typed.tp, score.entities_typed.fp) == (1, 1)
    assert score.false_entities[0].reason == "a second entity for one gold referent"


# ---------------------------------------------------------------------- relations
def test_relations_match_on_subject_object_and_type() -> None:
    zuck, meta, pytorch = entity("Zuckerberg", "PER"), entity("a Meta", "ORG"), entity("PyTorch", "PROJECT")
    lf, amd = entity("The Linux Foundation", "ORG"), entity("AMD", "ORG")
    predicted = [
        relation(zuck, "founder_of", meta, "fundou"),
        relation(meta, "developer_of", pytorch, "desenvolveu"),
        relation(lf, "governs", pytorch, "supervisionará"),
        relation(meta, "partner_of", amd, "parceria com"),
    ]
    score = score_graph(SEED_GOLD, [zuck, meta, pytorch, lf, amd], predicted)
    assert (score.relations_micro.tp, score.relations_micro.fp, score.relations_micro.fn) == (4, 0, 0)
    assert score.entities_typed.f1 == 1.0


def test_duplicate_gold_relation_counts_once() -> None:
    meta, pytorch = entity("Meta", "ORG"), entity("PyTorch", "PROJECT")
    score = score_graph(SEED_GOLD, [meta, pytorch], [relation(meta, "developer_of", pytorch)])
    assert score.relations["developer_of"] == Counts(tp=1)
    assert score.relations_micro.tp + score.relations_micro.fn == 4  # five gold lines, four distinct relations


@pytest.mark.parametrize("reverse", [False, True])
def test_partner_of_matches_either_direction_and_counts_once(reverse: bool) -> None:
    meta, amd = entity("Meta", "ORG"), entity("AMD", "ORG")
    one = relation(meta, "partner_of", amd) if reverse else relation(amd, "partner_of", meta)
    both = [one, relation(one.object, "partner_of", one.subject)]
    for predicted in ([one], both):
        score = score_graph(SEED_GOLD, [meta, amd], predicted)
        assert score.relations["partner_of"] == Counts(tp=1)


def test_other_relations_are_directed() -> None:
    meta, pytorch = entity("Meta", "ORG"), entity("PyTorch", "PROJECT")
    score = score_graph(
        SEED_GOLD,
        [meta, pytorch],
        [relation(pytorch, "developer_of", meta, "desenvolvido por", "O PyTorch foi desenvolvido pela Meta.")],
    )
    assert score.relations["developer_of"] == Counts(fp=1, fn=1)
    false = score.false_relations[0]
    assert false.reason == "gold relation is developer_of (reverse)"
    assert (false.predicate, false.evidence) == ("desenvolvido por", "O PyTorch foi desenvolvido pela Meta.")
    missed = {(m.subject, m.relation, m.object): m for m in score.missed_relations}
    assert missed[("Meta", "developer_of", "PyTorch")].reason == "predicted as developer_of (reverse)"
    assert missed[("Mark Zuckerberg", "founder_of", "Meta")].reason == "'Mark Zuckerberg' not extracted"


def test_wrong_relation_type_is_a_false_positive_and_a_miss() -> None:
    meta, pytorch = entity("Meta", "ORG"), entity("PyTorch", "PROJECT")
    score = score_graph(SEED_GOLD, [meta, pytorch], [relation(meta, "owner_of", pytorch, "controla")])
    assert score.relations["owner_of"] == Counts(fp=1)
    assert score.relations["developer_of"] == Counts(fn=1)
    assert score.false_relations[0].reason == "gold relation is developer_of (forward)"


def test_open_relations_are_counted_apart_not_scored() -> None:
    meta, pytorch = entity("Meta", "ORG"), entity("PyTorch", "PROJECT")
    predicted = [relation(meta, "related_to", pytorch, "anunciou"), relation(meta, "related_to", pytorch, "apresentou")]
    score = score_graph(SEED_GOLD, [meta, pytorch], predicted)
    assert score.open_relations == 2
    assert "related_to" not in score.relations
    assert score.relations_micro == Counts(fn=4)


def test_scores_are_micro_averaged_over_documents() -> None:
    gold = gold_doc([{"name": "Meta", "type": "ORG"}])
    good = score_graph(gold, [entity("Meta", "ORG")], [])
    bad = score_graph(gold, [entity("Apple", "ORG"), entity("Google", "ORG"), entity("IBM", "ORG")], [])
    summary = summarise_graph_scores([good, bad])
    assert summary["documents"] == 2
    assert summary["entities"]["typed"]["tp"] == 1 and summary["entities"]["typed"]["fp"] == 3
    assert summary["entities"]["typed"]["precision"] == 0.25  # a macro average would say 0.5
    assert json.loads(json.dumps(summary)) == summary


# ---------------------------------------------------------------------- gold files
def write_gold(folder: Path, data: dict | str, name: str = "doc.json") -> Path:
    (folder / "texts").mkdir(exist_ok=True)
    (folder / "texts" / "doc.txt").write_text("A Meta desenvolveu o PyTorch.", encoding="utf-8")
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


VALID = {
    "doc_id": "doc",
    "text_file": "texts/doc.txt",
    "entities": [{"name": "Meta", "type": "ORG", "aliases": []}, {"name": "PyTorch", "type": "PROJECT", "aliases": []}],
    "relations": [
        {
            "subject": "Meta",
            "relation": "developer_of",
            "object": "PyTorch",
            "evidence": "A Meta desenvolveu o PyTorch.",
        }
    ],
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"entities": [{"name": "Meta", "type": "COMPANY"}]}, "entities.0.type"),
        (
            {"relations": [{"subject": "Meta", "relation": "created", "object": "PyTorch", "evidence": ""}]},
            "relations.0.relation",
        ),
        (
            {"relations": [{"subject": "Meta", "relation": "uses", "object": "Linux", "evidence": ""}]},
            "'Linux' is not an entity",
        ),
        (
            {"entities": [{"name": "Meta", "type": "ORG"}, {"name": "a Meta", "type": "ORG"}], "relations": []},
            "share the name 'meta'",
        ),
        ({"doc_id": None}, "doc_id"),
        ({"source": "r7"}, "source: Extra inputs are not permitted"),
        ({"text_file": "texts/missing.txt"}, "text_file 'texts/missing.txt' not found"),
    ],
)
def test_bad_gold_file_raises_input_error_naming_file_and_problem(tmp_path: Path, change: dict, problem: str) -> None:
    path = write_gold(tmp_path, {**VALID, **change})
    with pytest.raises(InputError) as error:
        load_gold(path)
    assert str(path) in str(error.value) and problem in str(error.value)


def test_gold_that_is_not_json_raises_input_error(tmp_path: Path) -> None:
    path = write_gold(tmp_path, "{not json")
    with pytest.raises(InputError, match="not a JSON gold file"):
        load_gold(path)


def test_gold_folder_reads_only_its_json_files(tmp_path: Path) -> None:
    write_gold(tmp_path, VALID, "b.json")
    write_gold(tmp_path, {**VALID, "doc_id": "other"}, "a.json")
    (tmp_path / "SOURCE.md").write_text("# notes", encoding="utf-8")
    assert [p.name for p in gold_files(tmp_path)] == ["a.json", "b.json"]
    assert load_gold(tmp_path / "b.json").relations[0].relation == "developer_of"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.json", "no such file or folder"),
        ("graph.graphml", "unknown gold format '.graphml'"),
        ("empty", "without gold .json files"),
    ],
)
def test_unusable_paths_raise_input_error(tmp_path: Path, name: str, message: str) -> None:
    if name == "graph.graphml":
        (tmp_path / name).write_text("<graphml/>", encoding="utf-8")
    if name == "empty":
        (tmp_path / name).mkdir()
    with pytest.raises(InputError, match=message):
        evaluate_paths([tmp_path / name], model=None)


def test_gold_is_checked_before_the_model_is_loaded(tmp_path: Path) -> None:
    path = write_gold(tmp_path, {**VALID, "entities": []})
    with pytest.raises(InputError, match="is not an entity"):
        evaluate_paths([path], model=str(tmp_path / "no-such-model"))


def test_duplicate_doc_ids_raise_input_error(tmp_path: Path) -> None:
    write_gold(tmp_path, VALID, "a.json")
    write_gold(tmp_path, VALID, "b.json")
    with pytest.raises(InputError, match="doc_id 'doc' is also"):
        evaluate_paths([tmp_path], model=str(tmp_path / "no-such-model"))


# ---------------------------------------------------------------------- UNER
CONLLU = """\
# sent_id = test-1
# text = A greve na Rádio Televisão da Guiné-Bissau acabou.
1\tA\to\tDET
2\tgreve\tgreve\tNOUN
3-4\tna\t_\t_
3\tem\tem\tADP
4\ta\to\tDET
5\tRádio\tRádio\tPROPN
6\tTelevisão\tTelevisão\tPROPN
7-8\tda\t_\t_
7\tde\tde\tADP
8\ta\to\tDET
9\tGuiné-Bissau\tGuiné-Bissau\tPROPN
10\tacabou\tacabar\tVERB
11\t.\t.\tPUNCT
"""


def test_conllu_words_get_the_characters_of_their_surface_token() -> None:
    sentence = next(parse_conllu(CONLLU.splitlines()))
    assert sentence.words[2:4] == ["em", "a"] and sentence.offsets[2] == sentence.offsets[3] == (8, 10)
    tags = ["O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "O", "O"]  # "Rádio Televisão de" + "a" outside
    spans = [Span(sentence.offsets[s][0], sentence.offsets[e - 1][1], label) for s, e, label in iob_spans(tags)]
    assert [(sentence.text[s.start : s.end], s.label) for s in spans] == [
        ("Rádio Televisão da", "ORG"),
        ("Guiné-Bissau", "LOC"),
    ]


def test_conllu_tokens_must_be_in_the_text() -> None:
    with pytest.raises(ValueError, match="not found"):
        list(parse_conllu(["# text = O Brasil.", "1\tO\t_", "2\tPortugal\t_", ""]))


def test_iob_spans_and_exact_span_scores() -> None:
    assert iob_spans(["B-PER", "I-PER", "I-ORG", "O", "I-LOC"]) == [(0, 2, "PER"), (2, 3, "ORG"), (4, 5, "LOC")]
    gold = [{Span(0, 9, "PER"), Span(12, 18, "LOC")}, set()]
    predicted = [{Span(0, 9, "PER"), Span(12, 17, "LOC")}, {Span(0, 3, "ORG")}]
    counts = score_spans(gold, predicted)
    assert counts == {"LOC": Counts(fp=1, fn=1), "ORG": Counts(fp=1), "PER": Counts(tp=1)}


@needs_data
def test_uner_dev_spans_on_real_sentences_with_contractions() -> None:
    texts, spans = gold_spans(UNER_DEV, BOSQUE_DEV)
    assert len(texts) == 1172 and sum(len(s) for s in spans) == 1401  # the counts of its SOURCE.md
    found = {
        text: sorted((text[s.start : s.end], s.label) for s in sentence)
        for text, sentence in zip(texts, spans, strict=True)
    }
    # UNER tags the words "TEATRO DE" (of the contraction "DA" = "DE" + "A"), and "TRINDADE".
    assert found["TEATRO DA TRINDADE."] == [("TEATRO DA", "LOC"), ("TRINDADE", "LOC")]
    radio = next(t for t in texts if "Rádio Televisão da Guiné-Bissau" in t)
    assert ("Rádio Televisão da", "ORG") in found[radio]
    # "além-Pirinéus" is one surface token of two words; UNER tags only "Pirinéus".
    pirineus = next(t for t in texts if "além-Pirinéus" in t)
    assert ("além-Pirinéus", "LOC") in found[pirineus]


# ---------------------------------------------------------------------- IberLEF open relations
def test_iberlef_surface_text_joins_names_and_contractions() -> None:
    assert (
        surface_text("disse um de os autores, John_Clapham, de a empresa")
        == "disse um dos autores, John Clapham, da empresa"
    )
    assert (
        surface_text("Por a manhã, a o meio-dia, em este caso, de um lado")
        == "Pela manhã, ao meio-dia, neste caso, de um lado"
    )


@pytest.mark.parametrize(
    ("predicate", "descriptor", "expected"),
    [
        ("paleontólogo da", "paleontólogo de", (True, True)),
        ("Presidente da", "presidente de", (True, True)),
        ("à frente de", "a a frente de", (True, True)),
        ("pesquisador da", "de", (False, True)),  # the descriptor is contained in the predicate
        ("presidente", "primeiro-ministro e presidente de", (False, True)),
        ("fundada por", "fundada em", (False, True)),  # a shared content word
        ("fundou", "criou", (False, False)),
        ("", "de", (False, False)),
    ],
)
def test_descriptor_match(predicate: str, descriptor: str, expected: tuple[bool, bool]) -> None:
    assert descriptor_match(predicate, descriptor) == expected


def test_gold_arguments_match_entities_by_containment() -> None:
    assert entity_matches("ministro Roberto Amaral", entity("Roberto Amaral", "PER"))
    assert entity_matches("USP", entity("Universidade de São Paulo", "ORG", "USP"))
    assert entity_matches("a Universidade de Cambridge", entity("Universidade de Cambridge", "ORG"))
    assert not entity_matches("ONU", entity("UNESCO", "ORG"))
    assert entity_matches("Paulo", entity("São Paulo", "LOC"))  # containment is loose by design: whole words
    assert not entity_matches("Rio", entity("Riomar", "ORG"))  # whole words only


def sentence_graph(*relations: Relation, entities: tuple[Entity, ...] = ()) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for item in entities:
        graph.add_entity(item)
    for item in relations:
        graph.add_relation(item)
    return graph


def test_open_relation_pairs_are_judged_against_the_sentence_graph() -> None:
    tejedor, unp = entity("Marcelo Tejedor", "PER"), entity("Universidade Nacional da Patagônia", "ORG")
    usp = entity("Universidade de São Paulo", "ORG", "USP")
    zanotto = entity("Paolo Zanotto", "PER")

    def pair(sid: str, arg1: str, descriptor: str, arg2: str) -> GoldPair:
        return GoldPair(sid, "1", "", arg1, "PER", descriptor, arg2, "ORG")

    pairs = [
        pair("s1", "Marcelo Tejedor", "paleontólogo de", "Universidade Nacional da Patagônia"),
        pair("s2", "Universidade Nacional da Patagônia", "de", "Marcelo Tejedor"),  # either direction
        pair("s3", "USP", "(", "Universidade de São Paulo"),
        pair("s4", "Paolo Zanotto", "de", "USP"),
        pair("s5", "Paolo Zanotto", "de", "Fiocruz"),
    ]
    graphs = {
        "s1": sentence_graph(relation(tejedor, "employee_of", unp, "paleontólogo da")),
        "s2": sentence_graph(relation(tejedor, "related_to", unp, "trabalha em")),
        "s3": sentence_graph(entities=(usp,)),
        "s4": sentence_graph(entities=(usp, zanotto)),
        "s5": sentence_graph(entities=(zanotto,)),
    }
    report = score_open_relations(pairs, graphs)
    assert [j["status"] for j in report["judged"]] == [
        "found",
        "found",
        "one entity",
        "no relation",
        "argument not extracted",
    ]
    assert [(j["exact"], j["partial"]) for j in report["judged"]][:2] == [(True, True), (False, False)]
    assert (report["pairs"], report["found"], report["exact"], report["partial"]) == (5, 2, 1, 1)
    assert report["pair_recall"] == 0.4 and report["exact_accuracy"] == 0.2
    assert report["by_categories"]["PER-ORG"]["pairs"] == 5


def test_iberlef_file_needs_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "key.tsv"
    path.write_text("ID\tSENTENCE\n1\tUma frase.\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an IberLEF 2019 Task 2 key"):
        read_iberlef(path)


@pytest.mark.skipif(
    not IBERLEF_TEST1.is_file(), reason=f"IberLEF key not found at {IBERLEF_TEST1} (set KG_SHARED_DATA)"
)
def test_iberlef_test1_is_read_in_news_form() -> None:
    pairs = read_iberlef(IBERLEF_TEST1)
    assert len(pairs) == 149 and len({p.sentence_id for p in pairs}) == 92  # the counts of its SOURCE.md
    first = pairs[0]
    assert first.argument_1 == "Marcelo Tejedor" and first.descriptor == "paleontólogo de"
    assert first.sentence.startswith("Marcelo Tejedor, paleontólogo da Universidade Nacional da Patagônia,")


# ---------------------------------------------------------------------- the report
def test_format_report_prints_tables_and_details() -> None:
    meta, pytorch, lf = entity("Meta", "ORG"), entity("PyTorch", "PROJECT"), entity("Linux Foundation", "ORG")
    score = score_graph(
        SEED_GOLD, [meta, pytorch, lf], [relation(meta, "owner_of", pytorch, "controla", "A Meta controla o PyTorch.")]
    )
    report = {"graph": {"files": ["seed.json"], **summarise_graph_scores([score])}}
    short = format_report(report, details=False)
    assert "all (typed)" in short and "developer_of" in short and "A Meta controla" not in short
    long = format_report(report, details=True)
    assert (
        "false relation  Meta --owner_of--> PyTorch: gold relation is developer_of (forward) (predicate 'controla'"
        in long
    )
    assert "evidence: A Meta controla o PyTorch." in long
    assert "missed entity   Mark Zuckerberg [PER]: not found" in long
    header = short.splitlines()[2]
    assert header.split() == ["entities", "tp", "fp", "fn", "P", "R", "F1"]


# ---------------------------------------------------------------------- end to end
def _f1_values(node: object) -> list[float]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "f1"] + [f for v in node.values() for f in _f1_values(v)]
    if isinstance(node, list):
        return [f for v in node for f in _f1_values(v)]
    return []


@pytest.mark.slow
@needs_data
def test_evaluate_paths_on_gold_dev() -> None:
    try:
        report = evaluate_paths([SHARED_DATA / "gold-dev"], model=None)
    except ModelNotFoundError as error:
        pytest.skip(f"no trained pipeline: {error}")
    assert set(report) == {"graph"}
    graph = report["graph"]
    documents = sorted(p.stem for p in (SHARED_DATA / "gold-dev").glob("*.json"))
    assert graph["documents"] == len(documents) == len(graph["per_document"])
    assert set(graph["entities"]) == {"typed", "untyped", "by_type"}
    assert set(graph["relations"]) == {"micro", "by_type", "open_relations"}
    assert set(graph["relations"]["by_type"]) <= {
        "founder_of", "leader_of", "employee_of", "member_of", "part_of", "owner_of", "developer_of",
        "governs", "uses", "partner_of", "investor_in", "located_in", "formerly_known_as",
    }  # fmt: skip
    gold_relations = sum(c["tp"] + c["fn"] for c in graph["relations"]["by_type"].values())
    assert gold_relations == graph["relations"]["micro"]["tp"] + graph["relations"]["micro"]["fn"] > 0
    f1s = _f1_values(report)
    assert f1s and all(0.0 <= f <= 1.0 for f in f1s)
    assert json.loads(json.dumps(report)) == report
    text = format_report(report, details=True)
    assert "all (typed)" in text and "== seed" in text
