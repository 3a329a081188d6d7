"""Load the spaCy Portuguese pipeline and add kg's own components to it.

Stage: NLP. Input: a model name or path (or nothing, for the pipeline bundled in ``kg/model``).
Output: a ``spacy.Language`` whose Docs carry tokens, sentences, POS, lemmas, dependencies,
entities (PER, ORG, LOC, PROJECT, MISC), and kg's entities and relations.
"""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language

import kg.entities  # noqa: F401  (registers the kg_entities factory)
import kg.relations  # noqa: F401  (registers the kg_relations factory)
import kg.sentences  # noqa: F401  (registers the kg_sentence_starts factory)
from kg.errors import ModelNotFoundError

__all__ = ["BUNDLED_MODEL", "load_pipeline"]

#: Where ``python -m kg.train --install`` puts the trained pipeline.
BUNDLED_MODEL = Path(__file__).resolve().parent / "model" / "pt_kg"

_NEEDED = ("parser", "ner")


def load_pipeline(model: str | Path | None = None) -> Language:
    """The spaCy pipeline ``kg.extract`` uses, with kg's components added.

    ``model`` is an installed spaCy pipeline's name (``"pt_core_news_lg"``) or a path to one;
    by default the pipeline bundled with kg. Pipelines are cached: loading one twice is free.
    """
    key = str(model) if model is not None else str(BUNDLED_MODEL)
    return _load(key)


@functools.lru_cache(maxsize=4)
def _load(model: str) -> Language:
    path = Path(model)
    if model == str(BUNDLED_MODEL) and not (path / "meta.json").exists():
        raise ModelNotFoundError(
            f"no bundled pipeline at {path}: train it with `python -m kg.train --install`, "
            "or pass an installed spaCy pipeline, e.g. --model pt_core_news_lg"
        )
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelNotFoundError(
            f"cannot load spaCy pipeline {model!r}: it is neither an installed package nor a pipeline "
            "folder; install one (pip install pt_core_news_lg) or leave --model out to use kg's own"
        ) from error
    missing = [name for name in _NEEDED if name not in nlp.pipe_names]
    if missing:
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} has no {', '.join(missing)}: kg needs a pipeline with a dependency "
            f"parser and NER (its components: {', '.join(nlp.pipe_names) or 'none'})"
        )
    nlp.add_pipe("kg_sentence_starts", before="parser")
    nlp.add_pipe("kg_entities", last=True)
    nlp.add_pipe("kg_relations", last=True)
    return nlp
