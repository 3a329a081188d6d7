"""Sentence starts: only after sentence-final punctuation or a line break, so the parser cannot cut a
sentence at a quote or a bracket."""

from __future__ import annotations

import spacy

from kg.sentences import SentenceStarts


def starts(text: str) -> dict[str, bool | None]:
    doc = SentenceStarts()(spacy.blank("pt")(text))
    return {token.text: token.is_sent_start for token in doc if not token.is_space}


def test_no_sentence_starts_inside_a_sentence_with_quotes_and_brackets():
    found = starts('A Zyxel lançou um modelo chamado "Quasar" (algo como "estrela", em inglês), mas falhou.')
    assert found["A"] is True
    assert found["Quasar"] is False and found["algo"] is False and found["mas"] is False


def test_the_parser_may_still_start_a_sentence_after_final_punctuation_or_a_line_break():
    found = starts('Ele falou: "Vamos." Depois saiu\nTítulo sem ponto\nCorpo do texto.')
    assert found["Depois"] is None and found["Título"] is None and found["Corpo"] is None
    assert found["saiu"] is False and found["sem"] is False


def test_a_line_ending_a_sentence_ends_it_at_the_line_break():
    text = 'Ele saiu.\nDesenvolvido pela Meta, o PyTorch cresceu. Ela disse "sim."\n\nO fim.'
    doc = SentenceStarts()(spacy.blank("pt")(text))
    found = {token.text: token.is_sent_start for token in doc if not token.is_space}
    assert found["Desenvolvido"] is True and found["O"] is True
    assert found["Ela"] is None and found["Meta"] is False
