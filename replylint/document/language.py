"""Russian or Ukrainian? Decided from letters and function words, without loading a dictionary."""

from __future__ import annotations

import re

# The languages replylint checks: defined here once, read by the CLI, the config, the catalog, the
# server and the mechanisms. Messages also come in English; "auto" lets the text decide.
LANGUAGES = ("ru", "uk")
MESSAGE_LANGUAGES = (*LANGUAGES, "en")
AUTO = "auto"
LANG_CHOICES = (AUTO, *LANGUAGES)  # --lang, `lang` in a config or an item
MESSAGE_LANG_CHOICES = (AUTO, *MESSAGE_LANGUAGES)  # --message-lang, `message_lang`

_WORD = re.compile(r"[а-яёіїєґ'’ʼ]+", re.IGNORECASE)
# Any letter of the Russian or Ukrainian alphabet: text the linter can judge at all.
CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
# Letters one language has and the other lacks weigh most; common short words settle the rest.
_LETTERS = {"ru": set("ыэъё"), "uk": set("іїєґ")}
_WORDS = {
    "ru": {"что", "это", "как", "вы", "вас", "вам", "ваш", "ваша", "мы", "нас", "не", "и", "для", "по",
           "здравствуйте", "спасибо", "пожалуйста", "если", "или", "уже", "когда", "есть", "также",
           "добрый", "ваше", "ваши", "наш", "наши", "чтобы", "от", "до", "который", "можно", "нужно",
           "сейчас", "сегодня", "завтра", "заказ", "деньги",
           # Short messages often carry none of the above: their question words and pronouns do.
           "почему", "где", "мне", "меня", "сколько", "очень", "тоже", "только", "еще", "надо", "хорошо",
           "мой", "мое", "его", "ее", "он", "она", "они", "этот", "эта", "этого", "здесь", "нет", "ли",
           "будет", "было", "был", "была", "может", "какой", "какая", "какие", "получил", "получила",
           "пришел", "пришла", "пришло", "заказа", "подскажите", "скажите", "помогите", "никто", "ничего"},
    "uk": {"що", "це", "як", "ви", "вас", "вам", "ваш", "ми", "нас", "не", "та", "і", "й", "для", "по",
           "вітаю", "дякуємо", "дякую", "будь", "ласка", "якщо", "або", "вже", "коли", "є", "також",
           "добрий", "доброго", "ваше", "ваші", "наш", "наше", "наші", "щоб", "від", "до", "який", "яка",
           "можна", "потрібно", "зараз", "сьогодні", "завтра", "замовлення", "кошти", "будь-ласка",
           # not «моя», «тому», «тут»: Russian has them too
           "чому", "де", "мені", "мене", "скільки", "дуже", "але", "ще", "треба", "добре", "мій",
           "моє", "його", "її", "він", "вона", "вони", "цей", "ця", "цього", "немає",
           "чи", "буде", "було", "був", "була", "може", "яке", "які", "отримав", "отримала",
           "прийшов", "прийшла", "прийшло", "підкажіть", "скажіть", "допоможіть", "ніхто", "нічого"},
}


# A word both languages use says nothing.
_SHARED = _WORDS["ru"] & _WORDS["uk"]
_DISTINCTIVE = {lang: words - _SHARED for lang, words in _WORDS.items()}


# The same letters as patterns: counted over the whole text in one pass each (every such letter is
# inside a word).
_LETTER_RUNS = {lang: re.compile(f"[{''.join(sorted(letters))}]", re.IGNORECASE) for lang, letters in _LETTERS.items()}


def language_scores(text: str) -> dict[str, float]:
    """1 per distinctive function word, 2 per letter only that language has."""
    words = [match.group().lower() for match in _WORD.finditer(text)]
    return {lang: float(sum(word in _DISTINCTIVE[lang] for word in words))
            + 2.0 * len(_LETTER_RUNS[lang].findall(text)) for lang in LANGUAGES}


# Below this margin the letters and function words do not settle it: ask the dictionaries.
_CLEAR_MARGIN = 2.0


def detect_language(text: str, default: str = "ru") -> str:
    scores = _settled_scores(text)
    if scores["ru"] == scores["uk"]:
        return default
    return max(scores, key=scores.__getitem__)


def _settled_scores(text: str) -> dict[str, float]:
    scores = language_scores(text)
    if abs(scores["ru"] - scores["uk"]) < _CLEAR_MARGIN:
        scores = _dictionary_scores(text, scores)
    return scores


def clear_language(text: str, *, min_words: int = 3, min_score: float = 2.0, max_ratio: float = 0.5) -> str | None:
    """The text's language only when the evidence plainly settles it, else None: a message of a
    word or two («Ок, жду»), or one mixing both languages (a quoted status in Ukrainian under a
    Russian question), is not evidence enough to say someone wrote in the other language."""
    if sum(1 for _ in _WORD.finditer(text)) < min_words:
        return None
    scores = _settled_scores(text)
    best, other = sorted(LANGUAGES, key=scores.__getitem__, reverse=True)
    if scores[best] < min_score or scores[other] > scores[best] * max_ratio:
        return None
    return best


def _dictionary_scores(text: str, scores: dict[str, float]) -> dict[str, float]:
    """Words each dictionary knows: slower (both analyzers load), so only for close calls."""
    from replylint.document.morphology import morphology_for

    words = {match.group().lower() for match in _WORD.finditer(text)}
    known = {lang: {word for word in words if morphology_for(lang).is_known(word)} for lang in LANGUAGES}
    # A word both dictionaries know («доставка», «коли») says nothing; one only one knows does.
    return {lang: scores[lang] + sum(word not in known[other] for word in known[lang])
            for lang, other in zip(LANGUAGES, reversed(LANGUAGES), strict=True)}
