"""ty-form: morphology finds «ты» in pronouns, possessives and verbs; near-misses stay silent."""

import pytest

from lintkit import excerpts

FRAME_RU = "Здравствуйте!\n{}\nС уважением, Мария"
FRAME_UK = "Добрий день!\n{}\nЗ повагою, Марія"


@pytest.mark.parametrize(("sentence", "words"), [
    ("Мы проверили твой заказ.", ["твой"]),
    ("Отправили тебе письмо.", ["тебе"]),
    ("Ты можешь забрать посылку завтра.", ["Ты", "можешь"]),
    ("Пришли номер заказа, пожалуйста.", ["Пришли"]),
    ("Подожди пару минут, уточню.", ["Подожди"]),
    ("Знаешь, заказ уже в пути.", ["Знаешь"]),
    ("Проверь папку «Спам» и напиши нам.", ["Проверь", "напиши"]),
    ("Извини за задержку.", ["Извини"]),
    ("С твоей картой всё в порядке.", ["твоей"]),
])
def test_russian_ty_forms(sentence: str, words: list[str]) -> None:
    assert excerpts(FRAME_RU.format(sentence), "ty-form") == words


@pytest.mark.parametrize(("sentence", "words"), [
    ("Ми перевірили твоє замовлення.", ["твоє"]),
    ("Надіслали тобі лист.", ["тобі"]),
    ("Ти можеш забрати посилку завтра.", ["Ти", "можеш"]),
    ("Надішли номер замовлення.", ["Надішли"]),
    ("Зачекай кілька хвилин.", ["Зачекай"]),
    ("Перевір пошту, будь ласка.", ["Перевір"]),
    # imperatives pymorphy3 reads first as nouns («зайди», «оплати», «онови»: genitives of nouns)
    ("Зайди в кабінет, оплати рахунок і онови сторінку.", ["Зайди", "оплати", "онови"]),
])
def test_ukrainian_ty_forms(sentence: str, words: list[str]) -> None:
    assert excerpts(FRAME_UK.format(sentence), "ty-form") == words


@pytest.mark.parametrize("sentence", [
    "Пришлите номер заказа, пожалуйста.",
    "Вы можете забрать посылку завтра.",
    "Сумма — 12 тыс. рублей, оплата картой.",
    "Пожалуй, быстрее всего будет оформить возврат онлайн.",
    "Оплатить можно любым способом, будь то карта или наличные.",
    "Вы написали: «ты мне не отвечаешь» — простите, письмо попало в спам.",
    "Мы пришли к выводу, что ошибка на нашей стороне.",  # «пришли» = past plural
    "Давайте проверим вместе: откройте приложение.",
    "Стоимость печи — 15 000 рублей.",
    "Пойдём навстречу: вернём деньги без комиссии.",
    "Дай бог, всё решится до пятницы: мы уже связались со складом.",
    "Ответственность сторон описана в договоре (см. п. 4.8, ср. п. 5.1).",
])
def test_russian_near_misses(sentence: str) -> None:
    assert excerpts(FRAME_RU.format(sentence), "ty-form") == []


@pytest.mark.parametrize("sentence", [
    "Надішліть, будь ласка, номер замовлення.",
    "Ви можете забрати посилку завтра.",
    "Будь-який спосіб оплати підійде.",
    "Ви написали: «ти не відповідаєш» — вибачте, лист потрапив у спам.",
    "Ми з'ясували причину, кур’єр уже їде.",
    "Оплати не надійшло. Для оплати натисніть кнопку «Сплатити».",  # the noun «оплата»
    "Чекаємо від вас підтвердження та оплати за посиланням у листі.",
    "Дай боже, все вирішиться до п'ятниці.",
])
def test_ukrainian_near_misses(sentence: str) -> None:
    assert excerpts(FRAME_UK.format(sentence), "ty-form") == []


def test_client_ty_in_quoted_history_is_not_ours() -> None:
    text = FRAME_RU.format("Заказ отправлен.") + "\n\n-----Original Message-----\nТы где? Верни мой заказ!"
    assert excerpts(text, "ty-form") == []
    text = FRAME_UK.format("Замовлення відправлено.") + "\n\n> Ти де? Поверни моє замовлення!"
    assert excerpts(text, "ty-form") == []


def test_ty_form_is_judged_in_ongoing_conversations_too() -> None:
    assert excerpts(FRAME_RU.format("Пришли фото."), "ty-form", first_contact=False) == ["Пришли"]
