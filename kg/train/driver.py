"""The training driver: convert the shared data, train the syntax part (``syntax.cfg``) and the
NER part (``ner.cfg``), join them, score, install.

Stage: training. Input: the shared data folder. Output: ``OUTPUT/corpus/``, ``OUTPUT/syntax/``
and ``OUTPUT/ner/`` (each part's checkpoints), ``OUTPUT/model-best``, ``OUTPUT/scores.json`` and,
when installing, ``kg/model/pt_kg``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.evaluate import evaluate as spacy_evaluate
from spacy.cli.train import train as spacy_train

import kg.train.corpus as corpus_module
import kg.train.morphology  # noqa: F401  (registers the callback syntax.cfg names)
from kg.train.corpus import (
    PORTTINARI_RELATIONS,
    apply_word_tags,
    dbpedia_docs,
    harem_docs,
    read_conllu,
    read_uner_tags,
    sentences_to_docs,
    write_docbin,
)
from kg.train.pretrain import pretrain_tok2vec, write_pretraining_text
from kg.train.vectors import raw_texts, train_vectors

DEFAULT_DATA = Path(os.environ.get("KG_SHARED_DATA", "../shared/data"))
PARTS = {"syntax": Path(__file__).with_name("syntax.cfg"), "ner": Path(__file__).with_name("ner.cfg")}
MODEL_DIR = Path(__file__).resolve().parent.parent / "model"
BUNDLED_NAME = "pt_kg"
MAX_MODEL_BYTES = 25_000_000


def prepare_corpora(
    data: Path,
    corpus: Path,
    *,
    harem: bool,
    gsd: bool,
    porttinari: bool = False,
    porttinari_pos: bool = False,
    silver: int = 0,
    uner_copies: int = 1,
    limit: int = 0,
) -> dict[str, int]:
    """Write the DocBins under ``corpus``; return the number of docs of each file.

    ``syntax/`` trains the morphologizer, POS-only tagger, parser and lemmatizer, ``ner/`` the
    entity recogniser, which ``silver`` partially annotated DBpediaRelations-PT sentences join;
    UNER-Bosque train is written there ``uner_copies`` times, so that each epoch shows it as often,
    against First HAREM and the silver sentences, whose conventions differ. A corpus already written
    with the same settings by the same converter is reused, so that the two parts can train side
    by side.
    """
    converter = hashlib.sha256(Path(corpus_module.__file__).read_bytes()).hexdigest()
    settings = {
        "harem": harem,
        "gsd": gsd,
        "porttinari": porttinari,
        "porttinari_pos": porttinari_pos,
        "silver": silver,
        "uner_copies": uner_copies,
        "limit": limit,
        "converter": converter,
    }
    record = corpus / "settings.json"
    if record.is_file():
        written = json.loads(record.read_text(encoding="utf-8"))
        if written["settings"] == settings:
            return written["counts"]
    shutil.rmtree(corpus, ignore_errors=True)
    ud = data / "ud"
    uner = data / "ner" / "uner-pt-bosque"
    vocab = spacy.blank("pt").vocab
    counts: dict[str, int] = {}

    def bosque(split: str, *, with_ner: bool):
        sentences = read_conllu(ud / "UD_Portuguese-Bosque" / f"pt_bosque-ud-{split}.conllu")
        if with_ner:
            tags = read_uner_tags(uner / f"pt_bosque-ud-{split}.iob2")
            sentences = (_tagged(s, t) for s, t in zip(sentences, tags, strict=True))
        return itertools.islice(sentences, limit or None)

    counts["syntax/bosque"] = counts["ner/bosque"] = write_docbin(
        sentences_to_docs(vocab, bosque("train", with_ner=True), with_ner=True), corpus / "syntax" / "bosque.spacy"
    )
    (corpus / "ner").mkdir(parents=True, exist_ok=True)
    for copy in range(1, uner_copies + 1):
        shutil.copyfile(corpus / "syntax" / "bosque.spacy", corpus / "ner" / f"bosque-{copy}.spacy")
    if gsd:
        gsd_sentences = read_conllu(ud / "UD_Portuguese-GSD" / "pt_gsd-ud-train.conllu", morphology="none")
        counts["syntax/gsd"] = write_docbin(
            sentences_to_docs(vocab, itertools.islice(gsd_sentences, limit or None)), corpus / "syntax" / "gsd.spacy"
        )
    if porttinari:
        # Brazilian news in Bosque's conventions; its train file is not in the shared data, so its
        # dev and test files are training data here. Its features are sparse (none on proper
        # nouns), so its POS go to the POS-only tagger alone, or with ``porttinari_pos`` to the
        # morphologizer too, which learns them without features (kg/train/morphology.py).
        folder = ud / "UD_Portuguese-Porttinari"
        sentences = itertools.chain.from_iterable(
            read_conllu(path, morphology="pos", relations=PORTTINARI_RELATIONS)
            for path in sorted(folder.glob("pt_porttinari-ud-*.conllu"))
        )
        counts["syntax/porttinari"] = write_docbin(
            sentences_to_docs(vocab, itertools.islice(sentences, limit or None), pos_as_tags_only=not porttinari_pos),
            corpus / "syntax" / "porttinari.spacy",
        )
    if harem:
        blank = spacy.blank("pt")
        docs = harem_docs(blank, data / "ner" / "harem-first" / "FirstHAREM-total-train.json")
        counts["ner/harem"] = write_docbin(itertools.islice(docs, limit or None), corpus / "ner" / "harem.spacy")
    if silver:
        docs = dbpedia_docs(spacy.blank("pt"), data / "re" / "dbpediarelations-pt" / "DBpediaRelations-PT-0.2.txt.bz2")
        counts["ner/dbpedia"] = write_docbin(
            _evenly(list(itertools.islice(docs, limit or None)), min(silver, limit or silver)),
            corpus / "ner" / "dbpedia.spacy",
        )
    counts["dev"] = write_docbin(
        sentences_to_docs(vocab, bosque("dev", with_ner=True), with_ner=True), corpus / "dev.spacy"
    )
    counts["test"] = write_docbin(sentences_to_docs(vocab, bosque("test", with_ner=False)), corpus / "test.spacy")
    record.write_text(json.dumps({"settings": settings, "counts": counts}, indent=2), encoding="utf-8")
    return counts


def _evenly(items: list, count: int) -> list:
    """``count`` items spread evenly over ``items`` (the silver file is grouped by article)."""
    step = max(1, len(items) / max(1, count))
    return [items[int(i * step)] for i in range(min(count, len(items)))]


def _tagged(sentence, tags):
    apply_word_tags(sentence, tags)
    return sentence


def train_part(
    part: str,
    corpus: Path,
    vectors: Path,
    output: Path,
    *,
    max_steps: int,
    init_tok2vec: Path | None = None,
    with_dev: bool = False,
) -> Path:
    """Train one part of the pipeline (``PARTS``) with its config on its corpus, its tok2vec
    starting from ``init_tok2vec`` when given; return the checkpoint to join, ``output/<part>/model-best``.

    ``with_dev`` adds UD Bosque dev to the training data and keeps the checkpoint of the last step
    as ``model-best``: dev scores then measure only how well the part fits what it saw, so the
    number of steps must have been chosen before, on a run without dev.
    """
    train = corpus / part
    if with_dev:
        train = corpus / f"{part}+dev"
        shutil.rmtree(train, ignore_errors=True)
        shutil.copytree(corpus / part, train)
        shutil.copyfile(corpus / "dev.spacy", train / "dev.spacy")
    overrides = {
        "paths.init_tok2vec": str(init_tok2vec) if init_tok2vec else None,
        "paths.vectors": str(vectors),
        "paths.train": str(train),
        "paths.dev": str(corpus / "dev.spacy"),
        "training.max_steps": max_steps,
    }
    if max_steps < 1000:
        overrides["training.eval_frequency"] = max(1, max_steps // 2)
    spacy_train(PARTS[part], output / part, overrides=overrides)
    best = output / part / "model-best"
    if with_dev:
        shutil.rmtree(best)
        shutil.copytree(output / part / "model-last", best)
    return best


def assemble(output: Path) -> Path:
    """Join the best NER checkpoint to the best syntax checkpoint: ``output/model-best``.

    Both parts were trained on the same vectors, and the NER has its own tok2vec, so the
    recogniser is copied whole and behaves as it did when it was scored on its own. The syntax
    part's POS-only tagger is left out: it only helps the shared tok2vec learn (syntax.cfg).
    """
    nlp = spacy.load(output / "syntax" / "model-best", exclude=["tagger"])
    nlp.add_pipe("ner", source=spacy.load(output / "ner" / "model-best"))
    best = output / "model-best"
    shutil.rmtree(best, ignore_errors=True)
    nlp.to_disk(best)
    return best


def news_speed(model: Path, news: Path, *, articles: int = 300) -> dict[str, float]:
    """Words per second of ``nlp.pipe`` over the first ``articles`` news texts, one process,
    next to ``spacy.blank("pt")`` (the tokenizer alone) on the same texts in the same run."""
    paths = sorted(news.glob("*.txt"), key=lambda p: (len(p.stem), p.stem))[:articles]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)
    speeds = {}
    for label, nlp in (("pipeline", spacy.load(model)), ("blank", spacy.blank("pt"))):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        speeds[label] = words / (time.perf_counter() - start)
    return {"articles": len(texts), "words": words, "pipeline_wps": speeds["pipeline"], "blank_wps": speeds["blank"]}


def score(model: Path, corpus: Path, *, news: Path | None = None) -> dict[str, Any]:
    """Score ``model`` on UD Bosque test (tagging, parsing, lemmas) and UNER-Bosque dev (entities),
    and time it on news when ``news`` is given."""
    ud = spacy_evaluate(str(model), corpus / "test.spacy")
    ner = spacy_evaluate(str(model), corpus / "dev.spacy")
    speed = news_speed(model, news) if news is not None and news.is_dir() else None
    return {
        "news_speed": speed,
        "ud_bosque_test": {
            key: ud[key] for key in ("pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f")
        },
        "uner_bosque_dev": {
            "ents_p": ner["ents_p"],
            "ents_r": ner["ents_r"],
            "ents_f": ner["ents_f"],
            "per_type": ner["ents_per_type"],
        },
        "speed_words_per_second": ud["speed"],
    }


def install_model(
    model: Path, scores: dict[str, Any], *, command: str, target: Path = MODEL_DIR / BUNDLED_NAME
) -> Path:
    """Copy ``model`` into the package, replacing the bundled one, and write its accuracy card.

    Refuses a model over ``MAX_MODEL_BYTES``: it ships inside the package.
    """
    size = sum(path.stat().st_size for path in model.rglob("*") if path.is_file())
    if size > MAX_MODEL_BYTES:
        raise ValueError(
            f"{model} is {size / 1e6:.1f} MB, over the {MAX_MODEL_BYTES / 1e6:.0f} MB a bundled model may take"
        )
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(model, staging)
    meta_path = staging / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="kg",
        version="0.1.0",
        license="CC BY-SA 4.0",
        description="Portuguese tagger, parser, lemmatizer and PER/ORG/LOC NER bundled with kg.",
        sources=_sources(),
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    (target.parent / "scores.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
    (target.parent / "ACCURACY.md").write_text(accuracy_card(scores, command=command), encoding="utf-8")
    return target


def _sources() -> list[dict[str, str]]:
    return [
        {
            "name": "UD Portuguese-Bosque",
            "url": "https://github.com/UniversalDependencies/UD_Portuguese-Bosque",
            "license": "CC BY-SA 4.0",
        },
        {
            "name": "UD Portuguese-Porttinari (dev and test files, with --porttinari)",
            "url": "https://github.com/UniversalDependencies/UD_Portuguese-Porttinari",
            "license": "CC BY 4.0",
        },
        {"name": "UNER Portuguese-Bosque", "url": "https://github.com/UniversalNER", "license": "CC BY-SA 4.0"},
        {
            "name": "First HAREM (Linguateca), via neuralmind-ai/portuguese-bert",
            "url": "https://www.linguateca.pt/HAREM/",
            "license": "research data",
        },
        {
            "name": "DBpediaRelations-PT 0.2 (Portuguese Wikipedia sentences): silver NER and vector text",
            "url": "https://github.com/davidsbatista/Annotated-Semantic-Relationships-Datasets",
            "license": "none stated; Wikipedia text is CC BY-SA",
        },
        {
            "name": "Fake.br corpus, true news (raw text for the floret vectors and the pretraining of both tok2vecs)",
            "url": "https://github.com/roneysco/Fake.br-Corpus",
            "license": "none stated; citation requested (Monteiro et al., PROPOR 2018)",
        },
        {
            "name": "UD Portuguese-GSD train (raw text for the floret vectors)",
            "url": "https://github.com/UniversalDependencies/UD_Portuguese-GSD",
            "license": "CC BY-SA 4.0",
        },
    ]


def accuracy_card(scores: dict[str, Any], *, command: str) -> str:
    """The accuracy card written beside the bundled model, from the measured ``scores``."""
    ud = scores["ud_bosque_test"]
    ner = scores["uner_bosque_dev"]
    lines = [
        "# Accuracy card of the bundled pipeline (kg/model/pt_kg)",
        "",
        f"Rebuilt by: `{command}`",
        "",
        "## UD Bosque test (contractions merged into surface tokens)",
        "| metric | ours | pt_core_news_sm (published) |",
        "|---|---|---|",
        f"| POS accuracy | {ud['pos_acc'] * 100:.2f} | 96.38 |",
        f"| LAS | {ud['dep_las'] * 100:.2f} | 84.52 |",
        f"| UAS | {ud['dep_uas'] * 100:.2f} | |",
        f"| lemma accuracy | {ud['lemma_acc'] * 100:.2f} | 96.91 |",
        f"| morph accuracy | {ud['morph_acc'] * 100:.2f} | |",
        f"| sentence F1 | {ud['sents_f'] * 100:.2f} | |",
        "",
        "## UNER-Bosque dev (PER/ORG/LOC)",
        "| label | P | R | F1 |",
        "|---|---|---|---|",
        f"| all (micro) | {ner['ents_p']:.3f} | {ner['ents_r']:.3f} | {ner['ents_f']:.3f} |",
    ]
    for label, s in sorted(ner["per_type"].items()):
        lines.append(f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} |")
    lines += ["", f"Speed on UD Bosque test, one process: {scores['speed_words_per_second']:.0f} words/s."]
    if scores.get("news_speed"):
        s = scores["news_speed"]
        lines.append(
            f"`nlp.pipe` over the first {s['articles']} articles of fakebr/full_texts/true ({s['words']} words), one "
            f'process: {s["pipeline_wps"]:.0f} words/s; `spacy.blank("pt")` on the same texts in the same run: '
            f"{s['blank_wps']:.0f} words/s."
        )
    lines.append("")
    return "\n".join(lines)


def _texts_label(count: int) -> str:
    """How a number of pretraining texts names its folders: the number, or "all" for -1."""
    return "all" if count < 0 else str(count)


def build_pipeline(
    *,
    data: Path,
    output: Path,
    max_steps: int,
    ner_steps: int,
    harem: bool,
    gsd: bool,
    silver: int,
    limit: int,
    install: bool,
    uner_copies: int = 1,
    porttinari: bool,
    porttinari_pos: bool = False,
    pretrain_texts: dict[str, int] | None = None,
    syntax_on_dev: bool = False,
    parts: tuple[str, ...] = tuple(PARTS),
) -> dict[str, Any] | None:
    """Run the recipe: prepare corpora, train vectors, train ``parts``, join them, score, and
    optionally install. Returns the scores, or None while a part has no checkpoint yet.

    ``parts`` may be one part (the two can train side by side, one per core) or none (join and
    score what earlier runs left in ``output``). ``pretrain_texts`` maps a part to the number of
    raw texts its tok2vec is first pretrained on (0 or absent: none, -1: all, or ``limit``). With
    ``syntax_on_dev`` the syntax part also learns from UD Bosque dev, for exactly ``max_steps``
    (the NER is scored on that dev set, so it never sees it). Vectors, weights pretrained on as
    many texts, and corpora written with the same settings, already in ``output``, are reused.
    """
    corpus = output / "corpus"
    pretrain = {part: (pretrain_texts or {}).get(part, 0) for part in PARTS}
    if parts:
        counts = prepare_corpora(
            data,
            corpus,
            harem=harem,
            gsd=gsd,
            porttinari=porttinari,
            porttinari_pos=porttinari_pos,
            silver=silver,
            uner_copies=uner_copies,
            limit=limit,
        )
        print(f"corpora: {counts}")
        vectors = output / "vectors" / "vectors"
        if not vectors.is_dir():
            vectors = train_vectors(data, output / "vectors", limit=limit)
        weights = {
            part: output / f"pretrain-{part}-{_texts_label(pretrain[part])}" / "model-last.bin" for part in parts
        }
        for count in sorted({pretrain[part] for part in parts if pretrain[part] and not weights[part].is_file()}):
            text = output / f"pretrain-text-{_texts_label(count)}.jsonl"
            texts = itertools.islice(raw_texts(data), count if count > 0 else (limit or None))
            print(f"pretraining text: {write_pretraining_text(texts, text)} chunks")
            for part in parts:
                if pretrain[part] == count and not weights[part].is_file():
                    pretrain_tok2vec(PARTS[part], text, vectors, weights[part].parent)
            text.unlink()
        for part in parts:
            init = weights[part] if pretrain[part] else None
            steps = max_steps if part == "syntax" else ner_steps
            with_dev = syntax_on_dev and part == "syntax"
            train_part(part, corpus, vectors, output, max_steps=steps, init_tok2vec=init, with_dev=with_dev)
    missing = [part for part in PARTS if not (output / part / "model-best").is_dir()]
    if missing:
        print(f"not joined yet: no checkpoint of {', '.join(missing)} in {output}")
        return None
    best = assemble(output)
    scores = score(best, corpus, news=data / "news" / "fakebr" / "full_texts" / "true" if not limit else None)
    (output / "scores.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
    print(json.dumps(scores, indent=2))
    if install:
        flags = f"--max-steps {max_steps} --ner-steps {ner_steps} --silver {silver} --uner-copies {uner_copies}"
        flags += f" --syntax-pretrain-texts {pretrain['syntax']} --ner-pretrain-texts {pretrain['ner']}"
        flags += ("" if harem else " --no-harem") + (" --gsd" if gsd else "")
        flags += "" if porttinari else " --no-porttinari"
        flags += " --porttinari-pos" if porttinari_pos else ""
        flags += "" if syntax_on_dev else " --no-syntax-on-dev"
        install_model(best, scores, command=f"python -m kg.train {flags} --install")
    return scores
