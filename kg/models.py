"""The public data models: what ``kg.extract`` returns and the exports carry.

Stage: boundary. These pydantic models are built from the per-document results of the spaCy
components and read back from JSON; nothing inside the hot loops uses them.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["EntityType", "ENTITY_TYPES", "RELATION_TYPES", "Evidence", "Entity", "Relation", "Document"]

EntityType = Literal["PER", "ORG", "PROJECT", "LOC", "MISC"]
ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "PROJECT", "LOC", "MISC")

#: The relation types of docs/SCHEMA.md, plus ``related_to`` for open relations.
RELATION_TYPES: tuple[str, ...] = (
    "founder_of",
    "leader_of",
    "employee_of",
    "member_of",
    "part_of",
    "owner_of",
    "developer_of",
    "governs",
    "uses",
    "partner_of",
    "investor_in",
    "located_in",
    "formerly_known_as",
    "related_to",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """A sentence that states a relation: its document and its character offsets there."""

    document: str
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Entity(_Model):
    """One real-world referent: a node of the graph.

    ``id`` is ``TYPE:normalised name`` so that different referents that share a name stay apart.
    """

    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    mentions: int = Field(default=0, ge=0)
    documents: list[str] = Field(default_factory=list)


class Relation(_Model):
    """A typed, directed edge with the words that state it, a confidence and its evidence."""

    subject: Entity
    relation: str
    predicate: str = ""
    object: Entity
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


class Document(_Model):
    """An input text. ``id`` defaults to a hash of the text, so the same content gets the same id."""

    id: str = ""
    text: str
    source: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    def model_post_init(self, __context: Any) -> None:
        if not self.id:
            self.id = content_id(self.text)


def content_id(text: str) -> str:
    """A short stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
