"""Pretraining of each part's tok2vec on raw Portuguese text (``spacy pretrain``).

Stage: training. Input: the raw texts of the shared data (the same ones the vectors read) and a
part's config (``syntax.cfg``, ``ner.cfg``). Output: ``OUTPUT/pretrain-<part>-<texts>/model-last.bin``,
passed to that part's training as ``paths.init_tok2vec``. About 7,000 treebank sentences teach the
parser and 10k annotated sentences the recogniser; pretraining lets their token encoders first learn
what Portuguese words look like in context from a million words or more.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from spacy.ml.models.multi_task import build_masked_language_model, get_characters_loss
from spacy.training.pretrain import pretrain
from spacy.util import load_config, registry
from thinc.api import LayerNorm, Maxout, Model, MultiSoftmax, chain

#: ``spacy.JsonlCorpus`` skips texts longer than the config's max_length (500 tokens), so texts
#: are cut into chunks of whole sentences well under it.
CHUNK_WORDS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def chunks(text: str, *, max_words: int = CHUNK_WORDS) -> Iterator[str]:
    """Cut ``text`` into runs of whole sentences of at most ``max_words`` words (a longer sentence
    is a chunk of its own)."""
    chunk: list[str] = []
    words = 0
    for sentence in _SENTENCE_END.split(text.strip()):
        count = len(sentence.split())
        if chunk and words + count > max_words:
            yield " ".join(chunk)
            chunk, words = [], 0
        chunk.append(sentence)
        words += count
    if chunk:
        yield " ".join(chunk)


@registry.architectures("kg.PretrainCharactersOfParserInput.v1")
def create_characters_objective_for_parser_input(maxout_pieces: int, hidden_size: int, n_characters: int):
    """spaCy's characters objective (predict each word's first and last ``n_characters`` from its
    context, some words masked) for the input layer of a transition-based component.

    spaCy's own objective expects a tok2vec giving one array per doc; the NER's ``tok2vec`` ref
    already joins them into one array and projects it, so the output layer starts from that array.
    """

    def create(vocab, tok2vec: Model) -> Model:
        output_layer = chain(
            Maxout(nO=hidden_size, nP=maxout_pieces),
            LayerNorm(nI=hidden_size),
            MultiSoftmax([256] * n_characters, nI=hidden_size),
        )
        model = build_masked_language_model(vocab, chain(tok2vec, output_layer))
        model.set_ref("tok2vec", tok2vec)
        model.set_ref("output_layer", output_layer)
        model.attrs["loss"] = partial(get_characters_loss, nr_char=n_characters)
        return model

    return create


def write_pretraining_text(texts: Iterable[str], path: Path) -> int:
    """Write ``texts`` as the JSONL ``spacy pretrain`` reads; return the number of lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = 0
    with path.open("w", encoding="utf-8") as out:
        for text in texts:
            for chunk in chunks(text):
                out.write(json.dumps({"text": chunk}, ensure_ascii=False) + "\n")
                lines += 1
    return lines


def pretrain_tok2vec(config: Path, text: Path, vectors: Path, output: Path) -> Path:
    """Pretrain the tok2vec that ``config``'s [pretraining] names, for the passes it asks (one),
    on the JSONL ``text`` (``write_pretraining_text``); return the weights after the last pass.

    It reads about 2,600 to 3,000 words a second on one core here, so a pass over all 7.8 M words
    of raw text takes about 50 minutes: the number of texts written chooses how much to spend."""
    overrides = {"paths.raw_text": str(text), "paths.vectors": str(vectors)}
    output.mkdir(parents=True, exist_ok=True)
    pretrain(load_config(config, overrides=overrides, interpolate=True), output, use_gpu=-1, silent=False)
    return output / "model-last.bin"
