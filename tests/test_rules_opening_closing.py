"""greeting, informal-greeting, farewell — in Russian and Ukrainian, hits and near-misses."""

import pytest

from lintkit import excerpts, rules

BODY_RU = "Заказ №5521 передан курьеру, он привезёт его завтра с 10:00 до 14:00."
BODY_UK = "Замовлення №5521 передано кур'єру, він привезе його завтра з 10:00 до 14:00."


@pytest.mark.parametrize("opening", [
    "Здравствуйте!", "Добрый день!", "Анна, добрый день!", "Добрый вечер, Сергей.", "Доброго времени суток!",
    "Уважаемый Иван Петрович!", "{{ name }}, здравствуйте!", "Анна,\nдобрый день!", "ЗДРАВСТВУЙТЕ!",
    "Доброе утро, Ольга!", "Приветствуем!",
])
def test_greeting_accepts_russian_openings(opening: str) -> None:
    assert "greeting" not in rules(f"{opening}\n{BODY_RU}\nС уважением, Мария")


@pytest.mark.parametrize("opening", [
    "Добрий день!", "Олено, добрий день!", "Вітаємо!", "Доброго ранку, Тарасе!", "Шановний Іване Петровичу!",
    "[Ім'я клієнта], вітаю!", "Доброго вечора.",
])
def test_greeting_accepts_ukrainian_openings(opening: str) -> None:
    assert "greeting" not in rules(f"{opening}\n{BODY_UK}\nЗ повагою, Марія")


@pytest.mark.parametrize(("text", "expected"), [
    (f"{BODY_RU}\nС уважением, Мария", "Заказ №5521 передан курьеру, он привезёт его завтра с 10:00 до 14:00."),
    (f"{BODY_UK}\nЗ повагою, Марія", "Замовлення №5521 передано кур'єру, він привезе його завтра з 10:00 до 14:00."),
    # a greeting buried later in the text is not an opening
    ("Заказ готов. Кстати, добрый день!\nС уважением, Мария", "Заказ готов."),
])
def test_greeting_missing_is_flagged_on_the_first_sentence(text: str, expected: str) -> None:
    assert excerpts(text, "greeting") == [expected]


def test_greeting_ignores_quoted_history_greeting() -> None:
    text = f"{BODY_RU}\nС уважением, Мария\n\n> Здравствуйте! Где мой заказ?"
    assert excerpts(text, "greeting") == [BODY_RU]


@pytest.mark.parametrize(("text", "word"), [
    ("Привет! " + BODY_RU, "Привет"),
    ("Анна, привет!\n" + BODY_RU, "привет"),
    ("Хай! " + BODY_RU, "Хай"),
    ("Привіт! " + BODY_UK, "Привіт"),
    ("Олено, привіт!\n" + BODY_UK, "привіт"),
])
def test_informal_greeting_on_first_contact(text: str, word: str) -> None:
    assert excerpts(text, "informal-greeting") == [word]
    assert "greeting" not in rules(text), "an informal greeting is still a greeting"


def test_informal_greeting_is_fine_in_an_ongoing_conversation() -> None:
    assert "informal-greeting" not in rules("Привет! " + BODY_RU, first_contact=False)


@pytest.mark.parametrize("text", [
    "Здравствуйте! Передаём привет от всей команды. " + BODY_RU,  # «привет» not in the opening formula
    "Добрий день! Хай кур'єр зателефонує заздалегідь — так буде зручніше. " + BODY_UK,  # «хай» = «let»
])
def test_informal_words_later_are_not_greetings(text: str) -> None:
    assert "informal-greeting" not in rules(text)


@pytest.mark.parametrize("closing", [
    "С уважением,\nМария", "С уважением, Мария Иванова", "Хорошего дня!", "Всего доброго!",
    "Спасибо за обращение!", "Если будут вопросы — обращайтесь!", "Будем рады помочь.",
    "С уважением,\nИгорь Петров\nслужба поддержки\n+7 999 123-45-67\nsupport@shop.ru",
])
def test_farewell_accepts_russian_closings(closing: str) -> None:
    assert "farewell" not in rules(f"Здравствуйте!\n{BODY_RU}\n\n{closing}")


@pytest.mark.parametrize("closing", [
    "З повагою,\nМарія", "Гарного дня!", "Дякуємо за звернення!", "Всього найкращого.",
    "З повагою,\nТарас Коваль\nслужба підтримки\n+380 44 123 45 67",
])
def test_farewell_accepts_ukrainian_closings(closing: str) -> None:
    assert "farewell" not in rules(f"Добрий день!\n{BODY_UK}\n\n{closing}")


def test_farewell_missing_points_at_the_last_line() -> None:
    text = f"Здравствуйте!\n{BODY_RU}\nТрек-номер пришлём в СМС."
    assert excerpts(text, "farewell") == ["Трек-номер пришлём в СМС."]


def test_farewell_missing_in_ukrainian() -> None:
    text = f"Добрий день!\n{BODY_UK}"
    assert excerpts(text, "farewell") == [BODY_UK]


def test_farewell_in_the_quote_does_not_count() -> None:
    text = f"Здравствуйте!\n{BODY_RU}\n\n-----Original Message-----\nС уважением, Анна"
    assert excerpts(text, "farewell") == [BODY_RU]


def test_farewell_word_in_the_middle_does_not_count() -> None:
    text = f"Здравствуйте! С уважением относимся к каждому клиенту.\n{BODY_RU}\nТрек пришлём завтра."
    assert excerpts(text, "farewell") == ["Трек пришлём завтра."]


@pytest.mark.parametrize("closing", ["Ещё раз спасибо!", "Еще раз спасибо!", "ЕЩЁ РАЗ СПАСИБО"])
def test_yo_and_ye_match_alike(closing: str) -> None:
    assert "farewell" not in rules(f"Здравствуйте!\n{BODY_RU}\n\n{closing}")
