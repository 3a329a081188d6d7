"""Entities of a document: typed mentions, PROJECT typing and alias resolution.

Stage: entities (spaCy component ``kg_entities``). Input: a parsed Doc with NER spans.
Output: ``doc._.kg_entities``, a list of plain dicts ``{"name", "type", "names"}`` (``names``
counts the surface forms used), and ``doc._.kg_mentions``, a list of ``(start, end, entity)``
token spans pointing into that list.

Typing: PER, ORG, LOC come from the NER (whatever label scheme the pipeline uses); PROJECT
comes from a lexicon of well-known projects, from context ("o framework X", "a plataforma X")
and from trailing descriptor words ("X Framework"). Resolution: mentions of one referent in a
document become one entity: same name up to case, accents and articles; a full name and its
longer form ("Talma Bauer" -> "Talma de Oliveira Bauer"); a word of exactly one full name (a surname,
a first name, the name a person goes by: "Zuckerberg" -> "Mark Zuckerberg", "Lula" -> "Luiz Inácio
Lula da Silva"); an acronym given in parentheses or made of the initials of a longer name;
"Fundação X" and "X Foundation"; a state's code and its state's name ("MG", "Minas Gerais"), a
place's short form and its name ("EUA", "Estados Unidos"); a name and the same without its head
word ("Operação Lava Jato", "Lava Jato"); a bare institution and the one full name the text gives it ("o Supremo", "o
Supremo Tribunal Federal"); a portfolio after a minister's title and its ministry ("o ministro da
Fazenda"). Different referents that share a word ("Google" and "Google Cloud") stay apart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg import lexicon
from kg.names import lookup_key, strip_name

__all__ = ["Mention", "find_mentions", "resolve_entities", "party_of", "EntityRecognizer", "LABEL_MAP"]

#: NER labels of common schemes mapped onto ours; labels not listed are dropped.
LABEL_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "PESSOA": "PER",
    "ORG": "ORG",
    "ORGANIZACAO": "ORG",
    "ORGANIZATION": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "LOCAL": "LOC",
    "LOCATION": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "PRODUCT": "PROJECT",
    "PROJECT": "PROJECT",
    "WORK_OF_ART": "MISC",
}

_DETERMINERS = {"o", "a", "os", "as", "um", "uma", "the", "este", "esta", "esse", "essa", "seu", "sua"}


@dataclass
class Mention:
    """A typed span of tokens naming an entity (``end`` exclusive)."""

    start: int
    end: int
    type: str
    source: str  # "ner", "lexicon", "context" or "repeat": how it was found, strongest first
    text: str = ""
    entity: int = -1
    canonical: str = ""  # the name this mention stands for when it is a variant ("PyTorch Framework" -> "PyTorch")
    party_tag: bool = False  # a politician's "(party-state)" tag: ``canonical`` is the party
    head_only: bool = False  # "Prefeitura" of "Prefeitura de São Paulo": ``canonical`` is the full name
    weight: int = 1  # how strongly its context says its type: 10 lexicon or cue word, 5 name shape, 1 NER, 0 repeat


class _Cues:
    """The entity lexicons, compiled once per vocabulary."""

    def __init__(self, nlp: Language) -> None:
        cues = lexicon.load("entity_cues")
        self.project_nouns = {n for n in cues["project_nouns"] if " " not in n}
        self.org_nouns = {n for n in cues["org_nouns"] if " " not in n}
        self.project_descriptors = set(cues["project_descriptors"])
        self.org_words = set(cues["org_words"])
        self.translations = {lookup_key(pt): lookup_key(en) for pt, en in cues["org_translations"]}
        self.not_names = {lookup_key(n) for n in cues["not_names"]}
        self.titles = set(cues["titles"])
        self.roles = self.titles | set(cues["generic_heads"]["PER"])  # what a person is "of" an organisation
        self.captions = {lookup_key(n) for n in cues["caption_words"]}
        self.states = dict(cues["state_codes"])  # "MG" -> "Minas Gerais"
        self.party_state_codes = set(cues["party_state_codes"])
        self.state_names = {code: lookup_key(name) for code, name in self.states.items()}
        self.state_codes = set(self.state_names)
        self.party_heads = {lookup_key(word) for word in cues["party_heads"]}
        self.name_heads = set(cues["name_heads"])
        self.branch_places = {lookup_key(n) for n in cues["branch_places"] + list(self.state_codes)}
        self.institution_heads = set(cues["institution_heads"])
        self.judiciary_words = set(cues["judiciary_words"])
        self.ministries = dict(cues["portfolios"])  # "Fazenda" -> "Ministério da Fazenda"
        self.naming_verbs = set(cues["naming_verbs"])
        self.given_names = {lookup_key(n) for n in lexicon.load("given_names")["names"]}
        self.named_after_heads = set(cues["named_after_heads"])
        self.person_naming_verbs = set(cues["person_naming_verbs"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.known: dict[str, str] = {}  # a known name's key -> its type
        places = lexicon.load("places")
        self.place_forms = dict(places["short_forms"])  # "EUA" -> "Estados Unidos"
        for label, names in (
            ("PROJECT", lexicon.load("projects")["names"]),
            ("ORG", lexicon.load("organisations")["names"]),
            ("LOC", places["names"] + list(self.place_forms)),
        ):
            self.matcher.add(label, list(nlp.tokenizer.pipe(names)))
            self.known.update({lookup_key(n): label for n in names})


def _extend_flat(doc: Doc, start: int, end: int) -> int:
    """The end of a name NER cut short: capitalised words the parser attached to it as parts of
    one name ('Meta AI', 'Google Cloud'); returns the new end. Not into a person's name the NER
    starts there ('o ministro do STF Marco Aurélio Mello', parsed with 'Marco' under 'STF')."""
    while (
        end < len(doc)
        and doc[end].dep_ in {"flat", "flat:name"}
        and start <= doc[end].head.i < end
        and doc[end].text[:1].isupper()
        and not (doc[end].ent_iob_ == "B" and LABEL_MAP.get(doc[end].ent_type_) == "PER")
    ):
        end += 1
    return end


_ORDINAL = re.compile(r"\d{1,2}\.?[aoªº]")  # "4a", "4.a", "1ª", "2º"


def _region_at(doc: Doc, i: int) -> bool:
    """Whether 'da <ordinal> Região' ('da 4a Região', 'da 1ª Região') starts at token ``i``."""
    return (
        0 <= i
        and i + 2 < len(doc)
        and doc[i].lower_ in {"da", "do"}
        and _ORDINAL.fullmatch(doc[i + 1].text) is not None
        and doc[i + 2].lower_ == "região"
    )


def _extend_region(doc: Doc, start: int, end: int, cues: _Cues) -> int:
    """'o Tribunal Regional Federal da 4a Região': an institution's name goes on over the numbered
    region it serves, which the NER leaves out or cuts after the number; returns the new end."""
    if doc[start].text not in cues.institution_heads:
        return end
    for of in (end, end - 2):
        if start < of and _region_at(doc, of):
            return max(end, of + 3)
    return end


def _serves_region(span: Span, cues: _Cues) -> bool:
    """'Tribunal Regional Federal da 4a Região': an institution named with the region it serves,
    an organisation whatever the NER took the region's name for."""
    return len(span) > 3 and span[0].text in cues.institution_heads and _region_at(span.doc, span.end - 3)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners, trailing function words and surrounding punctuation from a token span."""
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in {"+", "#", "."})
        or (doc[end - 1].is_lower and doc[end - 1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ"})
    ):
        end -= 1
    if end > start and doc[end - 1].text == "." and end - start == 1:
        end -= 1
    return start, end


def _split_glued_names(
    doc: Doc, start: int, end: int, label: str, known_orgs: dict[int, int]
) -> list[tuple[int, int, str]]:
    """Undo two NER merges around a known organisation (``known_orgs``: start -> end of its matches).

    'o pesquisador da Microsoft Teddy Seyed': the organisation, then a person's name;
    'a Tilt Brush da Google': a name, 'da', the organisation (the name alone must look like a name:
    several words or a code, so 'Marketing da Mellanox' keeps only the organisation).
    """
    org_end = known_orgs.get(start)
    if org_end is not None and end - org_end >= 2 and all(t.text[:1].isupper() for t in doc[org_end:end]):
        return [(start, org_end, "ORG"), (org_end, end, "PER")]
    for i in range(start + 1, end - 1):
        if doc[i].lower_ in {"da", "do", "de"} and known_orgs.get(i + 1) == end:
            left = doc[start:i]
            looks_like_a_name = len(left) > 1 or any(ch.isdigit() or ch.isupper() for ch in left.text[1:])
            left_label = "PROJECT" if label in {"LOC", "MISC"} else label  # a place does not belong to a company
            return ([(start, i, left_label)] if looks_like_a_name else []) + [(i + 1, end, "ORG")]
    return [(start, end, label)]


def _split_role_holders(doc: Doc, mentions: list[Mention], cues: _Cues) -> list[Mention]:
    """'o ministro da Justiça Osmar Serraglio', 'o procurador-geral da República Rodrigo Janot': after
    a role and 'da', the NER often runs the organisation into the name of the person holding the
    role. Split where the rest is a name the document gives a person elsewhere, or two words the
    second of which it gives a person alone ('Rodrigo Janot', then 'Janot'), and what comes before
    it is one word or a name of its own, or ends with one after 'de' ('República Rodrigo' + 'Janot'
    is not such a split; 'Serviços da Petrobras' + 'Renato Duque' is); or where the rest is two
    capitalised words or more starting with a common given name ('Casa Civil' + 'José Dirceu'),
    also in what the NER called a person ('o promotor de Justiça Cássio Conserino'). Not after a
    word that makes the name an organisation's ('o presidente do Instituto Lula') or that names a
    place or a body after a person ('o diretor do Hospital Albert Einstein'). A former role counts
    ('o ex-governador do Rio Sérgio Cabral'). Without a role, a person's name is split off a name
    the document gives alone elsewhere ('o executivo da J&F Ricardo Saud', then 'a J&F')."""
    people = {lookup_key(doc[m.start : m.end].text) for m in mentions if m.type == "PER"}
    names = {lookup_key(doc[m.start : m.end].text) for m in mentions if m.type != "PER"} | cues.known.keys()

    def holder(i: int, end: int) -> bool:
        named = lookup_key(doc[i:end].text) in people or (i == end - 2 and lookup_key(doc[end - 1].text) in people)
        return named and doc[i].text[:1].isupper()  # not "Comunicações" + "de Temer"

    def given_name(i: int, end: int) -> bool:
        return (
            end - i > 1
            and lookup_key(doc[i].text) in cues.given_names
            and doc[i - 1].text not in cues.named_after_heads
            and all(t.text[:1].isupper() or t.lower_ in _NAME_PARTICLES for t in doc[i:end])
            and doc[end - 1].text[:1].isupper()
        )

    def organisation(start: int, i: int) -> bool:
        after_de = (j + 1 for j in range(start + 1, i - 1) if doc[j].lower_ in _DE_WORDS)
        return i - start == 1 or any(lookup_key(doc[j:i].text) in names for j in (start, *after_de))

    def office(start: int, i: int) -> bool:
        """'Justiça' of 'promotor de Justiça': a word completing a person's role, no name of its own."""
        return i - start == 1 and (
            doc[start].text in cues.institution_heads or lookup_key(doc[start].text) in cues.not_names
        )

    def cut_at(mention: Mention, i: int, after_role: bool) -> bool:
        if lookup_key(doc[i - 1].text) in cues.translations:
            return False
        if mention.type == "PER":
            return after_role and office(mention.start, i) and given_name(i, mention.end)
        if after_role:
            return given_name(i, mention.end) or (holder(i, mention.end) and organisation(mention.start, i))
        # "o executivo da J&F Ricardo Saud" with "J&F" alone elsewhere: no role needed, but a person's
        # name of two words or more ("Assembleia Nacional" is no name of "Nacional Constituinte")
        person = given_name(i, mention.end) or (mention.end - i > 1 and lookup_key(doc[i : mention.end].text) in people)
        return person and lookup_key(doc[mention.start : i].text) in names

    split: list[Mention] = []
    for mention in mentions:
        start, end = mention.start, mention.end
        role = doc[start - 2].lower_.removeprefix("ex-") if start >= 2 else ""
        after_role = (role in cues.roles or role.split("-")[0] in cues.roles) and doc[start - 1].lower_ in _DE_WORDS
        cut = next((i for i in range(start + 1, end) if cut_at(mention, i, after_role)), None)
        if cut is None:
            split.append(mention)
            continue
        head_start, head_end = _trim(doc, start, cut)  # "República e" + "Eduardo Cunha"
        head = doc[head_start:head_end]
        if mention.type != "PER" and head and lookup_key(head.text) not in cues.not_names:  # "República" is no name
            split.append(Mention(head_start, head_end, mention.type, mention.source))
        split.append(Mention(cut, end, "PER", mention.source))
    return split


def _drop_caption(doc: Doc, start: int, end: int, cues: _Cues) -> tuple[int, int]:
    """'Tesla/Divulgação' -> 'Tesla': photo credits glued to a name by a slash."""
    for i in range(start + 1, end - 1):
        if doc[i].text == "/":
            if lookup_key(doc[i + 1 : end].text) in cues.captions:
                return start, i
            if lookup_key(doc[start:i].text) in cues.captions:
                return i + 1, end
    return start, end


def _is_cue_noun(token, cues: _Cues) -> bool:
    if token.pos_ not in {"NOUN", "PROPN", "X"}:
        return False
    forms = {token.lower_, token.lemma_.lower(), token.lower_.removesuffix("s")}
    return not forms.isdisjoint(cues.project_nouns)


def _first_word_of_name(token) -> bool:
    """'o Produto Interno Bruto', 'a Plataforma Brasil': a project noun the text capitalises inside a
    sentence is the first word of a name, unlike 'o sistema Android' or 'as GPUs Nvidia'."""
    return token.text[:1].isupper() and token.text[1:].islower() and not token.is_sent_start


def _is_naming_participle(token, cues: _Cues) -> bool:
    """'batizada', 'chamado', 'apelidado': a participle of a verb that gives a name."""
    return token.lemma_.lower() in cues.naming_verbs and "Part" in token.morph.get("VerbForm")


def _looks_like_name(token) -> bool:
    """A token that can be part of a product name: capitalised, PROPN, or a code such as A100, C++, 4."""
    text = token.text
    return (
        token.pos_ == "PROPN"
        or text[:1].isupper()
        or (any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text))
        or text in {"C++", "C#", "F#"}
        or (text.isdigit() and len(text) <= 4)
    )


def find_mentions(doc: Doc, cues: _Cues) -> list[Mention]:
    """Typed name spans of ``doc``: NER spans retyped by lexicon and context, plus lexicon names NER missed."""
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    matches = sorted(cues.matcher(doc), key=lambda match: (match[1], -match[2]))  # "Coreia do Norte" before "Coreia"
    known_orgs: dict[int, int] = {}  # start -> end of the longest known organisation there
    for match_id, start, end in matches:
        if doc.vocab.strings[match_id] == "ORG":
            known_orgs.setdefault(start, end)
    for ent in doc.ents:
        ent_label = LABEL_MAP.get(ent.label_)
        if ent_label is None:
            continue
        ent_start, ent_end = _drop_caption(doc, *_trim(doc, ent.start, _extend_flat(doc, ent.start, ent.end)), cues)
        ent_end = _extend_region(doc, ent_start, ent_end, cues)
        if ent_label == "PER" and ent_end - ent_start > 1 and doc[ent_start].lower_ in cues.titles:
            ent_start += 1  # "Presidente Michel Temer": the title is not part of the name
        if ent_end - ent_start > 1 and _is_cue_noun(doc[ent_start], cues) and not _first_word_of_name(doc[ent_start]):
            ent_start += 1  # "GPUs Nvidia A100": the noun heading a name is not part of it
        for start, end, label in _split_glued_names(doc, ent_start, ent_end, ent_label, known_orgs):
            if start < end and not any(taken[start:end]) and lookup_key(doc[start:end].text) not in cues.not_names:
                mentions.append(Mention(start, end, label, "ner"))
                for i in range(start, end):
                    taken[i] = True
    mentions.extend(_quoted_names(doc, cues, taken))
    for match_id, start, end in matches:
        if any(taken[start:end]):
            continue
        first = doc[start]
        if first.is_sent_start and first.pos_ != "PROPN" and end - start == 1:
            continue  # a capitalised common word opening a sentence ("Meta de vendas")
        label = doc.vocab.strings[match_id]
        extended = _extend_flat(doc, start, end)
        if any(taken[start:extended]) or (label == "LOC" and extended > end):
            continue  # a place's name inside another name ("França Silveira", "Frente Brasil Popular")
        end = extended
        mentions.append(Mention(start, end, label, "lexicon"))
        for i in range(start, end):
            taken[i] = True
    mentions.extend(_context_projects(doc, cues, taken))
    mentions.extend(_repeated_names(doc, mentions, taken))
    mentions = _split_role_holders(doc, mentions, cues)
    mentions.sort(key=lambda m: (m.start, -m.end))
    for mention in mentions:
        _retype(doc, mention, cues)
        mention.text = doc[mention.start : mention.end].text
    mentions = _join_maker_and_product(doc, mentions)
    for mention in mentions:
        if mention.type == "PROJECT" and _extend_product_name(doc, mention, taken):
            _retype(doc, mention, cues)
            mention.text = doc[mention.start : mention.end].text
    mentions = _join_name_particles(doc, mentions)
    openers = _sentence_openers(doc)
    common = _common_words(doc, openers)
    proper = {t.text for t in doc if t.pos_ == "PROPN"}
    shouted = _shouted_names(doc, mentions)
    return [
        m
        for m in mentions
        if (m.type != "MISC" or m.source == "ner")
        and m not in shouted
        and not _capitalised_common_word(doc, m, openers, common, proper)
        and any(ch.isalpha() for ch in m.text)  # "em 2014": a year is not a place
    ]


_NAME_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "di",
    "del",
    "della",
    "de",
    "da",
    "do",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "bin",
    "ibn",
    "al",
}


def _join_maker_and_product(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Nvidia Mellanox Infiniband': an organisation glued to the product name after it is part
    of the product's name; so are capitalised words the NER cut off after a product's name and
    took for another name ('Nvidia A100' + 'Tensor Core')."""
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        glued = previous is not None and previous.end == mention.start and not doc[mention.start].is_sent_start
        if glued and (
            (previous.type == "ORG" and mention.type == "PROJECT")
            or (previous.type == "PROJECT" and mention.source == "ner" and mention.weight <= 1)
        ):
            previous.end, previous.type, previous.canonical = mention.end, "PROJECT", ""
            previous.text = doc[previous.start : previous.end].text
            continue
        joined.append(mention)
    return joined


def _extend_product_name(doc: Doc, mention: Mention, taken: list[bool]) -> bool:
    """'Nvidia A100' + 'Tensor Core': a product name goes on over the capitalised words and codes
    that follow it in the same sentence. Returns whether the mention grew."""
    end = mention.end
    while (
        end < len(doc)
        and end - mention.end < 4
        and not taken[end]
        and not doc[end].is_sent_start
        and not doc[end].is_punct
        and _looks_like_name(doc[end])
    ):
        end += 1
    if end == mention.end:
        return False
    for i in range(mention.end, end):
        taken[i] = True
    mention.end = end
    return True


def _join_name_particles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Franz von Holzhausen': two 'people' either side of a name particle are one person."""
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.type == mention.type == "PER"
            and mention.start == previous.end + 1
            and doc[previous.end].lower_ in _NAME_PARTICLES
        ):
            previous.end = mention.end
            previous.text = doc[previous.start : previous.end].text
            continue
        joined.append(mention)
    return joined


#: Word classes no name is tagged with, even one the parser did not see open a sentence.
_NOT_NAME_POS = frozenset({"ADV", "VERB", "AUX", "DET", "PRON", "NUM", "ADP", "CCONJ", "SCONJ"})


def _capitalised_common_word(doc: Doc, mention: Mention, openers: set[int], common: set[str], proper: set[str]) -> bool:
    """'Videoconferências agora fazem ...', 'Juiz determina soltura ...': a word capitalised because it
    opens a sentence, which the tagger does not read as a proper noun (or a foreign word), or which
    the text writes elsewhere as a common word ('o juiz'). Inside a sentence, a word the tagger reads
    as an adverb, a verb or another closed class, and nowhere as a proper noun: 'clique aqui Abaixo,
    a íntegra ...', where the parser missed the sentence break after a link's text."""
    if mention.end - mention.start != 1 or mention.source != "ner":
        return False
    token = doc[mention.start]
    if mention.start not in openers:
        return token.pos_ in _NOT_NAME_POS and token.text not in proper
    return token.pos_ not in {"PROPN", "X"} or token.lower_ in common


def _shouted_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'COM A PALAVRA, ROBERTO PODVAL': in a heading written in capitals the NER takes common words
    for names ('PALAVRA'). A name in capitals with two words in capitals that are no names near it
    (four words either side, in its sentence; one of them longer than two letters) is in such a
    heading; it stays a name only if it is a person's or the text also writes it outside capitals."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    written = {lookup_key(m.text) for m in mentions if not m.text.isupper()}
    shouted = []
    for mention in mentions:
        if mention.type == "PER" or not mention.text.isupper() or lookup_key(mention.text) in written:
            continue
        sentence = doc[mention.start].sent
        window = range(max(sentence.start, mention.start - 4), min(sentence.end, mention.end + 4))
        loud = [i for i in window if i not in covered and doc[i].is_alpha and doc[i].text.isupper()]
        if len(loud) >= 2 and any(len(doc[i]) > 2 for i in loud):  # not "O PT E O PMDB"
            shouted.append(mention)
    return shouted


def _sentence_openers(doc: Doc) -> set[int]:
    """The first word of each sentence, after any opening punctuation ('"Ambas ...')."""
    openers = set()
    for sentence in doc.sents:
        first = next((t for t in sentence if not t.is_punct and not t.is_space), None)
        if first is not None:
            openers.add(first.i)
    return openers


def _common_words(doc: Doc, openers: set[int]) -> set[str]:
    """Words the text writes in lower case and capitalises only where they open a sentence. A
    headline's 'Juiz' or 'Senadora' is one of them; 'Temer' (also the verb 'temer') is not, as the
    text writes it capitalised inside sentences too."""
    lower = {t.text for t in doc if t.text.islower()}
    named = {t.lower_ for t in doc if t.i not in openers and not t.text.islower()}
    return lower - named


def _quoted_names(doc: Doc, cues: _Cues, taken: list[bool]) -> Iterator[Mention]:
    """A quoted name after a naming participle ('batizada de "NVIDIA Maxine Plataform"'), whole,
    before a known maker's name inside it is taken on its own, whatever the parse."""
    for token in doc:
        if not _is_naming_participle(token, cues):
            continue
        opening = token.i + 1
        if opening < len(doc) and doc[opening].lower_ in {"de", "como"}:
            opening += 1
        if opening + 1 >= len(doc) or not doc[opening].is_quote:
            continue
        closing = next((t.i for t in doc[opening + 1 : opening + 10] if t.is_quote), None)
        if closing is None or closing == opening + 1 or any(taken[opening + 1 : closing]):
            continue
        if not _looks_like_name(doc[opening + 1]):
            continue
        for i in range(opening + 1, closing):
            taken[i] = True
        yield Mention(opening + 1, closing, "PROJECT", "context")


#: The prepositions inside a name ("Sistema Único de Saúde") and between an institution and its
#: place ("Prefeitura de X", "Polícia Civil do Rio").
_OF = frozenset({"de", "do", "da", "dos", "das"})


def _context_projects(doc: Doc, cues: _Cues, taken: list[bool]) -> Iterator[Mention]:
    """Names NER did not find right after a project noun ("o framework PyTorch", "os processadores
    vetoriais SX-Aurora") or a naming participle ('batizado de "Earth Simulator 4"')."""
    for token in doc:
        cue = _is_cue_noun(token, cues)
        if cue and _first_word_of_name(token):
            start = token.i  # "o Programa Mais Médicos", "o Sistema Único de Saúde": not "Único"
        elif cue:
            start = token.i + 1
            while start < len(doc) and start - token.i <= 2 and doc[start].pos_ == "ADJ" and doc[start].is_lower:
                start += 1
        elif _is_naming_participle(token, cues):
            start = token.i + 1
            while start < len(doc) and start - token.i <= 3 and (doc[start].is_quote or doc[start].lower_ == "de"):
                start += 1
        else:
            continue
        if start >= len(doc) or taken[start] or not _looks_like_name(doc[start]) or doc[start].is_sent_start:
            continue
        end = start
        while end < len(doc) and not taken[end] and (_looks_like_name(doc[end]) or doc[end].text in {"-", "&"}):
            end += 1
            if start == token.i and end + 1 < len(doc) and doc[end].lower_ in _OF and doc[end + 1].text[:1].isupper():
                end += 1  # "Sistema Único de Saúde"
        while end > start and not _looks_like_name(doc[end - 1]):
            end -= 1
        alone = end == start + 1 and doc[start].lower_ in _DETERMINERS  # "recursos O ex-governador ..."
        if end > start + (start == token.i) and not alone:  # nor the capitalised noun alone
            for i in range(start, end):
                taken[i] = True
            yield Mention(start, end, "PROJECT", "context")


def _repeated_names(doc: Doc, mentions: list[Mention], taken: list[bool]) -> Iterator[Mention]:
    """Other occurrences of the names already found: a name the NER saw once is the same name
    where it missed it ("a StoreDot" after "As baterias StoreDot"). Each gets its own context's type."""
    names: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for mention in mentions:
        words = tuple(t.text for t in doc[mention.start : mention.end])
        if len(words) > 1 or (len(words[0]) > 1 and words[0][:1].isupper()):
            names[words[0]].append((words, mention.type))
    for variants in names.values():
        variants.sort(key=lambda v: -len(v[0]))
    for token in doc:
        if taken[token.i] or token.text not in names:
            continue
        for words, entity_type in names[token.text]:
            end = token.i + len(words)
            if end > len(doc) or any(taken[token.i : end]) or tuple(t.text for t in doc[token.i : end]) != words:
                continue
            if end - token.i == 1 and token.is_sent_start and token.pos_ != "PROPN":
                break  # a capitalised common word opening a sentence
            for i in range(token.i, end):
                taken[i] = True
            yield Mention(token.i, end, entity_type, "repeat")
            break


_PARTY_AND_STATE = re.compile(r"(\w[\w.]*)-([A-Z]{2})")


def party_of(name: str, state_codes: set[str]) -> str | None:
    """'DEM-RJ' -> 'DEM': the party of a politician's "(party-state)" tag, or None."""
    match = _PARTY_AND_STATE.fullmatch(name)
    return match.group(1) if match and match.group(2) in state_codes else None


def _retype(doc: Doc, mention: Mention, cues: _Cues) -> None:
    """Settle a mention's type from the lexicons and its context (PROJECT vs ORG vs the NER's
    guess), and how strongly that context says it (``mention.weight``, used when mentions of one
    name disagree)."""
    span = doc[mention.start : mention.end]
    words = [t.lower_ for t in span]
    mention.weight = 0 if mention.source == "repeat" else 1
    # "Rodrigo Maia (DEM-RJ)", "Renan Calheiros, senador (PMDB-AL)": in brackets after a person
    # or a title the tag is the party; after an institution's name it is that institution's own
    # abbreviation ("o Tribunal de Justiça do Pará (TJ-PA)").
    party = party_of(span.text, cues.state_codes)
    if (
        party
        and mention.start >= 2
        and doc[mention.start - 1].text == "("
        and doc[mention.start - 2].ent_type_ not in {"ORG", "LOC"}
    ):
        mention.type, mention.weight, mention.canonical, mention.party_tag = "ORG", 10, party, True
        return
    known = cues.known.get(lookup_key(span.text))
    if known:
        mention.type, mention.weight = known, 10
        return
    if _dateline(doc, mention, cues):
        mention.type = "LOC"
        return
    # "PyTorch IA Framework": a known project followed by descriptor words only.
    for cut in range(len(words) - 1, 0, -1):
        head = doc[mention.start : mention.start + cut]
        if cues.known.get(lookup_key(head.text)) == "PROJECT" and all(
            w in cues.project_descriptors for w in words[cut:]
        ):
            mention.type, mention.weight = "PROJECT", 10
            mention.canonical = head.text
            return
    if len(words) > 1 and (
        words[-1] in cues.org_words or lookup_key(words[0]) in cues.translations or _serves_region(span, cues)
    ):
        # "o Distrito Federal" is a state, though "Federal" ends many institutions' names
        mention.type = "LOC" if lookup_key(span.text) in cues.state_names.values() else "ORG"
        mention.weight = 10
        return
    if len(words) > 1 and mention.type in {"ORG", "MISC", "PER"} and _maker_prefix(doc, mention, cues):
        mention.type, mention.weight = "PROJECT", 5  # "Nvidia A100", "Apple AirPods", "Google Maps"
        return
    if mention.start > 0 and doc[mention.start - 1].lower_ in cues.titles:
        mention.type, mention.weight = "PER", 10  # "o deputado Vicente Cândido", "o presidente Collor"
        return
    cue = _cue_after(doc, mention.start, mention.end, cues)
    if cue is not None:
        mention.type, mention.weight = cue, 10  # "Viveport, a empresa que desenvolveu o aparelho"
        return
    if mention.type == "LOC" and mention.source == "ner":
        return
    cue = _cue_before(doc, mention.start, cues)
    if cue is None:
        cue = _cue_in_apposition(doc, mention.start, cues, examples_only=mention.type == "PER")
    if cue is not None:
        # "a startup StoreDot", "o framework PyTorch", "os processadores vetoriais SX-Aurora"
        mention.type, mention.weight = cue, 10
        return
    if _introduced_by_naming_verb(doc, mention.start, cues, person=mention.type == "PER") or (
        mention.type != "PER"
        and _has_own_digit(doc, mention, cues)
        and span[0].text not in cues.institution_heads  # "Tribunal Regional Federal da 4a Região"
    ):
        mention.type, mention.weight = "PROJECT", 5  # "batizada de Maxine", "Earth Simulator 4"
        return
    if mention.type == "PER":
        return
    governor = span.root.head
    attached = span.root.dep_ in {"appos", "flat", "flat:name", "nmod", "compound"} and not _has_case(span)
    if governor.i < mention.start and attached and _is_cue_noun(governor, cues) and mention.type in {"ORG", "MISC"}:
        mention.type, mention.weight = "PROJECT", 5
        return
    if mention.type == "MISC" and words[-1] in cues.project_descriptors:
        mention.type = "PROJECT"


_DASHES = frozenset({"-", "–", "—"})
_VOWELS = frozenset("aeiouáéíóúâêôãõà")


def _dateline(doc: Doc, mention: Mention, cues: _Cues) -> bool:
    """'BRASÍLIA - O presidente Michel Temer ...': a name in capitals opening a paragraph or a
    sentence, before a dash, is where the story was filed; the NER, reading capitals as an
    acronym's, calls most of them organisations. An acronym ('MPF -', fewer than two vowels) or an
    institution ('MINISTÉRIO PÚBLICO -') is not taken for a place."""
    span = doc[mention.start : mention.end]
    start = mention.start
    return (
        mention.type in {"ORG", "MISC"}
        and span.text.isupper()
        and mention.end < len(doc)
        and doc[mention.end].text in _DASHES
        and (start == 0 or doc[start].is_sent_start or doc[start - 1].is_space)
        and sum(ch in _VOWELS for ch in span.text.lower()) >= 2
        and span[0].text.capitalize() not in cues.institution_heads
    )


def _cue_before(doc: Doc, start: int, cues: _Cues) -> str | None:
    """The type the common noun heading a name's phrase gives it: 'a startup X' (ORG), 'o
    framework X' (PROJECT), across adjectives and a 'de' complement ('a fabricante de robôs X',
    'os processadores vetoriais X')."""
    i = start - 1
    while i >= 0 and start - i <= 2 and doc[i].pos_ == "ADJ":
        i -= 1
    if i < 0 or doc[i].pos_ not in {"NOUN", "PROPN", "X"}:
        return None
    if i >= 2 and doc[i - 1].lower_ == "de" and doc[i - 2].pos_ == "NOUN":
        head_type = _cue_type(doc[i - 2], cues)
        if head_type:
            return head_type
    return _cue_type(doc[i], cues)


_ARTICLES = frozenset({"a", "o", "as", "os", "um", "uma"})
_DE_WORDS = frozenset({"de", "da", "do", "das", "dos", "desse", "dessa", "deste", "desta"})


def _cue_after(doc: Doc, start: int, end: int, cues: _Cues) -> str | None:
    """The type a cue noun in apposition right after a name gives it: 'Viveport, a empresa que ...',
    'Mellanox, empresa adquirida pela Nvidia'. The parse must attach the noun to the name: in
    'Segundo Joesley, o modelo foi reproduzido' it starts a clause of its own."""
    i = end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if doc[i].lower_ in _ARTICLES:
        i += 1
    if i >= len(doc) or doc[i].pos_ not in {"NOUN", "PROPN"} or not start <= doc[i].head.i < end:
        return None
    return _cue_type(doc[i], cues)


def _cue_in_apposition(doc: Doc, start: int, cues: _Cues, *, examples_only: bool = False) -> str | None:
    """The type a cue noun gives a name set off after it: 'uma startup israelense, a StoreDot',
    'aplicações, como a Tilt Brush'. Not when the noun is itself a complement ('o diretor da
    empresa, Ian Buck'), where the name is the role's holder. With ``examples_only`` (a name the
    NER took for a person) only a name given as an example of the noun ('como') counts: after
    'o diretor do ateliê, Kerem Cengiz' the name is the holder of the role."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in _ARTICLES:
        i -= 1
    example = i >= 0 and doc[i].lower_ == "como"
    if examples_only and not example:
        return None
    if example:
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    i -= 1
    while i >= 0 and start - i <= 6 and doc[i].pos_ == "ADJ":
        i -= 1
    if i < 0 or doc[i].pos_ not in {"NOUN", "PROPN"}:
        return None
    if i > 0 and (doc[i - 1].lower_ in _DE_WORDS or doc[i - 1].pos_ == "ADP"):
        return None
    return _cue_type(doc[i], cues)


def _cue_type(token, cues: _Cues) -> str | None:
    words = {token.lower_, token.lemma_.lower()}
    if words & cues.org_nouns:
        return "ORG"
    if words & cues.project_nouns:
        return "PROJECT"
    return None


def _introduced_by_naming_verb(doc: Doc, start: int, cues: _Cues, *, person: bool = False) -> bool:
    """'batizada de X', 'chamado X', "apelidado de 'X'", 'recebeu o nome de X'. For a name the NER
    took for a ``person``, only what does not also name or appoint people counts: 'recebeu o nome
    de X' does, 'em nome de X', 'conhecido como X' and 'nomeado X' do not."""
    i = start - 1
    while i >= 0 and (doc[i].is_punct or doc[i].lower_ in {"de", "como"}) and start - i <= 3:
        i -= 1
    if i >= 0 and doc[i].lower_ == "nome" and doc[i + 1].lower_ == "de":
        given = i >= 2 and doc[i - 1].lower_ == "o" and doc[i - 2].lemma_.lower() in {"receber", "ganhar"}
        return given or not person
    return (
        i >= 0
        and _is_naming_participle(doc[i], cues)
        and not (person and doc[i].lemma_.lower() in cues.person_naming_verbs)
    )


def _known_organisation_end(doc: Doc, mention: Mention, cues: _Cues) -> int | None:
    """Where the longest known organisation's name that the mention starts with, and that is not
    the whole mention, ends ('Nvidia' of 'Nvidia A100'), or None."""
    return next(
        (
            cut
            for cut in range(mention.end - 1, mention.start, -1)
            if cues.known.get(lookup_key(doc[mention.start : cut].text)) == "ORG"
        ),
        None,
    )


def _maker_prefix(doc: Doc, mention: Mention, cues: _Cues) -> bool:
    """Whether the name starts with a known organisation followed by capitalised words or a code,
    but not by a place ('a BBC Brasil', 'a Microsoft Portugal': the branch there), one of the
    lexicon's or one the text names."""
    cut = _known_organisation_end(doc, mention, cues)
    if cut is None:
        return False
    rest = doc[cut : mention.end]
    if not all(t.text[:1].isupper() or any(ch.isdigit() for ch in t.text) for t in rest):
        return False
    place = lookup_key(rest.text)
    if place in cues.branch_places:
        return False
    return not any(ent.label_ == "LOC" and lookup_key(ent.text) == place for ent in doc.ents)


def _has_own_digit(doc: Doc, mention: Mention, cues: _Cues) -> bool:
    """Whether the name has a digit, not counting a known organisation's name it starts with ('Earth
    Simulator 4', not 'G1 Goiás': the outlet's edition in a state). A name that is all a known
    organisation's was typed before this is asked."""
    start = _known_organisation_end(doc, mention, cues) or mention.start
    return any(ch.isdigit() for ch in doc[start : mention.end].text)


def _has_case(span: Span) -> bool:
    return any(child.dep_ == "case" for child in span.root.children)


def resolve_entities(doc: Doc, mentions: list[Mention], cues: _Cues) -> list[dict]:
    """Group ``mentions`` into entities (setting ``mention.entity``); return the entity dicts."""
    _name_products_without_their_maker(mentions)
    _name_product_versions(mentions)
    _name_institutions_by_place(doc, mentions, cues)
    _name_ministries(doc, mentions, cues)
    _name_without_head(mentions, cues)
    _name_states(doc, mentions, cues)
    _name_place_forms(mentions, cues)
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in mentions:
        group = _group_of(mention)
        if group[1]:
            groups[group].append(mention)
    # A name used with two types in one document is one referent: keep the type its contexts support
    # most. A one-word name the NER also took for a person counts the mentions of the one full name it
    # is part of as a person's ("o Aécio", read as an organisation, beside "o senador Aécio Neves").
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entity_type, key in groups:
        by_key[key].append((entity_type, key))
    for key, variants in by_key.items():
        if len(variants) > 1:
            votes = Counter({v[0]: sum(m.weight for m in groups[v]) for v in variants})
            owners = []
            if ("PER", key) in variants:  # the full names as the votes so far left them
                owners = _full_names_with(key, [g for g in groups if g[0] == "PER"])
            if _one_person(owners):
                votes["PER"] += sum(m.weight for owner in owners for m in groups[owner])
            winner = votes.most_common(1)[0][0]
            for variant in variants:
                if variant[0] != winner:
                    for m in groups.pop(variant):
                        m.type = winner
                        groups[(winner, key)].append(m)
    parent = {g: g for g in groups}

    def find(g):
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in _alias_pairs(doc, groups, cues):
        union(a, b)
    entities: list[dict] = []
    index: dict[tuple[str, str], int] = {}
    for group in sorted(groups, key=lambda g: min(m.start for m in groups[g])):
        root = find(group)
        if root not in index:
            index[root] = len(entities)
            entities.append({"type": root[0], "names": Counter()})
        entity = index[root]
        for mention in groups[group]:
            mention.entity = entity
            names = entities[entity]["names"]
            names[strip_name(mention.canonical or mention.text)] += 1
            # "PMDB-AL" (a party and a state) and the "Prefeitura" of "Prefeitura de São Paulo" are no
            # names of their entity on their own
            if not (mention.party_tag or mention.head_only):
                names.setdefault(strip_name(mention.text), 0)
    for entity in entities:
        entity["names"] = {name: count for name, count in entity["names"].items() if name}
    return entities


def _group_of(mention: Mention) -> tuple[str, str]:
    """The key of the name group a mention joins: its type and its name's (or canonical name's) key."""
    return mention.type, lookup_key(mention.canonical or mention.text)


def _name_products_without_their_maker(mentions: list[Mention]) -> None:
    """'NVIDIA Maxine Plataform' and later 'a Maxine Plataform': a product named with an organisation
    of the text before it is the same product without it, whatever the other mention was typed but a
    person or a place ('a BBC Brasil' taken for a product leaves the country a place)."""
    organisations = {m.text for m in mentions if m.type == "ORG"}
    products = {}
    for mention in mentions:
        if mention.type == "PROJECT":
            for maker in organisations:
                if mention.text.startswith(maker + " "):
                    products[lookup_key(mention.text[len(maker) + 1 :])] = mention.canonical or mention.text
    for mention in mentions:
        full = products.get(lookup_key(mention.text))
        if full is not None and mention.type not in {"PER", "LOC"}:
            mention.type, mention.canonical = "PROJECT", full


def _name_institutions_by_place(doc: Doc, mentions: list[Mention], cues: _Cues) -> None:
    """'a Prefeitura de São Paulo': the NER, taught by UNER, tags 'Prefeitura' and 'São Paulo' apart,
    but the institution's name is the whole phrase; as 'Prefeitura' it would be one node with every
    town's city hall in a corpus graph. The place stays an entity of its own. A bare institution
    elsewhere in the text ('a Prefeitura') stands for the one full name the text gives it, also one
    the NER tagged whole, with a place or a region's number or not ('o Ministério Público do
    Trabalho', then 'o Ministério Público'; 'o Tribunal Regional Federal da 4a Região', then 'o
    Tribunal Regional Federal'), or its head word alone ('o Supremo Tribunal Federal', then 'o
    Supremo'; not 'a Justiça', the judiciary at large), without becoming a name of it: as such a
    name it would join nodes across a corpus."""
    starts = {m.start: m for m in mentions}
    full_names: dict[str, set[str]] = defaultdict(set)  # institution (the bare words) -> full names
    named: dict[str, str] = {}
    for mention in mentions:
        if mention.type != "ORG" or mention.canonical or doc[mention.start].text not in cues.institution_heads:
            continue
        place = starts.get(mention.end + 1)
        if place is not None and place.type == "LOC" and doc[mention.end].lower_ in _OF:
            mention.canonical, mention.head_only = doc[mention.start : place.end].text, True
            institution, full = mention.text, mention.canonical
        else:
            split = next(
                (
                    i
                    for i in range(mention.start + 1, mention.end - 1)
                    if doc[i].lower_ in _OF and (doc[i + 1].is_title or _ORDINAL.fullmatch(doc[i + 1].text))
                ),
                None,
            )
            if split is None and (mention.end - mention.start == 1 or doc[mention.start].text in cues.judiciary_words):
                continue
            # "o Supremo Tribunal Federal", "o Senado Federal": the head word alone is the institution
            institution, full = doc[mention.start : split or mention.start + 1].text, mention.text
        full_names[lookup_key(institution)].add(lookup_key(full))
        named[lookup_key(full)] = full
    for mention in mentions:
        keys = full_names.get(lookup_key(mention.text), set())
        if mention.type == "ORG" and not mention.canonical and len(keys) == 1:
            mention.canonical, mention.head_only = named[next(iter(keys))], True


#: Titles after which a portfolio names a ministry: "o ministro da Fazenda", "a ex-ministra da Cultura".
_MINISTERS = frozenset({"ministro", "ministra"})


def _name_ministries(doc: Doc, mentions: list[Mention], cues: _Cues) -> None:
    """'o ministro da Fazenda': news names a ministry by its portfolio, and the NER tags the portfolio
    alone ('Fazenda'); as such it is one node in a corpus graph with 'a Fazenda' of the states'
    finance secretaries, beside the 'Ministério da Fazenda'. After a minister's title the portfolio
    is the ministry, named in full, without becoming a name of it. Only there: elsewhere 'a Justiça'
    is the judiciary, 'a Previdência' the pension system."""
    for mention in mentions:
        ministry = cues.ministries.get(mention.text)
        if mention.type != "ORG" or mention.canonical or ministry is None or mention.start < 2:
            continue
        title = doc[mention.start - 2].lower_.removeprefix("ex-")
        if title in _MINISTERS and doc[mention.start - 1].lower_ in _OF:
            mention.canonical, mention.head_only = ministry, True


def _name_without_head(mentions: list[Mention], cues: _Cues) -> None:
    """'a Operação Lava Jato', then 'a Lava Jato': the name without its head word names the same
    referent, whatever type the NER gave it there (it reads the car wash, 'lava jato', as a place)."""
    full_names: dict[str, Mention] = {}
    for mention in mentions:
        head, _, rest = mention.text.partition(" ")
        if head in cues.name_heads and rest and mention.type != "PER":
            full_names.setdefault(lookup_key(rest), mention)
    for mention in mentions:
        full = full_names.get(lookup_key(mention.text))
        if full is not None and not mention.canonical:
            mention.type, mention.canonical = full.type, full.canonical or full.text


#: Words before a state's code that make it the state: "no RJ", "do RJ", "em MG", "de MG".
_STATE_PREPOSITIONS = frozenset({"no", "do", "em", "de", "ao", "pelo"})


def _name_states(doc: Doc, mentions: list[Mention], cues: _Cues) -> None:
    """'Uberaba (MG)', 'Paulo Bauer (SC)', 'no RJ', 'em MG': a state's code that stands for the state
    names it ('Minas Gerais'), a place whatever the NER took it for (it reads 'RJ' as an acronym's
    organisation); left alone, each code is a node of its own beside its state's in a corpus graph.
    Not where the text uses the code as a politician's party ('(PR-SP)', then 'o PR'), nor, for a
    code that is also a party's ('PR'), after a person or a preposition."""
    parties = {m.canonical for m in mentions if m.party_tag}
    ends = {m.end: m for m in mentions}
    for mention in mentions:
        state = cues.states.get(mention.text)
        if state is None or mention.canonical or mention.text in parties:
            continue
        start, end = mention.start, mention.end
        before = ends.get(start - 1)
        bracketed = before is not None and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")"
        after_place = bracketed and before.type == "LOC"
        after_person = bracketed and before.type == "PER"
        after_preposition = start > 0 and doc[start - 1].lower_ in _STATE_PREPOSITIONS
        if mention.text in cues.party_state_codes:
            after_person = after_preposition = False  # "Milton Monti (PR)", "o deputado do PR": the party
        if mention.type == "LOC" or after_place or after_person or after_preposition:
            mention.type, mention.canonical = "LOC", state


def _name_place_forms(mentions: list[Mention], cues: _Cues) -> None:
    """'EUA' is the 'Estados Unidos': another form of a place's name stands for it, a place wherever
    it is mentioned (the NER reads 'EUA' as an acronym's organisation at times)."""
    for mention in mentions:
        if mention.text in cues.place_forms and not mention.canonical:
            mention.type, mention.canonical = "LOC", cues.place_forms[mention.text]


def _name_product_versions(mentions: list[Mention]) -> None:
    """'o modelo Spot' and then 'o Spot Mini': a product's name run on by capitalised words or a
    number names a version of that product, when only the NER typed it ('PyTorch Foundation' is
    an organisation by its last word)."""
    products = {lookup_key(m.canonical or m.text) for m in mentions if m.type == "PROJECT"}
    for mention in mentions:
        words = mention.text.split()
        if (
            mention.type != "PROJECT"
            and mention.weight <= 1
            and any(
                lookup_key(" ".join(words[:cut])) in products
                and all(word[:1].isupper() or word[:1].isdigit() for word in words[cut:])
                for cut in range(1, len(words))
            )
        ):
            mention.type = "PROJECT"


#: Prepositions that can start a phrase after a name (Portuguese and English).
_PHRASE_PREPOSITIONS = frozenset({"de", "da", "do", "das", "dos", "para", "of", "for"})


def _alias_pairs(doc: Doc, groups: dict[tuple[str, str], list[Mention]], cues: _Cues) -> Iterator[tuple]:
    """Pairs of name groups that name one referent."""
    keys = list(groups)
    people = [g for g in keys if g[0] == "PER"]
    # A full name and its longer form: "Talma Bauer" and "Talma de Oliveira Bauer". (A son named
    # after his father, "Pedro Fernandes" beside "Pedro Lucas Fernandes", is the case this gets wrong.)
    for short in people:
        words = short[1].split()
        if len(words) > 1:
            longer = [g for g in people if _shortened(words, g[1].split())]
            if _one_person(longer):
                for long in longer:
                    yield short, long
    # One word of one full name, or of the forms of one: a surname, a first name ("Bauer"), or
    # the name a person goes by ("Lula").
    for short in people:
        owners = _full_names_with(short[1], people)
        if _one_person(owners):
            yield short, owners[0]
    # Acronyms: "Long Name (ACR)" next to each other, or initials of a longer name.
    for mention in (m for ms in groups.values() for m in ms):
        if mention.end < len(doc) and doc[mention.end].text == "(":
            inner = next((m for ms in groups.values() for m in ms if m.start == mention.end + 1), None)
            if (
                inner is not None
                and inner.type == mention.type
                and inner.text.isupper()
                and not inner.party_tag  # "X (PMDB-AL)": X's party, not X
                and _abbreviates(inner.text, mention.canonical or mention.text, cues)
            ):
                yield _group_of(mention), _group_of(inner)
    # Not of a name a place completes: "PM" is no name of "Prefeitura de Maringá", and as a name of
    # "Polícia Militar de Goiás" it would join every state's police in a corpus graph.
    # Not when the initials fit names that are not variants of one ("MP": "Ministério Público" and
    # "Medida Provisória" in one text); a state's code the text writes in brackets only of its state
    # ("Paulo Bauer (SC)" is no "Suprema Corte"), a politician's party only of a party ("PP" is no
    # "Palácio do Planalto").
    initials = {key: "" if ms[0].head_only else _initials(ms[0].canonical or ms[0].text) for key, ms in groups.items()}
    for short in keys:
        if short[0] not in {"ORG", "PROJECT"} or " " in short[1] or len(short[1]) < 2:
            continue
        longs = [long for long in keys if long[0] == short[0] and long != short and initials[long] == short[1].upper()]
        if _bracketed_state(doc, groups[short], cues):
            longs = [long for long in longs if long[1] == cues.state_names.get(short[1].upper())]
        if any(mention.party_tag for mention in groups[short]):
            longs = [long for long in longs if long[1].split()[0] in cues.party_heads]
        if len({_spelling(long[1]) for long in longs}) == 1:
            for long in longs:
                yield short, long
    # "Linux Foundation" and "Linux Foundation for Governance": an organisation's name and that name
    # run on into a phrase, when no other name of the text extends it ("Câmara Municipal de X" and "de Y").
    for short in keys:
        if short[0] != "ORG" or len(short[1].split()) < 2:
            continue
        extended = [
            g
            for g in keys
            if g[0] == "ORG"
            and g[1].startswith(short[1] + " ")
            and g[1][len(short[1]) + 1 :].split()[0] in _PHRASE_PREPOSITIONS
        ]
        if len(extended) == 1:
            yield short, extended[0]
    # "Fundação X" and "X Foundation"; the project "X Plataforma" and "X" (but "Meta AI", a lab, is not "Meta").
    for a in keys:
        for b in keys:
            if a[0] != b[0] or a == b:
                continue
            if a < b and _same_by_translation(a[1], b[1], cues):
                yield a, b
            extra = b[1][len(a[1]) + 1 :].split() if b[1].startswith(a[1] + " ") else []
            if extra and a[0] == "PROJECT" and all(word in cues.project_descriptors for word in extra):
                for mention in groups[b]:
                    mention.canonical = groups[a][0].text  # the name proper, counted as such
                yield a, b


def _full_names_with(word: str, people: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The names of ``people`` of more than one word that have the one word ``word`` ("Bauer", and
    "Lula" of "Luiz Inácio Lula da Silva")."""
    if " " in word:
        return []
    return [g for g in people if " " in g[1] and word in g[1].split()]


def _shortened(short: list[str], long: list[str]) -> bool:
    """Whether the words ``short`` are ``long`` with middle words left out (first and last kept)."""
    if len(short) >= len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    remaining = iter(long)
    return all(word in remaining for word in short)


def _one_person(names: list[tuple[str, str]]) -> bool:
    """Whether ``names`` (at least one) are forms of one name, each the next one shortened."""
    chain = sorted((name[1].split() for name in names), key=len)
    return bool(chain) and all(_shortened(a, b) for a, b in pairwise(chain))


def _initials(name: str) -> str:
    """'PT' of 'Partido dos Trabalhadores'; none of a code such as 'PMDB-PB' (not 'PP')."""
    if " " not in name and name.isupper():
        return ""
    words = _content_words(name)
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _spelling(name: str) -> tuple[str, ...]:
    """The first four letters of each content word: 'Polícias Militar' and 'Polícia Militar', or
    'Procuradoria-Geral' and 'Procuradoria Geral', are one name spelt two ways."""
    return tuple(lookup_key(word)[:4] for word in _content_words(name))


def _bracketed_state(doc: Doc, mentions: list[Mention], cues: _Cues) -> bool:
    """Whether one of ``mentions`` is a state's code alone in brackets: 'Ponta Porã (MS)'."""
    return any(
        0 < m.start
        and m.end < len(doc)
        and doc[m.start - 1].text == "("
        and doc[m.end].text == ")"
        and m.text.upper() in cues.state_codes
        for m in mentions
    )


def _content_words(name: str) -> list[str]:
    """The words of a name that an abbreviation takes a letter from (not 'de', 'e', 'of' ...)."""
    return [
        w
        for w in name.replace("-", " ").split()
        if w[:1].isalpha() and w.lower() not in {"de", "da", "do", "das", "dos", "e", "of", "and", "the", "for"}
    ]


def _abbreviates(short: str, long: str, cues: _Cues) -> bool:
    """Whether the bracketed ``short`` can abbreviate the name before it. A state's code abbreviates
    that state, or a name whose initials it is ('Associated Press (AP)'): in "Guarujá (SP)" it names
    the state the town is in. Any other abbreviation spells the name (its letters in order, the
    first one starting a word: Schwartz and Hearst's test, 'TJ-SP' of 'Tribunal de Justiça de São
    Paulo'), with or without a state's code after a hyphen, or has a letter per word of a translated
    name ('MIT' of 'Instituto de Tecnologia de Massachusetts'); not 'AGU' of 'União' nor 'PSB' of a
    person the NER typed as an organisation, 'Paulo Câmara (PSB)'."""
    if short in cues.state_codes:
        return lookup_key(long) == cues.state_names[short] or _initials(long) == short
    institution, _, state = short.rpartition("-")  # "TCE-RJ" of "Tribunal de Contas do Estado"
    if state in cues.state_codes and institution and _abbreviates(institution, long, cues):
        return True
    letters = [ch for ch in lookup_key(short) if ch.isalnum()]
    if len(letters) == len(_content_words(long)) > 2:
        return True
    text = lookup_key(long)
    at = len(text)
    for position in range(len(letters) - 1, -1, -1):
        at = text.rfind(letters[position], 0, at)
        while position == 0 and at > 0 and text[at - 1].isalnum():
            at = text.rfind(letters[position], 0, at)
        if at < 0:
            return False
    return bool(letters)


def _same_by_translation(a: str, b: str, cues: _Cues) -> bool:
    """'fundação pytorch' and 'pytorch foundation' name one organisation."""
    for first, second in ((a, b), (b, a)):
        words_a, words_b = first.split(), second.split()
        if len(words_a) >= 2 and len(words_b) >= 2 and words_a[0] in cues.translations:
            rest_a = [w for w in words_a[1:] if w not in {"de", "da", "do"}]
            if words_b[-1] == cues.translations[words_a[0]] and rest_a == words_b[:-1]:
                return True
    return False


class EntityRecognizer:
    """spaCy component ``kg_entities``: finds, types and resolves the entities of a Doc."""

    def __init__(self, nlp: Language, name: str = "kg_entities") -> None:
        self.name = name
        self.cues = _Cues(nlp)
        for attr in ("kg_entities", "kg_mentions"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc)
        entities = resolve_entities(doc, mentions, self.cues)
        return self.set_annotations(doc, mentions, entities)

    def find(self, doc: Doc) -> list[Mention]:
        return find_mentions(doc, self.cues)

    def set_annotations(self, doc: Doc, mentions: Iterable[Mention], entities: list[dict]) -> Doc:
        doc._.kg_entities = entities
        doc._.kg_mentions = [(m.start, m.end, m.entity) for m in mentions if m.entity >= 0]
        return doc


@Language.factory(
    "kg_entities", requires=["doc.ents", "token.dep", "token.pos"], assigns=["doc._.kg_entities", "doc._.kg_mentions"]
)
def make_kg_entities(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, name)
