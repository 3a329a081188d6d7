"""From texts to a knowledge graph: the end-to-end path behind ``kg.extract``.

Stage: orchestration. Input: texts, ``kg.Document``s or paths. Output: a ``KnowledgeGraph``.
Texts run through the spaCy pipeline in batches (``nlp.pipe``); each Doc's entities and
relations become a small graph of that document, folded into the corpus graph with the
graph's entity resolution. Long texts are cut at paragraph and sentence boundaries below the
pipeline's ``max_length``, and evidence offsets are put back into the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.chunking import split_text
from kg.errors import GraphFileError
from kg.graph import KnowledgeGraph
from kg.models import Document, Entity, Evidence, Relation
from kg.names import node_id
from kg.pipeline import load_pipeline

__all__ = ["extract", "extract_documents", "document_graph", "load", "as_documents", "MAX_CHUNK_CHARS"]

#: Longest piece of text given to spaCy at once: bounded memory for any document size.
MAX_CHUNK_CHARS = 100_000


def as_documents(inputs: str | Document | Path | Iterable[str | Document | Path]) -> Iterator[Document]:
    """Turn what a user passes to ``extract`` into Documents.

    A ``str`` is a text; a ``Path`` is a file or folder read by ``kg.io`` (bad files are skipped
    with a warning there); a ``Document`` is used as it is.
    """
    if isinstance(inputs, (str, Document, Path)):
        inputs = [inputs]
    for item in inputs:
        if isinstance(item, Document):
            yield item
        elif isinstance(item, Path):
            from kg.io import iter_documents

            yield from iter_documents([item])
        elif isinstance(item, str):
            yield Document(text=item)
        else:
            raise TypeError(f"kg.extract takes str, Path or kg.Document items, not {type(item).__name__}")


def _chunks(documents: Iterable[Document], max_chars: int) -> Iterator[tuple[str, tuple[Document, int]]]:
    for document in documents:
        for offset, chunk in split_text(document.text, max_chars=max_chars):
            yield chunk, (document, offset)


def document_graph(document: Document, doc: Doc, *, offset: int = 0) -> KnowledgeGraph:
    """The graph of one parsed Doc (a whole document, or the piece of it starting at ``offset``)."""
    graph = KnowledgeGraph()
    graph.add_document_id(document.id)
    entities: list[Entity] = []
    for data in doc._.kg_entities or []:
        names = data["names"]
        name = max(names, key=lambda n: (names[n], len(n), n))
        entity = Entity(
            id=node_id(data["type"], name),
            name=name,
            type=data["type"],
            mentions=sum(names.values()),
            documents=[document.id],
        )
        entity = entity.model_copy(update={"id": graph.add_entity(entity, name_counts=names)})
        entities.append(entity)
    for data in doc._.kg_relations or []:
        start, end = data["start"], data["end"]
        evidence = Evidence(document=document.id, sentence=doc.text[start:end], start=start + offset, end=end + offset)
        graph.add_relation(
            Relation(
                subject=entities[data["subject"]],
                relation=data["relation"],
                predicate=data["predicate"],
                object=entities[data["object"]],
                confidence=data["confidence"],
                evidence=[evidence],
            )
        )
    return graph


def extract_documents(
    nlp: Language,
    documents: Iterable[Document],
    *,
    into: KnowledgeGraph | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    skip: Callable[[Document], bool] | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> KnowledgeGraph:
    """Run ``nlp`` over ``documents`` and merge their graphs into ``into`` (or a new graph).

    ``skip`` leaves out documents (already in the graph); ``on_document`` is called once a
    document is wholly merged (for progress bars and checkpoints).
    """
    graph = into if into is not None else KnowledgeGraph()
    wanted = (d for d in documents if skip is None or not skip(d))
    max_chars = min(MAX_CHUNK_CHARS, nlp.max_length)
    current: Document | None = None
    for doc, (document, offset) in nlp.pipe(_chunks(wanted, max_chars), as_tuples=True, batch_size=batch_size, n_process=n_process):
        if current is not None and document.id != current.id and on_document is not None:
            on_document(current)
        current = document
        graph.merge(document_graph(document, doc, offset=offset))
    if current is not None and on_document is not None:
        on_document(current)
    return graph


def extract(
    texts: str | Document | Path | Iterable[str | Document | Path],
    model: str | Path | None = None,
    *,
    batch_size: int = 64,
    n_process: int = 1,
) -> KnowledgeGraph:
    """Extract the knowledge graph of one text or many.

    Parameters
    ----------
    texts
        A text, a ``kg.Document``, a ``Path`` to a file or folder, or an iterable of them.
    model
        An installed spaCy pipeline's name or a path to one; by default kg's bundled pipeline.
    batch_size, n_process
        Passed to ``nlp.pipe``.

    Examples
    --------
    >>> graph = kg.extract("A Linux Foundation supervisionará o PyTorch.")  # doctest: +SKIP
    >>> graph.relations(subject="Linux Foundation")[0].relation  # doctest: +SKIP
    'governs'
    """
    nlp = load_pipeline(model)
    return extract_documents(nlp, as_documents(texts), batch_size=batch_size, n_process=n_process)


def load(path: str | Path) -> KnowledgeGraph:
    """Read a graph written by ``to_json`` (``.json``) or ``to_graphml`` (``.graphml``)."""
    path = Path(path)
    if path.suffix.lower() == ".graphml":
        from kg.export.graphml import read_graphml

        return read_graphml(path)
    if path.suffix.lower() == ".json":
        from kg.export.json import read_json

        return read_json(path)
    raise GraphFileError(f"{path}: unknown graph format {path.suffix!r}; kg reads .json and .graphml")
