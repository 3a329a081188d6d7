"""Static floret vectors trained on the raw Portuguese text of the shared data.

Stage: training. Input: the shared data folder. Output: ``OUTPUT/vectors/`` (a spaCy
vectors folder that ``[initialize] vectors`` loads into the pipeline).

The UD treebanks and UNER teach from about 10k annotated sentences; the raw text we have
(3,600 news articles, the DBpediaRelations-PT Wikipedia sentences, the First HAREM texts and the
UD training texts) is ~40 times more words, and floret vectors carry what it says about word
forms into the tagger, parser and NER. floret hashes subwords into a fixed table, so every word,
seen or not, gets a vector from a table whose size we choose (the model must stay under 25 MB).
The texts that the pipeline is scored on (UD dev/test, UNER dev) are left out.
"""

from __future__ import annotations

import bz2
import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy

from kg.train.corpus import read_conllu

#: floret settings; ``BUCKETS`` x ``DIMENSIONS`` float32 is the size the vectors add to the model.
BUCKETS = 30000
DIMENSIONS = 64
MIN_N, MAX_N = 4, 5
HASH_COUNT = 2
EPOCHS = 5

_SENTENCE_FIELD = re.compile(r"^SENTENCE\s*:\s*(.*)$")


def raw_texts(data: Path) -> Iterator[str]:
    """Yield the raw Portuguese texts of ``data`` that no evaluation reads."""
    for path in sorted((data / "news" / "fakebr" / "full_texts" / "true").glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")
    dbpedia = data / "re" / "dbpediarelations-pt" / "DBpediaRelations-PT-0.2.txt.bz2"
    if dbpedia.is_file():
        with bz2.open(dbpedia, "rt", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                match = _SENTENCE_FIELD.match(line)
                if match:
                    yield match.group(1)
    for treebank in ("UD_Portuguese-Bosque/pt_bosque-ud-train.conllu", "UD_Portuguese-GSD/pt_gsd-ud-train.conllu"):
        path = data / "ud" / treebank
        if path.is_file():
            for sentence in read_conllu(path, morphology="none"):
                yield sentence.text
    harem = data / "ner" / "harem-first" / "FirstHAREM-total-train.json"
    if harem.is_file():
        for document in json.loads(harem.read_text(encoding="utf-8")):
            yield document["doc_text"]


def write_tokenized(texts: Iterator[str], path: Path) -> int:
    """Write ``texts`` one per line, tokens as spaCy's Portuguese tokenizer cuts them; return words."""
    tokenizer = spacy.blank("pt").tokenizer
    words = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for text in texts:
            tokens = [t.text for t in tokenizer(text) if not t.is_space]
            if tokens:
                out.write(" ".join(tokens) + "\n")
                words += len(tokens)
    return words


def train_vectors(data: Path, output: Path, *, limit: int = 0) -> Path:
    """Train floret vectors on the raw text of ``data`` (its first ``limit`` texts when not 0);
    return the spaCy vectors folder."""
    import floret  # training-only dependency: the ``train`` extra

    text_path = output / "raw.txt"
    words = write_tokenized(itertools.islice(raw_texts(data), limit or None), text_path)
    print(f"raw text: {words} words")
    model = floret.train_unsupervised(
        str(text_path),
        model="cbow",
        mode="floret",
        hashCount=HASH_COUNT,
        bucket=BUCKETS,
        minn=MIN_N,
        maxn=MAX_N,
        dim=DIMENSIONS,
        epoch=EPOCHS,
        minCount=3,
        thread=2,
        verbose=1,
    )
    floret_path = output / "vectors.floret"
    model.save_floret_vectors(str(floret_path))
    vectors = output / "vectors"
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "vectors", "pt", str(floret_path), str(vectors), "--mode", "floret"],
        check=True,
    )
    return vectors
