"""vy-consistency, long-sentence, long-paragraph, list-questions: how a reply reads."""

import pytest

from replylint import lint

from lintkit import excerpts, rules

# --- vy-consistency ------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "text", "minority"), [
    ("ru", "Здравствуйте! Мы отправили Вам трек-номер, по нему Вы отследите посылку, а ваш курьер позвонит.",
     ["ваш"]),
    ("uk", "Добрий день! Ми надіслали вам трек-номер, за ним ви відстежите посилку, а Ваш кур'єр зателефонує.",
     ["Ваш"]),
])
def test_mixed_capital_and_small_polite_you_flags_the_minority_form(lang: str, text: str, minority: list[str]) -> None:
    assert excerpts(text, "vy-consistency", lang=lang) == minority


def test_vy_consistency_offers_the_majority_form_as_a_fix() -> None:
    text = "Здравствуйте! Мы отправили Вам трек-номер, по нему Вы отследите посылку, а ваш курьер позвонит."
    (finding,) = [finding for finding in lint(text, lang="ru") if finding.rule == "vy-consistency"]
    assert finding.fix is not None and finding.fix.replacement == "Ваш"


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Здравствуйте! Вы можете забрать заказ сегодня. Мы отправили вам трек-номер."),  # «Вы» opens a sentence
    ("ru", "Здравствуйте! Мы отправили Вам трек-номер, по нему Вы отследите посылку."),
    ("ru", "Здравствуйте! Вы написали «а Вам всё равно?», и мы отправили вам ответ."),  # the client's words
    ("uk", "Добрий день! Ви можете забрати замовлення сьогодні. Ми надіслали вам трек-номер."),
    ("ru", "Здравствуйте! Мы отправили вам трек-номер.\n\n> Вы мне обещали, а Вам всё равно?"),
])
def test_one_consistent_form_is_fine(lang: str, text: str) -> None:
    assert "vy-consistency" not in rules(text, lang=lang)


# --- long-sentence -------------------------------------------------------------------------------

LONG_RU = ("Мы проверили ваш заказ и выяснили, что посылка задержалась на сортировочном центре из-за сбоя у "
           "перевозчика, поэтому она придёт позже, чем мы обещали, но мы уже договорились о приоритетной отправке.")
LONG_UK = ("Ми перевірили ваше замовлення і з'ясували, що посилка затрималася на сортувальному терміналі через збій у "
           "перевізника, тому вона прийде пізніше, ніж ми обіцяли, але ми вже домовилися про пріоритетне відправлення.")


@pytest.mark.parametrize(("lang", "sentence"), [("ru", LONG_RU), ("uk", LONG_UK)])
def test_a_sentence_over_25_words_is_flagged(lang: str, sentence: str) -> None:
    assert excerpts(f"Здравствуйте!\n{sentence}\nС уважением, Ольга", "long-sentence", lang=lang) == [sentence]


def test_numbers_links_and_placeholders_are_not_words() -> None:
    sentence = ("Заказ {{order.id}} на 1 490 ₽ от 12.03.2024 доставит курьер по адресу https://example.ru/track/48213 "
                "в пункт 15 на улице Ленина с 10:00 до 18:00, трек 80081234567 и код 4821 придут в СМС на номер "
                "+7 900 123-45-67.")
    assert "long-sentence" not in rules(f"Здравствуйте!\n{sentence}", lang="ru")


def test_an_enumeration_in_one_sentence_is_not_a_long_sentence() -> None:
    sentence = ("Для оформления нужны: паспорт, СНИЛС, ИНН, справка о доходах, выписка из банка, копия трудовой "
                "книжки, заявление по форме банка, фото, полис ОМС, военный билет, диплом.")
    assert "long-sentence" not in rules(f"Здравствуйте!\n{sentence}", lang="ru")


# --- long-paragraph ------------------------------------------------------------------------------

WALL_RU = ("Заказ собран. Он передан курьеру. Курьер позвонит за час. Оплатить можно картой. Чек придёт на почту. "
           "Возврат возможен в течение 14 дней.")


def test_a_paragraph_of_six_sentences_is_flagged() -> None:
    assert excerpts(f"Здравствуйте!\n{WALL_RU}", "long-paragraph", lang="ru") == ["Заказ собран."]


def test_a_paragraph_longer_than_eight_screen_lines_is_flagged_in_ukrainian() -> None:
    wall = ("Замовлення зібране і передане кур'єрській службі, яка доставляє посилки по всій Україні протягом "
            "трьох робочих днів, а у великі міста здебільшого наступного дня після відправлення зі складу, "
            "при цьому кур'єр обов'язково зателефонує вам за годину до приїзду і уточнить зручний час, "
            "адресу й спосіб оплати замовлення, а якщо ви не зможете прийняти посилку в цей день, "
            "вона залишиться у найближчому відділенні на п'ять днів безкоштовного зберігання, після чого "
            "її повернуть на склад і кошти буде автоматично повернено на вашу картку протягом тижня.")
    assert "long-paragraph" in rules(f"Добрий день!\n{wall}", lang="uk")


@pytest.mark.parametrize("text", [
    "Здравствуйте!\nЗаказ собран.\nОн передан курьеру.\nКурьер позвонит за час.\nОплатить можно картой.\n"
    "Чек придёт на почту.\nВозврат возможен 14 дней.",  # one sentence a line: a chat, not a wall
    "Здравствуйте! Нужны документы:\n1. Паспорт.\n2. СНИЛС.\n3. ИНН.\n4. Справка.\n5. Выписка.\n6. Фото.",
    "Параметры потока:\nКачество - HD\nКодек - H.264\nЧастота кадров - до 60 fps\nБитрейт - 4-6 mb/s\n"
    "Аудио - 128 kbps\nСоотношение - 16:9",
])
def test_chat_lines_lists_and_tables_are_not_walls(text: str) -> None:
    assert "long-paragraph" not in rules(text, lang="ru")


def test_long_paragraph_limit_is_an_option() -> None:
    from replylint.engine.runner import analyse, lint_document
    from replylint.engine.settings import Settings

    settings = Settings(select=frozenset({"long-paragraph"}), options={"long-paragraph": {"max_sentences": 7}})
    document = analyse(f"Здравствуйте!\n{WALL_RU}", "ru")
    assert lint_document(document, settings) == []


# --- list-questions ------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "span"), [
    ("ru", "Здравствуйте! Подскажите, какой у вас номер заказа? И на какой адрес его доставить?",
     "Подскажите, какой у вас номер заказа? И на какой адрес его доставить?"),
    ("uk", "Добрий день! Підкажіть, який у вас номер замовлення? На яку адресу його доставити? Коли вам зручно?",
     "Підкажіть, який у вас номер замовлення? На яку адресу його доставити? Коли вам зручно?"),
])
def test_questions_in_running_text_are_flagged(lang: str, text: str, span: str) -> None:
    assert excerpts(text, "list-questions", lang=lang) == [span]


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Здравствуйте! Подскажите, пожалуйста:\n1. Какой у вас номер заказа?\n2. На какой адрес его доставить?"),
    ("ru", "Здравствуйте! Какой у вас номер заказа?\n\nЗаказ можно оплатить картой. Удобно ли вам в субботу?"),
    ("ru", "Здравствуйте! Вы спросили «Где заказ? Когда привезут?» — заказ уже в пункте выдачи."),
    ("uk", "Добрий день! Підкажіть, будь ласка:\n- Який у вас номер замовлення?\n- На яку адресу доставити?"),
    ("ru", "Здравствуйте! Заказ в пути.\n\n> Где мой заказ? Когда привезут?"),
])
def test_numbered_lists_separate_paragraphs_and_quotes_are_fine(lang: str, text: str) -> None:
    assert "list-questions" not in rules(text, lang=lang)
