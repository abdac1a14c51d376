"""Offline grammar: precise checks for the real-word errors of Russian and Ukrainian replies.

A dictionary lookup cannot see «выберете» where «выберите» is meant: both are words. Each check
here is either data (`rules/<lang>/grammar.toml`: a wrong phrase, its fix, the context it needs)
or one small function that asks pymorphy3 about the sentence around a word. A language's file
says which functions run for it. Every issue carries the check's code, the words it covers, a
suggestion, and whether replacing the words by the suggestion is certain (a safe fix).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple

from replylint.data import load_toml
from replylint.document.model import Document, Sentence
from replylint.document.morphology import Morphology, morphology_for
from replylint.document.normalize import fold, fold_token
from replylint.document.tokens import Token, TokenKind
from replylint.mechanisms.suggest import FOREIGN_LETTERS

# Tokens that end a clause: the governor of a verb form is looked for up to one of these.
_CLAUSE_BREAKS = {",", ";", ":", "(", ")", "«", "»", '"', "“", "”", "—", "–", "-", "…", "!", "?", "."}
_VERB_FORMS = {"VERB", "INFN", "PRTS", "GRND", "PRED"}
# What a replacement takes over from the word it replaces: number, tense, person, gender, case.
_INFLECTION = {"sing", "plur", "past", "pres", "futr", "1per", "2per", "3per", "masc", "femn", "neut", "infn",
               "impr", "nomn", "gent", "datv", "accs", "ablt", "loct"}


class GrammarIssue(NamedTuple):
    """One grammar slip: where, which check found it, and the fix it suggests."""

    start: int
    end: int
    code: str  # the check: "imperative", "tsya", "merged", ...; a message key of the `grammar` rule
    suggestion: str
    safe: bool = False  # replacing text[start:end] by the suggestion is certain


def grammar_issues(document: Document) -> list[GrammarIssue]:
    """Every issue of the offline checks in the reply's own sentences, in text order, no overlaps."""
    lang = document.language
    rules = _rules(lang)
    if not rules.enabled:
        return []
    found: list[GrammarIssue] = []
    foreign = FOREIGN_LETTERS[lang]
    for sentence in document.sentences:
        if not foreign.isdisjoint(sentence.text.lower()):
            continue  # a sentence in the other language («Так же вы можете…» in a Ukrainian reply)
        view = _Sentence(sentence, document.morph, rules)
        for check in rules.functions:
            found += check(view)
        found += _phrase_issues(view)
    found.sort(key=lambda issue: (issue.start, -issue.end))
    kept: list[GrammarIssue] = []
    for issue in found:
        if not kept or issue.start >= kept[-1].end:
            kept.append(issue)
    return kept


def claims_word(lang: str, word: str) -> bool:
    """The grammar checks own this unknown word («вообщем», «незнаю»): spelling leaves it alone."""
    rules = _rules(lang)
    folded = fold(word)
    return folded in rules.single_words or ("ne-apart" in rules.names and _merged_ne(morphology_for(lang), word)
                                            is not None)


# -- the data ----------------------------------------------------------------------------------

class _Phrase:
    """One wrong phrase of the data;
    a plain class, not a dataclass: defining one costs most of a millisecond in every run."""

    __slots__ = ("by_lemma", "code", "next_tags", "not_after_tags", "right", "safe", "time_after", "wrong")

    def __init__(self, code: str, wrong: tuple[str, ...], right: tuple[str, ...], safe: bool, by_lemma: bool,
                 next_tags: frozenset[str], not_after_tags: frozenset[str], time_after: bool) -> None:
        self.code = code
        self.wrong = wrong  # folded words (or lemmas, when by_lemma), punctuation as its own item
        self.right = right
        self.safe = safe
        self.by_lemma = by_lemma
        self.next_tags = next_tags  # the next word must have one of these grammemes (or be a number)
        self.not_after_tags = not_after_tags  # the previous word must have none of these
        self.time_after = time_after  # a number or a word of the `time-words` list follows within four words


class _Rules:
    """A language's grammar data and checks;
    a plain class, not a dataclass: defining one costs most of a millisecond in every run."""

    __slots__ = ("by_lemma", "enabled", "functions", "lang", "names", "phrases", "single_words", "words")

    def __init__(self, lang: str, enabled: bool, names: frozenset[str],
                 functions: tuple[Callable[[_Sentence], list[GrammarIssue]], ...],
                 phrases: dict[str, tuple[_Phrase, ...]], single_words: frozenset[str], by_lemma: bool,
                 words: dict[str, frozenset[str]]) -> None:
        self.lang = lang
        self.enabled = enabled
        self.names = names
        self.functions = functions
        self.phrases = phrases  # by first word
        self.single_words = single_words  # one-token wrong forms that are not dictionary words
        self.by_lemma = by_lemma  # some phrase matches on lemmas: every word's lemmas are looked up
        self.words = words  # the word lists the functions read


def _split(phrase: str) -> tuple[str, ...]:
    return tuple(fold(phrase).replace(",", " , ").split())


@cache
def _rules(lang: str) -> _Rules:
    raw = load_toml(f"{lang}/grammar.toml")
    phrases: dict[str, list[_Phrase]] = {}
    singles: set[str] = set()
    for entry in raw.get("phrase", ()):
        for wrong in entry["wrong"]:
            phrase = _Phrase(entry["code"], _split(wrong), tuple(entry["right"].split()), bool(entry.get("safe")),
                             bool(entry.get("lemma")), frozenset(entry.get("next", ())),
                             frozenset(entry.get("not_after", ())), bool(entry.get("time_after")))
            phrases.setdefault(phrase.wrong[0], []).append(phrase)
            if len(phrase.wrong) == 1 and not (phrase.by_lemma or phrase.next_tags or phrase.not_after_tags):
                singles.add(phrase.wrong[0])
    names = frozenset(raw.get("functions", ()))
    unknown = names - _FUNCTIONS.keys()
    if unknown:
        raise ValueError(f"rules/{lang}/grammar.toml: unknown functions {sorted(unknown)}")
    return _Rules(lang, bool(raw), names, tuple(_FUNCTIONS[name] for name in sorted(names)),
                  {key: tuple(value) for key, value in phrases.items()}, frozenset(singles),
                  any(p.by_lemma for group in phrases.values() for p in group),
                  {key: frozenset(fold(word) for word in value) for key, value in raw.get("words", {}).items()})


# -- one sentence, as the checks read it ---------------------------------------------------------

class _Sentence:
    def __init__(self, sentence: Sentence, morph: Morphology, rules: _Rules) -> None:
        self.tokens: Sequence[Token] = sentence.tokens
        self.morph = morph
        self.rules = rules
        self.folded = [fold_token(token.text) for token in self.tokens]
        # Every check needs some word to be there («вы», «не», «так же»…): a set of the sentence's
        # words lets a check that cannot fire skip its walk over the tokens.
        self.present = frozenset(self.folded)

    def words(self, key: str) -> frozenset[str]:
        return self.rules.words.get(key, frozenset())

    def word(self, i: int) -> str:
        return self.folded[i] if 0 <= i < len(self.tokens) else ""

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].kind is TokenKind.WORD

    def parses(self, i: int) -> tuple[Any, ...]:
        return self.morph.parse(self.tokens[i].text) if self.is_word(i) else ()

    def has(self, i: int, *grammemes: str) -> bool:
        """Some parse of token i has all of `grammemes` (the answer is remembered per word)."""
        return self.is_word(i) and self.morph.has_tag(self.tokens[i].text, grammemes)

    def any_of(self, i: int, grammemes: frozenset[str] | set[str]) -> bool:
        return any(parse.tag.grammemes & grammemes for parse in self.parses(i))

    def only(self, i: int, *grammemes: str) -> bool:
        """Every parse of token i has all of `grammemes` (and there is one)."""
        parses = self.parses(i)
        return bool(parses) and all(set(grammemes) <= parse.tag.grammemes for parse in parses)

    def known(self, i: int) -> bool:
        """A dictionary word: the checks never reason about pymorphy3's guesses for unknown ones
        (a Ukrainian word in a Russian reply)."""
        return self.is_word(i) and self.morph.is_known(self.tokens[i].text)

    def clause(self, i: int) -> tuple[int, int]:
        """The indices [start, end) of the clause around token i: up to punctuation either side."""
        start = i
        while start > 0 and self.folded[start - 1] not in _CLAUSE_BREAKS:
            start -= 1
        end = i + 1
        while end < len(self.tokens) and self.folded[end] not in _CLAUSE_BREAKS:
            end += 1
        return start, end

    def ends_with_question(self) -> bool:
        return any(token.text == "?" for token in self.tokens[-2:])

    def issue(self, first: int, last: int, code: str, suggestion: str, safe: bool = False) -> GrammarIssue:
        model = self.tokens[first].text
        if model[:1].isupper():
            suggestion = suggestion[:1].upper() + suggestion[1:]
        return GrammarIssue(self.tokens[first].start, self.tokens[last].end, code, suggestion, safe)


def _form(parse: Any, grammemes: set[str]) -> str | None:
    return _inflected(parse, frozenset(grammemes))


@lru_cache(maxsize=16384)
def _inflected(parse: Any, grammemes: frozenset[str]) -> str | None:
    """The form of `parse`'s word with `grammemes`: pymorphy3 builds the whole lexeme for it (some
    hundred microseconds), and drafts ask the same words the same: once per word and process."""
    try:
        inflected = parse.inflect(grammemes)
    except ValueError:
        # pymorphy3 shares one tag class between languages: once the Ukrainian dictionary is
        # loaded, inflect() refuses Russian-only grammemes («excl»). The lexeme still has them.
        inflected = next((form for form in parse.lexeme if grammemes <= form.tag.grammemes), None)
    return inflected.word if inflected is not None else None


# -- data checks: fixed wrong phrases ----------------------------------------------------------

def _phrase_issues(view: _Sentence) -> list[GrammarIssue]:
    found = []
    for i, token in enumerate(view.tokens):
        if token.kind is not TokenKind.WORD:
            continue
        candidates = view.rules.phrases.get(view.folded[i], ())
        if not candidates and view.rules.by_lemma:
            candidates = _by_lemma(view.rules, view.morph, token.text)
        for phrase in candidates:
            issue = _match_phrase(view, i, phrase)
            if issue is not None:
                found.append(issue)
                break
    return found


@lru_cache(maxsize=65536)
def _by_lemma(rules: _Rules, morph: Morphology, word: str) -> tuple[_Phrase, ...]:
    """The phrases matched on lemmas that a dictionary word may start: the same for every draft."""
    if not morph.parse(word):
        return ()
    return tuple(p for lemma in morph.lemmas(word) for p in rules.phrases.get(lemma, ()) if p.by_lemma)


def _match_phrase(view: _Sentence, i: int, phrase: _Phrase) -> GrammarIssue | None:
    last = i + len(phrase.wrong) - 1
    if last >= len(view.tokens):
        return None
    for offset, wanted in enumerate(phrase.wrong):
        at = i + offset
        if view.folded[at] != wanted and not (phrase.by_lemma and view.is_word(at)
                                              and wanted in view.morph.lemmas(view.tokens[at].text)):
            return None
    if phrase.next_tags:
        after = last + 1
        number = after < len(view.tokens) and view.tokens[after].kind is TokenKind.NUMBER
        if not number and not view.any_of(after, phrase.next_tags):
            return None
    if phrase.not_after_tags and view.any_of(i - 1, phrase.not_after_tags):
        return None
    if phrase.time_after and not _time_follows(view, last + 1):
        return None
    right = list(phrase.right)
    if phrase.by_lemma:
        right[0] = _inflected_like(view, i, right[0]) or right[0]
        for k in range(1, min(len(right), len(phrase.wrong))):
            if right[k] == phrase.wrong[k]:
                right[k] = view.folded[i + k]  # kept as written: «не приймаємо участі» -> «не беремо участі»
    return view.issue(i, last, phrase.code, " ".join(right), phrase.safe and not phrase.by_lemma)


def _time_follows(view: _Sentence, start: int) -> bool:
    """«в течение 5 дней», «в течение всего рабочего дня»: a number or a word of time soon after."""
    times = view.words("time-words")
    for j in range(start, min(start + 4, len(view.tokens))):
        if view.tokens[j].kind is TokenKind.NUMBER or view.word(j) in _CLAUSE_BREAKS - {"-"}:
            return view.tokens[j].kind is TokenKind.NUMBER
        if view.is_word(j) and not view.morph.lemmas(view.tokens[j].text).isdisjoint(times):
            return True
    return False


def _inflected_like(view: _Sentence, i: int, lemma: str) -> str | None:
    """`lemma` in the form of token i («приймали» -> «брали»)."""
    parses = view.parses(i)
    if not parses:
        return None
    target = view.morph.parse(lemma)
    if not target:
        return None
    return _form(target[0], set(parses[0].tag.grammemes) & _INFLECTION)


# -- function checks ---------------------------------------------------------------------------

def _imperative(view: _Sentence) -> list[GrammarIssue]:
    """«Нажмите на профиль и выберете канал»: a future «вы выберете» where the imperative is meant.

    The form must be a 2nd-person plural future (perfective) whose imperative is spelt
    differently («выберите», «выставьте»; «установите» is both and never flagged). It is an
    instruction when it opens the sentence, a list item or a clause after «:» (maybe after
    «Затем», «Для этого»), or follows an imperative of the same sentence with no «если», «когда»
    or «вы» between. Questions, sentences with a dash («Выберете тариф — получите скидку») and
    verbs of a result («Откройте раздел и увидите кнопку») are left alone."""
    found = []
    for i, word in enumerate(view.folded):
        # The cheap test first: a 2nd-person plural ends in «-те(сь)» (most words are never parsed here).
        if not word.endswith(("те", "тесь")) or not view.is_word(i):
            continue
        if not view.known(i) or not view.only(i, "VERB", "futr", "2per", "plur"):
            continue
        if not view.morph.lemmas(view.tokens[i].text).isdisjoint(view.words("result-verbs")):
            continue
        imperative = _form(view.parses(i)[0], {"impr", "excl", "plur"})
        if not imperative or fold(imperative) == view.folded[i] or view.ends_with_question():
            continue
        if any(view.word(j) in {"—", "–"} for j in range(i + 1, len(view.tokens))):
            continue
        if _opens_instruction(view, i) or _after_imperative(view, i):
            found.append(view.issue(i, i, "imperative", imperative))
    return found


def _opens_instruction(view: _Sentence, i: int) -> bool:
    openers = view.words("instruction-openers")
    j = i - 1
    while j >= 0 and (view.word(j) in openers or view.word(j) == ","):
        j -= 1
    if j < 0:
        return True
    before = view.tokens[j]
    if before.text in {".", ")"} and j == 1 and view.tokens[0].kind is TokenKind.NUMBER:
        return True  # a numbered step: «8. Выставите…», «2) Выберите…»
    return before.text in {":", ";", "•", "·", "*", "-", "–", "—"} or (before.kind is TokenKind.NUMBER and j == 0)


def _after_imperative(view: _Sentence, i: int) -> bool:
    stops = view.words("subordinators") | {"вы"}
    for j in range(i - 1, -1, -1):
        if view.word(j) in stops or view.word(j) in {"?", "!", ";", ":"}:
            return False
        if view.is_word(j) and view.only(j, "impr"):
            return view.word(i - 1) in {"и", ","} or view.word(i - 1) in view.words("instruction-openers")
    return False


def _future_after_if(view: _Sentence) -> list[GrammarIssue]:
    """«Если вы выберите тариф»: after «если/когда вы» the future «выберете» is meant."""
    found: list[GrammarIssue] = []
    if "вы" not in view.present:
        return found
    subordinators = view.words("subordinators")
    for i in range(2, len(view.tokens)):
        j = i - 1
        if view.word(j) == "не":
            j -= 1
        if view.word(j) != "вы" or view.word(j - 1) not in subordinators:
            continue
        if not view.known(i) or not view.only(i, "VERB", "impr", "plur"):
            continue
        future = _form(view.parses(i)[0], {"futr", "indc", "2per", "plur"})
        if future and fold(future) != view.folded[i]:
            found.append(view.issue(i, i, "future", future))
    return found


def _tsya(view: _Sentence) -> list[GrammarIssue]:
    """тся/ться: «У вас всё получиться» (a finite verb is meant: «получится») and «нужно
    подключится» (an infinitive is meant: «подключиться»)."""
    found = []
    for i, word in enumerate(view.folded):
        if not word.endswith(("ться", "тся")) or not view.known(i):
            continue
        if word.endswith("ться") and view.only(i, "INFN"):
            if i and view.tokens[i].text[:1].isupper():
                continue  # «нажмите кнопку Подключиться»: a label, quoted or not
            finite = word[:-4] + "тся"
            if view.morph.has_tag(finite, {"VERB", "3per"}) and _needs_finite(view, i):
                found.append(view.issue(i, i, "tsya", finite))
        elif word.endswith("тся") and view.only(i, "VERB", "3per"):
            infinitive = word[:-3] + "ться"
            if view.morph.has_tag(infinitive, {"INFN"}) and _needs_infinitive(view, i):
                found.append(view.issue(i, i, "tsya", infinitive))
    return found


def _needs_finite(view: _Sentence, i: int) -> bool:
    """The clause has a subject («всё», «видео», «у вас») and nothing that could govern an infinitive."""
    start, end = view.clause(i)
    governors = view.words("infinitive-governors")
    taking = view.words("infinitive-taking-lemmas")
    infinitive_subject = False
    for j in range(start, end):
        if j == i:
            continue
        if j < i and view.only(j, "INFN") and view.morph.lemmas(view.tokens[j].text).isdisjoint(taking) \
                and not {"и", "или", "а"} & set(view.folded[j + 1:i]):
            infinitive_subject = True  # «подключить не получиться»: the infinitive is the subject
            continue
        if j > i and view.only(j, "INFN"):
            continue  # «не получиться войти»: the infinitive depends on the verb, not the reverse
        if view.any_of(j, _VERB_FORMS) or view.has(j, "ADJS") or view.word(j) in governors:
            return False
    if infinitive_subject:
        return True
    if view.has(i - 1, "NOUN") and (not view.has(i - 1, "NOUN", "nomn") or not view.morph.lemmas(
            view.tokens[i - 1].text).isdisjoint(view.words("infinitive-nouns"))):
        return False  # «возможность подключиться», «просьба подключиться»: the noun governs it
    subjects = view.words("subjects")
    for j in range(start, i):
        if view.word(j) in subjects or (view.word(j) == "у" and view.has(j + 1, "gent")):
            return True
        if view.has(j, "NOUN", "nomn") or view.has(j, "NPRO", "nomn", "3per"):
            return True
    return False


def _needs_infinitive(view: _Sentence, i: int) -> bool:
    """The word before (past «не») takes an infinitive: «нужно», «можете», «чтобы», «будет»."""
    j = i - 1
    if view.word(j) == "не":
        j -= 1
    if not view.is_word(j):
        return False
    word = view.word(j)
    if word in view.words("infinitive-takers") or view.only(j, "PRED"):
        return True
    lemmas = view.morph.lemmas(view.tokens[j].text)
    if not lemmas.isdisjoint(view.words("infinitive-taking-lemmas")):
        return True
    return word in view.words("future-auxiliary") and view.has(i, "impf")  # «будет находиться»


def _ne_together(view: _Sentence) -> list[GrammarIssue]:
    """«не точный», «не желательно», «не оплаченный заказ»: written as one word.

    The word after «не» is a qualitative adjective, an adverb made from one, or a full participle
    directly before the noun it qualifies, and «не»+word is itself in the dictionary. It stays
    apart with a contrast («не точный, а приблизительный»), after «вовсе», «далеко», «ещё»…,
    with a negative word in the clause («никому не нужный»), and for the words listed as
    right both ways («не обязательно», «не важно»)."""
    found: list[GrammarIssue] = []
    if "не" not in view.present:
        return found
    for i in range(1, len(view.tokens)):
        if view.word(i - 1) != "не" or not view.known(i) or view.word(i) in view.words("ne-apart-ok"):
            continue
        merged = "не" + view.folded[i]
        if not view.morph.is_known(merged) or view.word(i - 2) in view.words("ne-apart-before"):
            continue
        if _qualitative(view, i):
            if _before_agreeing_noun(view, i):
                continue  # «это не свободная лицензия»: the negation is of the whole phrase
        elif not _before_agreeing_noun(view, i, participle=True) or view.word(i - 2) == "это":
            continue
        start, end = view.clause(i)
        negatives = view.words("negatives")
        if "а" in view.folded[i + 1:i + 7] or any(view.word(j) in negatives for j in range(start, end)):
            continue  # «не точный, а приблизительный», «никому не нужный»
        found.append(view.issue(i - 1, i, "ne-together", merged))
    return found


def _qualitative(view: _Sentence, i: int) -> bool:
    if any(parse.tag.POS in {"VERB", "INFN", "PRTS", "NOUN", "NPRO", "PREP", "CONJ", "PRCL", "COMP"}
           for parse in view.parses(i)):
        return False
    if view.has(i, "ADJF", "Qual"):
        return True
    return view.has(i, "ADVB") and view.has(i, "ADJS", "Qual")


def _before_agreeing_noun(view: _Sentence, i: int, *, participle: bool = False) -> bool:
    """Token i (a full participle, when asked) stands right before a noun in one of its cases."""
    if participle and not view.only(i, "PRTF"):
        return False
    if not view.is_word(i + 1):
        return False
    cases = {"nomn", "gent", "datv", "accs", "ablt", "loct"}
    own = {case for parse in view.parses(i) for case in parse.tag.grammemes & cases}
    noun = {case for parse in view.parses(i + 1)
            if parse.tag.POS == "NOUN" and not parse.tag.grammemes & {"Init", "Abbr"}  # «и» is an initial too
            for case in parse.tag.grammemes & cases}
    return bool(own & noun)


def _merged_ne(morph: Morphology, word: str) -> str | None:
    """«незнаю» -> «не знаю»: an unknown word that is «не» glued to a verb."""
    folded = fold(word)
    if len(folded) < 5 or not folded.startswith("не") or morph.is_known(folded):
        return None
    rest = folded[2:]
    if not morph.is_known(rest) or not all(parse.tag.POS in {"VERB", "INFN", "GRND"} for parse in morph.parse(rest)):
        return None
    return "не " + rest


def _ne_apart(view: _Sentence) -> list[GrammarIssue]:
    """«незнаю», «небыло»: «не» with a verb is written apart."""
    found = []
    for i, word in enumerate(view.folded):
        # The sentence's folded words answer most of what _merged_ne asks first, without folding again.
        if word.startswith("не") and len(word) >= 5 and view.is_word(i):
            apart = _merged_ne(view.morph, view.tokens[i].text)
            if apart:
                found.append(view.issue(i, i, "ne-apart", apart, safe=True))
    return found


def _takzhe(view: _Sentence) -> list[GrammarIssue]:
    """«Вы так же можете…» means «also»: «также». «так же, как», «так же быстро», «точно так же»
    compare and stay apart."""
    found: list[GrammarIssue] = []
    if "так" not in view.present or "же" not in view.present:
        return found
    also = next(iter(view.words("also")), "также")
    if view.ends_with_question():
        return []  # «Разве так же можно?»: «in that way» or «also», a question does not tell
    for i in range(len(view.tokens) - 2):
        if view.word(i) != "так" or view.word(i + 1) != "же" or not view.is_word(i + 2):
            continue
        if view.word(i - 1) in view.words("so-same-before") or "как" in view.folded[i + 2:] \
                or "як" in view.folded[i + 2:]:
            continue
        if view.any_of(i + 2, {"ADVB", "ADJF", "ADJS", "COMP"}) and not view.any_of(i + 2, {"VERB", "PRED"}):
            continue
        found.append(view.issue(i, i + 1, "takzhe", also))
    return found


def _short_adjective(view: _Sentence) -> list[GrammarIssue]:
    """«в нужно формате»: after a preposition the full adjective agrees with the noun («нужном»)."""
    found = []
    cases = {"gent", "datv", "accs", "ablt", "loct"}
    prepositions, folded = view.words("prepositions"), view.folded
    for i in range(1, len(folded) - 1):
        if folded[i - 1] not in prepositions:
            continue  # a closed class: listed, so the words of a sentence need not all be parsed
        if not view.known(i) or not view.has(i, "ADJS", "Qual"):
            continue
        if any(parse.tag.POS in {"ADJF", "NOUN", "NPRO", "PRTF", "VERB", "INFN", "NUMR"} for parse in view.parses(i)):
            continue
        nouns = [parse for parse in view.parses(i + 1) if parse.tag.POS == "NOUN" and parse.tag.grammemes & cases]
        if not nouns or view.has(i + 1, "ADJF"):
            continue
        noun = nouns[0].tag
        adjective = next(parse for parse in view.parses(i) if "ADJS" in parse.tag.grammemes)
        wanted = {noun.case, noun.number} | ({noun.gender} if noun.number == "sing" and noun.gender else set())
        full = view.morph.parse(adjective.normal_form)
        form = _form(full[0], wanted) if full else None
        if form and fold(form) != view.folded[i]:
            found.append(view.issue(i, i, "short-adjective", form))
    return found


def _purpose(view: _Sentence) -> list[GrammarIssue]:
    """«Нажмите кнопку, что бы сохранить»: after a verb of action, «, что бы» + an infinitive or
    «мы смогли» states a purpose: «чтобы». After a verb of speech or thought («Подскажите, что
    бы вы хотели», «Не знаю, что бы выбрать»), after «то, всё» and with «ни» it is «что бы»."""
    found: list[GrammarIssue] = []
    if "что" not in view.present or "бы" not in view.present:
        return found
    speech = view.words("speech-verbs")
    for i in range(1, len(view.tokens) - 2):
        if view.word(i) != "что" or view.word(i + 1) != "бы" or view.word(i - 1) != ",":
            continue
        j = i + 2
        if view.has(j, "NPRO", "nomn"):
            j += 1
        if not (view.only(j, "INFN") or (j > i + 2 and view.has(j, "VERB", "past"))):
            continue
        if "ни" in view.folded[i + 2:view.clause(i + 2)[1]] or view.word(i - 2) in view.words("antecedents"):
            continue  # «что бы вы ни выбрали», «список того, что бы вы хотели»
        verbs = [k for k in range(i - 1) if view.known(k) and view.any_of(k, {"VERB"})]
        if verbs and view.morph.lemmas(view.tokens[verbs[-1]].text).isdisjoint(speech):
            found.append(view.issue(i, i + 1, "chtoby", "чтобы"))
    return found


def _dative(view: _Sentence) -> list[GrammarIssue]:
    """«согласно договора», «благодаря нового тарифа»: these prepositions take the dative
    («согласно договору»). Flagged only when the noun has a genitive form and no dative one."""
    found: list[GrammarIssue] = []
    if view.present.isdisjoint(view.words("dative-prepositions")):
        return found
    for i in range(len(view.tokens) - 1):
        if view.word(i) not in view.words("dative-prepositions"):
            continue
        k = i + 1  # past the adjectives to the noun: «согласно нового графика»
        while view.known(k) and view.any_of(k, {"ADJF", "PRTF"}) and view.any_of(k + 1, {"NOUN", "ADJF", "PRTF"}):
            k += 1
        if not view.known(k) or view.tokens[k].text[:1].isupper():
            continue  # a name («согласно Положению» is rare, «согласно Иванову» a name) is left alone
        nouns = [parse for parse in view.parses(k) if parse.tag.POS == "NOUN"]
        if not nouns or any("datv" in parse.tag.grammemes for parse in nouns):
            continue
        genitive = next((parse for parse in nouns if "gent" in parse.tag.grammemes), None)
        if genitive is None:
            continue
        number = genitive.tag.number
        words = []
        for j in range(i + 1, k):
            adjective = next((parse for parse in view.parses(j) if "gent" in parse.tag.grammemes), None)
            form = _form(adjective, {"datv", number} | ({genitive.tag.gender} if number == "sing" else set())) \
                if adjective is not None else None
            words.append(form or view.folded[j])
        noun = _form(genitive, {"datv", number})
        if noun:
            found.append(view.issue(i + 1, k, "dative", " ".join([*words, noun])))
    return found


_FUNCTIONS: dict[str, Callable[[_Sentence], list[GrammarIssue]]] = {
    "imperative": _imperative,
    "future": _future_after_if,
    "tsya": _tsya,
    "ne-together": _ne_together,
    "ne-apart": _ne_apart,
    "takzhe": _takzhe,
    "short-adjective": _short_adjective,
    "dative": _dative,
    "chtoby": _purpose,
}


def check_codes(lang: str) -> Iterator[str]:
    """The codes a language's checks report (for the catalog test)."""
    rules = _rules(lang)
    yield from sorted(rules.names | {p.code for group in rules.phrases.values() for p in group})
