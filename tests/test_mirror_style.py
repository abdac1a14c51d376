"""Mirroring the client (000: «можете ослабить вожжи»; 004: «подражайте стилю собеседника»): when the
client's own message uses emoji, «)», CAPS, «!!!» or «Привет», the first-contact rule of that kind
drops to info — and only then."""

import pytest

from replylint import lint
from replylint.rulekit.finding import Severity

RU = "Здравствуйте!\nЗаказ 4821 передан курьеру)) Он УЖЕ в пути!!! Привезёт завтра до 18:00.\nС уважением, Ольга"
UK = "Добрий день!\nЗамовлення 4821 передали кур'єру)) Привезе ДУЖЕ швидко!!! Завтра до 18:00.\nЗ повагою, Ольга"
HELLO_RU = "Привет!\nЗаказ 4821 передан курьеру, привезёт завтра до 18:00.\nС уважением, Ольга"
HELLO_UK = "Привіт!\nЗамовлення 4821 передали кур'єру, привезе завтра до 18:00.\nЗ повагою, Ольга"


def severity(reply: str, client: str | None, rule: str) -> Severity | None:
    found = [finding.severity for finding in lint(reply, client=client, select=[rule])]
    assert len(found) <= 1, found
    return found[0] if found else None


@pytest.mark.parametrize(("reply", "client", "rule"), [
    (RU, "Здравствуйте) Где мой заказ 4821?)", "emoji"),
    (RU, "Где мой заказ? 😊", "emoji"),
    (UK, "Добрий день :) Де моє замовлення?", "emoji"),
    (RU, "ГДЕ МОЙ ЗАКАЗ? Жду неделю", "caps"),
    (UK, "Де замовлення? ЧЕКАЮ вже тиждень", "caps"),
    (RU, "Где мой заказ?!! Жду неделю", "exclamation"),
    (UK, "Де моє замовлення!!! Чекаю тиждень", "exclamation"),
    (HELLO_RU, "Привет! Где мой заказ 4821?", "informal-greeting"),
    (HELLO_UK, "Привіт, де моє замовлення 4821?", "informal-greeting"),
    (HELLO_RU, "Привіт! Где мой заказ 4821?", "informal-greeting"),  # greeted in one language, wrote in the other
])
def test_rule_drops_to_info_when_the_client_writes_that_way(reply: str, client: str, rule: str) -> None:
    assert severity(reply, None, rule) in (Severity.ERROR, Severity.WARNING)
    assert severity(reply, client, rule) is Severity.INFO


@pytest.mark.parametrize(("reply", "client", "rule"), [
    # list markers and parentheses are not smileys
    (RU, "Здравствуйте. Нужно: 1) вернуть деньги; 2) отменить заказ 4821.", "emoji"),
    (RU, "Заказ 4821 (оплачен картой) не пришёл, где он?", "emoji"),
    (UK, "Потрібно: а) повернути кошти; б) скасувати замовлення.", "emoji"),
    # abbreviations, names and a quoted status are not shouting
    (RU, "Пришлите, пожалуйста, счёт на ИНН и копию в ГИБДД.", "caps"),
    (RU, "Статус заказа «ПРИНЯТ» уже неделю, где он?", "caps"),
    (UK, "Вкажіть ЄДРПОУ та РНОКПП у рахунку, будь ласка.", "caps"),
    (RU, "Где заказ?\nИВАНОВ ИВАН", "caps"),
    # puzzled «???» is not the exclamatory style
    (RU, "Где мой заказ???", "exclamation"),
    # «привет» in passing is no informal greeting
    (HELLO_RU, "Добрый день! Передайте привет курьеру, он молодец.", "informal-greeting"),
    (HELLO_UK, "Добрий день! Передайте привіт кур'єру.", "informal-greeting"),
])
def test_near_misses_keep_the_rule_strict(reply: str, client: str, rule: str) -> None:
    assert severity(reply, client, rule) in (Severity.ERROR, Severity.WARNING)


def test_what_the_client_quotes_is_not_their_style() -> None:
    client = ("Добрый день. Где мой заказ 4821? Жду неделю.\n\n"
              "> Привет! Заказ УЖЕ ОТПРАВЛЕН)))!!!\n> Ольга")
    for reply, rule in ((RU, "emoji"), (RU, "caps"), (RU, "exclamation"), (HELLO_RU, "informal-greeting")):
        assert severity(reply, client, rule) in (Severity.ERROR, Severity.WARNING), rule


def test_mirroring_one_thing_does_not_excuse_another() -> None:
    client = "Здравствуйте) Где мой заказ 4821?)"
    assert severity(RU, client, "emoji") is Severity.INFO
    assert severity(RU, client, "caps") is Severity.ERROR
    assert severity(RU, client, "exclamation") is Severity.WARNING
