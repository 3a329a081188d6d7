"""Counting and matching: the arithmetic every scorer of ``kg.evaluate`` shares.

Stage: evaluation. Input: true positive, false positive and false negative counts, or the
candidate pairs between gold and predicted items. Output: :class:`Counts` (precision, recall and
F1 computed from the counts, so that summing counts over documents micro-averages) and a
one-to-one matching of gold to predicted items.

A ratio whose denominator is zero is 0.0 (no prediction: precision 0; no gold: recall 0), as in
spaCy's scorer and scikit-learn's ``zero_division=0``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, computed_field

__all__ = ["Counts", "sum_counts", "add_by_key", "match_one_to_one"]


class Counts(BaseModel):
    """True positives, false positives and false negatives, with the scores they give.

    Examples
    --------
    >>> counts = Counts(tp=3, fp=1, fn=2) + Counts(tp=1)
    >>> counts.precision, counts.recall
    (0.8, 0.6666666666666666)
    >>> print(f"{counts.f1:.3f}")
    0.727
    >>> Counts().f1
    0.0
    """

    model_config = ConfigDict(extra="forbid")

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0.0 when nothing was predicted."""
        return ratio(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0.0 when there is no gold."""
        return ratio(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        """2 tp / (2 tp + fp + fn): the harmonic mean of P and R."""
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


def ratio(numerator: int, denominator: int) -> float:
    """numerator / denominator, 0.0 over nothing. Not rounded: a report rounds once, when it prints,
    as rounding twice can move the last digit printed (40 / 149 = 0.26846 is 0.2685, then 0.269)."""
    return numerator / denominator if denominator else 0.0


def sum_counts(counts: Iterable[Counts]) -> Counts:
    """The sum of ``counts``: the micro-average of the units they were counted on.

    Examples
    --------
    >>> sum_counts([Counts(tp=1, fn=1), Counts(fp=1)])
    Counts(tp=1, fp=1, fn=1, precision=0.5, recall=0.5, f1=0.5)
    """
    total = Counts()
    for item in counts:
        total = total + item
    return total


def add_by_key(total: dict[str, Counts], part: Mapping[str, Counts]) -> None:
    """Add the counts of ``part`` into ``total``, key by key (keys missing from ``total`` start at zero)."""
    for key, counts in part.items():
        total[key] = total.get(key, Counts()) + counts


def match_one_to_one(n_gold: int, candidates: Sequence[Sequence[int]]) -> dict[int, int]:
    """A maximum one-to-one matching of gold items to predicted items.

    Parameters
    ----------
    n_gold
        The number of gold items, numbered ``0 .. n_gold - 1``.
    candidates
        For each gold item, the predicted items (numbers) it may be matched with, best first.

    Returns
    -------
    dict[int, int]
        ``{gold: predicted}`` for every matched pair: as many pairs as possible (augmenting paths,
        Kuhn's algorithm), and for ties the earlier candidates. The result depends only on the
        order of the inputs.

    Examples
    --------
    >>> match_one_to_one(2, [[0, 1], [0]])
    {0: 1, 1: 0}
    """
    owner: dict[int, int] = {}  # predicted -> gold

    def augment(gold: int, seen: set[int]) -> bool:
        for predicted in candidates[gold]:
            if predicted in seen:
                continue
            seen.add(predicted)
            if predicted not in owner or augment(owner[predicted], seen):
                owner[predicted] = gold
                return True
        return False

    for gold in range(n_gold):
        augment(gold, set())
    return dict(sorted((gold, predicted) for predicted, gold in owner.items()))
