"""Language resources shipped as data: cue words, known names, relation patterns.

Stage: shared data. Input: the JSON files beside this module. Output: read-only Python
structures, loaded once.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["load"]


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The lexicon ``name`` (a JSON file of this package, without ``.json``).

    Examples
    --------
    >>> "PyTorch" in load("projects")["names"]
    True
    """
    with resources.files(__package__).joinpath(f"{name}.json").open(encoding="utf-8") as handle:
        return json.load(handle)
