"""The errors kg raises. Only the CLI catches them: it prints the message on one line and exits.

::

    KGError                    anything kg reports to the user
     ├── ModelNotFoundError    no trained pipeline where it was asked for (names the fix)
     ├── InputError            an input that cannot be used: missing, unreadable, binary, not text
     ├── GraphFileError        a graph file that cannot be read back (names the file and the problem)
     └── OutputError           an output that cannot be written (names the path)

Every message names the bad value and, where there are any, the valid choices.
"""

from __future__ import annotations

__all__ = ["KGError", "ModelNotFoundError", "InputError", "GraphFileError", "OutputError"]


class KGError(Exception):
    """Base class of every error kg reports to the user."""


class ModelNotFoundError(KGError):
    """The spaCy pipeline asked for is not installed, not bundled, or not a pipeline."""


class InputError(KGError):
    """An input document or path that cannot be used."""


class GraphFileError(KGError):
    """A graph file that cannot be read back."""


class OutputError(KGError):
    """An output path that cannot be written."""
