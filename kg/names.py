"""Name normalisation: the keys under which mentions, aliases and nodes are compared.

Stage: shared by entity resolution, the graph and the evaluation. Input: a surface name.
Output: a normalised key, as docs/SCHEMA.md's Scoring section defines it, or a looser one
(accents folded too) for look-ups typed by a user.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NOT_XML", "strip_name", "name_key", "lookup_key", "node_id"]

#: Leading articles and determiners that are not part of a name (Portuguese and English).
_LEADING_ARTICLES = {"o", "a", "os", "as", "the", "um", "uma"}
#: Characters XML 1.0 cannot hold (its ``Char`` production, inverted): never part of a name, so
#: every name and node id survives GraphML, and two names that differ only by them are one name.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?-–—*_/\\ \t\n\r"
_SPACE = re.compile(r"\s+")


def strip_name(surface: str) -> str:
    """Drop surrounding punctuation, leading articles and extra white space from a surface name.

    Examples
    --------
    >>> strip_name("a Linux Foundation")
    'Linux Foundation'
    >>> strip_name("“The Linux Foundation”,")
    'Linux Foundation'
    """
    name = _SPACE.sub(" ", NOT_XML.sub("", surface)).strip(_EDGE_PUNCT)
    while True:
        first, _, rest = name.partition(" ")
        if rest and first.casefold() in _LEADING_ARTICLES:
            name = rest.strip(_EDGE_PUNCT)
        else:
            return name


def name_key(surface: str) -> str:
    """The scoring key of a name: stripped, case-folded, accents kept, white space folded.

    Examples
    --------
    >>> name_key("The  Linux Foundation")
    'linux foundation'
    >>> name_key("Agência Espacial")
    'agência espacial'
    """
    return strip_name(unicodedata.normalize("NFC", surface)).casefold()


def lookup_key(surface: str) -> str:
    """A looser key for user look-ups: the scoring key with accents folded too.

    Examples
    --------
    >>> lookup_key("Agência") == lookup_key("agencia")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name_key(surface))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def node_id(entity_type: str, name: str) -> str:
    """The graph node id of an entity: ``TYPE:key``, so different referents that share a name stay apart.

    Examples
    --------
    >>> node_id("ORG", "a Meta")
    'ORG:meta'
    """
    return f"{entity_type}:{name_key(name)}"
