"""Relations between the entities of a document, from the dependency parse and cue words.

Stage: relations (spaCy component ``kg_relations``). Input: a parsed Doc with
``doc._.kg_entities`` and ``doc._.kg_mentions``. Output: ``doc._.kg_relations``, a list of plain
dicts ``{"subject", "object", "relation", "predicate", "confidence", "start", "end"}`` where
subject and object index ``doc._.kg_entities`` and start/end are the character offsets of the
evidence sentence.

Patterns (UD labels), each with the confidence it earns (see README, "Reading confidence"):

- verbs: ``nsubj`` + ``obj``/``obl`` of a cue verb (0.9); passive ``nsubj:pass`` + ``obl:agent``
  ("desenvolvido pela Meta", 0.9); a participle attached to a name ("o PyTorch, desenvolvido pela
  Meta", "Desenvolvido pela Meta, o PyTorch ...", 0.85); relative clauses ("a Meta, que criou o
  PyTorch", 0.85); shared subjects of coordinated verbs (0.85); an organisation that leads a
  project develops it ("liderado por pesquisadores da Meta");
- role nouns with a ``de`` complement (or ``responsável por``): apposition ("Mark Zuckerberg,
  fundador da Meta"; "o CEO da Apple, Tim Cook"), copula ("Zuckerberg é o fundador da Meta"), the
  ``como`` complement of a verb of acting or appointing ("atuou como presidente do Botafogo", "foi
  contratado como consultor da Odebrecht"), a name right after the role ("o pesquisador da
  Microsoft Teddy Seyed") (0.85);
- phrases attached to a name ("X, sob o guarda-chuva da Y", 0.8) and companions ("firmou
  parceria com Y", 0.8);
- "X (anteriormente Y)" and "X, que passou a se chamar Y" for renamings (0.9);
- boards: "um conselho composto por representantes da X, Y e Z", "os membros ..., incluindo X e
  Y": the listed names are members of the board's organisation (0.75);
- users: "X e Y são algumas das aplicações desse framework" (0.75);
- bare "X da Y" between a product and its maker (0.7), a person and an organisation (0.6),
  "X, em Y" for places (0.6);
- coordination: every conjunct of a subject or object gets the relation (x0.95);
- a pronoun or a definite description ("ele", "a empresa", "o framework") as subject or object
  stands for the last entity of a fitting type in the previous two sentences (x0.8); a pronoun only
  for one of its gender (by a person's given name, else the articles before the name), and not
  "eles"/"elas", "isso"/"isto" or a demonstrative "o"/"a" ("o que ...", "a do PSDB");
- an indefinite noun ("desenvolveram uma toalha") stands for the product a following sentence
  names ("a toalha recebeu o nome de X") (x0.8);
- any other verb between two names gives an open ``related_to`` relation (0.4) whose predicate
  is the verb (and its preposition).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.entities import party_of
from kg.names import lookup_key

__all__ = ["RelationTriple", "SCHEMA_TYPES", "extract_relations", "RelationExtractor"]

#: Allowed subject and object types of each relation type (docs/SCHEMA.md).
SCHEMA_TYPES: dict[str, tuple[set[str], set[str]]] = {
    "founder_of": ({"PER", "ORG"}, {"ORG", "PROJECT"}),
    "leader_of": ({"PER"}, {"ORG", "PROJECT"}),
    "employee_of": ({"PER"}, {"ORG"}),
    "member_of": ({"PER", "ORG"}, {"ORG"}),
    "part_of": ({"ORG", "PROJECT"}, {"ORG", "PROJECT"}),
    "owner_of": ({"PER", "ORG"}, {"ORG", "PROJECT"}),
    "developer_of": ({"PER", "ORG"}, {"PROJECT"}),
    "governs": ({"ORG"}, {"ORG", "PROJECT"}),
    "uses": ({"ORG", "PROJECT", "PER"}, {"PROJECT"}),
    "partner_of": ({"ORG", "PER"}, {"ORG", "PER"}),
    "investor_in": ({"PER", "ORG"}, {"ORG", "PROJECT"}),
    "located_in": ({"ORG", "PROJECT", "PER"}, {"LOC"}),
    "formerly_known_as": ({"ORG", "PROJECT"}, {"ORG", "PROJECT"}),
}

_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubj:pass", "csubj:pass"}
_OBJECTS = {"obj", "iobj"}
_TRANSPARENT = {"appos", "flat", "flat:name", "nmod", "compound", "nummod"}
#: The pronouns that can stand for one named entity, with their gender. Not "eles"/"elas" (a group),
#: nor "isso"/"isto" (what was said).
_PRONOUN_GENDER = {
    **dict.fromkeys(["ele", "este", "esse", "o", "lo"], "Masc"),
    **dict.fromkeys(["ela", "esta", "essa", "a", "la"], "Fem"),
}
#: The gender an article, or a preposition merged with one, gives the name after it ("da Meta").
_ARTICLE_GENDER = {
    **dict.fromkeys(["o", "do", "no", "pelo", "ao"], "Masc"),
    **dict.fromkeys(["a", "da", "na", "pela", "à"], "Fem"),
}
_RELATIVES = {"que", "qual", "quais", "quem", "cujo", "cuja"}
_AGENT_PREPS = {"por", "pelo", "pela", "pelos", "pelas"}
_DE = {"de", "da", "do", "das", "dos", "d'", "desse", "dessa", "desses", "dessas", "deste", "desta", "destes", "destas"}
_OPEN_CONFIDENCE = 0.4
_IN_PLACE = {"em", "no", "na", "nos", "nas"}
_IMPLIES_EMPLOYMENT = {"leader_of", "founder_of", "owner_of"}
#: What an organisation that leads a project does to it: it develops it (only people are leaders).
_ORGANISATION_LEADS = "developer_of"


@dataclass(frozen=True)
class RelationTriple:
    """A relation found in a Doc: entity indices into ``doc._.kg_entities`` and evidence sentence offsets."""

    subject: int
    relation: str
    object: int
    predicate: str
    confidence: float
    start: int
    end: int


class _Lexicon:
    def __init__(self) -> None:
        data = lexicon.load("relations")
        self.verbs = data["verbs"]
        self.nouns = data["nouns"]
        self.phrases = data["phrases"]
        self.companions = data["companions"]
        self.formerly = set(data["formerly"])
        self.renamed = set(data["renamed"])
        self.event_nouns = set(data["event_nouns"])
        self.naming_verbs = set(data["naming_verbs"])
        self.member_nouns = set(data["members"]["nouns"])
        self.members_named_by_de = set(data["members"]["named_by_de"])
        self.bodies = set(data["members"]["bodies"])
        self.membership_words = set(data["members"]["organisations"])
        self.court_words = set(data["court_words"])
        self.meeting_nouns = set(data["meeting_nouns"])
        self.deputy_modifiers = set(data["deputy_modifiers"])
        self.acting_verbs = set(data["acting_verbs"])
        self.appointing_verbs = set(data["appointing_verbs"])
        self.staff = {
            noun for noun, cue in self.nouns.items() if cue["relation"] in ("employee_of", "leader_of", "founder_of")
        }
        cues = lexicon.load("entity_cues")
        self.state_codes = set(cues["state_codes"])
        self.judiciary = set(cues["judiciary_words"])
        self.generic = {noun: entity_type for entity_type, nouns in cues["generic_heads"].items() for noun in nouns}
        given = lexicon.load("given_names")
        feminine = {lookup_key(name) for name in given["feminine"]}
        either = {lookup_key(name) for name in given["either"]}
        self.given_name_gender = {
            key: "Fem" if key in feminine else "Masc" for key in map(lookup_key, given["names"]) if key not in either
        }


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _set_off(token: Token) -> bool:
    """Whether the phrase of ``token`` follows a comma (its own or the one before it), as an aside
    about the name before it."""
    start = token.left_edge.i
    return token.doc[start].text == "," or (start > 0 and token.doc[start - 1].text == ",")


def _in_apposition(token: Token) -> bool:
    """Whether ``token`` is in apposition to its head: ``appos``, or an ``nmod`` with no
    preposition, which in Portuguese is an apposition the parser mislabelled ("uma startup, a X")."""
    return token.dep_ == "appos" or (token.dep_ == "nmod" and not _preposition(token))


def _preposition(token: Token) -> str:
    """The preposition introducing ``token`` ("da" -> "de"), or "" for none."""
    for child in token.children:
        if child.dep_ == "case" or child.dep_.startswith("case"):
            word = child.lower_
            if word in _DE:
                return "de"
            if word in _AGENT_PREPS:
                return "por"
            if word in {"no", "na", "nos", "nas", "num", "numa"}:
                return "em"
            if word in {"ao", "à", "aos", "às"}:
                return "a"
            return _lemma(child)
    return ""


class _DocView:
    """Entity look-ups over one Doc: which entity a token names, the conjuncts of a name, antecedents."""

    def __init__(self, doc: Doc, lex: _Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.entities = doc._.kg_entities or []
        self.entity_of = [-1] * len(doc)
        self.mention_root: dict[int, int] = {}
        self.mentions: list[tuple[int, int, int]] = sorted(doc._.kg_mentions or [])
        self._genders: dict[int, str | None] = {}
        for start, end, entity in self.mentions:
            span = doc[start:end]
            for i in range(start, end):
                self.entity_of[i] = entity
            self.mention_root[span.root.i] = entity

    def type_of(self, entity: int) -> str:
        return self.entities[entity]["type"]

    def is_court(self, entity: int) -> bool:
        """Whether one of the entity's names has a court's word ('Supremo Tribunal Federal', 'STF')."""
        return any(w in self.lex.court_words for name in self.entities[entity]["names"] for w in name.lower().split())

    def names(self, token: Token) -> list[tuple[int, float]]:
        """The entities ``token`` stands for, with a weight.

        In order: the name itself; a name hanging off a common noun ("o framework PyTorch",
        "a empresa de carros Tesla", "um modelo chamado Cybertruck"); the name a generic noun is
        in apposition to ("Mellanox, empresa adquirida ..."); the product of an event noun ("o
        lançamento do X"); the employer of staff ("pesquisadores da Microsoft"); the antecedent of a
        pronoun or definite description ("a empresa", "ele").
        """
        if self.entity_of[token.i] >= 0:
            return [(self.entity_of[token.i], 1.0)]
        if token.pos_ not in {"NOUN", "PRON", "PROPN", "X", "ADJ"}:
            return []
        described = self.lex.generic.get(token.lower_)
        for child in token.children:
            entity = self.entity_of[child.i]
            if child.dep_ in _TRANSPARENT and entity >= 0 and not _preposition(child):
                # "a empresa, Ian Buck" is a misparse: a company noun does not name a person
                if described is None or described == self.type_of(entity):
                    return [(entity, 1.0)]
        if described is not None:
            # "a empresa de carros elétricos Tesla": the name after the descriptor's complement.
            for child in token.children:
                for grandchild in child.children if child.dep_ == "nmod" else ():
                    entity = self.entity_of[grandchild.i]
                    if grandchild.dep_ == "appos" and entity >= 0 and described == self.type_of(entity):
                        return [(entity, 1.0)]
        for child in token.children:
            if child.dep_ == "acl" and _lemma(child) in self.lex.naming_verbs:
                named = [self.entity_of[t.i] for t in child.subtree if self.entity_of[t.i] >= 0]
                named = named or self._name_right_after(child)
                if named:
                    return [(named[0], 1.0)]
        if token.dep_ == "appos" and described is not None:
            # "Mellanox, empresa adquirida ...": the name the generic noun is in apposition to,
            # by the tree or, when the parser hung it elsewhere, the name right before the comma.
            for candidate in (self.entity_of[token.head.i], self.name_before_comma(token)):
                if candidate >= 0 and described == self.type_of(candidate):
                    return [(candidate, 1.0)]
        lemma = _lemma(token)
        if lemma in self.lex.event_nouns or lemma in self.lex.staff:
            wanted = {"PROJECT"} if lemma in self.lex.event_nouns else {"ORG"}
            for child in token.children:
                if child.dep_ == "nmod" and _preposition(child) == "de":
                    found = [(e, w * 0.9) for e, w in self.conjuncts(child) if self.type_of(e) in wanted]
                    if found:
                        return found
        antecedent = self.antecedent(token)
        if antecedent is not None:
            return [(antecedent, 0.8)]
        named = self._named_later(token)
        return [(named, 0.8)] if named is not None else []

    def _named_later(self, token: Token) -> int | None:
        """The product an indefinite noun introduces when a following sentence names it: 'desenvolveram
        uma toalha de mesa ...' then 'a toalha recebeu o nome de Capacitivo' (or 'o projeto, que foi
        batizado de X'), within the next three sentences."""
        if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in {"um", "uma"} for c in token.children):
            return None
        heads = {_lemma(token), token.lower_}
        sentence = token.sent
        for _ in range(3):
            if sentence.end >= len(self.doc):
                return None
            sentence = self.doc[sentence.end].sent
            mentions_the_thing = any(
                (_lemma(t) in heads or self.lex.generic.get(t.lower_) == "PROJECT") and _has_definite(t)
                for t in sentence
                if t.pos_ == "NOUN"
            )
            if not mentions_the_thing:
                continue
            for t in sentence:
                if t.lower_ == "nome" or (_lemma(t) in self.lex.naming_verbs and "Part" in t.morph.get("VerbForm")):
                    named = self._name_right_after(t)
                    if named and self.type_of(named[0]) == "PROJECT":
                        return named[0]
        return None

    def _name_right_after(self, token: Token) -> list[int]:
        """The entity named right after ``token``, quotes and 'de' aside ('chamado "Cybertruck"',
        'o nome de Capacitivo')."""
        for next_token in self.doc[token.i + 1 : min(token.i + 5, token.sent.end)]:
            if self.entity_of[next_token.i] >= 0:
                return [self.entity_of[next_token.i]]
            if not (next_token.is_quote or next_token.lower_ in {"de", "como"}):
                break
        return []

    def name_before_comma(self, token: Token) -> int:
        """The entity that ends right before the comma preceding ``token``, or -1."""
        i = token.i - 1
        if i - 1 >= token.sent.start and self.doc[i].text == ",":
            return self.entity_of[i - 1]
        return -1

    def antecedent(self, token: Token) -> int | None:
        """The entity a pronoun or a generic definite description refers back to, if clear: a pronoun
        ("ele", "a" as an object clitic) to a name of its gender, a description to a name of its type."""
        lower = token.lower_
        wanted: set[str]
        gender = None
        if token.pos_ == "PRON" and lower in _PRONOUN_GENDER:
            if lower in {"o", "a"} and (token.dep_ not in _OBJECTS or any(token.children)):
                return None  # only an object clitic refers back ("que o acusa"); not "o que houve", "a do PSDB"
            wanted = {"ORG", "PROJECT", "PER"}
            gender = _PRONOUN_GENDER[lower]
        elif token.pos_ == "NOUN" and lower in self.lex.generic and _has_definite(token):
            wanted = {self.lex.generic[lower]}
        else:
            return None
        sentence = token.sent
        window_start = _previous_sentence_start(self.doc, sentence.start, count=2)
        candidates = [
            (start, entity)
            for start, end, entity in self.mentions
            if window_start <= start
            and end <= token.i
            and self.type_of(entity) in wanted
            and (gender is None or self.gender_of(entity) in (gender, None))
        ]
        if not candidates:
            return None
        # The topic: a subject before anything else, then the entity the text names most, then the latest.
        mentions = {e: sum(self.entities[e]["names"].values()) for _, e in candidates}
        return max(candidates, key=lambda c: (_subject_like(self.doc, c[0]), mentions[c[1]], c[0]))[1]

    def gender_of(self, entity: int) -> str | None:
        """The grammatical gender of an entity, if the text shows it: for a person, the given name
        ("Dilma Rousseff"); otherwise, or when the name is not known, the articles before its
        mentions ("a Meta", "do Google"), whichever the mentions agree on most."""
        if entity not in self._genders:
            votes = {"Masc": 0, "Fem": 0}
            if self.type_of(entity) == "PER":
                for name, count in self.entities[entity]["names"].items():
                    gender = self.lex.given_name_gender.get(lookup_key(name.split()[0]))
                    if gender is not None:
                        votes[gender] += count
            if not any(votes.values()):
                for start, _, mentioned in self.mentions:
                    before = self.doc[start - 1] if start else None
                    if mentioned != entity or before is None or before.lower_ not in _ARTICLE_GENDER:
                        continue
                    if before.lower_ not in {"a", "o"} or before.pos_ == "DET":  # "perguntou a Costa"
                        votes[_ARTICLE_GENDER[before.lower_]] += 1
            masculine, feminine = votes["Masc"], votes["Fem"]
            self._genders[entity] = "Masc" if masculine > feminine else "Fem" if feminine > masculine else None
        return self._genders[entity]

    def conjuncts(self, token: Token) -> list[tuple[int, float]]:
        """The entities of ``token`` and of the names coordinated with it."""
        found = [(e, w) for e, w in self.names(token)]
        for conj in token.conjuncts:
            for entity, weight in self.names(conj):
                if all(entity != e for e, _ in found):
                    found.append((entity, weight * 0.95))
        return found


_CONTRACTED_ARTICLES = {
    "do",
    "da",
    "dos",
    "das",
    "no",
    "na",
    "nos",
    "nas",
    "pelo",
    "pela",
    "pelos",
    "pelas",
    "ao",
    "à",
    "aos",
    "às",
    "desse",
    "dessa",
    "deste",
    "desta",
    "nesse",
    "nessa",
    "neste",
    "nesta",
}


_PARTICIPLE_ENDINGS = (
    ("ado", "ar"),
    ("ada", "ar"),
    ("ados", "ar"),
    ("adas", "ar"),
    ("ido", "er"),
    ("ida", "er"),
    ("idos", "er"),
    ("idas", "er"),
    ("ido", "ir"),
    ("ida", "ir"),
    ("idos", "ir"),
    ("idas", "ir"),
)


def _infinitives(word: str) -> Iterator[str]:
    """Infinitives a regular participle may come from: 'desenvolvido' -> 'desenvolver', 'desenvolvir'."""
    for ending, infinitive in _PARTICIPLE_ENDINGS:
        if word.endswith(ending):
            yield word[: -len(ending)] + infinitive


def _relations_of(cue: dict) -> list[str]:
    relation = cue["relation"]
    return list(relation.values()) if isinstance(relation, dict) else [relation]


def _has_definite(token: Token) -> bool:
    """'a empresa', 'essa empresa', 'da empresa' (the article merged into the preposition)."""
    return any(c.dep_ == "det" or (c.dep_ == "case" and c.lower_ in _CONTRACTED_ARTICLES) for c in token.children)


def _subject_like(doc: Doc, start: int) -> bool:
    token = doc[start]
    while token.dep_ in {"flat", "flat:name", "compound"} and token.head.i != token.i:
        token = token.head
    return token.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS


def _previous_sentence_start(doc: Doc, start: int, *, count: int) -> int:
    """Where the ``count`` sentences before ``start`` begin; the blank lines between paragraphs
    are not sentences."""
    sentence_start = start
    while count and sentence_start > 0:
        previous = doc[sentence_start - 1].sent
        sentence_start = previous.start
        count -= not previous.text.isspace()
    return sentence_start


def _parenthesised(token: Token) -> bool:
    """A bracketed aside: 'Meta (anteriormente Facebook)'."""
    first = token.left_edge.i
    doc = token.doc
    return doc[first].text == "(" or (first > 0 and doc[first - 1].text == "(")


def _text_bounds(sentence: Span) -> tuple[int, int]:
    """Character offsets of ``sentence`` without the white space spaCy keeps around it."""
    words = [t for t in sentence if not t.is_space]
    if not words:
        return sentence.start_char, sentence.start_char
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _attachment(token: Token) -> Token:
    """The first conjunct of ``token``: where a coordinated name is attached in the tree."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _role_complements(role: Token) -> Iterator[Token]:
    """The complements that say what a role is of or where it is held: 'de' and 'em' ones ("presidente
    do Botafogo"), and the 'por' of 'responsável por' ("o administrador responsável pela tecnologia")."""
    for child in role.children:
        if child.dep_ == "nmod" and _preposition(child) in {"de", "em"}:
            yield child
        elif child.dep_ == "amod" and _lemma(child) == "responsável":
            yield from (c for c in child.children if c.dep_ in {"obl", "nmod"} and _preposition(c) == "por")


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "aux:pass" or c.dep_ == "obl:agent" for c in verb.children) or (
        "Part" in verb.morph.get("VerbForm") and verb.dep_ in {"acl", "advcl", "advmod", "amod", "acl:relcl"}
    )


class _Extractor:
    """Runs every pattern over one sentence and yields typed triples."""

    def __init__(self, view: _DocView) -> None:
        self.view = view
        self.lex = view.lex
        #: (child, parent) pairs of the part_of relations found in the whole document.
        self.part_of: set[tuple[int, int]] = set()

    # ------------------------------------------------------------------ helpers
    def _typed(self, cue: dict, object_type: str) -> str | None:
        relation = cue["relation"]
        return relation.get(object_type) if isinstance(relation, dict) else relation

    def _emit(
        self, sentence: Span, subject: int, relation: str, obj: int, predicate: str, confidence: float
    ) -> Iterator[RelationTriple]:
        if subject == obj:
            return
        types = SCHEMA_TYPES.get(relation)
        s_type, o_type = self.view.type_of(subject), self.view.type_of(obj)
        if types is not None and (s_type not in types[0] or o_type not in types[1]):
            return
        start, end = _text_bounds(sentence)
        yield RelationTriple(subject, relation, obj, predicate, round(confidence, 3), start, end)

    def _subjects(self, verb: Token) -> list[tuple[int, float]]:
        """Who does ``verb``: its (first naming) subject, the subject it shares with a coordinated
        verb, or the antecedent of a relative pronoun."""
        subjects = [child for child in verb.children if child.dep_ in _SUBJECTS]
        for child in subjects:
            if child.lower_ in _RELATIVES and verb.dep_ == "acl:relcl":
                return [(e, w * 0.95) for e, w in self.view.conjuncts(verb.head)]
            # "Os laboratórios StoreDot ficam ...", parsed with two subjects: the one that names something
            named = self.view.conjuncts(child)
            if named:
                return named
        if subjects:
            return []
        if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            return [(e, w * 0.95) for e, w in self._subjects(verb.head)]
        if verb.dep_ == "conj" and "Fin" in verb.morph.get("VerbForm"):
            # 'Ele usa Python como linguagem ... e também suporta C++', the finite verb hung on a noun
            # as its conjunct: it is coordinated with the verb above that noun and shares its subject.
            governor = next((t for t in verb.head.ancestors if t.pos_ in {"VERB", "AUX"}), None)
            if governor is not None:
                return [(e, w * 0.9) for e, w in self._subjects(governor)]
        if verb.dep_ == "xcomp":
            return self._subjects(verb.head)
        if verb.dep_ == "acl:relcl":
            return [(e, w * 0.95) for e, w in self.view.conjuncts(verb.head)]
        return []

    def _patients(self, verb: Token) -> list[tuple[int, float]]:
        """What a passive ``verb`` is about: its passive subject, or the name a participle hangs on."""
        for child in verb.children:
            if child.dep_ in _PASSIVE_SUBJECTS:
                return self.view.conjuncts(child)
        if verb.dep_ in {"acl", "amod"}:
            return [(e, w * 0.95) for e, w in self.view.conjuncts(verb.head)]
        if verb.dep_ in {"advcl", "advmod"}:
            for child in verb.head.children:
                if child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS:
                    return [(e, w * 0.95) for e, w in self.view.conjuncts(child)]
        if verb.dep_ == "conj":
            return self._patients(verb.head)
        if (
            verb.dep_ == "ROOT"
            and "Part" in verb.morph.get("VerbForm")
            and all(t.is_space for t in verb.doc[verb.sent.start : verb.i])
        ):
            # 'Desenvolvido pela Meta, o PyTorch fornece ...' read with the fronted participle as
            # the root and the main verb as its conjunct: the participle is about that verb's subject.
            main = next((c for c in verb.rights if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}), None)
            if main is not None:
                for child in main.children:
                    if child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS:
                        return [(e, w * 0.95) for e, w in self.view.conjuncts(child)]
        return []

    # ------------------------------------------------------------------ patterns
    def verbs(self, sentence: Span) -> Iterator[RelationTriple]:
        for verb in sentence:
            if verb.pos_ not in {"VERB", "AUX"} and "Part" not in verb.morph.get("VerbForm"):
                continue
            cue = self._verb_cue(verb)
            if _is_passive(verb):
                agents = [
                    a
                    for c in verb.children
                    if c.dep_ == "obl:agent" or (c.dep_ == "obl" and _preposition(c) == "por")
                    for a in self.view.conjuncts(c)
                ]
                if agents:
                    patients = self._patients(verb)
                    yield from self._pairs(sentence, verb, cue, agents, patients, 0.9, predicate=verb.text)
                    continue
            subjects = self._subjects(verb)
            if not subjects:
                continue
            for child in verb.children:
                # A name hung on the verb as xcomp, or by flat as if the verb began a name ('também
                # suporta C++'), is its object: a verb heads no name.
                if child.dep_ in _OBJECTS or (
                    child.dep_ in {"xcomp", "flat", "flat:name"} and self.view.entity_of[child.i] >= 0
                ):
                    preposition = ""
                elif child.dep_ == "obl":
                    preposition = _preposition(child)
                else:
                    continue
                objects = self.view.conjuncts(child)
                if not objects:
                    yield from self.companions(sentence, verb, child, subjects)
                    continue
                allowed = cue.get("preps", []) if cue else []
                typed = cue if cue and (preposition == "" and child.dep_ != "obl" or preposition in allowed) else None
                predicate = verb.text + (f" {preposition}" if preposition else "")
                if typed and typed.get("inverse"):
                    yield from self._pairs(sentence, verb, typed, objects, subjects, 0.9, predicate=predicate)
                else:
                    yield from self._pairs(sentence, verb, typed, subjects, objects, 0.9, predicate=predicate)

    def _verb_cue(self, verb: Token) -> dict | None:
        """The cue entry of ``verb``, by lemma, or by the infinitive of a participle the
        lemmatizer missed ('Desenvolvido' -> 'desenvolver')."""
        for candidate in (_lemma(verb), verb.lower_, *_infinitives(verb.lower_)):
            if candidate in self.lex.verbs:
                return self.lex.verbs[candidate]
        return None

    def _pairs(self, sentence, verb, cue, subjects, objects, confidence, *, predicate) -> Iterator[RelationTriple]:
        for subject, s_weight in subjects:
            for obj, o_weight in objects:
                relation = self._typed(cue, self.view.type_of(obj)) if cue else None
                if relation == "leader_of" and self.view.type_of(subject) == "ORG":
                    relation = _ORGANISATION_LEADS  # "liderado por pesquisadores da Meta"
                elif relation == "partner_of" and set(self.view.entities[obj]["names"]) <= self.lex.judiciary:
                    relation = None  # "colaborando com a Justiça": a witness's, not a partner's
                weight = s_weight * o_weight
                if relation:
                    found = list(self._emit(sentence, subject, relation, obj, predicate, confidence * weight))
                    if found:
                        yield from found
                        continue
                if weight == 1.0:
                    yield from self._emit(sentence, subject, "related_to", obj, predicate, _OPEN_CONFIDENCE)

    def companions(self, sentence: Span, verb: Token, noun: Token, subjects) -> Iterator[RelationTriple]:
        """'firmou parceria com Y', 'em conjunto com Y': the verb's subject and the companion. Not
        'de acordo com Y' (according to Y), which only says who told it, and only an open relation
        for 'fechou acordo de delação com Y' (a plea deal with prosecutors is no partnership)."""
        cue = self.lex.companions.get(_lemma(noun))
        if cue is None or _preposition(noun) == "de":
            return
        preps = cue["preps"]
        if any(c.dep_ == "nmod" and _lemma(c) in cue.get("not_of", ()) for c in noun.children):
            cue = None  # left to the open relation
        for child in noun.children:
            if child.dep_ == "nmod" and _preposition(child) in preps:
                objects = self.view.conjuncts(child)
                yield from self._pairs(
                    sentence,
                    verb,
                    cue,
                    subjects,
                    objects,
                    0.8,
                    predicate=f"{verb.text} {noun.text} {_preposition(child)}",
                )

    def role_nouns(self, sentence: Span) -> Iterator[RelationTriple]:
        """'Mark Zuckerberg, fundador da Meta', 'o CEO da Apple, Tim Cook', 'é o fundador da Meta'.

        The role's own complement gets the role's relation ("presidente da SpaceLogistics":
        leader_of); an organisation further down ("vice-presidente de sistemas da Northrop",
        "chefe de produto na Viveport") is the person's employer.
        """
        for noun in sentence:
            if noun.pos_ not in {"NOUN", "PROPN", "ADJ"}:
                continue
            cue = self._role_cue(noun)
            if cue is None:
                continue
            relations = _relations_of(cue)
            direct, employers = self._complements(noun, {t for r in relations for t in SCHEMA_TYPES[r][1]})
            wanted = {t for relation in relations for t in SCHEMA_TYPES[relation][0]}
            holders = self._holders(noun, {e for e, _ in direct + employers}, wanted)
            predicate = " ".join(t.text for t in sentence.doc[noun.i : noun.i + 2])
            deputy = any(c.dep_ == "amod" and c.lower_ in self.lex.deputy_modifiers for c in noun.children)
            if not direct and not employers and self._typed(cue, "ORG") == "part_of":
                direct = self._clause_subjects(noun)  # "a Northrop, por meio da subsidiária SpaceLogistics"
            for holder, weight in holders:
                for obj, o_weight in direct:
                    relation = self._typed(cue, self.view.type_of(obj))
                    if relation and "of_a_court" in cue and self.view.is_court(obj):
                        relation = cue["of_a_court"]  # "o ministro do STF": one of its judges
                    elif relation == "leader_of" and deputy:
                        relation = "employee_of"  # "o diretor regional do ateliê" works there
                    if relation:
                        yield from self._emit(sentence, holder, relation, obj, predicate, 0.85 * weight * o_weight)
                for obj, o_weight in employers:
                    yield from self._emit(sentence, holder, "employee_of", obj, predicate, 0.8 * weight * o_weight)

    def _complements(
        self, noun: Token, object_types: set[str]
    ) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """Entities of ``object_types`` in the 'de' complement of a role noun (and of roles
        coordinated with it), and organisations deeper in its complements (or after 'em'), which
        employ the holder. A complement naming no such entity is looked through: in "o chefe da área
        de projeto da Tesla, Franz von Holzhausen" the name on "área" is the holder, not its object."""
        direct: list[tuple[int, float]] = []
        deeper: list[tuple[int, float]] = []
        # "vice-presidente e general manager de X" share the complement; "o presidente Y e o presidente
        # do Senado" (a determiner of its own) is another person's role.
        roles = [noun] + [
            c
            for c in noun.children
            if c.dep_ == "conj" and c.pos_ in {"NOUN", "ADJ"} and not any(g.dep_ == "det" for g in c.children)
        ]
        frontier = [(c, 0) for role in roles for c in _role_complements(role)]
        while frontier:
            token, depth = frontier.pop(0)
            named = self.view.conjuncts(token)
            # The name on a role of its own ("do ministro X") holds that role: it stops the search.
            holds_own_role = bool(named) and self._role_cue(token) is not None
            if depth == 0 and _preposition(token) in {"de", "por"}:
                fitting = (
                    named if holds_own_role else [(e, w) for e, w in named if self.view.type_of(e) in object_types]
                )
                direct.extend(fitting)
            else:
                fitting = [(e, w) for e, w in named if self.view.type_of(e) == "ORG"]
                deeper.extend(fitting)
            if not fitting and not holds_own_role and depth < 3:
                frontier.extend(
                    (c, depth + 1) for c in token.children if c.dep_ == "nmod" and _preposition(c) in {"de", "em"}
                )
        return direct, deeper

    def _role_cue(self, token: Token) -> dict | None:
        """The cue of a role noun ('fundador', 'ministro'), by lemma or by form, or None."""
        return self.lex.nouns.get(_lemma(token)) or self.lex.nouns.get(token.lower_)

    def _clause_subjects(self, token: Token) -> list[tuple[int, float]]:
        """The subjects of the verb ``token`` depends on, if any."""
        head = token
        while head.head.i != head.i and head.pos_ not in {"VERB", "AUX"}:
            head = head.head
        return [(e, w * 0.8) for e, w in self._subjects(head)] if head.pos_ in {"VERB", "AUX"} else []

    def _holders(self, noun: Token, object_ids: set[int], wanted: set[str]) -> list[tuple[int, float]]:
        """Who holds the role ``noun`` (an entity of a ``wanted`` type): a name in apposition, the
        name the role is in apposition to, the subject of a copula, the subject of a verb of acting
        or the object (passive: the patient) of a verb of appointing whose 'como' complement it is, a
        name right after the role's complement, or the holder of a role the parser coordinated it with."""

        def fitting(found: list[tuple[int, float]], weight: float = 1.0) -> list[tuple[int, float]]:
            return [(e, w * weight) for e, w in found if e not in object_ids and self.view.type_of(e) in wanted]

        # "o presidente X e o presidente do Senado": a coordinated role with its own determiner is
        # another person's, not X's.
        separate = noun.dep_ == "conj" and any(c.dep_ == "det" for c in noun.children)
        anchor = noun if separate else _attachment(noun)
        own_name = self.view.entity_of[anchor.i]
        # "o fundador da Meta, Mark Zuckerberg": a name in apposition to the role (not a bracketed aside).
        for child in list(noun.children) + (list(anchor.children) if anchor.i != noun.i else []):
            if (
                _parenthesised(child)
                or child.dep_ == "conj"
                or (own_name >= 0 and self.view.entity_of[child.i] == own_name)
            ):
                continue
            if child.dep_ in {"flat", "flat:name"} or _in_apposition(child):
                found = fitting(self.view.conjuncts(child))
                if found:
                    return found
        # "Mark Zuckerberg, fundador da Meta": the role in apposition to a name.
        if anchor.dep_ in {"acl", "amod"} or _in_apposition(anchor):
            found = fitting(self.view.names(anchor.head))
            if found:
                return found
        # "Zuckerberg é o fundador da Meta": copula.
        if any(c.dep_ == "cop" for c in anchor.children):
            for child in anchor.children:
                if child.dep_ in _SUBJECTS:
                    return fitting(self.view.conjuncts(child))
        # "Bebeto atuou como presidente do Botafogo", "nomear o deputado X como ministro da Y".
        found = fitting(self._cast_as(anchor))
        if found:
            return found
        # "o pesquisador da Microsoft Teddy Seyed": a name hanging off the complement.
        for obj_token in (c for c in noun.children if c.dep_ == "nmod"):
            for child in obj_token.children:
                if (
                    child.dep_ in {"appos", "flat", "flat:name", "nmod"}
                    and not _preposition(child)
                    and not _parenthesised(child)
                ):
                    found = fitting(self.view.names(child), 0.95)
                    if found:
                        return found
        # "Jorge Picciani (presidente da Alerj), Paulo Melo": a bracketed role is the name's right
        # before the bracket, whatever the parser hung it on; the name after it is not its holder.
        bracketed = _parenthesised(noun)
        if bracketed:
            bracket = noun.left_edge.i if noun.left_edge.text == "(" else noun.left_edge.i - 1
            if bracket > noun.sent.start and self.view.entity_of[bracket - 1] >= 0:
                found = fitting([(self.view.entity_of[bracket - 1], 0.9)])
                if found:
                    return found
        # "o CEO da companhia, Rob Playter, anunciou": the name right after the comma that closes
        # the role's phrase, whatever the parser hung it on.
        after = noun.right_edge.i + 1
        if (
            not bracketed
            and after + 1 < noun.sent.end
            and noun.doc[after].text == ","
            and self.view.entity_of[after + 1] >= 0
        ):
            found = fitting([(self.view.entity_of[after + 1], 0.9)])
            if found:
                return found
        # "X, vice-presidente da Y e presidente da Z": a coordinated role the parser hung lower down.
        if separate:
            return []
        ancestor = anchor.head
        for _ in range(4):
            if ancestor.i == ancestor.head.i:
                break
            if self._role_cue(ancestor) is not None:
                return fitting(self._holders(ancestor, object_ids, wanted), 0.95)
            ancestor = ancestor.head
        return []

    def _cast_as(self, role: Token) -> list[tuple[int, float]]:
        """Who a role in a 'como' complement is given to: the subject of a verb of acting ("Bebeto
        atuou como presidente do Botafogo"), the object of a verb of appointing ("nomear o deputado X
        como ministro", with "como" on the verb or on its object) or, passive, its patient ("foi
        contratado como consultor da Odebrecht")."""
        head = role.head
        if _preposition(role) != "como" or head.i == role.i:
            return []
        if _lemma(head) in self.lex.acting_verbs:
            return self._subjects(head)
        if _lemma(head) in self.lex.appointing_verbs:
            if _is_passive(head):
                return self._patients(head)
            return [n for c in head.children if c.dep_ in _OBJECTS for n in self.view.conjuncts(c)]
        if head.dep_ in _OBJECTS and _lemma(head.head) in self.lex.appointing_verbs:
            return self.view.conjuncts(head)
        return []

    def phrases(self, sentence: Span) -> Iterator[RelationTriple]:
        """'X, sob o guarda-chuva da Y' and 'X, sob o comando de Y': the name the phrase follows."""
        for noun in sentence:
            cue = self.lex.phrases.get(_lemma(noun)) or self.lex.phrases.get(noun.lower_)
            if cue is None or noun.pos_ not in {"NOUN", "PROPN"}:
                continue
            objects = [
                o for c in noun.children if c.dep_ == "nmod" and _preposition(c) == "de" for o in self.view.conjuncts(c)
            ]
            holder = self._preceding_name(noun)
            if holder is None or not objects:
                continue
            predicate = " ".join(t.text for t in noun.subtree if (t.i <= noun.i or t.dep_ == "case") and not t.is_punct)
            for obj, weight in objects:
                subject, target = (obj, holder) if cue.get("reverse") else (holder, obj)
                yield from self._emit(sentence, subject, cue["relation"], target, predicate, 0.8 * weight)

    def _preceding_name(self, noun: Token) -> int | None:
        """The entity named just before the phrase of ``noun`` (only punctuation and function words between)."""
        first = min(t.i for t in noun.subtree)
        i = first - 1
        while (
            i >= noun.sent.start
            and (self.view.doc[i].is_punct or self.view.doc[i].pos_ in {"ADP", "DET", "AUX", "ADV"})
            and self.view.entity_of[i] < 0
        ):
            i -= 1
        if i >= noun.sent.start and self.view.entity_of[i] >= 0:
            return self.view.entity_of[i]
        return None

    def renamings(self, sentence: Span) -> Iterator[RelationTriple]:
        """'Meta (anteriormente Facebook)', 'Meta, antiga Facebook'; 'X, que passou a se chamar Y'."""
        doc = sentence.doc
        mentions = [(s, e, ent) for s, e, ent in self.view.mentions if sentence.start <= s and e <= sentence.end]
        for (_, e1, first), (s2, _, second) in itertools.pairwise(mentions):
            between = doc[e1:s2]
            if len(between) > 6 or first == second:
                continue
            words = {_lemma(t) for t in between} | {t.lower_ for t in between}
            if words & self.lex.formerly and all(
                t.is_punct
                or t.lower_ in self.lex.formerly
                or t.pos_ in {"DET", "ADP", "ADV", "AUX"}
                or t.lower_ in {"conhecida", "conhecido", "chamada", "chamado", "como"}
                for t in between
            ):
                yield from self._emit(sentence, first, "formerly_known_as", second, between.text.strip("(), "), 0.9)
            elif words & self.lex.renamed and any(t.lower_ in _RELATIVES for t in between):
                yield from self._emit(sentence, second, "formerly_known_as", first, between.text.strip("(), "), 0.9)

    def affiliations(self, sentence: Span) -> Iterator[RelationTriple]:
        """Bare attachments between two names.

        'SX-Aurora da NEC', 'Teddy Seyed, da Microsoft', 'College, em New Hampshire'.
        """
        for root, holder in self.view.mention_root.items():
            token = self.view.doc[root]
            if not (sentence.start <= root < sentence.end):
                continue
            children = list(token.children)
            if _in_apposition(token) and self.lex.generic.get(token.head.lower_) == self.view.type_of(holder):
                # "uma startup, a StoreDot, do empresário X": the descriptor's complements are the name's
                children += [c for c in token.head.children if c.i > token.i]
            for child in children:
                if child.dep_ not in {"nmod", "appos"}:
                    continue
                preposition = _preposition(child)
                for obj, weight in self.view.conjuncts(child):
                    if weight < 0.9:
                        continue
                    h_type, o_type = self.view.type_of(holder), self.view.type_of(obj)
                    if preposition == "de" and h_type == "PROJECT" and o_type == "ORG":
                        yield from self._emit(sentence, obj, "developer_of", holder, child.text, 0.7 * weight)
                    elif preposition == "de" and h_type == "PER" and o_type == "ORG":
                        yield from self._emit(sentence, holder, "employee_of", obj, child.text, 0.6 * weight)
                    elif preposition == "de" and h_type == "ORG" and o_type == "PER" and _set_off(child):
                        # "o Blog da Cidadania, de Eduardo Guimarães"; not "a Casa Civil de Dilma"
                        yield from self._emit(sentence, obj, "owner_of", holder, child.text, 0.6 * weight)
                    elif (
                        preposition in {"em", "de"}
                        and o_type == "LOC"
                        and h_type in {"ORG", "PROJECT"}
                        and self._name_before_phrase(child) in {-1, holder}
                        and not self._holds_a_gathering(token)
                    ):
                        yield from self._emit(
                            sentence, holder, "located_in", obj, f"{preposition} {child.text}", 0.6 * weight
                        )
                        yield from self._nested_places(sentence, holder, child, 0.55 * weight)

    def _holds_a_gathering(self, name: Token) -> bool:
        """'a conferência da OTAN em Varsóvia', 'em congresso da Abraji, em São Paulo': a place
        after the name of a gathering's organiser is the gathering's, not the organiser's."""
        return name.dep_ == "nmod" and _lemma(name.head) in self.lex.meeting_nouns

    def _name_before_phrase(self, phrase: Token) -> int:
        """The entity right before the comma that opens ``phrase`` (', em New Hampshire'), or -1.

        'A e B, em X': the place after the comma is B's (``adjacent_names``), whichever of the
        two the parser hung it on."""
        first = phrase.left_edge
        return self.view.name_before_comma(first.nbor() if first.text == "," else first)

    def adjacent_names(self, sentence: Span) -> Iterator[RelationTriple]:
        """Two names next to each other, whatever the parser attached them to: 'os processadores
        SX-Aurora da NEC' (the maker, 0.7); 'Rodrigo Maia (DEM-RJ)' (the party, 0.8); 'o
        Darthmouth College, em New Hampshire, nos Estados Unidos' (places, 0.6 and 0.55)."""
        doc = sentence.doc
        mentions = [(s, e, ent) for s, e, ent in self.view.mentions if sentence.start <= s and e <= sentence.end]
        for (first_start, end, first), (start, second_end, second) in itertools.pairwise(mentions):
            first_type, second_type = self.view.type_of(first), self.view.type_of(second)
            if start == end + 1 and doc[end].lower_ in {"da", "do", "de"}:
                if first_type == "PROJECT" and second_type == "ORG":
                    yield from self._emit(sentence, second, "developer_of", first, doc[end].text, 0.7)
            elif (
                start == end + 1
                and doc[end].text == "("
                and first_type == "PER"
                and party_of(doc[start:second_end].text, self.lex.state_codes) in self.view.entities[second]["names"]
            ):  # "Rodrigo Maia (DEM-RJ)": a politician's party, when the entity stage read the tag so
                yield from self._emit(sentence, first, "member_of", second, doc[start:second_end].text, 0.8)
            elif first_type in {"ORG", "PROJECT"} and not self._holds_a_gathering(doc[first_start:end].root):
                place = self._place_after_comma(sentence, end)
                if place is not None:
                    yield from self._emit(sentence, first, "located_in", place[0], place[1], 0.6)
                    wider = self._place_after_comma(sentence, place[2])
                    if wider is not None:
                        yield from self._emit(sentence, first, "located_in", wider[0], wider[1], 0.55)

    def _place_after_comma(self, sentence: Span, end: int) -> tuple[int, str, int] | None:
        """The place named after ', em' (', no', ', nos' ...) at token ``end``: the place, the
        preposition, and where the place's name ends."""
        doc, view = self.view.doc, self.view
        if end + 2 >= sentence.end or doc[end].text != "," or doc[end + 1].lower_ not in _IN_PLACE:
            return None
        place = view.entity_of[end + 2]
        if place < 0 or view.type_of(place) != "LOC":
            return None
        place_end = end + 2
        while place_end < sentence.end and view.entity_of[place_end] == place:
            place_end += 1
        return place, doc[end + 1].text, place_end

    def _nested_places(self, sentence: Span, holder: int, place: Token, confidence: float) -> Iterator[RelationTriple]:
        """'em New Hampshire, nos Estados Unidos': the wider place is a location of the holder too,
        attached to the first place by the parser or only following it after a comma."""
        for child in place.children:
            if child.dep_ in {"nmod", "appos"}:
                for obj, _ in self.view.names(child):
                    if self.view.type_of(obj) == "LOC":
                        yield from self._emit(sentence, holder, "located_in", obj, child.text, confidence)
        end = place.i
        while end < sentence.end and self.view.entity_of[end] == self.view.entity_of[place.i]:
            end += 1
        wider = self._place_after_comma(sentence, end)
        if wider is not None:
            yield from self._emit(sentence, holder, "located_in", wider[0], wider[1], confidence)

    def makers_in_names(self, sentence: Span) -> Iterator[RelationTriple]:
        """'Nvidia A100 Tensor Core', 'Apple AirPods': a product named after an organisation of the
        text. Not a name that adds only a number ('Flip 2017', 'COP 23'): an edition, not a product."""
        doc = sentence.doc
        orgs = {name: e for e, data in enumerate(self.view.entities) if data["type"] == "ORG" for name in data["names"]}
        for start, end, entity in self.view.mentions:
            if not (sentence.start <= start < sentence.end) or self.view.type_of(entity) != "PROJECT":
                continue
            words = [t.text for t in doc[start:end]]
            for name, org in orgs.items():
                size = len(name.split())
                at = next((i for i in range(len(words) - size + 1) if " ".join(words[i : i + size]) == name), None)
                if at is None or size >= len(words):
                    continue
                added = words[:at] + words[at + size :]
                if any(char.isalpha() for word in added for char in word):
                    yield from self._emit(sentence, org, "developer_of", entity, name, 0.7)

    def memberships(self, sentence: Span) -> Iterator[RelationTriple]:
        """'um conselho composto por representantes da AMD, Google e Nvidia', 'os membros virão
        da comunidade, incluindo Google e AMD': the listed names are members of the body's
        organisation."""
        bodies = [t for t in sentence if t.pos_ in {"NOUN", "PROPN"} and _lemma(t) in self.lex.bodies]
        if not bodies:
            return
        for noun in sentence:
            if noun.pos_ not in {"NOUN", "PROPN"} or _lemma(noun) not in self.lex.member_nouns:
                continue
            body = min(bodies, key=lambda b: abs(b.i - noun.i))
            owner = self._body_owner(body)
            if owner is None:
                continue
            predicate = f"{body.text} ... {noun.text}" if body.i < noun.i else f"{noun.text} ... {body.text}"
            for member in self._listed_after(noun):
                yield from self._emit(sentence, member, "member_of", owner, predicate, 0.75)

    def _listed_after(self, noun: Token) -> list[int]:
        """The persons and organisations listed right after ``noun`` ("representantes da AMD, Meta e
        Nvidia"), or after a short stretch of words ("membros virão da comunidade, incluindo X, Y")."""
        doc, sentence = self.view.doc, noun.sent
        listed: list[int] = []
        i, skipped = noun.i + 1, 0
        while i < sentence.end:
            entity = self.view.entity_of[i]
            if entity >= 0:
                if self.view.type_of(entity) not in {"ORG", "PER"}:
                    break
                if not listed and doc[i - 1].lower_ in _DE and _lemma(noun) not in self.lex.members_named_by_de:
                    break  # "membro auxiliar da Corregedoria": what they are members of, not a member
                if entity not in listed:
                    listed.append(entity)
                while i < sentence.end and self.view.entity_of[i] == entity:
                    i += 1
                continue
            word = doc[i]
            if listed and not (word.lower_ in {",", "e", "o", "a", "os", "as"} or word.lower_ in _DE):
                break
            if not listed:
                skipped += 1
                if skipped > 6:
                    break
            i += 1
        return listed

    def _body_owner(self, body: Token) -> int | None:
        """The organisation a board belongs to: its 'de' complement ("o conselho da fundação"), else
        the membership organisation (a foundation, an association) named most recently, leaving out
        one that another candidate is part of: a board named under an umbrella is the member's."""
        for child in body.children:
            if child.dep_ == "nmod" and _preposition(child) == "de":
                for entity, _ in self.view.names(child):
                    if self.view.type_of(entity) == "ORG":
                        return entity
        last_mention: dict[int, int] = {}
        for start, _, entity in self.view.mentions:
            if start < body.sent.end and self.view.type_of(entity) == "ORG" and self._is_membership_body(entity):
                last_mention[entity] = start
        parents = {parent for child, parent in self.part_of if child in last_mention}
        candidates = [e for e in last_mention if e not in parents]
        return max(candidates, key=last_mention.__getitem__) if candidates else None

    def _is_membership_body(self, entity: int) -> bool:
        words = {w.lower() for name in self.view.entities[entity]["names"] for w in name.split()}
        return bool(words & self.lex.membership_words)

    def applications(self, sentence: Span) -> Iterator[RelationTriple]:
        """'X, Y e Z são algumas das aplicações mais conhecidas desse framework': the subjects of the
        copula use the project named just after a user noun, wherever the parser hung it."""
        for noun in sentence:
            cue = self.lex.nouns.get(_lemma(noun)) if noun.pos_ == "NOUN" else None
            if cue is None or self._typed(cue, "PROJECT") != "uses":
                continue
            clause = noun if any(c.dep_ == "cop" for c in noun.children) else noun.head
            if not any(c.dep_ == "cop" for c in clause.children):
                continue
            users = [u for c in clause.children if c.dep_ in _SUBJECTS for u in self.view.conjuncts(c)]
            project = self._following_project(noun)
            if project is None:
                continue
            for user, weight in users:
                yield from self._emit(sentence, user, "uses", project[0], noun.text, 0.75 * weight * project[1])

    def _following_project(self, noun: Token) -> tuple[int, float] | None:
        """The project named in the first 'de' phrase within a few words after ``noun``, whatever
        relation the parser gave the phrase ('desse framework' read as an object, too)."""
        for token in noun.doc[noun.i + 1 : min(noun.i + 6, noun.sent.end)]:
            if _preposition(token) == "de":
                for entity, weight in self.view.names(token):
                    if self.view.type_of(entity) == "PROJECT":
                        return entity, weight
        return None

    def all(self, sentence: Span) -> Iterator[RelationTriple]:
        yield from self.makers_in_names(sentence)
        yield from self.verbs(sentence)
        yield from self.role_nouns(sentence)
        yield from self.phrases(sentence)
        yield from self.renamings(sentence)
        yield from self.affiliations(sentence)
        yield from self.adjacent_names(sentence)
        yield from self.applications(sentence)


def extract_relations(doc: Doc, *, lex: _Lexicon | None = None) -> Iterator[RelationTriple]:
    """Yield the relations stated in ``doc``, at most one per (subject, relation, object, sentence).

    ``doc`` must carry ``doc._.kg_entities`` and ``doc._.kg_mentions`` (component ``kg_entities``).
    """
    view = _DocView(doc, lex or _Lexicon())
    extractor = _Extractor(view)
    found = [(sentence, list(extractor.all(sentence))) for sentence in doc.sents]
    # Memberships need the document's part_of relations (which organisation a board belongs to).
    extractor.part_of = {(t.subject, t.object) for _, triples in found for t in triples if t.relation == "part_of"}
    for sentence, triples in found:
        best: dict[tuple[int, str, int], RelationTriple] = {}
        for triple in itertools.chain(triples, extractor.memberships(sentence)):
            key = (triple.subject, triple.relation, triple.object)
            if key not in best or triple.confidence > best[key].confidence:
                best[key] = triple
        typed_pairs = {(t.subject, t.object) for t in best.values() if t.relation != "related_to"}
        stronger_roles = {(t.subject, t.object) for t in best.values() if t.relation in _IMPLIES_EMPLOYMENT}
        for triple in best.values():
            if triple.relation == "related_to" and (triple.subject, triple.object) in typed_pairs:
                continue
            if triple.relation == "employee_of" and (triple.subject, triple.object) in stronger_roles:
                continue  # the president of X is not also reported as X's employee
            yield triple


class RelationExtractor:
    """spaCy component ``kg_relations``: stores the relations of a Doc as plain dicts."""

    def __init__(self, nlp: Language, name: str = "kg_relations") -> None:
        self.name = name
        self.lex = _Lexicon()
        if not Doc.has_extension("kg_relations"):
            Doc.set_extension("kg_relations", default=None)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, list(self.find(doc)))

    def find(self, doc: Doc) -> Iterator[RelationTriple]:
        return extract_relations(doc, lex=self.lex)

    def set_annotations(self, doc: Doc, triples: list[RelationTriple]) -> Doc:
        doc._.kg_relations = [
            {
                "subject": t.subject,
                "relation": t.relation,
                "object": t.object,
                "predicate": t.predicate,
                "confidence": t.confidence,
                "start": t.start,
                "end": t.end,
            }
            for t in triples
        ]
        return doc


@Language.factory(
    "kg_relations", requires=["doc._.kg_entities", "doc._.kg_mentions", "token.dep"], assigns=["doc._.kg_relations"]
)
def make_kg_relations(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
