"""caps, emoji, exclamation, punctuation-run: hits, near-misses, first contact and mirroring."""

import pytest

from replylint import lint
from replylint.rulekit.finding import Severity

from lintkit import excerpts

FRAME_RU = "Здравствуйте!\n{}\nС уважением, Мария"
FRAME_UK = "Добрий день!\n{}\nЗ повагою, Марія"


# --- caps ---

@pytest.mark.parametrize(("frame", "sentence", "expected"), [
    (FRAME_RU, "ОБЯЗАТЕЛЬНО укажите номер заказа.", ["ОБЯЗАТЕЛЬНО"]),
    (FRAME_RU, "Это ОЧЕНЬ ВАЖНО для нас.", ["ОЧЕНЬ ВАЖНО"]),
    (FRAME_RU, "ВНИМАНИЕ: акция до пятницы.", ["ВНИМАНИЕ"]),
    (FRAME_UK, "ОБОВ'ЯЗКОВО вкажіть номер замовлення.", ["ОБОВ'ЯЗКОВО"]),
    (FRAME_UK, "Це ДУЖЕ важливо.", ["ДУЖЕ"]),
    (FRAME_RU, "СРОЧНО ОПЛАТИТЕ ЗАКАЗ!", ["СРОЧНО ОПЛАТИТЕ ЗАКАЗ"]),  # a shouted line is not a heading
])
def test_caps_flags_shouting(frame: str, sentence: str, expected: list[str]) -> None:
    assert excerpts(frame.format(sentence), "caps") == expected


@pytest.mark.parametrize(("frame", "sentence"), [
    (FRAME_RU, "Укажите ИНН и КПП, счёт выставим с НДС."),
    (FRAME_RU, "Код придёт в СМС, а документы — через ЭДО."),
    (FRAME_RU, "Файл весит 20 МБ, лимит — 25 МБ."),
    (FRAME_RU, "Приложение «ВКОНТАКТЕ» обновилось."),
    (FRAME_RU, "Оплата через СБП или картой МИР, заказ в ПВЗ СДЭК."),
    (FRAME_RU, "Загрузите видео на RUTUBE в формате MP4."),
    (FRAME_RU, "Сумма 2 тыс. руб. и 15 тыс. бонусов."),
    (FRAME_UK, "Вкажіть код ЄДРПОУ та РНОКПП, рахунок з ПДВ."),
    (FRAME_UK, "Номер ТТН надішлемо в СМС, ФОП може платити без ПДВ."),
    (FRAME_UK, "Звернітеся до ЦНАП за місцем проживання."),
    (FRAME_RU, "Наберите *130*7*ХХХХХХХХХ#, где ХХХХХХХХХ — номер договора."),
    (FRAME_RU, "Настройки OBS:\n\n1.2 ЗАПИСЬ\n\nКодировщик видео — аппаратный.\n\nИСТОЧНИКИ\nДобавьте камеру."),
    (FRAME_UK, "Налаштування:\n\n2.1 ГЛОБАЛЬНІ ПРИСТРОЇ АУДІО\n\nМікрофон — основний."),
    (FRAME_RU, "Мы постоянно улучшаем технологию ИИ."),
])
def test_caps_ignores_abbreviations_units_and_brands(frame: str, sentence: str) -> None:
    assert excerpts(frame.format(sentence), "caps") == []


def test_caps_is_silent_in_an_ongoing_conversation() -> None:
    assert excerpts(FRAME_RU.format("Это ОЧЕНЬ важно."), "caps", first_contact=False) == []


def test_caps_drops_to_info_when_the_client_shouts_too() -> None:
    findings = [f for f in lint(FRAME_RU.format("Это ОЧЕНЬ важно."), client="ГДЕ МОЙ ЗАКАЗ? ВЕРНИТЕ ДЕНЬГИ")
                if f.rule == "caps"]
    assert [f.severity for f in findings] == [Severity.INFO]


# --- emoji ---

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Всё исправили 👍", ["👍"]),
    ("Всё исправили 👍🏻🎉", ["👍🏻", "🎉"]),
    ("Всё исправили :)", [":)"]),
    ("Всё исправили:-)", [":-)"]),
    ("Ждём вас ;)", [";)"]),
    ("Всё исправили)))", [")))"]),
    ("Всё исправили))", ["))"]),
    ("Спасибо)", [")"]),
    ("Жаль, что так вышло((", ["(("]),
    ("Жаль, что так вышло :(", [":("]),
    ("Вот это да xD", ["xD"]),
    ("Заказ доставлен ❤️", ["❤️"]),
])
def test_emoji_flags_smileys(sentence: str, expected: list[str]) -> None:
    assert excerpts(FRAME_RU.format(sentence), "emoji") == expected


@pytest.mark.parametrize("sentence", [
    "Мы всё исправили: 1) вернули деньги; 2) отменили заказ.",
    "Варианты:\n1) самовывоз;\n2) курьер;\nа) оплата картой.",
    "Стоимость (с НДС) — 300 рублей (без учёта доставки).",
    "Встреча в 10:30, окно с 12:00 до 15:00.",
    "Подробнее: https://help.example.ru/faq/(returns) и https://x.ru/a:b",
    "Пункт 3.2) договора не применяется.",
    "Оценка 4/5 :: отлично",
    "Модель XD-300 есть в наличии, инструкция — в разделе 8) руководства.",
    "Пункт B) договора не применяется.",
])
def test_emoji_ignores_list_markers_and_parentheses(sentence: str) -> None:
    assert excerpts(FRAME_RU.format(sentence), "emoji") == []


def test_emoji_in_ukrainian_and_in_ongoing_conversation() -> None:
    text = FRAME_UK.format("Усе виправили))) 😊")
    assert excerpts(text, "emoji") == [")))", "😊"]
    assert excerpts(text, "emoji", first_contact=False) == []


def test_emoji_drops_to_info_when_the_client_uses_them() -> None:
    findings = [f for f in lint(FRAME_RU.format("Готово)"), client="Здравствуйте) где заказ?)") if f.rule == "emoji"]
    assert [f.severity for f in findings] == [Severity.INFO]


def test_emoji_in_the_clients_quoted_message_is_not_ours() -> None:
    text = FRAME_RU.format("Заказ отправлен.") + "\n\n> Где заказ??? :((("
    assert excerpts(text, "emoji") == []


# --- exclamation ---

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Заказ отправлен!!!", ["!!!"]),
    ("Вы точно оплатили?!", ["?!"]),
    ("Где номер заказа???", ["???"]),
    ("Готово!!", ["!!"]),
])
def test_exclamation_runs(sentence: str, expected: list[str]) -> None:
    assert excerpts(FRAME_RU.format(sentence), "exclamation") == expected


def test_exclamation_count_over_the_limit() -> None:
    text = "Здравствуйте! Ура! Заказ готов! Ждём вас! Спасибо!\nС уважением, Мария"
    assert excerpts(text, "exclamation") == ["!"]  # the fourth «!», once


@pytest.mark.parametrize("text", [
    "Здравствуйте!\nЗаказ готов.\nХорошего дня!",
    "Добрий день!\nЗамовлення готове. Чекаємо на вас!\nГарного дня!",
    "Здравствуйте!\nВы написали «Где заказ???» — он уже у курьера.\nХорошего дня!",
])
def test_exclamation_near_misses(text: str) -> None:
    assert excerpts(text, "exclamation") == []


# --- punctuation-run ---

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Проверим и напишем....", ["...."]),
    ("Проверим и напишем.....", ["....."]),
    ("Проверим и напишем…..", ["….."]),
    ("Проверим,, и напишем.", [",,"]),
])
def test_punctuation_runs(sentence: str, expected: list[str]) -> None:
    assert excerpts(FRAME_RU.format(sentence), "punctuation-run") == expected


@pytest.mark.parametrize("sentence", [
    "Проверим и напишем...", "Проверим и напишем…", "Перевіримо й напишемо...", "Время: 10:30, 11:00.",
])
def test_punctuation_near_misses(sentence: str) -> None:
    assert excerpts(FRAME_RU.format(sentence), "punctuation-run") == []


def test_punctuation_run_is_fixable_to_an_ellipsis() -> None:
    finding = next(f for f in lint(FRAME_RU.format("Проверим....")) if f.rule == "punctuation-run")
    assert finding.fix is not None and finding.fix.replacement == "…" and finding.suggestion == "…"
