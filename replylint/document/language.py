"""Russian or Ukrainian? Decided from letters and function words, without loading a dictionary."""

from __future__ import annotations

import re

LANGUAGES = ("ru", "uk")

_WORD = re.compile(r"[а-яёіїєґ'’ʼ]+", re.IGNORECASE)
# Letters one language has and the other lacks weigh most; common short words settle the rest.
_LETTERS = {"ru": set("ыэъё"), "uk": set("іїєґ")}
_WORDS = {
    "ru": {"что", "это", "как", "вы", "вас", "вам", "ваш", "ваша", "мы", "нас", "не", "и", "для", "по",
           "здравствуйте", "спасибо", "пожалуйста", "если", "или", "уже", "когда", "есть", "также",
           "добрый", "ваше", "ваши", "наш", "наши", "чтобы", "от", "до", "который", "можно", "нужно",
           "сейчас", "сегодня", "завтра", "заказ", "деньги"},
    "uk": {"що", "це", "як", "ви", "вас", "вам", "ваш", "ми", "нас", "не", "та", "і", "й", "для", "по",
           "вітаю", "дякуємо", "дякую", "будь", "ласка", "якщо", "або", "вже", "коли", "є", "також",
           "добрий", "доброго", "ваше", "ваші", "наш", "наше", "наші", "щоб", "від", "до", "який", "яка",
           "можна", "потрібно", "зараз", "сьогодні", "завтра", "замовлення", "кошти", "будь-ласка"},
}


# A word both languages use says nothing.
_SHARED = _WORDS["ru"] & _WORDS["uk"]
_DISTINCTIVE = {lang: words - _SHARED for lang, words in _WORDS.items()}


def language_scores(text: str) -> dict[str, float]:
    scores = dict.fromkeys(LANGUAGES, 0.0)
    for match in _WORD.finditer(text):
        word = match.group().lower()
        for lang in LANGUAGES:
            if word in _DISTINCTIVE[lang]:
                scores[lang] += 1.0
            scores[lang] += 2.0 * sum(ch in _LETTERS[lang] for ch in word)
    return scores


# Below this margin the letters and function words do not settle it: ask the dictionaries.
_CLEAR_MARGIN = 2.0


def detect_language(text: str, default: str = "ru") -> str:
    scores = language_scores(text)
    if abs(scores["ru"] - scores["uk"]) < _CLEAR_MARGIN:
        scores = _dictionary_scores(text, scores)
    if scores["ru"] == scores["uk"]:
        return default
    return max(scores, key=scores.__getitem__)


def _dictionary_scores(text: str, scores: dict[str, float]) -> dict[str, float]:
    """Words each dictionary knows: slower (both analyzers load), so only for close calls."""
    from replylint.document.morphology import morphology_for

    words = {match.group().lower() for match in _WORD.finditer(text)}
    return {lang: scores[lang] + sum(morphology_for(lang).is_known(word) for word in words)
            for lang in LANGUAGES}
