"""The one place where exported text is cleaned, escaped and flattened.

Stage: export. Input: the attribute values of a ``KnowledgeGraph`` (strings, numbers, lists and
dicts of them, possibly None) taken from untrusted documents. Output: values a file format can
hold without breaking, each rule applied the same way in every exporter:

- **XML** (GraphML) cannot hold most control characters, lone surrogates, U+FFFE or U+FFFF:
  :func:`clean_text` removes them and turns ``\\r\\n`` and ``\\r`` into ``\\n``, as an XML
  parser would on reading.
- **Lists, dicts and None** have no GraphML type: :func:`flat_attributes` drops None and turns
  lists and dicts into JSON strings (:func:`dumps_json`), to be read back with ``json.loads``.
- **JSON** is always valid UTF-8: :func:`dumps_json` keeps non-ASCII text readable but escapes
  lone surrogates, which UTF-8 cannot encode.
- **HTML** pages carry data as JSON in ``<script type="application/json">``: :func:`script_json`
  escapes ``<``, ``>``, ``&``, U+2028 and U+2029 so that no string can close the tag.
- **CSV** cells opened in a spreadsheet must not run as formulas: :func:`csv_cell` puts a single
  quote before a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return,
  and writes line breaks as spaces so that each record stays on one line.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from kg.names import NOT_XML

__all__ = [
    "clean_text",
    "clean",
    "dumps_json",
    "flat_attributes",
    "script_json",
    "html_text",
    "csv_cell",
    "csv_array",
]

_NOT_XML = NOT_XML  # one definition, shared with name normalisation (kg.names)
_LINE_BREAK = re.compile("\r\n?")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CSV_LINE_BREAK = re.compile("[\r\n]+")


def clean_text(text: str) -> str:
    """Remove the characters XML 1.0 cannot hold and write every line break as ``\\n``.

    Examples
    --------
    >>> clean_text("a\\x00b\\x1fc\\r\\nd\\ud800é 🙂")
    'abc\\ndé 🙂'
    """
    return _NOT_XML.sub("", _LINE_BREAK.sub("\n", text))


def clean(value: Any) -> Any:
    """Apply :func:`clean_text` to every string in ``value``, dict keys included.

    Examples
    --------
    >>> clean({"a\\x07": ["b\\x0b", 1, None]})
    {'a': ['b', 1, None]}
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean(key): clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean(item) for item in value]
    return value


def _escape_surrogate(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps_json(value: Any, *, indent: int | None = None) -> str:
    """JSON text of ``value`` that is valid UTF-8 whatever its strings hold.

    Non-ASCII text is kept as it is; lone surrogates, which only ``\\u`` escapes can carry,
    are escaped, so ``json.loads`` gives back exactly ``value``.

    Examples
    --------
    >>> dumps_json(["São Paulo", "\\ud800"])
    '["São Paulo", "\\\\ud800"]'
    >>> json.loads(dumps_json(["\\ud800"])) == ["\\ud800"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _SURROGATE.sub(_escape_surrogate, text)


def flat_attributes(data: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    """Attributes GraphML can type: None dropped, lists and dicts as JSON, strings cleaned.

    Examples
    --------
    >>> flat_attributes({"name": "Meta\\x00", "aliases": ["Facebook"], "note": None, "mentions": 3})
    {'name': 'Meta', 'aliases': '["Facebook"]', 'mentions': 3}
    """
    flat: dict[str, str | int | float | bool] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, Mapping | list | tuple):
            flat[clean_text(key)] = dumps_json(clean(value))
        elif isinstance(value, str):
            flat[clean_text(key)] = clean_text(value)
        else:
            flat[clean_text(key)] = value
    return flat


def script_json(value: Any) -> str:
    """JSON for a ``<script type="application/json">`` element: no string can end the element.

    Examples
    --------
    >>> script_json({"name": "</script><b>&"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    return _SCRIPT_UNSAFE_RE.sub(lambda m: _SCRIPT_UNSAFE[m.group()], dumps_json(value))


def html_text(text: str) -> str:
    """Text escaped for HTML element content or a quoted attribute value.

    Examples
    --------
    >>> html_text('<b title="x">Tom & Jerry</b>')
    '&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/b&gt;'
    """
    return html.escape(clean_text(text), quote=True)


def csv_cell(text: str) -> str:
    """A string cell safe to open in a spreadsheet, on one line.

    Examples
    --------
    >>> csv_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> csv_cell("two\\nlines")
    'two lines'
    """
    text = _CSV_LINE_BREAK.sub(" ", clean_text(text))
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_array(items: Iterable[str], *, delimiter: str = ";") -> str:
    """A Neo4j array cell: items joined by ``delimiter``, which inside an item becomes a comma.

    Examples
    --------
    >>> csv_array(["Meta", "Facebook; Inc."])
    'Meta;Facebook, Inc.'
    """
    return csv_cell(delimiter.join(item.replace(delimiter, ",") for item in items))
