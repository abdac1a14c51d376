"""name-mismatch, name-diminutive, patronymic: the client's name as they gave it, in ru and uk."""

import pytest

from replylint import lint
from replylint.engine.runner import analyse
from replylint.mechanisms.names import find_client_name
from replylint.rulekit.finding import Finding, Severity

NAME_RULES = ["name-mismatch", "name-diminutive", "patronymic"]
REPLY_RU = "{}, добрый день!\nЗаказ 4821 передан курьеру, он привезёт его завтра до 18:00.\nС уважением, Ольга"
REPLY_UK = "{}, добрий день!\nЗамовлення 4821 передали кур'єру, він привезе його завтра до 18:00.\nЗ повагою, Ольга"
ASK_RU = "Здравствуйте! Заказ 4821 до сих пор не пришёл, подскажите, где он?\n"
ASK_UK = "Добрий день! Замовлення 4821 досі не прийшло, підкажіть, де воно?\n"


def found(text: str, client: str | None, rule: str) -> list[str]:
    return [text[f.start : f.end] for f in lint(text, client=client, select=NAME_RULES) if f.rule == rule]


def the_finding(reply: str, client: str, rule: str, word: str) -> Finding:
    """The one finding of `rule`, pointing at `word`."""
    findings = [f for f in lint(reply, client=client, select=NAME_RULES) if f.rule == rule]
    assert [reply[f.start : f.end] for f in findings] == [word]
    return findings[0]


def names_found(text: str, client: str | None) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start : f.end]) for f in lint(text, client=client, select=NAME_RULES)]


# --- reading the client's name --------------------------------------------------------------------

@pytest.mark.parametrize(("client", "first", "patronymic", "surname"), [
    (ASK_RU + "С уважением, Анна Петрова", "Анна", None, "Петрова"),
    (ASK_RU + "С уважением,\nПетрова Анна", "Анна", None, "Петрова"),
    (ASK_RU + "\nЕвгений Александрович", "Евгений", "Александрович", None),
    ("Здравствуйте, меня зовут Анна. " + ASK_RU, "Анна", None, None),
    ("Добрий день. Мене звати Олена Петрівна. " + ASK_UK, "Олена", "Петрівна", None),
    (ASK_UK + "З повагою,\nІван Петрович Шевченко", "Іван", "Петрович", "Шевченко"),
    (ASK_UK + "Тарас", "Тарас", None, None),
    # A chat message signed inline, on its last line.
    ("Здравствуйте, заказ 4821 так и не привезли на ул. Ленина, 5. Анастасия", "Анастасия", None, None),
    ("Добрий день, замовлення 4821 досі не привезли на вул. Шевченка, 12? Олена", "Олена", None, None),
    ("Когда привезёте заказ 4821? Иван Петрович", "Иван", "Петрович", None),
])
def test_the_name_comes_from_a_signature_or_a_self_introduction(
        client: str, first: str, patronymic: str | None, surname: str | None) -> None:
    name = find_client_name(analyse(client))
    assert name is not None
    assert name.first.written == first
    assert (name.patronymic.written if name.patronymic else None) == patronymic
    assert (name.surname.written if name.surname else None) == surname


@pytest.mark.parametrize("client", [
    "Спасибо, Анна! Всё получила, заказ пришёл.",  # thanking the agent by the agent's name
    ASK_RU + "Спасибо",
    ASK_RU + "Жду ответа",
    ASK_RU + "Москва",
    "Евгений",  # a message that is only a word is no signature
    ASK_RU + "\n> С уважением, Анастасия",  # a name in the history the client quotes is not theirs
    "Когда привезёте заказ на ул. Ленина, 5? Спасибо.",  # the last sentence inline is no name
    "Доставьте, пожалуйста, в Москву. Пермь",  # nor a town
    "Коли привезете замовлення на вул. Шевченка, 12? Дякую!",
])
def test_no_name_where_there_is_none(client: str) -> None:
    assert find_client_name(analyse(client)) is None


# --- name-mismatch --------------------------------------------------------------------------------

@pytest.mark.parametrize(("reply", "client", "word"), [
    (REPLY_RU.format("Анастасиия"), ASK_RU + "С уважением, Анастасия", "Анастасиия"),
    (REPLY_RU.format("Евегний"), ASK_RU + "Евгений", "Евегний"),
    (REPLY_RU.format("Добрый день, Анастасия. Анастасая"), ASK_RU + "С уважением, Анастасия", "Анастасая"),
    (REPLY_UK.format("Олнео"), ASK_UK + "З повагою, Олена", "Олнео"),
    (REPLY_UK.format("Тарасу, дякуємо за терпіння. Тараср"), "Мене звати Тарас. " + ASK_UK, "Тараср"),
])
def test_misspelt_name_is_an_error(reply: str, client: str, word: str) -> None:
    assert the_finding(reply, client, "name-mismatch", word).severity is Severity.ERROR


@pytest.mark.parametrize(("reply", "client"), [
    # inflected forms and the Ukrainian vocative are the same name
    (REPLY_RU.format("Анна") + "\nАнне мы уже отправили трек, Анну ждём в пункте выдачи.",
     ASK_RU + "С уважением, Анна"),
    (REPLY_UK.format("Олено"), ASK_UK + "З повагою, Олена"),
    (REPLY_UK.format("Тарасе"), "Мене звати Тарас. " + ASK_UK),
    (REPLY_UK.format("Ганно"), ASK_UK + "Ганна"),
    (REPLY_UK.format("Шановна пані Олено Петрівно"), ASK_UK + "Олена Петрівна"),
    # another real name, or an ordinary word, one letter off the client's
    (REPLY_RU.format("Добрый день. Инна из отдела доставки позвонит вам") , ASK_RU + "С уважением, Анна"),
    (REPLY_RU.format("Алло, это служба доставки? Да"), ASK_RU + "Алла"),
    (REPLY_UK.format("Марина, добрий день. Вікторія"), ASK_UK + "Марина"),
    (REPLY_RU.format("Раиса. Справку выдаст АИС"), ASK_RU + "Раиса"),
    # no name in the client's message: nothing to compare with
    (REPLY_RU.format("Анастасиия"), ASK_RU),
    (REPLY_RU.format("Анастасиия"), None),
    # the system fills the name in the greeting
    ("{{ name }}, добрый день!\nЗаказ 4821 передан курьеру.\nС уважением, Ольга", ASK_RU + "Анастасия"),
])
def test_name_mismatch_near_misses(reply: str, client: str | None) -> None:
    assert found(reply, client, "name-mismatch") == []


def test_a_name_quoted_from_the_history_is_not_the_agents() -> None:
    reply = (REPLY_RU.format("Анастасия")
             + "\n\n-----Original Message-----\n> Анастасиия, мы приняли ваш заказ")
    assert found(reply, ASK_RU + "С уважением, Анастасия", "name-mismatch") == []


# --- name-diminutive ------------------------------------------------------------------------------

@pytest.mark.parametrize(("reply", "client", "word", "suggestion"), [
    (REPLY_RU.format("Женя"), ASK_RU + "Евгений Александрович", "Женя", "Евгений"),
    (REPLY_RU.format("Добрый день. Спасибо, Женечка"), ASK_RU + "Евгений", "Женечка", "Евгений"),
    (REPLY_RU.format("Добрый день. Передали ваш вопрос. Настя"), ASK_RU + "С уважением, Анастасия Петрова",
     "Настя", "Анастасия"),
    (REPLY_UK.format("Сашко"), ASK_UK + "Олександр", "Сашко", "Олександре"),
    (REPLY_UK.format("Добрий день, Славко"), ASK_UK + "З повагою, В'ячеслав", "Славко", "В'ячеславе"),
])
def test_diminutive_of_the_clients_name_is_an_error(reply: str, client: str, word: str, suggestion: str) -> None:
    finding = the_finding(reply, client, "name-diminutive", word)
    assert (finding.severity, finding.suggestion) == (Severity.ERROR, suggestion)


@pytest.mark.parametrize(("reply", "client"), [
    (REPLY_RU.format("Женя"), ASK_RU + "Женя"),  # the client signed with the short form themselves
    (REPLY_RU.format("Женя"), ASK_RU),  # no name given: «Женя» may be what they call themselves
    (REPLY_RU.format("Евгений Александрович").replace("Заказ", "Слава богу, заказ нашёлся. Заказ"),
     ASK_RU + "Вячеслав"),
    (REPLY_RU.format("Вячеслав").replace("Заказ", "Слава богу, заказ"), ASK_RU + "Вячеслав"),
    (REPLY_RU.format("Полина").replace("Заказ 4821", "Заполните поля формы, заказ 4821"), ASK_RU + "Полина"),
    (REPLY_UK.format("Олександре"), ASK_UK + "Олександр"),
])
def test_name_diminutive_near_misses(reply: str, client: str | None) -> None:
    assert found(reply, client, "name-diminutive") == []


def test_an_ambiguous_short_form_counts_as_an_address() -> None:
    reply = REPLY_RU.format("Добрый день, Слава! Заказ нашёлся. Вячеслав")
    assert found(reply, ASK_RU + "Вячеслав", "name-diminutive") == ["Слава"]


# --- patronymic -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("reply", "client", "word", "suggestion"), [
    (REPLY_RU.format("Евгений"), ASK_RU + "Евгений Александрович", "Евгений", "Евгений Александрович"),
    (REPLY_RU.format("Добрый день, Мария"), "Меня зовут Мария Ивановна. " + ASK_RU, "Мария", "Мария Ивановна"),
    (REPLY_UK.format("Іване"), ASK_UK + "Іван Петрович", "Іване", "Іване Петровичу"),
    (REPLY_UK.format("Олено"), "Мене звати Олена Петрівна. " + ASK_UK, "Олено", "Олено Петрівно"),
])
def test_first_name_without_the_patronymic_is_a_warning(reply: str, client: str, word: str, suggestion: str) -> None:
    finding = the_finding(reply, client, "patronymic", word)
    assert (finding.severity, finding.suggestion) == (Severity.WARNING, suggestion)


@pytest.mark.parametrize(("reply", "client"), [
    (REPLY_RU.format("Евгений Александрович"), ASK_RU + "Евгений Александрович"),
    (REPLY_UK.format("Іване Петровичу"), ASK_UK + "Іван Петрович"),
    (REPLY_RU.format("Евгений"), ASK_RU + "Евгений"),  # no patronymic given
    (REPLY_RU.format("Евгений"), ASK_RU + "С уважением, Евгений Петров"),  # a surname is no patronymic
    ("Добрый день, Евгений {{ patronymic }}!\nЗаказ передан курьеру.\nС уважением, Ольга",
     ASK_RU + "Евгений Александрович"),
    ("{{ first_name }},\nдобрый день!\nЗаказ передан курьеру.\nС уважением, Ольга", ASK_RU + "Евгений Александрович"),
])
def test_patronymic_near_misses(reply: str, client: str) -> None:
    assert found(reply, client, "patronymic") == []


def test_placeholder_greeting_does_not_excuse_the_rest_of_the_reply() -> None:
    reply = "{{ name }}, добрый день!\nЕвгений, заказ передан курьеру.\nС уважением, Ольга"
    assert found(reply, ASK_RU + "Евгений Александрович", "patronymic") == ["Евгений"]


def test_a_diminutive_is_not_also_a_missing_patronymic_or_a_typo() -> None:
    assert names_found(REPLY_RU.format("Женя"), ASK_RU + "Евгений Александрович") == [("name-diminutive", "Женя")]


@pytest.mark.parametrize(("reply", "client", "word"), [
    (REPLY_RU.format("Анастасея"), "Здравствуйте, заказ 4821 так и не привезли на ул. Ленина, 5. Анастасия",
     "Анастасея"),
    (REPLY_UK.format("Олено"), "Добрий день, замовлення 4821 досі не привезли на вул. Шевченка, 12? Олена", None),
    (REPLY_UK.format("Олана"), "Добрий день, замовлення 4821 досі не привезли на вул. Шевченка, 12? Олена", "Олана"),
])
def test_the_name_rules_work_on_a_chat_message_signed_inline(reply: str, client: str, word: str | None) -> None:
    assert found(reply, client, "name-mismatch") == ([word] if word else [])

