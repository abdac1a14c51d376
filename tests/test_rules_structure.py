"""call-to-action, introduce-yourself, greeting-only, too-short: what a whole reply must (not) be."""

import pytest

from lintkit import excerpts, rules

# --- call-to-action ------------------------------------------------------------------------------

QUOTED_RU = "\n\n-----Original Message-----\nОт: Ольга\nПришлите, пожалуйста, трек-номер. Когда ждать?\n"


@pytest.mark.parametrize("ending", [
    "Пришлите, пожалуйста, фото чека в ответ на это письмо.",
    "Приходите, пожалуйста, в любой наш салон с паспортом.",
    "Просим загрузить документы в личный кабинет.",
    "Ждём от вас подтверждения оплаты.",
    "Дайте знать, пожалуйста, помогло ли это.",
    "Завтра до 12:00 мы пришлём вам трек-номер.",
    "Курьер свяжется с вами в течение двух рабочих дней.",
    "Удобно ли вам получить заказ в субботу?",
])
def test_a_next_step_at_the_end_satisfies_call_to_action_ru(ending: str) -> None:
    text = f"Здравствуйте!\nЗаказ №4821 собран на складе.\n{ending}\nС уважением, Мария\nтел. 8 800 555-12-34"
    assert "call-to-action" not in rules(text, lang="ru")


@pytest.mark.parametrize("ending", [
    "Надішліть, будь ласка, фото чека у відповідь на цей лист.",
    "Просимо завантажити документи в особистий кабінет.",
    "Чекаємо від вас підтвердження оплати.",
    "Завтра до 12:00 ми надішлемо вам номер ТТН.",
    "Майстер зателефонує вам у четвер з 10:00 до 12:00.",
    "Як вам буде зручніше?",
])
def test_a_next_step_at_the_end_satisfies_call_to_action_uk(ending: str) -> None:
    text = f"Добрий день!\nЗамовлення №4821 зібрано на складі.\n{ending}\nЗ повагою, Марія"
    assert "call-to-action" not in rules(text, lang="uk")


@pytest.mark.parametrize(("lang", "text", "flagged"), [
    ("ru", "Здравствуйте!\nЗаказ передан в службу доставки. Специалисты скоро свяжутся с вами.\nС уважением, Мария",
     "Специалисты скоро свяжутся с вами."),
    ("ru", "Здравствуйте!\nВозврат оформлен.\nЕсли будут вопросы — пишите, всегда рады помочь!\nАнна, поддержка",
     "Если будут вопросы — пишите, всегда рады помочь!"),
    ("ru", "Добрый день!\nВы можете изменить адрес доставки в личном кабинете до передачи заказа курьеру.",
     "Вы можете изменить адрес доставки в личном кабинете до передачи заказа курьеру."),
    ("uk", "Добрий день!\nЗаявку зареєстровано. Ми обов'язково розберемося найближчим часом.\nЗ повагою, Марія",
     "Ми обов'язково розберемося найближчим часом."),
    ("uk", "Добрий день!\nНам дуже прикро, що кур'єр запізнився.\nЩе раз перепрошуємо.",
     "Ще раз перепрошуємо."),
])
def test_an_ending_that_only_informs_is_flagged_on_its_last_sentence(lang: str, text: str, flagged: str) -> None:
    assert excerpts(text, "call-to-action", lang=lang) == [flagged]


def test_a_request_in_the_middle_does_not_make_an_informational_ending_a_step() -> None:
    text = ("Здравствуйте!\nПопробуйте перезагрузить роутер.\nПо нашим данным, на линии всё работает. "
            "Аварий в районе нет.\nС уважением, техподдержка")
    assert "call-to-action" in rules(text, lang="ru")


def test_the_clients_quoted_request_is_not_our_next_step() -> None:
    text = "Здравствуйте!\nЗаказ передан в доставку.\nС уважением, Мария" + QUOTED_RU
    assert "call-to-action" in rules(text, lang="ru")


def test_a_farewell_or_thanks_after_the_step_is_skipped() -> None:
    text = ("Добрый день!\nДля входа используйте новый пароль из СМС.\nСпасибо, что обратились в поддержку банка!\n"
            "Хорошего дня!")
    assert "call-to-action" not in rules(text, lang="ru")


def test_a_step_needs_a_concrete_time_when_it_is_ours() -> None:
    vague = "Здравствуйте!\nОтвет от отеля получен. Когда появится решение, мы вам сообщим.\nС уважением, Ольга"
    timed = "Здравствуйте!\nОтвет от отеля получен. Завтра до 11:00 мы сообщим вам решение.\nС уважением, Ольга"
    assert "call-to-action" in rules(vague, lang="ru")
    assert "call-to-action" not in rules(timed, lang="ru")


# --- introduce-yourself --------------------------------------------------------------------------

BODY_RU = "Заказ №4821 передан в доставку, курьер позвонит завтра до 12:00."
BODY_UK = "Замовлення №4821 передано в доставку, кур'єр зателефонує завтра до 12:00."


@pytest.mark.parametrize("text", [
    f"Здравствуйте! Меня зовут Ольга, я менеджер магазина.\n{BODY_RU}\nС уважением, служба поддержки",
    f"Добрый день! Это Ольга из «Домовёнка».\n{BODY_RU}\nС уважением, служба поддержки",
    f"Здравствуйте!\n{BODY_RU}\nС уважением, Ольга",
    f"Здравствуйте!\n{BODY_RU}\nС уважением,\nОльга Петрова\nменеджер, тел. 8 800 555-12-34",
    f"Здравствуйте!\n{BODY_RU}\nС уважением, [Имя оператора]",
])
def test_a_name_in_the_opening_or_signature_is_an_introduction_ru(text: str) -> None:
    assert "introduce-yourself" not in rules(text, lang="ru")


@pytest.mark.parametrize("text", [
    f"Добрий день! Мене звати Ольга.\n{BODY_UK}\nЗ повагою, служба підтримки",
    f"Добрий день!\n{BODY_UK}\nЗ повагою, Ольга",
    f"Добрий день!\n{BODY_UK}\nЗ повагою, {{{{agent.name}}}}",
])
def test_a_name_in_the_opening_or_signature_is_an_introduction_uk(text: str) -> None:
    assert "introduce-yourself" not in rules(text, lang="uk")


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", f"Здравствуйте, Ольга!\n{BODY_RU}\nС уважением, служба поддержки"),
    ("uk", f"Добрий день, Ольго!\n{BODY_UK}\nЗ повагою, служба підтримки"),
])
def test_the_clients_name_in_the_greeting_is_not_an_introduction(lang: str, text: str) -> None:
    assert excerpts(text, "introduce-yourself", lang=lang) == [text.split("\n")[0]]


def test_introduce_yourself_is_for_first_contact_only() -> None:
    text = f"Здравствуйте!\n{BODY_RU}\nС уважением, служба поддержки"
    assert "introduce-yourself" not in rules(text, lang="ru", first_contact=False)


# --- greeting-only, too-short --------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Здравствуйте!"), ("ru", "Добрый день, вы тут?"), ("ru", "Анна, добрый день!"),
    ("uk", "Добрий день!"), ("uk", "Доброго дня, ви на зв'язку?"),
])
def test_a_message_that_is_only_a_greeting_is_flagged(lang: str, text: str) -> None:
    assert excerpts(text, "greeting-only", lang=lang) == [text]


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Здравствуйте! Заказ готов к выдаче."),
    ("ru", "Добрый день! Ваш заказ в пути, трек-номер 80081234.\n\n> Здравствуйте, вы тут?\n> Где мой заказ?"),
    ("uk", "Доброго дня!\nВаше замовлення №5821 у відділенні №3."),
    ("uk", "Добрий день! Замовлення готове до видачі."),
])
def test_a_greeting_with_content_is_not_greeting_only(lang: str, text: str) -> None:
    assert "greeting-only" not in rules(text, lang=lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Да."), ("ru", "Ок"), ("ru", "Хорошо!"), ("ru", "Здравствуйте! Нет.\nС уважением, Ольга"),
    ("uk", "Так."), ("uk", "Ні"), ("uk", "Добре"),
])
def test_a_bare_yes_no_ok_is_too_short(lang: str, text: str) -> None:
    found = rules(text, lang=lang)
    assert "too-short" in found
    assert "call-to-action" not in found  # one finding for one problem


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Да, доставка в Казань возможна: 2–3 дня, 350 ₽."),
    ("ru", "Хорошо, мы изменили адрес доставки."),
    ("uk", "Так, доставка до Львова можлива: 2–3 дні."),
    ("uk", "Добрий день!"),
])
def test_a_short_word_starting_a_real_answer_is_not_too_short(lang: str, text: str) -> None:
    assert "too-short" not in rules(text, lang=lang)
