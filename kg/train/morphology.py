"""Let the morphologizer learn POS from treebanks whose features it must not learn.

spaCy's morphologizer predicts a token's POS and features as one label, so a token given a POS
and no features would teach it that the word has none. UD Porttinari's POS are Bosque's, but its
features are sparse (none at all on proper nouns). A token whose POS is set and whose morphology
is unset is read here as "one of the labels with this POS": its loss is minus the log of their
summed probability, whose gradient moves each of those labels' probability in proportion to what
the model already gives it. Tokens with both set are scored as spaCy scores them; tokens with
neither are skipped, as before.

Training only: ``syntax.cfg`` installs it with ``[initialize.before_init]``, and the trained
morphologizer is spaCy's own, loadable without this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import partial
from types import MethodType

from spacy.language import Language
from spacy.morphology import Morphology
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import Morphologizer
from spacy.training import Example, validate_examples
from spacy.util import registry
from thinc.api import SequenceCategoricalCrossentropy
from thinc.types import Floats2d


@registry.callbacks("kg.pos_without_features.v1")
def make_pos_without_features() -> Callable[[Language], Language]:
    """Callback for ``[initialize.before_init]``: give every morphologizer the loss above."""

    def before_init(nlp: Language) -> Language:
        for _, pipe in nlp.pipeline:
            if isinstance(pipe, Morphologizer):
                pipe.initialize = partial(_initialize_on_full_labels, pipe.initialize)
                pipe.get_loss = MethodType(pos_without_features_loss, pipe)
        return nlp

    return before_init


def _initialize_on_full_labels(initialize: Callable, get_examples: Callable[[], Iterable[Example]], **kwargs):
    """Collect labels only from documents with features, so that "POS=PROPN" alone (a proper
    noun of a treebank without features) does not become a label of its own."""
    return initialize(lambda: (eg for eg in get_examples() if eg.reference.has_annotation("MORPH")), **kwargs)


def pos_without_features_loss(
    morphologizer: Morphologizer, examples: Iterable[Example], scores: list[Floats2d]
) -> tuple[float, list[Floats2d]]:
    """spaCy's morphologizer loss, with POS-only tokens scored against all labels of their POS."""
    examples = list(examples)
    validate_examples(examples, "Morphologizer.get_loss")
    ops = morphologizer.model.ops
    labels = morphologizer.labels
    label_pos = ops.asarray1i([morphologizer.cfg["labels_pos"][label] for label in labels])
    truths: list[list[str | None]] = []
    pos_only: list[tuple[int, int, str]] = []
    for d, eg in enumerate(examples):
        pos_tags = eg.get_aligned("POS", as_string=True)
        morphs = eg.get_aligned("MORPH", as_string=True)
        doc_truths: list[str | None] = []
        for i, (pos, morph) in enumerate(zip(pos_tags, morphs, strict=True)):
            label = None
            if pos and morph == "":  # an unset morphology reads "", an empty one "_"
                pos_only.append((d, i, pos))
            elif pos is not None and morph is not None and (pos or morph):
                features = Morphology.feats_to_dict(morph)
                if pos:
                    features[morphologizer.POS_FEAT] = pos
                label = morphologizer.vocab.strings[morphologizer.vocab.morphology.add(features)]
                if label not in labels:
                    label = None
            doc_truths.append(label)
        truths.append(doc_truths)
    loss_func = SequenceCategoricalCrossentropy(
        names=labels, normalize=False, label_smoothing=morphologizer.cfg["label_smoothing"]
    )
    d_scores, loss = loss_func(scores, truths)
    for d, i, pos in pos_only:
        probs = scores[d][i]
        allowed = label_pos == POS_IDS.get(pos, -1)
        mass = float((probs * allowed).sum())
        if mass <= 0.0:
            continue  # a POS no label carries (never in Bosque): nothing to learn from it
        d_scores[d][i] = probs - probs * allowed / mass
        loss -= math.log(mass)
    return float(loss), d_scores
