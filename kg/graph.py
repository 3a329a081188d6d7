"""The knowledge graph: a NetworkX MultiDiGraph of entities and their relations, with queries.

Stage: graph. Input: entities and relations of documents (``kg.Entity``, ``kg.Relation``).
Output: one node per referent, one edge per (subject, relation, object) with all its evidence.

Entity resolution across documents happens here, and only on names: two nodes of one type
merge when a name or alias of one equals (case- and accent-folded) a name or alias of the
other. The merge is a union over connected names, and every merged attribute is a function of
the merged set, so the graph does not depend on the order documents were added in: a corpus
split across workers and merged gives the same graph as a single run. One step reads the whole
corpus instead, once it is merged: a person named by a shorter form of a name joins the person
the corpus gives that form to (``join_name_forms``, then ``join_single_names`` for one word alone).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.models import Entity, Evidence, Relation
from kg.names import lookup_key, node_id

if TYPE_CHECKING:
    import pandas

__all__ = ["KnowledgeGraph"]

_MultiDiGraph = nx.MultiDiGraph


def _edge_key(relation: str, predicate: str) -> str:
    """Typed relations make one edge per type; open ones one per predicate."""
    return f"related_to:{predicate}" if relation == "related_to" else relation


def _best_name(entity_type: str, name_counts: dict[str, int]) -> str:
    """The node's name: the most used one (ties: the fullest); for people the most used full name
    when there is one ("Dilma Rousseff" rather than "Dilma", or than a long form seen once)."""
    if entity_type == "PER":
        return max(name_counts, key=lambda n: (len(n.split()) > 1, name_counts[n], len(n.split()), len(n), n))
    return max(name_counts, key=lambda n: (name_counts[n], len(n.split()), len(n), n))


def _linking_keys(entity_type: str, name_counts: dict[str, int]) -> set[str]:
    """The names by which a node joins another document's: all its names, but for people only full
    names and the node's own name. A first name or a surname alone ("Eduardo", "Silva") names many
    people in a corpus; within one document kg has already joined it to its full name."""
    names = set(name_counts)
    if entity_type == "PER":
        names = {n for n in names if len(n.split()) > 1} | {_best_name(entity_type, name_counts)}
    return {lookup_key(name) for name in names} - {""}


def _shorter_form(short: list[str], long: list[str]) -> bool:
    """Whether the words ``short`` are ``long`` with some words left out, the rest in order ("Edson
    Fachin" of "Luiz Edson Fachin", "João Vaccari" of "João Vaccari Neto")."""
    remaining = iter(long)
    return len(short) < len(long) and all(word in remaining for word in short)


def _forms_of_one_name(a: str, b: str) -> bool:
    """Whether one name is the other with words added after its first ("Fernando Collor" and
    "Fernando Collor de Mello", "João Vaccari" and "João Vaccari Neto"), or the same name."""
    short, long = sorted((lookup_key(a).split(), lookup_key(b).split()), key=len)
    return short == long or (short[0] == long[0] and _shorter_form(short, long))


class KnowledgeGraph:
    """Entities and relations of a set of documents, over a ``networkx.MultiDiGraph``.

    Examples
    --------
    >>> from kg.models import Entity, Relation
    >>> meta = Entity(id="", name="Meta", type="ORG", mentions=1, documents=["d1"])
    >>> pytorch = Entity(id="", name="PyTorch", type="PROJECT", mentions=1, documents=["d1"])
    >>> graph = KnowledgeGraph()
    >>> graph.add_relation(Relation(subject=meta, relation="developer_of", object=pytorch, confidence=0.9))
    >>> [e.name for e in graph.neighbors("pytorch")]
    ['Meta']
    """

    def __init__(self) -> None:
        self._graph = nx.MultiDiGraph()
        self._graph.graph["documents"] = []
        self._index: dict[tuple[str, str], str] = {}  # every name and alias, for look-ups
        self._links: dict[tuple[str, str], str] = {}  # the names that join nodes (_linking_keys)

    # ------------------------------------------------------------------ building
    def add_document_id(self, document: str) -> None:
        """Record that ``document`` contributed to the graph (used to skip it next time)."""
        documents = self._graph.graph["documents"]
        at = bisect.bisect_left(documents, document)  # kept sorted: no scan, no re-sort per call
        if at == len(documents) or documents[at] != document:
            documents.insert(at, document)

    @property
    def documents(self) -> list[str]:
        """The ids of the documents this graph was built from."""
        return list(self._graph.graph["documents"])

    def add_entity(self, entity: Entity, *, name_counts: dict[str, int] | None = None) -> str:
        """Add ``entity`` (or fold it into the node it resolves to); return its node id.

        ``name_counts`` gives how often each surface form was used; by default the name counts
        for all the mentions and each alias once.
        """
        counts = dict(name_counts) if name_counts else {entity.name: max(entity.mentions, 1)}
        for alias in entity.aliases:
            counts.setdefault(alias, 0)  # known, but never used more than the name
        keys = _linking_keys(entity.type, counts)
        matches = sorted({self._links[(entity.type, key)] for key in keys if (entity.type, key) in self._links})
        attrs = {
            "type": entity.type,
            "name_counts": counts,
            "mentions": entity.mentions,
            "documents": sorted(set(entity.documents)),
        }
        for existing in matches:
            attrs = self._combine_node_attrs(attrs, self._graph.nodes[existing])
        new_id = node_id(entity.type, _best_name(entity.type, attrs["name_counts"]))
        self._graph.add_node(new_id)
        for existing in matches:
            if existing != new_id:
                self._move_edges(existing, new_id)
                self._graph.remove_node(existing)
        self._set_node(new_id, attrs)
        self._register(new_id, entity.type, attrs["name_counts"])
        return new_id

    def _register(self, node: str, entity_type: str, name_counts: dict[str, int]) -> None:
        for name in name_counts:
            self._index[(entity_type, lookup_key(name))] = node
        for key in _linking_keys(entity_type, name_counts):
            self._links[(entity_type, key)] = node

    @staticmethod
    def _combine_node_attrs(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        counts = dict(a["name_counts"])
        for name, count in b["name_counts"].items():
            counts[name] = counts.get(name, 0) + count
        return {
            "type": a["type"],
            "name_counts": counts,
            "mentions": a["mentions"] + b["mentions"],
            "documents": sorted(set(a["documents"]) | set(b["documents"])),
        }

    def _set_node(self, node: str, attrs: dict[str, Any]) -> None:
        name = _best_name(attrs["type"], attrs["name_counts"])
        data = self._graph.nodes[node]
        data.clear()
        data.update(
            name=name,
            type=attrs["type"],
            aliases=sorted(n for n in attrs["name_counts"] if n != name),
            mentions=attrs["mentions"],
            documents=attrs["documents"],
            name_counts=dict(sorted(attrs["name_counts"].items())),
        )

    def _move_edges(self, old: str, new: str) -> None:
        for _, target, _key, data in list(self._graph.out_edges(old, keys=True, data=True)):
            self._add_edge(new, new if target == old else target, data)
        for source, _, _key, data in list(self._graph.in_edges(old, keys=True, data=True)):
            if source != old:
                self._add_edge(source, new, data)

    def _add_edge(self, source: str, target: str, data: dict[str, Any]) -> None:
        if source == target:
            return  # two names of one referent are not a relation
        key = _edge_key(data["relation"], data["predicate"])
        if self._graph.has_edge(source, target, key):
            current = self._graph.edges[source, target, key]
            evidence = {(e["document"], e["start"], e["end"]): e for e in current["evidence"] + data["evidence"]}
            stronger = max(current, data, key=lambda d: (d["confidence"], d["predicate"]))
            current.update(
                confidence=stronger["confidence"],
                predicate=stronger["predicate"],
                evidence=[evidence[k] for k in sorted(evidence)],
            )
        else:
            evidence = {(e["document"], e["start"], e["end"]): e for e in data["evidence"]}
            self._graph.add_edge(
                source,
                target,
                key=key,
                relation=data["relation"],
                predicate=data["predicate"],
                confidence=data["confidence"],
                evidence=[evidence[k] for k in sorted(evidence)],
            )

    def add_relation(self, relation: Relation) -> None:
        """Add ``relation`` between its (resolved) subject and object, keeping all evidence."""
        source = (
            self.add_entity(relation.subject) if not self._known(relation.subject) else self._resolve(relation.subject)
        )
        target = (
            self.add_entity(relation.object) if not self._known(relation.object) else self._resolve(relation.object)
        )
        self._add_edge(
            source,
            target,
            {
                "relation": relation.relation,
                "predicate": relation.predicate,
                "confidence": round(relation.confidence, 4),
                "evidence": [e.model_dump() for e in relation.evidence],
            },
        )

    def _known(self, entity: Entity) -> bool:
        return entity.id in self._graph or (entity.type, lookup_key(entity.name)) in self._index

    def _resolve(self, entity: Entity) -> str:
        if entity.id in self._graph:
            return entity.id
        return self._index[(entity.type, lookup_key(entity.name))]

    def join_single_names(self, *, share: float = 0.95, uses: int = 10) -> KnowledgeGraph:
        """Join each person the corpus knows by one word alone ("Temer") to the person whose full
        name the documents give that word as a name of ("Michel Temer", where "Temer" follows
        "Michel Temer"), when that person holds at least ``share`` of those uses, and ``uses`` of them.
        Its longer forms count as that person ("Fernando Collor de Mello" for "Fernando Collor").

        A corpus-level step, for the whole graph once its documents are merged (``kg.extract`` and
        ``kg extract`` take it last): ``merge`` never joins a surname alone across documents, as
        it names many people; here the corpus shows whom it names. The decisions are taken on the
        graph as it is before any join, so they do not depend on the order of the nodes. Returns
        this graph.
        """
        owners: dict[str, dict[str, int]] = {}
        for node, data in self._graph.nodes(data=True):
            if data["type"] == "PER" and len(data["name"].split()) > 1:
                for name, count in data["name_counts"].items():
                    if len(name.split()) == 1:
                        by_node = owners.setdefault(lookup_key(name), {})
                        by_node[node] = by_node.get(node, 0) + count
        joins: dict[str, str] = {}
        for node, data in self._graph.nodes(data=True):
            keys = {lookup_key(name) for name in data["name_counts"]}
            if data["type"] != "PER" or len(keys) != 1 or len(data["name"].split()) > 1:
                continue
            by_node = owners.get(keys.pop(), {})
            if by_node:
                owner = max(by_node, key=lambda n: (by_node[n], n))
                name = self._graph.nodes[owner]["name"]
                held = sum(
                    count
                    for other, count in by_node.items()
                    if _forms_of_one_name(name, self._graph.nodes[other]["name"])
                )
                if held >= uses and held >= share * sum(by_node.values()):
                    joins[node] = owner
        return self._join_people(joins)

    def join_name_forms(self, *, share: float = 0.95, documents: int = 10) -> KnowledgeGraph:
        """Join each person named by a shorter form of other people's names ("Edson Fachin" of "Luiz
        Edson Fachin", "João Vaccari" of "João Vaccari Neto": some words left out, the rest in
        order) to the one of those people whose documents are at least ``share`` of all of theirs,
        and at least ``documents``.

        A corpus-level step, like ``join_single_names`` (take it first: the single names then count
        the joined forms as one person). ``merge`` joins two names only when one document gives both;
        across documents a shorter form may be a relative's ("Vieira Lima": Geddel or his brother
        Lúcio), and the corpus shows when it is not. Returns this graph.
        """
        people = {
            node: words
            for node, data in self._graph.nodes(data=True)
            if data["type"] == "PER" and (words := lookup_key(data["name"]).split())
        }
        by_word: dict[str, set[str]] = {}
        for node, words in people.items():
            for word in words:
                by_word.setdefault(word, set()).add(node)
        joins: dict[str, str] = {}
        for node, words in people.items():
            if len(words) < 2:
                continue
            longer = [n for n in set.intersection(*(by_word[w] for w in words)) if _shorter_form(words, people[n])]
            counts = {n: len(self._graph.nodes[n]["documents"]) for n in longer}
            owner = max(counts, key=lambda n: (counts[n], n), default=None)
            if owner is not None and counts[owner] >= documents and counts[owner] >= share * sum(counts.values()):
                joins[node] = owner
        for node, owner in joins.items():
            while owner in joins:  # "João Gebran" -> "João Gebran Neto" -> "João Pedro Gebran Neto"
                owner = joins[owner]
            joins[node] = owner
        return self._join_people(joins)

    def _join_people(self, joins: dict[str, str]) -> KnowledgeGraph:
        """Fold each person node of ``joins`` into the node it maps to."""
        for node, owner in sorted(joins.items()):
            attrs = self._combine_node_attrs(self._graph.nodes[owner], self._graph.nodes[node])
            self._move_edges(node, owner)
            self._graph.remove_node(node)
            self._set_node(owner, attrs)
            self._register(owner, "PER", attrs["name_counts"])
        self._links = {key: linked for key, linked in self._links.items() if linked not in joins}
        return self

    def merge(self, other: KnowledgeGraph) -> KnowledgeGraph:
        """Fold ``other`` into this graph with the same entity resolution; return this graph."""
        ids = {}
        for node, data in other._graph.nodes(data=True):
            entity = Entity(
                id=node, name=data["name"], type=data["type"], mentions=data["mentions"], documents=data["documents"]
            )
            ids[node] = self.add_entity(entity, name_counts=data["name_counts"])
        for source, target, data in other._graph.edges(data=True):
            self._add_edge(self._current(ids[source], source, other), self._current(ids[target], target, other), data)
        for document in other.documents:
            self.add_document_id(document)
        return self

    def _current(self, node: str, original: str, other: KnowledgeGraph) -> str:
        """Where ``node`` lives now: a later merge may have renamed it."""
        if node in self._graph:
            return node
        data = other._graph.nodes[original]
        return self._index[(data["type"], lookup_key(data["name"]))]

    # ------------------------------------------------------------------ queries
    @property
    def nx(self) -> _MultiDiGraph:
        """The ``networkx.MultiDiGraph`` underneath (node ids are ``TYPE:name``)."""
        return self._graph

    def _entity(self, node: str) -> Entity:
        data = self._graph.nodes[node]
        return Entity(
            id=node,
            name=data["name"],
            type=data["type"],
            aliases=list(data["aliases"]),
            mentions=data["mentions"],
            documents=list(data["documents"]),
        )

    def entities(self, type: str | None = None) -> list[Entity]:
        """All entities, or those of one ``type``, most mentioned first."""
        nodes = [n for n, t in self._graph.nodes(data="type") if type is None or t == type]
        entities = [self._entity(n) for n in nodes]
        return sorted(entities, key=lambda e: (-e.mentions, e.name))

    def _nodes_named(self, name: str | Entity) -> set[str]:
        if isinstance(name, Entity):
            return {name.id} if name.id in self._graph else self._nodes_named(name.name)
        key = lookup_key(name)
        return {node for (_, k), node in self._index.items() if k == key and node in self._graph}

    def entity(self, name: str) -> Entity | None:
        """The entity called ``name`` (by name or alias, case and accents ignored), or None.

        When several types share the name, the most mentioned entity is returned.
        """
        nodes = self._nodes_named(name)
        if not nodes:
            return None
        return min((self._entity(n) for n in nodes), key=lambda e: (-e.mentions, e.id))

    def relations(
        self,
        subject: str | Entity | None = None,
        relation: str | None = None,
        object: str | Entity | None = None,
    ) -> list[Relation]:
        """Relations matching every filter given; a None filter matches anything."""
        sources = self._nodes_named(subject) if subject is not None else None
        targets = self._nodes_named(object) if object is not None else None
        found = []
        for source, target, data in self._edges(sources):
            if targets is not None and target not in targets:
                continue
            if relation is not None and data["relation"] != relation:
                continue
            found.append(self._relation(source, target, data))
        return sorted(found, key=lambda r: (-r.confidence, r.subject.name, r.relation, r.object.name))

    def _edges(self, sources: set[str] | None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        if sources is None:
            yield from self._graph.edges(data=True)
        else:
            for source in sorted(sources):
                yield from self._graph.out_edges(source, data=True)

    def _relation(self, source: str, target: str, data: dict[str, Any]) -> Relation:
        return Relation(
            subject=self._entity(source),
            relation=data["relation"],
            predicate=data["predicate"],
            object=self._entity(target),
            confidence=data["confidence"],
            evidence=[Evidence(**e) for e in data["evidence"]],
        )

    def neighbors(self, name: str | Entity) -> list[Entity]:
        """Entities linked to ``name`` by a relation in either direction."""
        nodes = self._nodes_named(name)
        linked = set()
        for node in nodes:
            linked.update(self._graph.successors(node))
            linked.update(self._graph.predecessors(node))
        return sorted((self._entity(n) for n in linked - nodes), key=lambda e: (-e.mentions, e.name))

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnowledgeGraph):
            return NotImplemented
        return self._comparable() == other._comparable()

    def _comparable(self) -> tuple[Any, ...]:
        nodes = sorted((n, sorted(d.items())) for n, d in self._graph.nodes(data=True))
        edges = sorted((s, t, k, repr(sorted(d.items()))) for s, t, k, d in self._graph.edges(keys=True, data=True))
        return repr(nodes), edges, self.documents

    def __repr__(self) -> str:
        return (
            f"<KnowledgeGraph {self._graph.number_of_nodes()} entities, "
            f"{self._graph.number_of_edges()} relations, {len(self.documents)} documents>"
        )

    # ------------------------------------------------------------------ building from storage
    @classmethod
    def from_networkx(cls, graph: _MultiDiGraph) -> KnowledgeGraph:
        """Wrap a graph written by this class (as read back from JSON or GraphML)."""
        kg = cls()
        kg._graph = graph
        kg._graph.graph["documents"] = sorted(graph.graph.get("documents", []))
        for node, data in graph.nodes(data=True):
            kg._register(node, data["type"], data["name_counts"])
        return kg

    # ------------------------------------------------------------------ exports
    def to_json(self, path: str | Path) -> Path:
        """Write the lossless node-link JSON that ``kg.load`` reads back."""
        from kg.export.json import write_json

        return write_json(self, path)

    def to_graphml(self, path: str | Path) -> Path:
        """Write GraphML for Gephi, Cytoscape, yEd and ``networkx.read_graphml``."""
        from kg.export.graphml import write_graphml

        return write_graphml(self, path)

    def to_html(self, path: str | Path) -> Path:
        """Write the interactive, self-contained HTML view."""
        from kg.export.html import write_html

        return write_html(self, path)

    def to_csv(self, folder: str | Path) -> tuple[Path, Path]:
        """Write ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import`` into ``folder``."""
        from kg.export.csv import write_neo4j_csv

        return write_neo4j_csv(self, folder)

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per relation as a ``pandas.DataFrame`` (needs pandas: ``pip install 'kg[dataframe]'``)."""
        from kg.export.csv import to_dataframe

        return to_dataframe(self)
