"""Gold graphs: the files docs/SCHEMA.md describes, read and checked.

Stage: evaluation input. Input: a gold file (one JSON per document: ``doc_id``, ``text_file``
relative to the gold file, ``entities`` with ``name``, ``type``, ``aliases``, and ``relations``
with ``subject``, ``relation``, ``object``, ``evidence``) or a folder of them. Output: validated
:class:`GoldDocument` models; a file that cannot be used raises :class:`kg.errors.InputError`
naming the file and the problem.

Checks beyond the field types: entity types are the schema's four (PER, ORG, PROJECT, LOC),
relation types its 13 (not ``related_to``), no two entities of one type share a normalised name,
every relation's subject and object is an entity of the file (by name, or normalised name or
alias), and the text file exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kg.errors import InputError
from kg.models import RELATION_TYPES
from kg.names import name_key

__all__ = ["SCHEMA_RELATIONS", "GoldEntity", "GoldRelation", "GoldDocument", "name_keys", "gold_files", "load_gold"]

#: The schema's 13 relation types: every type but the open ``related_to``.
SCHEMA_RELATIONS: tuple[str, ...] = tuple(r for r in RELATION_TYPES if r != "related_to")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def name_keys(name: str, aliases: Iterable[str]) -> set[str]:
    """The scoring keys (:func:`kg.names.name_key`) of a name and its aliases, empty ones left out.

    Examples
    --------
    >>> sorted(name_keys("The Linux Foundation", ["a Linux Foundation", "LF"]))
    ['lf', 'linux foundation']
    """
    return {k for k in (name_key(n) for n in (name, *aliases)) if k}


GoldType = Literal["PER", "ORG", "PROJECT", "LOC"]


class GoldEntity(_Model):
    """A gold entity: its fullest name, its type and the other names the text uses for it."""

    name: str = Field(min_length=1)
    type: GoldType
    aliases: list[str] = Field(default_factory=list)

    def keys(self) -> set[str]:
        """The normalised names (name and aliases) the entity is matched on."""
        return name_keys(self.name, self.aliases)


class GoldRelation(_Model):
    """A gold relation between two entities of the same file, with the sentence that states it."""

    subject: str = Field(min_length=1)
    relation: str
    object: str = Field(min_length=1)
    evidence: str

    @field_validator("relation")
    @classmethod
    def _schema_type(cls, value: str) -> str:
        if value not in SCHEMA_RELATIONS:
            raise ValueError(
                f"{value!r} is not a relation type of the schema; choose from {', '.join(SCHEMA_RELATIONS)}"
            )
        return value


class GoldDocument(_Model):
    """One gold file: the document's id, its text file (relative to the gold file) and its graph.

    Examples
    --------
    >>> gold = GoldDocument.model_validate({
    ...     "doc_id": "d", "text_file": "d.txt",
    ...     "entities": [{"name": "Meta", "type": "ORG"}, {"name": "PyTorch", "type": "PROJECT"}],
    ...     "relations": [{"subject": "Meta", "relation": "developer_of", "object": "PyTorch", "evidence": ""}]})
    >>> gold.entity_index("a meta")
    0
    """

    doc_id: str = Field(min_length=1)
    text_file: str = Field(min_length=1)
    entities: list[GoldEntity] = Field(default_factory=list)
    relations: list[GoldRelation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_references(self) -> GoldDocument:
        seen: dict[tuple[str, str], str] = {}
        for entity in self.entities:
            for key in entity.keys():
                other = seen.setdefault((entity.type, key), entity.name)
                if other != entity.name:
                    raise ValueError(f"entities {other!r} and {entity.name!r} ({entity.type}) share the name {key!r}")
        names = [e.name for e in self.entities]
        for relation in self.relations:
            for role in ("subject", "object"):
                value = getattr(relation, role)
                if self.entity_index(value) is None:
                    raise ValueError(
                        f"relation {relation.subject!r} {relation.relation} {relation.object!r}: {role} {value!r} "
                        f"is not an entity of the file (entities: {', '.join(names) or 'none'})"
                    )
        return self

    def entity_index(self, name: str) -> int | None:
        """The index of the entity called ``name``: its exact name first, else a normalised name or alias."""
        for i, entity in enumerate(self.entities):
            if entity.name == name:
                return i
        key = name_key(name)
        for i, entity in enumerate(self.entities):
            if key in entity.keys():
                return i
        return None


def gold_files(path: Path) -> list[Path]:
    """The gold files at ``path``: the file itself, or the ``*.json`` files of a folder (sorted, not recursive)."""
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
        if not files:
            raise InputError(f"{path}: no gold .json files in this folder")
        return files
    if not path.is_file():
        raise InputError(f"{path}: no such gold file or folder")
    return [path]


def load_gold(path: Path) -> GoldDocument:
    """Read and validate the gold file ``path``; its text file must exist.

    Raises
    ------
    kg.errors.InputError
        The file is unreadable, not JSON, not in the gold format, or names a missing text file;
        the message names the file and the problem.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read the gold file: {error.strerror or error}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not a JSON gold file: {error}") from error
    try:
        gold = GoldDocument.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in error.errors(include_url=False)
        )
        raise InputError(f"{path}: not a valid gold file (docs/SCHEMA.md): {problems}") from None
    if not (path.parent / gold.text_file).is_file():
        raise InputError(f"{path}: text_file {gold.text_file!r} not found (looked for {path.parent / gold.text_file})")
    return gold
