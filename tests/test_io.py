"""Tests of kg.io: encodings, HTML, JSON Lines, folders, and every kind of bad input."""

from __future__ import annotations

import codecs
import io
import json
import logging
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.io import SkippedInput, decode_text, html_to_text, is_portuguese, iter_documents
from kg.models import Document, content_id

SHARED = Path(__file__).parents[1] / ".." / "shared"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="needs ../shared (the project's reference material), absent here"
)

# Portuguese written for these tests; Latin-1 can encode it (no curly quotes, no dashes).
PT = (
    "A Linux Foundation passará a supervisionar o PyTorch, um projeto que até agora era conduzido "
    "pela Meta. Segundo o anúncio, a nova fundação terá um conselho com representantes da AMD, da "
    "Amazon e da Microsoft, e o projeto continuará a ser liderado pelos cientistas que o criaram. "
    "Não há mudanças previstas para os utilizadores, disse à imprensa o diretor da fundação, que "
    "também afirmou estar satisfeito com a decisão e com a eleição do novo conselho."
)
# Windows-1252 only: curly quotes (0x93, 0x94, 0x91, 0x92), en dash (0x96), ellipsis (0x85).
PT_CP1252 = "“Não vamos desistir”, disse o ministro à imprensa – e acrescentou: ‘o projeto continua’… " + PT
EN = (
    "The Linux Foundation will now oversee the PyTorch framework, which until now was run by Meta. "
    "According to the announcement, the new foundation will have a board with representatives from "
    "AMD, Amazon and Microsoft, and the project will still be led by the scientists who created it."
)
DE = (
    "Die Linux Foundation wird künftig das Framework PyTorch beaufsichtigen, das bisher von Meta "
    "geleitet wurde. Laut der Ankündigung wird die neue Stiftung einen Vorstand mit Vertretern von "
    "AMD, Amazon und Microsoft haben, und das Projekt wird weiterhin von seinen Forschern geleitet."
)
SHORT_PT = "A Linux Foundation supervisionará o PyTorch."


class Skips(list[SkippedInput]):
    """An ``on_skip`` callback that keeps what it is given."""

    def __call__(self, skipped: SkippedInput) -> None:
        self.append(skipped)

    def reasons(self) -> dict[str, str]:
        return {skipped.source: skipped.reason for skipped in self}


def read(*inputs: str | Path) -> tuple[list[Document], Skips]:
    skips = Skips()
    return list(iter_documents(inputs, on_skip=skips)), skips


def read_one(path: Path) -> Document:
    docs, skips = read(path)
    assert not skips, skips
    assert len(docs) == 1
    return docs[0]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PT.encode("utf-8"), "utf-8-sig"),
        (PT.encode("utf-16"), "utf-16"),  # with the platform's byte-order mark
        (codecs.BOM_UTF16_LE + PT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + PT.encode("utf-16-be"), "utf-16"),
        (PT.encode("utf-32"), "utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-le-bom", "utf16-be-bom", "utf32"],
)
def test_unicode_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = write(tmp_path / "noticia.txt", data)
    doc = read_one(path)
    assert doc.text == PT
    assert doc.metadata == {"encoding": encoding, "format": "text"}
    assert doc.source == str(path)
    assert doc.id == content_id(PT)


def test_latin1(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "noticia.txt", PT.encode("latin-1")))
    assert doc.text == PT
    assert doc.metadata["encoding"] in {"cp1252", "latin_1", "iso8859_15"}


def test_cp1252_curly_quotes(tmp_path: Path) -> None:
    data = PT_CP1252.encode("cp1252")
    assert b"\x93" in data and b"\x94" in data and b"\x85" in data
    doc = read_one(write(tmp_path / "noticia.txt", data))
    assert doc.text == PT_CP1252
    assert doc.metadata["encoding"] == "cp1252"


def test_utf8_cut_inside_last_character(tmp_path: Path) -> None:
    data = (PT + " Eleição").encode("utf-8")
    cut = data[: data.rindex("ç".encode()) + 1]  # the file ends with the first of ç's two bytes
    doc = read_one(write(tmp_path / "cortado.txt", cut))
    assert doc.text == PT + " Elei"
    assert doc.metadata["encoding"] == "utf-8"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_become_lf(tmp_path: Path, newline: str) -> None:
    text = f"Título da notícia{newline}{newline}{PT}{newline}"
    doc = read_one(write(tmp_path / "noticia.txt", text.encode("utf-8")))
    assert "\r" not in doc.text
    assert doc.text == f"Título da notícia\n\n{PT}\n"


def test_text_is_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", PT)
    assert decomposed != PT
    doc = read_one(write(tmp_path / "nfd.txt", decomposed.encode("utf-8")))
    assert doc.text == PT


def test_stray_control_characters_are_removed(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "noticia.txt", (PT[:50] + "\x1b\x07" + PT[50:] + "\x1a").encode("utf-8")))
    assert doc.text == PT


def test_decode_text_reports_encoding() -> None:
    assert decode_text("Coração".encode("utf-8")) == ("Coração", "utf-8")
    assert decode_text(b"") == ("", "utf-8")


# --- HTML ----------------------------------------------------------------------------------------

HTML = f"""<!DOCTYPE html>
<html lang="pt">
<head>
  <meta charset="utf-8">
  <title>Título que fica no head</title>
  <style>body {{ color: red; }} .segredo {{ display: none }}</style>
  <script>var segredo = "NAO_DEVE_APARECER"; document.write("<p>nem isto</p>");</script>
</head>
<body>
  <noscript>Ative o JavaScript</noscript>
  <template><p>modelo escondido</p></template>
  <!-- comentário escondido -->
  <h1>PyTorch &amp; Linux Foundation</h1>
  <p>{PT}</p>
  <p>O preço&nbsp;é &lt;secreto&gt; &#8212; disse ele.<br>Nova linha.</p>
  <ul><li>Primeiro</li><li>Segundo</li></ul>
  <script type="module">alert("NAO_DEVE_APARECER")</script>
</body>
</html>
"""


@pytest.mark.parametrize("name", ["pagina.html", "pagina.htm", "pagina.HTML", "pagina.txt"])
def test_html_visible_text_only(tmp_path: Path, name: str) -> None:
    doc = read_one(write(tmp_path / name, HTML.encode("utf-8")))
    assert doc.metadata["format"] == "html"
    for hidden in ("NAO_DEVE_APARECER", "nem isto", "color", "Título que fica", "JavaScript", "modelo", "comentário"):
        assert hidden not in doc.text
    assert doc.text.startswith("PyTorch & Linux Foundation\n\n" + PT + "\n\n")
    assert "O preço\u00a0é <secreto> \u2014 disse ele.\nNova linha." in doc.text
    assert doc.text.endswith("Primeiro\n\nSegundo")


def test_html_in_cp1252(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{PT_CP1252}</p></body></html>'
    doc = read_one(write(tmp_path / "pagina.html", page.encode("cp1252")))
    assert doc.text == PT_CP1252
    assert doc.metadata == {"encoding": "cp1252", "format": "html"}


def test_unclosed_script_never_reaches_the_text() -> None:
    assert html_to_text(f"<p>{SHORT_PT}</p><script>roubar('NAO_DEVE_APARECER')") == SHORT_PT


def test_txt_with_angle_brackets_is_not_html(tmp_path: Path) -> None:
    text = f"{PT} A expressão <b> não é HTML aqui."
    doc = read_one(write(tmp_path / "noticia.txt", text.encode("utf-8")))
    assert doc.text == text
    assert doc.metadata["format"] == "text"


def test_html_without_visible_text_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "vazia.html", b"<html><head><script>x()</script></head><body> </body></html>")
    docs, skips = read(path)
    assert docs == []
    assert skips.reasons() == {str(path): "HTML without visible text"}


# --- JSON Lines ----------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "n1", "text": PT, "url": "https://exemplo.pt/n1", "title": "PyTorch"}),
        "{not json",
        json.dumps({"title": "sem texto"}),
        "",  # blank lines are ignored, not reported
        json.dumps({"content": SHORT_PT}),
        json.dumps(["uma", "lista"]),
        json.dumps({"body": "   "}),
        json.dumps({"text": EN + " " + EN}),
        json.dumps({"id": 7, "body": PT_CP1252, "source": "Agência"}, ensure_ascii=False),
        json.dumps({"text": 42}),
    ]
    raw = "\n".join(lines).encode("utf-8") + b"\n" + b'{"text": "\xe7\xe3o"}\n'
    path = write(tmp_path / "noticias.jsonl", raw)
    docs, skips = read(path)

    assert [(doc.id, doc.source) for doc in docs] == [
        ("n1", "https://exemplo.pt/n1"),
        (content_id(SHORT_PT), f"{path}#5"),
        ("7", "Agência"),
    ]
    assert [doc.text for doc in docs] == [PT, SHORT_PT, PT_CP1252]
    assert docs[0].metadata == {"title": "PyTorch", "encoding": "utf-8", "format": "jsonl", "input": f"{path}#1"}
    reasons = skips.reasons()
    assert sorted(reasons) == sorted(f"{path}:{line}" for line in (2, 3, 6, 7, 8, 10, 11))
    assert reasons[f"{path}:2"].startswith("invalid JSON")
    assert reasons[f"{path}:3"].startswith("no text")
    assert reasons[f"{path}:6"] == "not a JSON object but list"
    assert reasons[f"{path}:7"] == "empty or whitespace-only"
    assert reasons[f"{path}:8"].startswith("not Portuguese text")
    assert reasons[f"{path}:10"].startswith("no text")
    assert reasons[f"{path}:11"].startswith("not UTF-8")


def test_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    raw = codecs.BOM_UTF8 + (json.dumps({"text": "Linha um.\r\nLinha dois."}) + "\r\n").encode("utf-8")
    doc = read_one(write(tmp_path / "a.jsonl", raw))
    assert doc.text == "Linha um.\nLinha dois."


def test_jsonl_deeply_nested_line_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b"[" * 100_000 + b"\n" + json.dumps({"text": SHORT_PT}).encode())
    docs, skips = read(path)
    assert [doc.text for doc in docs] == [SHORT_PT]
    assert list(skips.reasons()) == [f"{path}:1"]


# --- bad files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty or whitespace-only"),
        (b" \n\t\r\n  ", "empty or whitespace-only"),
        (codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"), "empty or whitespace-only"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data (NUL bytes)"),
        (PT.encode("utf-16-le"), "binary data (NUL bytes)"),  # UTF-16 without a byte-order mark
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20 + PT.encode(), "binary data (control characters)"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable: not utf-16 despite its byte-order mark"),
        (EN.encode("utf-8"), "not Portuguese text"),
        (DE.encode("utf-8"), "not Portuguese text"),
        (DE.encode("latin-1"), "not Portuguese text"),
    ],
    ids=[
        "empty",
        "whitespace",
        "utf16-whitespace",
        "png",
        "utf16-no-bom",
        "controls",
        "bad-utf16",
        "en",
        "de",
        "de-l1",
    ],
)
def test_bad_file_is_skipped(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "mau.txt", data)
    docs, skips = read(path)
    assert docs == []
    assert len(skips) == 1 and skips[0].source == str(path)
    assert skips[0].reason.startswith(reason)


def test_undecodable_bytes_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "mau.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x41]) * 40)
    docs, skips = read(path)
    assert docs == []
    assert skips[0].reason.startswith(("undecodable", "binary data"))


def test_english_reason_names_the_share(tmp_path: Path) -> None:
    _, skips = read(write(tmp_path / "en.md", EN.encode()))
    assert skips[0].reason.startswith("not Portuguese text: ")
    assert "at least 6% expected" in skips[0].reason


def test_short_snippets_pass_the_language_test(tmp_path: Path) -> None:
    assert is_portuguese(SHORT_PT)
    assert is_portuguese("PyTorch")
    assert read_one(write(tmp_path / "curta.txt", SHORT_PT.encode())).text == SHORT_PT
    assert is_portuguese(PT) and not is_portuguese(EN) and not is_portuguese(DE)


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "trancado.txt", PT.encode())
    free = write(tmp_path / "livre.txt", PT.encode())
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:  # root reads every file: refuse as a permission problem would
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    docs, skips = read(tmp_path)
    assert [doc.source for doc in docs] == [str(free)]
    assert skips.reasons() == {str(locked): "unreadable: Permission denied"}


# --- folders, usage errors, stdin ----------------------------------------------------------------


def test_folder_is_read_recursively_sorted_with_skips(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", PT.encode("latin-1"))
    write(root / "a.md", SHORT_PT.encode())
    write(root / "sub" / "z" / "c.html", f"<p>{PT}</p>".encode())
    write(root / "sub" / "d.jsonl", json.dumps({"text": PT}).encode() + b"\n{mau\n")
    write(root / "sub" / "vazio.txt", b"")
    write(root / "sub" / "binario.txt", b"\x00\x01\x02" * 10)
    write(root / "ingles.txt", EN.encode())
    write(root / "pasta.txt" / "dentro.txt", SHORT_PT.encode())  # a folder named like a file is a folder
    write(root / "dados.csv", b"a,b\n1,2\n")  # not a text suffix: ignored silently
    write(root / "script.py", b"print('x')\n")
    write(root / ".escondido.txt", PT.encode())  # hidden: ignored
    write(root / ".git" / "x.txt", PT.encode())
    write(root / "MAIUSC.TXT", PT.encode())
    (root / "quebrado.txt").symlink_to(tmp_path / "nao-existe.txt")
    (root / "ligacao").symlink_to(root / "sub", target_is_directory=True)  # not followed

    docs, skips = read(root)
    assert [Path(doc.source or "").relative_to(root).as_posix().split("#")[0] for doc in docs] == [
        "MAIUSC.TXT",
        "a.md",
        "b.txt",
        "pasta.txt/dentro.txt",
        "sub/d.jsonl",
        "sub/z/c.html",
    ]
    reasons = skips.reasons()
    assert sorted(reasons) == sorted(
        [
            str(root / "ingles.txt"),
            str(root / "quebrado.txt"),
            str(root / "sub" / "binario.txt"),
            f"{root / 'sub' / 'd.jsonl'}:2",
            str(root / "sub" / "vazio.txt"),
        ]
    )
    assert reasons[str(root / "ingles.txt")].startswith("not Portuguese text")
    assert reasons[str(root / "quebrado.txt")] == "unreadable: No such file or directory"
    assert reasons[str(root / "sub" / "binario.txt")] == "binary data (NUL bytes)"
    assert reasons[f"{root / 'sub' / 'd.jsonl'}:2"].startswith("invalid JSON")
    assert reasons[str(root / "sub" / "vazio.txt")] == "empty or whitespace-only"


def test_symlink_to_folder_named_like_a_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "real" / "a.txt", SHORT_PT.encode())
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.txt").symlink_to(tmp_path / "real", target_is_directory=True)
    docs, skips = read(corpus)
    assert docs == []
    assert skips.reasons() == {str(corpus / "x.txt"): "unreadable: Is a directory"}


def test_files_and_folders_mixed_in_order(tmp_path: Path) -> None:
    one = write(tmp_path / "um.txt", SHORT_PT.encode())
    write(tmp_path / "pasta" / "dois.txt", PT.encode())
    docs, skips = read(str(tmp_path / "pasta"), one)
    assert [doc.text for doc in docs] == [PT, SHORT_PT] and not skips


def test_explicit_file_with_any_suffix_is_read(tmp_path: Path) -> None:
    assert read_one(write(tmp_path / "noticia.dat", PT.encode())).text == PT


def test_missing_path_is_a_usage_error_before_anything_is_read(tmp_path: Path) -> None:
    good = write(tmp_path / "bom.txt", PT.encode())
    missing = tmp_path / "nao-existe.txt"
    with pytest.raises(InputError, match="input not found: .*nao-existe.txt"):
        iter_documents([good, missing])


def test_empty_path_is_a_usage_error() -> None:
    with pytest.raises(InputError, match="empty input path"):
        iter_documents([""])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_neither_file_nor_folder_is_a_usage_error(tmp_path: Path) -> None:
    fifo = tmp_path / "fila"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="neither a file nor a folder: .*fila"):
        iter_documents([fifo])


def test_single_path_is_not_iterated_character_by_character(tmp_path: Path) -> None:
    path = write(tmp_path / "um.txt", PT.encode())
    assert [doc.text for doc in iter_documents(path)] == [PT]
    assert [doc.text for doc in iter_documents(str(path))] == [PT]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PT_CP1252.encode("cp1252"))))
    docs, skips = read("-")
    assert [(doc.text, doc.source) for doc in docs] == [(PT_CP1252, "<stdin>")] and not skips


def test_path_named_dash_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "-", PT.encode())
    assert [doc.source for doc in iter_documents([Path("-")])] == ["-"]


def test_skips_are_logged_by_default(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "vazio.txt", b"")
    with caplog.at_level(logging.WARNING, logger="kg.io"):
        assert list(iter_documents([path])) == []
    assert f"skipped {path}: empty or whitespace-only" in caplog.text


def test_documents_stream_one_file_at_a_time(tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", PT.encode())
    later = write(tmp_path / "b.txt", PT.encode())
    documents = iter_documents([tmp_path])
    assert next(documents).source == str(first)
    later.write_bytes(SHORT_PT.encode())  # not read yet: the change is seen
    assert next(documents).text == SHORT_PT


def test_ten_megabyte_file(tmp_path: Path) -> None:
    text = "\n\n".join([PT_CP1252] * (10_000_000 // len(PT_CP1252.encode("cp1252")) + 1))
    path = write(tmp_path / "grande.txt", text.encode("cp1252"))
    assert path.stat().st_size >= 10_000_000
    started = time.perf_counter()
    doc = read_one(path)
    assert time.perf_counter() - started < 20
    assert doc.text == text
    assert doc.metadata["encoding"] == "cp1252"


# --- real data from ../shared --------------------------------------------------------------------


@needs_shared
def test_seed_article_is_read() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    docs, skips = read(*seeds)
    assert len(docs) == len(seeds) and not skips
    assert "Linux Foundation" in docs[0].text


@needs_shared
def test_real_news_pass_the_language_test() -> None:
    news = sorted((SHARED / "data" / "news" / "fakebr" / "full_texts" / "true").glob("*.txt"))
    if not news:
        pytest.skip("needs ../shared/data/news/fakebr")
    docs, skips = read(*news[::10])
    assert not skips, skips[:3]
    assert len(docs) == len(news[::10])


# --- properties ----------------------------------------------------------------------------------


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=3_000),
        st.text(max_size=1_000).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.sampled_from([PT, HTML, EN]).map(lambda text: text.encode("utf-8")),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".jsonl", ".bin"]),
)
def test_property_any_bytes_give_a_document_or_a_skip(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"entrada{suffix}"
        path.write_bytes(data)
        docs, skips = read(path)
    if suffix != ".jsonl":
        assert len(docs) + len(skips) == 1
    for doc in docs:
        assert doc.text.strip()
        assert "\r" not in doc.text and "\x00" not in doc.text
        assert unicodedata.is_normalized("NFC", doc.text)
        doc.text.encode("utf-8")  # no lone surrogates
    for skipped in skips:
        assert skipped.reason and skipped.source.startswith(str(path))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=5,
)


@settings(deadline=None, max_examples=100)
@given(record=st.dictionaries(st.sampled_from(["text", "content", "body", "id", "url", "source", "x"]), JSON_VALUES))
def test_property_any_jsonl_record(record: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        docs, skips = read(path)
    assert len(docs) + len(skips) == 1
