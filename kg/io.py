"""Reading inputs: files, folders and standard input, in any encoding Portuguese news comes in.

Stage: input. Input: paths (files or folders) or ``"-"`` for standard input. Output: a stream of
:class:`kg.models.Document`, one per text file and one per JSON Lines record, read one file at a
time so that a corpus never sits in memory whole.

What is read
    A file named on the command line is read whatever its name: ``.jsonl`` as JSON Lines,
    ``.html``/``.htm`` as HTML, anything else as plain text (a plain-text file that is clearly an
    HTML document is read as HTML). A folder is read recursively in sorted order, keeping the files
    ending ``.txt``, ``.md``, ``.html``, ``.htm`` and ``.jsonl`` (in any case); other files, hidden
    files and hidden folders are ignored, and symbolic links to folders are not followed. The
    string ``"-"`` (not ``Path("-")``, which is a file) is standard input, read as plain text.

Text
    UTF-8 (with or without a byte-order mark) is tried first; UTF-16 and UTF-32 need a byte-order
    mark; anything else is handed to charset-normalizer, restricted to the single-byte encodings
    Portuguese text is found in (Windows-1252, Latin-1, Latin-9). Line ends become ``\\n``, the
    text is normalised to NFC, stray control characters are removed.

What is skipped
    A missing input, or one that is neither a file nor a folder, is a usage error:
    :class:`kg.errors.InputError`. Anything wrong with one file only is reported through
    ``on_skip`` as a :class:`SkippedInput` and the run goes on: an unreadable, empty or binary file,
    undecodable text, HTML without visible text, text that is not Portuguese (see
    :func:`is_portuguese`), a bad JSON Lines record (reported as ``path:LINE``).

Limits
    A text or HTML file, and standard input, is read whole into memory (a JSON Lines file one line
    at a time); split long texts with :func:`kg.chunking.split_text`. UTF-16 without a byte-order
    mark is taken for binary data. Markdown is read as plain text, its markup left in place.

Security
    HTML is parsed with the standard library, never rendered: nothing is fetched, and the contents
    of ``script``, ``style``, ``noscript``, ``template``, ``head`` and the like never reach the text.
"""

from __future__ import annotations

import codecs
import itertools
import json
import logging
import os
import re
import stat
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from kg.errors import InputError
from kg.models import Document

__all__ = ["SkippedInput", "iter_documents", "decode_text", "html_to_text", "is_portuguese"]

logger = logging.getLogger(__name__)

# The files a folder is searched for (compared in lower case); its other files are ignored.
_FOLDER_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
_HTML_SUFFIXES = (".html", ".htm")

# What charset-normalizer may choose from once strict UTF-8 has failed.
_LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]
# Checked longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Text with more than this share of control characters (in its first _SAMPLE_CHARS) is binary.
_MAX_CONTROL_SHARE = 0.05
_NEWLINES = re.compile(r"\r\n?|[\v\f\u2028\u2029]")
# Control characters other than tab and newline, lone surrogates (from JSON), stray BOMs, noncharacters.
_STRAY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")

# The Portuguese test: share of function words among the first words of a text.
_SAMPLE_CHARS = 20_000
_SAMPLE_WORDS = 1_000
_MIN_WORDS = 30
_MIN_PORTUGUESE_SHARE = 0.06
_WORD = re.compile(r"[^\W\d_]+")

_HTML_DOCUMENT = re.compile(r"\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "iframe"})
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML collapses ASCII whitespace only, not NBSP

_TEXT_FIELDS = ("text", "content", "body")
_SOURCE_FIELDS = ("source", "url")


@dataclass(frozen=True, slots=True)
class SkippedInput:
    """An input that was not used, and why.

    Parameters
    ----------
    source : str
        The file (``path``), the JSON Lines record (``path:LINE``) or ``<stdin>``.
    reason : str
        What is wrong with it, in a few words.
    """

    source: str
    reason: str


def iter_documents(
    inputs: str | Path | Iterable[str | Path], *, on_skip: Callable[[SkippedInput], None] | None = None
) -> Iterator[Document]:
    """Stream the documents of files, folders and standard input.

    Every input path is checked before anything is read, so a usage error comes first.

    Parameters
    ----------
    inputs : str, Path, or iterable of str or Path
        Files, folders (read recursively), or the string ``"-"`` for standard input. A single
        str or Path is taken as a list of one.
    on_skip : callable, optional
        Called with a :class:`SkippedInput` for every file or record that cannot be used. By
        default each one is logged as a warning.

    Yields
    ------
    Document
        ``id`` is the hash of the text (a JSON Lines record's ``id`` when it has one), ``source``
        the path (``path#LINE`` for a record, or its own ``source``/``url``), ``metadata`` holds
        the ``encoding`` and the ``format`` (``text``, ``html`` or ``jsonl``).

    Raises
    ------
    InputError
        An input path does not exist or is neither a file nor a folder.

    Examples
    --------
    >>> import tempfile
    >>> temporary = tempfile.TemporaryDirectory()
    >>> folder = Path(temporary.name)
    >>> _ = (folder / "a.txt").write_text("A Linux Foundation supervisionará o PyTorch.", encoding="utf-8")
    >>> _ = (folder / "b.txt").write_bytes(b"")
    >>> [doc.text for doc in iter_documents([folder], on_skip=print)]  # doctest: +ELLIPSIS
    SkippedInput(source='.../b.txt', reason='empty or whitespace-only')
    ['A Linux Foundation supervisionará o PyTorch.']
    >>> iter_documents([folder / "c.txt"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.InputError: input not found: .../c.txt (expected a file, a folder or '-')
    >>> temporary.cleanup()
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    checked = [_check_input(item) for item in inputs]
    return _documents(checked, _log_skip if on_skip is None else on_skip)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return the text (LF line ends, NFC) and the encoding.

    Raises
    ------
    InputError
        Binary data (NUL bytes, many control characters) or text in no known encoding.

    Examples
    --------
    >>> decode_text("Ação\\r\\n".encode("utf-8"))
    ('Ação\\n', 'utf-8')
    >>> decode_text(codecs.BOM_UTF16_LE + "João".encode("utf-16-le"))
    ('João', 'utf-16')
    >>> decode_text("“Eleição” não".encode("cp1252"))
    ('“Eleição” não', 'cp1252')
    >>> decode_text(b"\\x7fELF\\x02\\x01\\x00\\x00")
    Traceback (most recent call last):
    kg.errors.InputError: binary data (NUL bytes)
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"undecodable: not {encoding} despite its byte-order mark ({error.reason})") from None
            return _clean(text), encoding
    if b"\x00" in data:
        raise InputError("binary data (NUL bytes)")
    try:
        return _clean(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":  # valid UTF-8 cut inside its last character
            return _clean(data[: error.start].decode("utf-8")), "utf-8"
    match = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best()
    if match is None:
        raise InputError("undecodable: not UTF-8, UTF-16 with a byte-order mark, Windows-1252 or Latin-1")
    return _clean(str(match)), match.encoding


def html_to_text(html: str) -> str:
    """The visible text of an HTML document: block elements become paragraphs, entities are resolved.

    The contents of ``script``, ``style``, ``noscript``, ``template``, ``head``, ``title``,
    ``svg`` and ``iframe`` are dropped, and so are comments and attributes.

    Examples
    --------
    >>> html_to_text("<html><head><title>T</title><script>alert(1)</script></head>"
    ...              "<body><h1>Meta &amp; PyTorch</h1><p>O projeto   passa<br>à fundação.</p></body></html>")
    'Meta & PyTorch\\n\\nO projeto passa\\nà fundação.'
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def is_portuguese(text: str) -> bool:
    """Whether ``text`` reads as Portuguese: a cheap test on its function words.

    Among the first 1,000 words (within the first 20,000 characters), at least 6% must be
    frequent Portuguese function words from ``kg/lexicon/portuguese_function_words.json``, a list
    that leaves out the words English, Spanish and German share with Portuguese. Portuguese news
    scores 0.09 to 0.35, English, German and Spanish 0.02 or less. A text of fewer than 30 words
    is not tested and passes, so that headlines and short snippets are kept.

    Examples
    --------
    >>> is_portuguese("O PyTorch passa para a Linux Foundation, anunciou Mark Zuckerberg. " * 3)
    True
    >>> is_portuguese("The Linux Foundation will now oversee PyTorch, Mark Zuckerberg said. " * 3)
    False
    >>> is_portuguese("Hello world")  # too short to tell
    True
    """
    share, words = _portuguese_share(text)
    return words < _MIN_WORDS or share >= _MIN_PORTUGUESE_SHARE


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML document in ``parts``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipped: Counter[str] = Counter()
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipped[tag] += 1
        elif tag == "body":  # a head left open ends where the body starts
            self._skipped["head"] = 0
        if tag == "pre":
            self._pre += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skipped[tag] > 0:
            self._skipped[tag] -= 1
        if tag == "pre" and self._pre > 0:
            self._pre -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if any(self._skipped.values()):
            return
        self.parts.append(data if self._pre else _SPACES.sub(" ", data))


def _check_input(item: str | Path) -> tuple[str, Path | None]:
    """Classify one input as ``("stdin", None)``, ``("file", path)`` or ``("folder", path)``."""
    if isinstance(item, str) and item == "-":
        return "stdin", None
    if str(item) == "":
        raise InputError("empty input path (expected a file, a folder or '-')")
    path = Path(item)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"input not found: {path} (expected a file, a folder or '-')") from None
    except OSError as error:
        raise InputError(f"cannot access input {path}: {error.strerror or error}") from None
    if stat.S_ISDIR(mode):
        return "folder", path
    if stat.S_ISREG(mode):
        return "file", path
    raise InputError(f"input is neither a file nor a folder: {path} (expected a file, a folder or '-')")


def _documents(checked: list[tuple[str, Path | None]], report: Callable[[SkippedInput], None]) -> Iterator[Document]:
    for kind, path in checked:
        if path is None:
            yield from _read_stdin(report)
        elif kind == "folder":
            for file in _walk(path, report):
                yield from _read_file(file, report)
        else:
            yield from _read_file(path, report)


def _walk(folder: Path, report: Callable[[SkippedInput], None]) -> Iterator[Path]:
    """The files of ``folder`` and its subfolders, depth first in name order, with a folder suffix."""
    listings = [iter(_listing(folder, report))]
    while listings:
        entry = next(listings[-1], None)
        if entry is None:
            listings.pop()
        elif _is_folder(entry):
            listings.append(iter(_listing(Path(entry.path), report)))
        elif entry.name.lower().endswith(_FOLDER_SUFFIXES):
            yield Path(entry.path)


def _listing(folder: Path, report: Callable[[SkippedInput], None]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted((entry for entry in entries if not entry.name.startswith(".")), key=lambda e: e.name)
    except OSError as error:
        report(SkippedInput(str(folder), f"unreadable folder: {error.strerror or error}"))
        return []


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False  # then reading it as a file reports the problem


def _read_file(path: Path, report: Callable[[SkippedInput], None]) -> Iterator[Document]:
    if path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path, report)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        report(SkippedInput(str(path), f"unreadable: {error.strerror or error}"))
        return
    document = _text_document(data, str(path), html=path.suffix.lower() in _HTML_SUFFIXES, report=report)
    if document is not None:
        yield document


def _read_stdin(report: Callable[[SkippedInput], None]) -> Iterator[Document]:
    try:
        data = sys.stdin.buffer.read()
    except OSError as error:
        report(SkippedInput("<stdin>", f"unreadable: {error.strerror or error}"))
        return
    document = _text_document(data, "<stdin>", html=False, report=report)
    if document is not None:
        yield document


def _text_document(data: bytes, source: str, *, html: bool, report: Callable[[SkippedInput], None]) -> Document | None:
    """The document of a text or HTML file's bytes, or None after reporting why not."""
    try:
        text, encoding = decode_text(data)
        html = html or _HTML_DOCUMENT.match(text[:4096]) is not None
        if html:
            text = _clean(html_to_text(text))  # character references may bring back CR, controls, NFD
            if not text:
                raise InputError("HTML without visible text")
        _check_text(text)
    except InputError as error:
        report(SkippedInput(source, str(error)))
        return None
    return Document(text=text, source=source, metadata={"encoding": encoding, "format": "html" if html else "text"})


def _read_jsonl(path: Path, report: Callable[[SkippedInput], None]) -> Iterator[Document]:
    try:
        with path.open("rb") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    try:
                        yield _record_document(line, path, number)
                    except InputError as error:
                        report(SkippedInput(f"{path}:{number}", str(error)))
    except OSError as error:
        report(SkippedInput(str(path), f"unreadable: {error.strerror or error}"))


def _record_document(line: bytes, path: Path, number: int) -> Document:
    """The document of one JSON Lines record (line ``number`` of ``path``)."""
    try:
        record = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError:
        raise InputError("not UTF-8 (JSON Lines must be UTF-8)") from None
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but {type(record).__name__}")
    field = next((name for name in _TEXT_FIELDS if isinstance(record.get(name), str)), None)
    if field is None:
        raise InputError(f"no text: expected a string in one of the fields {', '.join(_TEXT_FIELDS)}")
    text = _clean(record[field])
    _check_text(text)
    line_source = f"{path}#{number}"
    source = next((record[name] for name in _SOURCE_FIELDS if isinstance(record.get(name), str) and record[name]), None)
    doc_id = record.get("id")
    extra = {key: value for key, value in record.items() if key not in {field, "id", *_SOURCE_FIELDS}}
    metadata: dict[str, Any] = {**extra, "encoding": "utf-8", "format": "jsonl", "input": line_source}
    return Document(
        id=str(doc_id) if isinstance(doc_id, (str, int)) and not isinstance(doc_id, bool) else "",
        text=text,
        source=source or line_source,
        metadata=metadata,
    )


def _clean(text: str) -> str:
    """LF line ends, no stray control characters, NFC; raises InputError for binary data."""
    text = _NEWLINES.sub("\n", text)
    sample = text[:_SAMPLE_CHARS]
    if sample and len(_STRAY.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError("binary data (control characters)")
    text = _STRAY.sub("", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _check_text(text: str) -> None:
    """Raise InputError unless ``text`` is non-empty Portuguese."""
    if not text.strip():
        raise InputError("empty or whitespace-only")
    share, words = _portuguese_share(text)
    if words >= _MIN_WORDS and share < _MIN_PORTUGUESE_SHARE:
        raise InputError(
            f"not Portuguese text: {share:.0%} of its first {words} words are Portuguese function words, "
            f"at least {_MIN_PORTUGUESE_SHARE:.0%} expected"
        )


def _portuguese_share(text: str) -> tuple[float, int]:
    """The share of Portuguese function words among the first words of ``text``, and their number."""
    words = [match.group().lower() for match in itertools.islice(_WORD.finditer(text, 0, _SAMPLE_CHARS), _SAMPLE_WORDS)]
    if not words:
        return 0.0, 0
    function_words = _function_words()
    return sum(word in function_words for word in words) / len(words), len(words)


@cache
def _function_words() -> frozenset[str]:
    data = resources.files("kg").joinpath("lexicon", "portuguese_function_words.json").read_text(encoding="utf-8")
    return frozenset(json.loads(data)["words"])


def _log_skip(skipped: SkippedInput) -> None:
    logger.warning("skipped %s: %s", skipped.source, skipped.reason)
