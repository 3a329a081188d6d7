"""Tests of kg.chunking: cut points, exact offsets, coverage, linear time on one huge line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.chunking import split_text
from kg.errors import KGError

SHARED = Path(__file__).parents[1] / ".." / "shared"

PARAGRAPHS = (
    "A Linux Foundation passará a supervisionar o PyTorch. O projeto era conduzido pela Meta.\n\n"
    "Segundo o anúncio, a fundação terá um conselho com representantes da AMD e da Nvidia.\n"
    "“Não há mudanças para os utilizadores”, disse o diretor. Ele não quis comentar os custos."
)


def check_chunks(text: str, max_chars: int) -> list[str]:
    """Split ``text`` and assert every property split_text promises; return the chunks."""
    chunks = []
    covered = 0
    for offset, chunk in split_text(text, max_chars=max_chars):
        assert chunk, "no empty chunk"
        assert len(chunk) <= max_chars
        assert text[offset : offset + len(chunk)] == chunk, "offset is exact"
        assert offset >= covered, "chunks in order, not overlapping"
        assert text[covered:offset].strip() == "", "gaps are whitespace only"
        assert chunk == chunk.strip(), "no whitespace at either end"
        covered = offset + len(chunk)
        chunks.append(chunk)
    assert text[covered:].strip() == "", "the end of the text is covered"
    return chunks


def test_short_text_is_one_chunk() -> None:
    assert list(split_text("  O PyTorch mudou de casa.\n", max_chars=100)) == [(2, "O PyTorch mudou de casa.")]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \n"])
def test_empty_or_blank_text_has_no_chunks(text: str) -> None:
    assert list(split_text(text, max_chars=10)) == []


def test_cuts_at_paragraph_break_first() -> None:
    chunks = check_chunks(PARAGRAPHS, 200)
    assert chunks[0] == "A Linux Foundation passará a supervisionar o PyTorch. O projeto era conduzido pela Meta."


def test_cuts_at_line_break_before_sentence_end() -> None:
    text = "Segundo o anúncio, a fundação terá um conselho.\nO diretor falou. Ele não quis comentar os custos."
    assert check_chunks(text, 80)[0] == "Segundo o anúncio, a fundação terá um conselho."


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("O projeto era da Meta. Agora é da Linux Foundation e continua.", "O projeto era da Meta."),
        ("Quem decide? A fundação, com um conselho diverso e novo.", "Quem decide?"),
        ("Ele disse: “acabou!” Então saiu da sala sem mais palavras.", "Ele disse: “acabou!”"),
        ("O projeto era da Meta. “Agora é nosso”, disse o diretor, feliz.", "O projeto era da Meta."),
    ],
)
def test_cuts_at_sentence_end(text: str, first: str) -> None:
    assert check_chunks(text, 45)[0] == first


def test_no_sentence_end_before_lowercase_or_inside_number() -> None:
    text = "Custou 3.5 milhões de reais ao Estado. e continuou sem fim à vista."
    chunks = check_chunks(text, 48)
    assert chunks[0] == "Custou 3.5 milhões de reais ao Estado. e"  # last whitespace, not ". e"


def test_hard_cut_without_whitespace() -> None:
    assert list(split_text("abcdefghij", max_chars=4)) == [(0, "abcd"), (4, "efgh"), (8, "ij")]


@pytest.mark.parametrize("max_chars", [0, -3, 2.5, True, "10"])
def test_bad_max_chars(max_chars: object) -> None:
    with pytest.raises(KGError, match="max_chars"):
        split_text("texto", max_chars=max_chars)  # type: ignore[arg-type]


def test_twenty_megabyte_single_line_in_linear_time() -> None:
    sentence = "A Linux Foundation supervisionará o PyTorch, disse Mark Zuckerberg. "
    text = sentence * (20_000_000 // len(sentence))
    assert "\n" not in text and len(text) > 19_000_000
    started = time.perf_counter()
    count = 0
    covered = 0
    for offset, chunk in split_text(text, max_chars=1_000):
        assert len(chunk) <= 1_000
        count += 1
        covered = offset + len(chunk)
    elapsed = time.perf_counter() - started
    assert covered == len(text.rstrip())
    assert count >= len(text) // 1_000
    assert elapsed < 5, f"took {elapsed:.1f}s: not linear?"


@pytest.mark.parametrize("text", ["x" * 5_000_000, " " * 5_000_000 + "fim", ("a\n" + "b" * 998) * 5_000])
def test_pathological_texts_are_fast(text: str) -> None:
    started = time.perf_counter()
    check_chunks(text, 1_000)
    assert time.perf_counter() - started < 5


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="needs ../shared/seeds (the project's reference material)")
@pytest.mark.parametrize("max_chars", [1, 40, 300, 5_000])
def test_seed_article(max_chars: int) -> None:
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        check_chunks(path.read_text(encoding="utf-8"), max_chars)


_ALPHABET = st.sampled_from(list("ab AÉ.!?…\n\t“”'\"-ção") + ["\n\n", ". A", "? “", "\r\n", "\u00a0"])


@given(text=st.lists(_ALPHABET, max_size=300).map("".join), max_chars=st.integers(min_value=1, max_value=60))
def test_property_offsets_sizes_coverage(text: str, max_chars: int) -> None:
    check_chunks(text, max_chars)


@settings(max_examples=50)
@given(text=st.text(max_size=2_000), max_chars=st.integers(min_value=1, max_value=500))
def test_property_any_unicode(text: str, max_chars: int) -> None:
    check_chunks(text, max_chars)


@given(st.lists(st.sampled_from(["Uma frase.", " ", "\n", "!" * 350, "—" * 20, "palavra"]), max_size=30))
def test_without_long_runs_keeps_exact_offsets_and_no_long_run(parts):
    from kg.chunking import MAX_RUN, without_long_runs

    text = "".join(parts)
    for offset, piece in without_long_runs(split_text(text, max_chars=1_000)):
        assert text[offset : offset + len(piece)] == piece
        assert max((len(word) for word in piece.split()), default=0) <= MAX_RUN
