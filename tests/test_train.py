"""The training driver runs end to end on a handful of sentences, so the recipe cannot rot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

from kg.train.driver import build_pipeline

DATA = Path(os.environ.get("KG_SHARED_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "ud").is_dir(), reason=f"training data not found at {DATA} (set KG_SHARED_DATA)")
def test_training_driver_builds_a_loadable_pipeline(tmp_path):
    scores = build_pipeline(
        data=DATA,
        output=tmp_path,
        max_steps=4,
        ner_steps=4,
        harem=True,
        gsd=True,
        porttinari=True,
        porttinari_pos=True,
        silver=12,
        uner_copies=2,
        limit=12,
        pretrain_texts={"syntax": 2, "ner": -1},
        syntax_on_dev=True,
        install=False,
    )
    syntax = tmp_path / "syntax"
    assert sorted(p.name for p in (tmp_path / "corpus" / "ner").glob("bosque-*")) == [
        "bosque-1.spacy",
        "bosque-2.spacy",
    ]
    assert (tmp_path / "corpus" / "syntax+dev" / "dev.spacy").is_file()
    assert (tmp_path / "corpus" / "syntax+dev" / "porttinari.spacy").is_file()
    assert spacy.util.load_config(syntax / "model-last" / "config.cfg")["paths"]["train"].endswith("syntax+dev")
    assert (syntax / "model-best" / "parser" / "model").read_bytes() == (
        syntax / "model-last" / "parser" / "model"
    ).read_bytes()
    assert (tmp_path / "pretrain-syntax-2" / "model-last.bin").is_file()
    assert (tmp_path / "pretrain-ner-all" / "model-last.bin").is_file()
    assert "tagger" in spacy.load(syntax / "model-best").pipe_names  # a training aid, left out when joined
    nlp = spacy.load(tmp_path / "model-best")
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser", "trainable_lemmatizer", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert 0.0 <= scores["uner_bosque_dev"]["ents_f"] <= 1.0
    doc = nlp("A Linux Foundation supervisionará o PyTorch.")
    assert len(doc) == 7 and doc.has_annotation("DEP")


@pytest.mark.skipif(not (DATA / "ud").is_dir(), reason=f"training data not found at {DATA} (set KG_SHARED_DATA)")
def test_contractions_are_merged_into_surface_tokens():
    from kg.train.corpus import read_conllu

    sentence = next(read_conllu(DATA / "ud" / "UD_Portuguese-Bosque" / "pt_bosque-ud-train.conllu"))
    assert [t.text for t in sentence.tokens] == ["PT", "no", "governo"]
    no = sentence.tokens[1]
    assert (no.pos, no.dep, no.head) == ("ADP", "case", 2)


def test_another_treebank_is_read_in_bosque_relations_without_its_sparse_features(tmp_path):
    from kg.train.corpus import PORTTINARI_RELATIONS, read_conllu

    conllu = tmp_path / "portt.conllu"
    rows = [
        "1\tEle\tele\tPRON\t_\t_\t2\tnsubj\t_\t_",
        "2\tdisse\tdizer\tVERB\t_\tMood=Ind\t0\troot\t_\t_",
        "3\tque\tque\tSCONJ\t_\t_\t4\tmark\t_\t_",
        "4\tchove\tchover\tVERB\t_\t_\t2\tccomp:speech\t_\tSpaceAfter=No",
        "5\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_",
    ]
    conllu.write_text("# sent_id = 1\n# text = Ele disse que chove.\n" + "\n".join(rows) + "\n\n", encoding="utf-8")
    (sentence,) = read_conllu(conllu, morphology="pos", relations=PORTTINARI_RELATIONS)
    assert [t.dep for t in sentence.tokens] == ["nsubj", "ROOT", "mark", "ccomp", "punct"]
    assert [t.lemma for t in sentence.tokens][:2] == ["ele", "dizer"]
    assert [t.pos for t in sentence.tokens] == ["PRON", "VERB", "SCONJ", "VERB", "PUNCT"]
    assert all(t.morph is None for t in sentence.tokens)


def test_a_treebank_can_teach_its_pos_to_the_pos_only_tagger_alone():
    from kg.train.corpus import UDSentence, UDToken, sentences_to_docs

    tokens = [
        UDToken(text="Chove", space_after=False, pos="VERB", morph=None, lemma="chover", head=0, dep="ROOT"),
        UDToken(text=".", space_after=False, pos="PUNCT", morph=None, lemma=".", head=0, dep="punct"),
    ]
    sentence = UDSentence(sent_id="1", text="Chove.", tokens=tokens)
    (both,) = sentences_to_docs(spacy.blank("pt").vocab, [sentence])
    (tags_only,) = sentences_to_docs(spacy.blank("pt").vocab, [sentence], pos_as_tags_only=True)
    assert [(t.pos_, t.tag_) for t in both] == [("VERB", "VERB"), ("PUNCT", "PUNCT")]
    assert [t.tag_ for t in tags_only] == ["VERB", "PUNCT"] and not tags_only.has_annotation("POS")
    assert [t.dep_ for t in tags_only] == ["ROOT", "punct"]


def test_silver_sentences_annotate_only_what_they_know(tmp_path):
    import bz2

    from kg.train.corpus import dbpedia_docs

    record = (
        "****************************\n"
        "SENTENCE : Albert Einstein nasceu em Ulm e estudou em Zurique.\n\n"
        "MANUALLY CHECKED : FALSE\n\n"
        "ENTITY1 : Albert Einstein\nTYPE1 : PERSON\nENTITY2 : Ulm\nTYPE2 : LOCATION\n"
        "REL TYPE : other\n"
        "****************************\n"
    )
    path = tmp_path / "silver.txt.bz2"
    path.write_bytes(bz2.compress(record.encode("utf-8")))
    (doc,) = dbpedia_docs(spacy.blank("pt"), path)
    assert [(e.text, e.label_) for e in doc.ents] == [("Albert Einstein", "PER"), ("Ulm", "LOC")]
    tags = {t.text: t.ent_iob_ for t in doc}
    assert tags["nasceu"] == tags["estudou"] == "O"
    assert tags["Zurique"] == ""  # an unmarked name teaches nothing, not a false "O"
    assert tags["e"] == ""  # a name particle may be inside a name


def test_vector_text_leaves_out_what_the_pipeline_is_scored_on(tmp_path):
    from kg.train.vectors import raw_texts

    def conllu(text: str) -> str:
        rows = [f"{i}\t{w}\t{w.lower()}\tX\t_\t_\t0\troot\t_\t_" for i, w in enumerate(text.split(), 1)]
        return f"# text = {text}\n" + "\n".join(rows) + "\n\n"

    bosque = tmp_path / "ud" / "UD_Portuguese-Bosque"
    bosque.mkdir(parents=True)
    (bosque / "pt_bosque-ud-train.conllu").write_text(conllu("Frase de treino"), encoding="utf-8")
    (bosque / "pt_bosque-ud-dev.conllu").write_text(conllu("Frase de avaliação"), encoding="utf-8")
    (bosque / "pt_bosque-ud-test.conllu").write_text(conllu("Frase de teste"), encoding="utf-8")
    news = tmp_path / "news" / "fakebr" / "full_texts" / "true"
    news.mkdir(parents=True)
    (news / "1.txt").write_text("Uma notícia.", encoding="utf-8")
    assert sorted(raw_texts(tmp_path)) == ["Frase de treino", "Uma notícia."]


def test_a_word_without_lemma_leaves_the_others_of_its_document_for_training():
    from kg.train.corpus import UDSentence, UDToken, sentences_to_docs

    tokens = [
        UDToken(text="Ver", space_after=True, pos="VERB", morph="", lemma="ver", head=0, dep="ROOT"),
        UDToken(text="]", space_after=False, pos="PUNCT", morph="", lemma=None, head=0, dep="punct"),
    ]
    (doc,) = sentences_to_docs(spacy.blank("pt").vocab, [UDSentence(sent_id="1", text="Ver ]", tokens=tokens)])
    assert [t.lemma_ for t in doc] == ["ver", ""]  # "" is missing: neither trained on nor scored


@pytest.mark.skipif(not (DATA / "ud").is_dir(), reason=f"training data not found at {DATA} (set KG_SHARED_DATA)")
def test_corpora_are_reused_only_when_written_with_the_same_settings(tmp_path):
    from kg.train.driver import prepare_corpora

    first = prepare_corpora(DATA, tmp_path, harem=False, gsd=False, silver=0, limit=5)
    written = (tmp_path / "syntax" / "bosque.spacy").stat().st_mtime_ns
    assert prepare_corpora(DATA, tmp_path, harem=False, gsd=False, silver=0, limit=5) == first
    assert (tmp_path / "syntax" / "bosque.spacy").stat().st_mtime_ns == written
    again = prepare_corpora(DATA, tmp_path, harem=True, gsd=False, silver=0, limit=5)
    assert "ner/harem" in again and (tmp_path / "ner" / "harem.spacy").is_file()


def test_pretraining_text_is_cut_at_sentence_ends_under_the_reader_limit():
    from kg.train.pretrain import chunks

    text = " ".join(f"Frase número {i} do texto." for i in range(100))
    pieces = list(chunks(text, max_words=40))
    assert " ".join(pieces) == text
    assert all(len(p.split()) <= 40 and p.endswith(".") for p in pieces)
    assert list(chunks("Uma frase só, sem fim")) == ["Uma frase só, sem fim"]


def test_an_unknown_part_is_refused_before_anything_is_trained(tmp_path):
    from typer.testing import CliRunner

    from kg.train.__main__ import app

    result = CliRunner().invoke(app, ["--part", "tagger", "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown part tagger" in result.output
    assert not any(tmp_path.iterdir())


def test_a_token_with_pos_and_no_features_is_taught_its_pos_not_an_empty_morphology():
    import numpy
    from spacy.tokens import Doc
    from spacy.training import Example

    from kg.train.morphology import make_pos_without_features

    nlp = spacy.blank("pt")
    morphologizer = nlp.add_pipe("morphologizer")
    words = ["a", "casa", "e", "os", "carros"]
    full = Doc(
        nlp.vocab,
        words=words,
        pos=["DET", "NOUN", "CCONJ", "DET", "NOUN"],
        morphs=["Number=Sing", "Number=Sing", "", "Number=Plur", "Number=Plur"],
    )
    # A treebank without features: POS only, and a proper noun no full label carries.
    pos_only = Doc(nlp.vocab, words=["a", "Meta", "e", "os", "carros"], pos=["DET", "PROPN", "CCONJ", "DET", "NOUN"])
    examples = [Example(Doc(nlp.vocab, words=d.text.split()), d) for d in (full, pos_only)]
    make_pos_without_features()(nlp)
    nlp.initialize(lambda: examples)
    assert not any(label in morphologizer.labels for label in ("POS=PROPN", "POS=NOUN", "POS=DET"))

    uniform = numpy.full((5, len(morphologizer.labels)), 1 / len(morphologizer.labels), dtype="float32")
    _, d_scores = morphologizer.get_loss(examples, [uniform, uniform.copy()])
    noun = [i for i, label in enumerate(morphologizer.labels) if "POS=NOUN" in label]
    others = [i for i in range(len(morphologizer.labels)) if i not in noun]
    carros = d_scores[1][4]
    assert len(noun) == 2 and all(carros[i] < 0 for i in noun) and all(carros[i] > 0 for i in others)
    assert carros[noun[0]] == pytest.approx(carros[noun[1]])  # neither number is taught
    assert not d_scores[1][1].any()  # PROPN: no label to learn
    assert sorted(d_scores[0][1] < 0) == [False] * (len(morphologizer.labels) - 1) + [True]  # full label: one-hot
