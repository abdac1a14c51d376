"""language-mismatch, and the language detection it stands on, measured on short client messages."""

import pytest

from replylint import lint
from replylint.document.language import clear_language, detect_language
from replylint.rulekit.finding import Severity

REPLY_RU = ("Здравствуйте!\nВаш заказ 4821 передан курьеру, он привезёт его завтра до 18:00. "
            "Трек-номер пришлём в СМС.\nС уважением, Ольга")
REPLY_UK = ("Добрий день!\nВаше замовлення 4821 передали кур'єру, він привезе його завтра до 18:00. "
            "Трек-номер надішлемо в СМС.\nЗ повагою, Ольга")

# Short messages as clients write them: the detector must read each right, without a greeting.
SHORT_RU = [
    "Как отменить заказ?", "Где мой заказ?", "Почему не приходит письмо?", "Можно вернуть деньги?",
    "Подскажите пожалуйста сроки доставки", "Не могу войти в личный кабинет", "Сколько стоит доставка в Киев?",
    "Когда будет готово?", "Спасибо, всё получил", "Заказ пришёл не тот", "Верните деньги за товар",
    "Оплата не прошла, что делать?", "Товар бракованный, нужна замена", "Почему так долго?",
]
SHORT_UK = [
    "Як скасувати замовлення?", "Де моє замовлення?", "Чому не приходить лист?", "Можна повернути гроші?",
    "Підкажіть будь ласка терміни доставки", "Не можу увійти в особистий кабінет", "Скільки коштує доставка до Києва?",
    "Коли буде готово?", "Дякую, все отримав", "Замовлення прийшло не те", "Поверніть гроші за товар",
    "Оплата не пройшла, що робити?", "Товар бракований, потрібна заміна", "Чому так довго?",
]


@pytest.mark.parametrize(("text", "language"),
                         [*((text, "ru") for text in SHORT_RU), *((text, "uk") for text in SHORT_UK)])
def test_short_messages_are_read_in_their_language_and_plainly_so(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert clear_language(text) == language


@pytest.mark.parametrize("text", [
    "Ок, дякую",  # two words
    "Где посылка",  # nothing in it tells the languages apart strongly enough
    "Дякую за відповідь, але заказ так и не пришёл",  # both languages
    "Доброго дня! Где мой заказ? Чекаю вже тиждень.",
    "Ваша заявка змінила свій статус на «закрита». Что это значит? Никто не пишет, что делать",
])
def test_short_or_mixed_messages_have_no_clear_language(text: str) -> None:
    assert clear_language(text) is None


def mismatch(reply: str, client: str | None) -> list[tuple[str, Severity, str]]:
    return [(f.message, f.severity, reply[f.start : f.end])
            for f in lint(reply, client=client, select=["language-mismatch"])]


@pytest.mark.parametrize(("reply", "client", "says"), [
    (REPLY_RU, "Добрий день! Коли буде доставка мого замовлення? Чекаю вже тиждень.", "по-украински"),
    (REPLY_UK, "Здравствуйте! Когда будет доставка моего заказа? Жду уже неделю.", "російською"),
    (REPLY_RU, "Чому не приходить лист?", "по-украински"),
    (REPLY_UK, "Почему не приходит письмо?", "російською"),
])
def test_reply_in_the_other_language_is_an_error(reply: str, client: str, says: str) -> None:
    findings = mismatch(reply, client)
    assert len(findings) == 1
    message, severity, excerpt = findings[0]
    assert severity is Severity.ERROR
    assert says in message
    assert excerpt == "Здравствуйте!" if reply is REPLY_RU else excerpt == "Добрий день!"


@pytest.mark.parametrize(("reply", "client"), [
    (REPLY_RU, "Здравствуйте! Когда будет доставка моего заказа?"),
    (REPLY_UK, "Добрий день! Коли буде доставка мого замовлення?"),
    (REPLY_RU, "Ок, дякую"),  # too short to say
    (REPLY_UK, "Доброго дня! Где мой заказ? Чекаю вже тиждень."),  # the client mixes both
    (REPLY_RU, "Доброго дня! Где мой заказ? Чекаю вже тиждень."),
    (REPLY_RU, None),
    # the client's own text is Russian; the Ukrainian history they quote does not count
    (REPLY_RU, "Когда будет доставка? Жду уже неделю.\n\n> Добрий день! Ваше замовлення передали кур'єру, "
               "він привезе його завтра. Дякуємо, що обрали нас."),
])
def test_language_mismatch_near_misses(reply: str, client: str | None) -> None:
    assert mismatch(reply, client) == []


def test_what_the_reply_quotes_is_not_its_language() -> None:
    reply = ("Здравствуйте!\nПосле подачи заявки вам придёт письмо такого содержания:\n```\n"
             "Дякуємо, що скористалися сервісом замовлення довідки! Ваш запит успішно зареєстровано. "
             "Ви зможете забрати довідку приблизно за 20 робочих днів.\n```\n"
             "Если письма нет, проверьте папку «Спам».\nС уважением, Ольга")
    client = "Когда будет готова справка? Подавал заявку неделю назад, ответа нет."
    assert mismatch(reply, client) == []
    assert mismatch(reply, "Коли буде готова довідка? Подавав заявку тиждень тому, відповіді немає.") != []


def test_min_client_words_is_an_option() -> None:
    from replylint.engine.runner import lint_draft
    from replylint.engine.settings import Settings
    from replylint.sources.draft import Draft

    client = "Чому не приходить лист?"
    strict = Settings(select=frozenset({"language-mismatch"}), options={"language-mismatch": {"min_client_words": 6}})
    assert lint_draft(Draft("x", REPLY_RU, client=client), strict).findings == []
    assert mismatch(REPLY_RU, client) != []
