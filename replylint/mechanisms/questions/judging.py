"""Judging: answered, deferred or unanswered, for each question against the reply."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from replylint.document.normalize import fold
from replylint.mechanisms.questions import thresholds as T
from replylint.mechanisms.questions.cues import (
    ANSWERED,
    CLOCK,
    DEFERRED,
    DESCRIBED_KINDS,
    KIND_GROUPS,
    LEADING_MARKER,
    LOOSE_KINDS,
    PHRASE_TOKEN,
    REPEATED_KINDS,
    TOPIC_ONLY_KINDS,
    TRIM,
    UNANSWERED,
    WORDS,
    Cues,
    Phrases,
    cues_for,
)
from replylint.mechanisms.questions.extraction import Question, extract_questions
from replylint.mechanisms.questions.relevance import (
    Bag,
    Term,
    Unit,
    client_terms,
    content_terms,
    coverage,
    groups_of,
    reply_units,
    shared,
    size,
    touches,
    union,
)

if TYPE_CHECKING:
    from replylint.document.model import Document


class Verdict(NamedTuple):
    """Whether the reply answers, defers or leaves a question, and which sentence shows it."""

    question: Question
    status: str  # ANSWERED, DEFERRED or UNANSWERED
    evidence: tuple[int, int] | None = None  # the reply sentence that answers or defers it
    strategy: str = ""  # the name of the strategy that decided (see STRATEGIES)


@dataclass(frozen=True)
class Reply:
    """What every question is judged against: the reply's stretches and what they do."""

    units: Sequence[Unit]
    deferrals: Sequence[Unit]  # stretches that defer: "уточню и отвечу до 15:00", a question back
    cues: Cues
    lang: str
    asked: int  # how many questions the client's message holds
    on_subject: Unit | None  # for a lone question: the stretch sharing most of the client's words
    bag: Bag  # the whole reply's words
    terms: Sequence[Term]  # what the reply is about: its informative words
    shared: frozenset[str] = frozenset()  # words that more than one question of the message asks about
    vague: frozenset[int] = frozenset()  # starts of stretches with a vague time ("в ближайшее время")
    asking: Sequence[Unit] = ()  # the reply's sentences that ask the client back, about anything
    index: dict[str, list[int]] = field(default_factory=dict)  # a word, stem or group -> its stretches
    memo: dict[tuple[str, int], bool] = field(default_factory=dict)  # (cue, stretch) -> found
    # A paragraph of the reply per question it is most about (of several questions): its answer block.
    blocks: dict[tuple[int, int], tuple[Unit, ...]] = field(default_factory=dict)
    # Of several questions: a stretch's highest coverage of any of them (filled once all are scored).
    best: dict[int, float] = field(default_factory=dict)

    def is_deferral(self, unit: Unit) -> bool:
        return any(unit is deferral for deferral in self.deferrals)

    def has(self, name: str, unit: Unit) -> bool:
        """Whether a stretch holds a cue of `answer_cues.<name>`, looked up once per stretch: a
        message of hundreds of questions asks the same of every stretch."""
        key = (name, id(unit))
        if key not in self.memo:
            pattern = self.cues.answer.get(name)
            self.memo[key] = bool(pattern and pattern.search(unit.folded))
        return self.memo[key]

    def candidates(self, topic: Sequence[Term]) -> Sequence[Unit]:
        """The stretches worth scoring against a topic: all of a short reply; of a long one, the
        `CANDIDATE_UNITS` sharing the most words, stems or synonym groups with it (from `index`),
        so the work stays linear in the number of questions."""
        if len(self.units) <= T.CANDIDATE_UNITS or self.asked == 1:
            return self.units
        hits: Counter[int] = Counter()
        for term in topic:
            for key in _keys(term.lemmas, {term.stem}, groups_of(term.lemmas, self.lang)):
                hits.update(self.index.get(key, ()))
        return [self.units[i] for i, _ in hits.most_common(T.CANDIDATE_UNITS)]


class Case(NamedTuple):
    """One question against the reply, with what the strategies read precomputed."""

    question: Question
    reply: Reply
    topic: Sequence[Term]  # the question's topic without the words of its kind's own group
    scored: Sequence[tuple[float, Unit]]  # every stretch by its coverage of `topic`, best first
    thin: bool  # the question's own words weigh too little: it leans on borrowed context
    threshold: float  # the coverage a stretch of the expected shape needs to answer
    own_terms: Sequence[Term]
    informative: Sequence[Term]  # own informative words one of which an answer must repeat
    strict: bool  # several questions: a stretch must be about this one, not its neighbour

    def lone(self) -> bool:
        return self.reply.asked == 1

    def relevant(self) -> bool:
        """The reply as a whole is about the question: it covers `REPLY_COVERAGE` of its own words
        weighted by informativeness, or says nothing of its own ("Такой возможности нет.")."""
        # The words of the kind's own group do not count: any price is no answer to "сколько стоит подписка?".
        own = [term for term in self.topic if not term.borrowed] or self.topic
        return coverage(own, self.reply.bag, self.reply.lang) >= T.REPLY_COVERAGE or self.neutral()

    def unreadable(self) -> bool:
        """The question's own words include one the dictionary does not know ("можеерация",
        "стримчанский"): a typo or slang its answer will not repeat, so its topic cannot be checked."""
        return any(not term.known for term in self.own_terms)

    def neutral(self) -> bool:
        """The reply holds few informative words beyond the question's (`NEUTRAL_WORDS`): a bare or
        short answer to it ("5000 видеороликов."), not a reply at length about something else."""
        asked = frozenset().union(*(term.lemmas for term in self.question.topic))
        return sum(1 for term in self.reply.terms if not term.lemmas & asked) <= T.NEUTRAL_WORDS

    def gives(self, unit: Unit) -> bool:
        if self.question.kind == "time" and unit.start in self.reply.vague:
            return False  # "постараемся вернуть в ближайшее время" does not say when
        if self.question.kind == "reason":  # the cause is often told in a sentence of its own
            return any(self.reply.has("reason", other) for other in self.reply.units)
        return _gives(self.question.kind, unit, self.question, self.reply.units, self.reply.cues, self.reply.lang)

    def answers(self, unit: Unit) -> tuple[str, tuple[int, int]]:
        return ANSWERED, (unit.start, unit.end)

    def defers(self, unit: Unit) -> tuple[str, tuple[int, int]]:
        return DEFERRED, (unit.start, unit.end)


def _case(question: Question, reply: Reply) -> Case:
    lang = reply.lang
    if reply.shared:  # a word several questions of the message ask about tells them apart less
        question = question._replace(topic=tuple(
            term._replace(weight=term.weight * T.SHARED_WEIGHT) if _key(term) in reply.shared else term
            for term in question.topic))
    # "сколько стоит" is not answered by any price word, nor "когда" by any date: the topic that
    # must be covered leaves out the words of the kind's own synonym group.
    kind_groups = KIND_GROUPS.get(question.kind, frozenset())
    topic = [term for term in question.topic if not groups_of(term.lemmas, lang) & kind_groups] or question.topic
    scored = sorted(((coverage(topic, unit.bag, lang), unit) for unit in reply.candidates(question.topic)),
                    key=lambda item: -item[0])
    total = sum(term.weight for term in topic)
    # A question of one or two words leans on borrowed context, which the answer need not repeat;
    # an answer of the expected shape (a sum, a date, a place, a cause) needs less topic to count.
    thin = size(term for term in question.topic if not term.borrowed) < T.THIN_TOPIC
    if reply.asked == 1 and question.kind not in TOPIC_ONLY_KINDS:
        threshold = 0.0  # the only question: a reply of the expected shape is about it (if `relevant`)
    elif thin or reply.asked == 1 or question.kind not in TOPIC_ONLY_KINDS:
        threshold = T.LOOSE_COVERAGE
    else:
        threshold = T.ANSWER_COVERAGE
    if total:  # a stretch holding two informative words of a long question is about it, whatever the share
        threshold = min(threshold, T.ENOUGH_WEIGHT / total)
    # A yes/no or what question among several is answered (or deferred) by a sentence that repeats
    # one of its own informative words or names it by a narrow synonym: "есть ли парковка?" is not
    # answered by "Наш адрес: …" through the borrowed "офис". A date or a sum is evidence enough for
    # "когда её ждать?"; a how-question's answer is a procedure in words of its own.
    informative = [term for term in topic if not term.borrowed and term.informative
                   and question.kind in REPEATED_KINDS]
    return Case(question, reply, topic, scored, thin, threshold,
                [term for term in question.topic if not term.borrowed], informative, strict=reply.asked > 1)


# A strategy reads a Case and decides (a status and the evidence stretch) or passes (None).
Decision = tuple[str, tuple[int, int] | None] | None


def no_topic(case: Case) -> Decision:
    """Nothing to hold the reply against: do not guess."""
    return (ANSWERED, None) if not case.question.topic else None


def direct_answer(case: Case) -> Decision:
    """A stretch about the question that holds the kind of answer it expects; for a yes/no
    question one opening with "Да," / "Нет," that touches it ("Да, годовую подписку можно…")."""
    question, reply = case.question, case.reply
    yes_no = reply.cues.answer.get("yesno")
    # A sentence opening with "Да," / "Конечно," answers a yes/no question it touches at all.
    floor = T.OPENER_COVERAGE if question.kind == "yesno" else min(case.threshold, T.LOOSE_COVERAGE)
    for score, unit in case.scored:
        if score < floor and not (case.lone() and question.kind == "yesno"):
            break
        if reply.is_deferral(unit):
            continue  # "уточню и напишу до 15:00" names a time, but it is a deferral, not the answer
        if case.strict and score < T.EXCLUSIVE_SHARE * reply.best.get(id(unit), 0.0):
            continue  # the stretch is far more about another question of the message: it answers that one
        # "Да, …" answers a yes/no question it touches; a lone question, also "Таких ограничений нет."
        # Among several questions (or below the usual share) the sentence must touch the question's
        # own words: "Да, подписку можно оформить" does not answer "И будет ли скидка?" through the
        # borrowed "подписка".
        touching = ((score >= T.LOOSE_COVERAGE and not case.strict)
                    or coverage(case.own_terms, unit.bag, reply.lang) > 0)
        if question.kind == "yesno" and yes_no and ((touching and _opens_with(yes_no, unit.folded))
                                                    or (case.lone() and reply.has("yesno", unit)
                                                        and case.relevant())):
            return case.answers(unit)
        if score >= case.threshold and case.gives(unit) \
                and (not case.strict or touches(case.informative, unit, reply.lang)) \
                and (score > 0 or case.relevant()):
            return case.answers(unit)
    return None


def instruction(case: Case) -> Decision:
    """A how-question answered by an instruction about it ("Перейдите в настройки канала и нажмите
    «Добавить пользователя»"): a stretch with an instruction cue (`answer_cues.lone`) that repeats
    one of the question's own words."""
    lone = case.reply.cues.answer.get("lone")
    if case.question.kind != "how" or lone is None:
        return None
    reply = case.reply
    told = next((unit for score, unit in case.scored if not reply.is_deferral(unit) and reply.has("lone", unit)
                 and coverage(case.own_terms, unit.bag, reply.lang) > 0), None)
    return case.answers(told) if told is not None else None


def modal_echo(case: Case) -> Decision:
    """"Нужно ли идти в отделение?" -> "…, ничего делать не нужно": the reply answers the modal."""
    if case.question.kind != "yesno":
        return None
    echo = _modal_echo(case.question, case.reply)
    return case.answers(echo) if echo is not None else None


def numbered(case: Case) -> Decision:
    """A numbered question answered under the same number: "2. Можно ли…?" -> "2. Да, …"."""
    unit = _numbered_answer(case.question, case.reply.units)
    return case.answers(unit) if unit is not None else None


def thin_shaped(case: Case) -> Decision:
    """"Когда?" after "Заказ не пришёл.": any stretch of the expected shape, the reply being about it."""
    if not (case.thin and case.scored and case.scored[0][0] >= T.LOOSE_COVERAGE):
        return None
    reply = case.reply
    shaped = next((unit for unit in reply.units if not reply.is_deferral(unit) and case.gives(unit)
                   and touches(case.informative, unit, reply.lang)), None)
    return case.answers(shaped) if shaped is not None else None


def deferral_about_it(case: Case) -> Decision:
    """A deferral ("уточню и отвечу до 15:00", a question back about the matter) that touches it.
    A question of a sum, a time or a place is deferred only by a promise of that answer: one that
    names its field ("уточню стоимость", "адрес пришлём") or when the answer comes ("напишу до
    15:00"); "Трек-номер пришлём в СМС" does not defer "сколько стоит доставка?". A vague time
    ("постараемся в ближайшее время", `vague-promise`) is no time."""
    reply = case.reply
    kind_groups = KIND_GROUPS.get(case.question.kind, frozenset())
    nearby = {id(unit) for _, unit in case.scored}
    for unit in reply.deferrals:
        if id(unit) not in nearby:
            continue
        if coverage(case.question.topic, unit.bag, reply.lang) < T.DEFERRAL_COVERAGE \
                or (case.strict and not touches(case.informative, unit, reply.lang)):
            continue
        if kind_groups and not (kind_groups & unit.bag.groups or _names_time(unit, reply)):
            continue
        return case.defers(unit)
    return None


def lone_deferral(case: Case) -> Decision:
    """"Пришлите номер заказа — проверим" to a one-question message."""
    if not (case.reply.deferrals and case.lone() and case.relevant()):
        return None
    return case.defers(case.reply.deferrals[0])


def asked_back(case: Case) -> Decision:
    """"Подскажите, какую услугу заказывали?" as the whole reply to a one-question message: the
    answer waits for the client's details, whatever words they share (every stretch that says
    anything asks back, and one asks which thing it is: `answer_cues.detail`)."""
    reply = case.reply
    if not (case.lone() and reply.asking):
        return None
    content = frozenset().union(*(term.lemmas for term in reply.terms))
    asking = {id(unit) for unit in reply.asking}
    # "@client" addresses, it says nothing.
    told = [unit for unit in reply.units if id(unit) not in asking
            and unit.bag.lemmas & content - {part for name in _MENTION.findall(unit.folded)
                                             for part in re.split(r"[\W_]+", name)}]
    # "Может, расскажете, что вам не понравилось?" asks for no detail the answer waits for.
    about = next((unit for unit in reply.asking if reply.has("detail", unit)), None)
    return None if told or about is None else case.defers(about)


_MENTION = re.compile(r"(?<=@)[\w.]+")


def own_paragraph(case: Case) -> Decision:
    """Of several questions, each answered in a paragraph of its own (a reply that takes them one by
    one): the paragraph more about this question than about any other — or, where the reply has as
    many paragraphs as questions and one is about none, the one in the question's place — answers
    it: a how / what / yes-no question by being there, a sum, a time, a place or a cause by holding
    that kind of answer."""
    block = case.reply.blocks.get((case.question.start, case.question.end), ())
    reply = case.reply
    for unit in block:
        if reply.is_deferral(unit):
            continue
        if case.gives(unit):  # a how / what / yes-no question: any stretch of substance of its block
            return case.answers(unit)
    return None


def about_it(case: Case) -> Decision:
    """A question of a place or a cause answered in words the answer cues do not list ("Карта
    принимается в магазинах-партнёрах", "Все ролики проходят модерацию"): a stretch covering
    `ABOUT_COVERAGE` of its topic — and no less of it than of another question's — is its answer.
    A sum or a time keeps needing its shape: a reply about the delivery that names no price leaves
    "сколько стоит доставка?" unanswered."""
    if case.question.kind not in DESCRIBED_KINDS:
        return None
    reply = case.reply
    for score, unit in case.scored:
        if score < T.ABOUT_COVERAGE:
            break
        if reply.is_deferral(unit) or (case.strict and (score < reply.best.get(id(unit), 0.0)
                                                         or not touches(case.informative, unit, reply.lang))):
            continue
        # One heavy word shared ("ролик") is not a sentence about the question: two of its own are.
        if len(shared(case.own_terms, unit)) >= min(T.ABOUT_WORDS, len(case.own_terms)):
            return case.answers(unit)
    return None


def agent_action(case: Case) -> Decision:
    """"Что будете делать?" -> "Мы отправили запрос в банк": the action told is the answer."""
    cues, reply = case.reply.cues, case.reply
    agent = cues.answer.get("agent")
    if not (cues.agent_questions and agent and cues.agent_questions.search(fold(case.question.text))):
        return None
    acted = next((unit for unit in reply.units if not reply.is_deferral(unit) and reply.has("agent", unit)), None)
    return case.answers(acted) if acted is not None else None


def on_subject(case: Case) -> Decision:
    """Precision first: a lone "how / what / why / yes-or-no" question is answered in too many words
    of the agent's own to tell by topic ("Как пройти верификацию?" -> "Подайте заявку в Студии…").
    A reply that talks about what the client wrote is taken as the answer; one of thanks and
    apologies only ("Мы ценим ваше мнение") is not."""
    unit = case.reply.on_subject
    if unit is None or case.question.kind not in LOOSE_KINDS or not case.relevant():
        return None
    return case.answers(unit)


def lone_cue(case: Case) -> Decision:
    """…nor is a reply that gives an instruction, a definition, or says what is possible."""
    cues, reply = case.reply.cues, case.reply
    lone = cues.answer.get("lone")
    if not (case.lone() and lone and case.question.kind in LOOSE_KINDS and (case.relevant() or case.unreadable())):
        return None
    told = next((unit for unit in reply.units if not reply.is_deferral(unit)
                 and (reply.has("lone", unit) or _defines(unit, cues.answer.get("definition")))), None)
    return case.answers(told) if told is not None else None


# The judgement: the first strategy that decides wins; none deciding is "unanswered".
STRATEGIES: tuple[Callable[[Case], Decision], ...] = (
    no_topic, direct_answer, instruction, modal_echo, numbered, thin_shaped, deferral_about_it, lone_deferral,
    asked_back, own_paragraph, about_it, agent_action, on_subject, lone_cue,
)


def _decide(case: Case) -> Verdict:
    """The first strategy that decides; "unanswered" (strategy "none") when none does."""
    question = case.question
    for strategy in STRATEGIES:
        decision = strategy(case)
        if decision is not None:
            return Verdict(question, decision[0], decision[1], strategy.__name__)
    return Verdict(question, UNANSWERED, None, "none")


def judge_all(questions: Sequence[Question], reply: Document, client: Document | None = None) -> list[Verdict]:
    """Answered, deferred or unanswered, for each question, against the reply's body. With the
    client's message, a substantive reply to a lone question counts as its answer (`on_subject`)."""
    cues = cues_for(reply.language)
    units = reply_units(reply)
    deferrals = [unit for unit in units if cues.deferral and cues.deferral.search(unit.folded)]
    terms = client_terms(client) if client is not None else []
    # The agent asks back about the matter ("В какое подразделение подавали заявку?"): the answer
    # waits for the client's. "Может, расскажете, что вам не понравилось?" is about nothing asked.
    asking = [unit for unit in units if _asks_back(reply, unit, cues)]
    deferrals += [unit for unit in asking if unit not in deferrals and shared(terms, unit)]
    subject = _on_subject(units, terms, deferrals) if len(questions) == 1 and terms else None
    counts = Counter(_key(term) for question in questions for term in
                     {_key(term): term for term in question.topic if not term.borrowed}.values())
    vague = _vague(reply, units)
    index: dict[str, list[int]] = {}
    for number, unit in enumerate(units):
        for key in _keys(unit.bag.lemmas, unit.bag.stems, unit.bag.groups):
            index.setdefault(key, []).append(number)
    context = Reply(units, deferrals, cues, reply.language, len(questions), subject,
                    union(unit.bag for unit in units), content_terms(reply),
                    frozenset(key for key, count in counts.items() if count > 1), vague, asking, index)
    if 1 < len(questions) <= T.BLOCK_QUESTIONS:
        context = replace(context, blocks=_blocks(questions, reply, units))
    cases = [_case(question, context) for question in questions]
    if len(cases) > 1:
        for case in cases:
            for score, unit in case.scored:
                context.best[id(unit)] = max(score, context.best.get(id(unit), 0.0))
    verdicts = [_decide(case)._replace(question=question) for case, question in zip(cases, questions, strict=True)]
    return _alternatives(verdicts, cues)


def _alternatives(verdicts: list[Verdict], cues: Cues) -> list[Verdict]:
    """"Кто-то может решить этот вопрос? Или подсказать, куда обратиться?": a question opening with
    an alternative (`alternative_openers`) and the one before it are answered together."""
    if cues.alternatives is None:
        return verdicts
    for index in range(1, len(verdicts)):
        before, after = verdicts[index - 1], verdicts[index]
        if not cues.alternatives.match(fold(after.question.text)):
            continue
        answered = next((verdict for verdict in (before, after) if verdict.status == ANSWERED), None)
        if answered is None:
            continue
        verdicts[index - 1], verdicts[index] = (
            verdict if verdict.status == ANSWERED else verdict._replace(status=ANSWERED, evidence=answered.evidence,
                                                                 strategy="alternative")
            for verdict in (before, after))
    return verdicts


def _blocks(questions: Sequence[Question], reply: Document,
            units: Sequence[Unit]) -> dict[tuple[int, int], tuple[Unit, ...]]:
    """Each paragraph of the reply given to the one question it covers most (own words, weighted);
    a paragraph about none, or about two alike, belongs to none."""
    lang = reply.language
    topics = []
    for question in questions:
        groups = KIND_GROUPS.get(question.kind, frozenset())
        own = [term for term in question.topic if not term.borrowed]
        topics.append([term for term in own if not groups_of(term.lemmas, lang) & groups] or own)
    blocks: dict[tuple[int, int], list[Unit]] = {}
    # The paragraphs of substance: greetings and farewells are blanked out of the stretches' text,
    # and nothing from the farewell line on counts («С уважением, Анна»).
    closing = reply.lines[reply.closing_line].start if reply.closing_line is not None else len(reply.text)
    paragraphs = [inside for paragraph in reply.paragraphs if paragraph.start < closing
                  and (inside := [unit for unit in units if paragraph.start <= unit.start and unit.end <= paragraph.end
                                  and WORDS.search(unit.folded)])]
    # As many paragraphs of substance as questions: the reply takes them in the order asked (002:
    # «відповісти на них в порядку, в якому вони запитали»), unless a paragraph is about another one.
    in_order = len(paragraphs) == len(questions)
    owner: list[int | None] = []  # the question each paragraph answers, by number
    for position, inside in enumerate(paragraphs):
        bag = union(unit.bag for unit in inside)
        scores = sorted(((coverage(topic, bag, lang), number) for number, topic in enumerate(topics)), reverse=True)
        best, number = scores[0]
        if best > 0 and best > scores[1][0]:
            owner.append(number)
        elif in_order and best == 0:
            owner.append(position)
        else:
            owner.append(-1 if best == 0 else None)  # -1: about none of them
    _bare_in_order(owner, paragraphs, len(questions), cues_for(lang))
    for owned, inside in zip(owner, paragraphs, strict=True):
        if owned is not None and owned >= 0:
            question = questions[owned]
            blocks.setdefault((question.start, question.end), []).extend(inside)
    return {key: tuple(value) for key, value in blocks.items()}


def _bare_in_order(owner: list[int | None], paragraphs: Sequence[Sequence[Unit]], asked: int, cues: Cues) -> None:
    """"Да, можно.\n\nНет, скачать видео не получится." to two questions: a bare answer paragraph
    ("Да, можно.", "Такой возможности нет.": at most `BARE_WORDS` words, opening with a yes/no cue or
    saying what is or is not possible) that names neither question answers, in the order asked, a
    question no paragraph is about — the one whose place it takes between the other answers."""
    yes_no, lone = cues.answer.get("yesno"), cues.answer.get("lone")
    for number in range(asked):
        if number in owner:
            continue
        after = max((at for at, other in enumerate(owner) if other is not None and 0 <= other < number), default=-1)
        before = min((at for at, other in enumerate(owner) if other is not None and other > number),
                     default=len(owner))
        for at in range(after + 1, before):
            inside = paragraphs[at]
            folded = " ".join(unit.folded for unit in inside)
            if owner[at] == -1 and len(WORDS.findall(folded)) <= T.BARE_WORDS \
                    and (_opens_with(yes_no, inside[0].folded) or bool(lone and lone.search(folded))):
                owner[at] = number
                break


def _vague(reply: Document, units: Sequence[Unit]) -> frozenset[int]:
    """Stretches whose only time is a vague one: "рассматривается, постараемся в ближайшее время"
    (the `vague-promise` lexicon, one list for both rules), with no clock time, date or number."""
    from replylint.mechanisms.lexicon import document_slots, load

    found = load("vague-promise", reply.language).find(document_slots(reply))
    return frozenset(unit.start for unit in units if not unit.numbers and not CLOCK.search(unit.folded)
                     and any(unit.start <= match.start < unit.end for match in found))


def _names_time(unit: Unit, reply: Reply) -> bool:
    """A promise that says when: a clock time, a date, "завтра", "в течение 2 дней"
    (`answer_cues.deadline`; not "уже", not a vague time)."""
    if unit.start in reply.vague:
        return False
    deadline = reply.cues.answer.get("deadline")
    return bool(CLOCK.search(unit.folded) or (deadline and deadline.search(unit.folded)))


def _keys(lemmas: Iterable[str], stems: Iterable[str], groups: Iterable[str]) -> set[str]:
    """Index keys of words, stems and synonym groups (kept apart: a stem may spell a lemma)."""
    return {*(f"l:{lemma}" for lemma in lemmas), *(f"s:{stem}" for stem in stems), *(f"g:{group}" for group in groups)}


def _key(term: Term) -> str:
    return min(term.lemmas) if term.lemmas else term.stem


def _asks_back(reply: Document, unit: Unit, cues: Cues) -> bool:
    """A reply sentence that is a question to the client, not a quote of theirs."""
    text = reply.text[unit.start : unit.end]
    asks = "?" in text or bool(cues.openers and cues.openers.search(unit.folded))
    return asks and not reply.in_quoted_speech(unit.start + max(text.find("?"), 0))


def _on_subject(units: Sequence[Unit], terms: Sequence[Term], deferrals: Sequence[Unit]) -> Unit | None:
    """The reply sentence that shares the most informative words with the client's message, when
    the reply as a whole shares at least `ON_SUBJECT_WORDS` of them: the reply talks about what the
    client wrote, not only thanks, apologies and farewells ("Заказ отменён. Хорошего дня!")."""
    candidates = [(shared(terms, unit), unit) for unit in units if unit not in deferrals]
    if len(set().union(*(found for found, _ in candidates))) < T.ON_SUBJECT_WORDS:
        return None
    return max(candidates, key=lambda item: len(item[0]))[1]


def _modal_echo(question: Question, reply: Reply) -> Unit | None:
    """"Нужно ли идти в отделение?" -> "…, ничего делать не нужно": the reply answers the modal."""
    words = {match.group() for match in PHRASE_TOKEN.finditer(fold(question.text))}
    modals = [modal for modal, pattern in reply.cues.modal_answers.items() if modal in words and pattern]

    def answers(unit: Unit, modal: str) -> bool:
        key = (f"modal:{modal}", id(unit))
        if key not in reply.memo:
            pattern = reply.cues.modal_answers[modal]
            reply.memo[key] = bool(pattern and pattern.search(unit.folded))
        return reply.memo[key]

    return next((unit for unit in reply.units if not reply.is_deferral(unit)
                 and any(answers(unit, modal) for modal in modals)), None) if modals else None


def _defines(unit: Unit, definition: Phrases | None) -> bool:
    found = definition.search(unit.folded) if definition else None
    return found is not None and len(WORDS.findall(unit.folded[: found.begin])) <= T.DEFINED_WORDS


def _opens_with(pattern: Phrases | None, folded: str) -> bool:
    """Whether a stretch (greetings already blanked out) opens with the pattern: "здравствуйте, нет." """
    marker = LEADING_MARKER.match(folded)
    rest = folded[marker.end():] if marker else folded
    return bool(pattern and pattern.match(rest.lstrip(TRIM)))


def _numbered_answer(question: Question, units: Sequence[Unit]) -> Unit | None:
    """A numbered question answered under the same number: "2. Можно ли…?" -> "2. Да, …"."""
    if question.number is None:
        return None
    return next((unit for unit in units if unit.folded.lstrip().startswith(f"{question.number}.")
                 or unit.folded.lstrip().startswith(f"{question.number})")), None)


def _gives(kind: str, unit: Unit, question: Question, units: Sequence[Unit], cues: Cues, lang: str) -> bool:
    """Whether a stretch about the question's topic holds the kind of answer it expects."""
    if kind in TOPIC_ONLY_KINDS:
        return True
    pattern = cues.answer.get(kind)  # a cause ("reason") is looked for in the whole reply: `Case.gives`
    if pattern is not None and pattern.search(unit.folded):
        return True
    source = cues.answer.get("source")  # "Ставка указана в тарифах банка": where the figure is
    if source is not None and source.search(unit.folded) \
            and coverage([term for term in question.topic if not term.borrowed], unit.bag, lang) > 0:
        return True
    if kind == "amount":
        # A bare figure answers "сколько номеров", not "сколько стоит": a price needs a currency.
        asks_price = any("price" in groups_of(term.lemmas, lang) for term in question.topic)
        return bool(unit.numbers) and not asks_price
    if kind == "time":
        return bool(CLOCK.search(unit.folded))
    return False


def assess(client: Document, reply: Document) -> list[Verdict]:
    """Every question of the client's message with its verdict against the reply."""
    return judge_all(extract_questions(client), reply, client)


def mentions(reply: Document, group: str) -> bool:
    """Whether the reply's body says anything of a synonym group ("price", "delivery"...)."""
    return any(group in unit.bag.groups for unit in reply_units(reply))


def question_groups(question: Question, lang: str) -> frozenset[str]:
    """The synonym groups a question's own words belong to (not its borrowed context)."""
    return frozenset(name for term in question.topic if term.informative or term.weight >= T.COMMON_WEIGHT
                     for name in groups_of(term.lemmas, lang))
