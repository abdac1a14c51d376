"""Wording and tone rules (diminutive … over-thanks): what they flag and what they must leave alone,
in Russian and Ukrainian, on realistic drafts with greetings, quoted history and signatures."""

from pathlib import Path

import pytest

from replylint import lint

from lintkit import excerpts

RU_QUOTE = "\n\n> Здравствуйте, когда ждать ответ?! Это безобразие, щас же верните деньги!\n"
UK_QUOTE = "\n\n> Добрий день, коли чекати відповідь?! Це неподобство, щас же поверніть гроші!\n"


def ru(body: str) -> str:
    return f"Здравствуйте, Ольга!\n\n{body}\n\nС уважением,\nАнна, служба поддержки{RU_QUOTE}"


def uk(body: str) -> str:
    return f"Добрий день, Ольго!\n\n{body}\n\nЗ повагою,\nАнна, служба підтримки{UK_QUOTE}"


FLAGGED = [
    ("diminutive", ru("Продиктуйте, пожалуйста, номерочек заказа и подождите минуточку."), ["номерочек", "минуточку"]),
    ("diminutive", uk("Надішліть, будь ласка, номерочок замовлення."), ["номерочок"]),
    ("slang", ru("Ок, щас проверим {{ticket.id}}, инфу пришлём."), ["Ок", "щас", "инфу"]),
    ("slang", uk("Ок, щас перевіримо, інфу надішлемо."), ["Ок", "щас", "інфу"]),
    ("jargon", ru("Мы форварднули ваш тикет, FYI."), ["форварднули", "тикет", "FYI"]),
    ("jargon", uk("Ми форварднули ваш тікет, FYI."), ["форварднули", "тікет", "FYI"]),
    ("bureaucratese", ru("Доводим до вашего сведения, что данный тариф закрыт."),
     ["Доводим до вашего сведения", "данный"]),
    ("bureaucratese", uk("Доводимо до вашого відома, що на даний момент доставка не здійснюється."),
     ["Доводимо до вашого відома", "на даний момент", "здійснюється"]),
    ("blame", ru("Как я уже писал, вы неправильно указали адрес. Читайте внимательнее."),
     ["Как я уже писал", "вы неправильно", "Читайте внимательнее"]),
    ("blame", uk("Як я вже писав, ви неправильно вказали адресу."), ["Як я вже писав", "ви неправильно"]),
    ("demanding", ru("Срочно пришлите документы. Когда ждать вашего ответа?"),
     ["Срочно пришлите", "Когда ждать вашего ответа"]),
    ("demanding", uk("Терміново надішліть документи. Коли чекати відповідь?"),
     ["Терміново надішліть", "Коли чекати відповідь"]),
    ("emotional", ru("Это безобразие, ситуация просто ужасная."), ["безобразие", "ужасная"]),
    ("emotional", uk("Це неподобство, ситуація жахлива."), ["неподобство", "жахлива"]),
    ("bot-phrase", ru("Ваш звонок очень важен для нас. Мы передали ваш вопрос специалисту."),
     ["Ваш звонок очень важен для нас", "Мы передали ваш вопрос специалисту"]),
    ("bot-phrase", uk("Ми передали ваше питання фахівцю."), ["Ми передали ваше питання фахівцю"]),
    ("redirect-to-site", ru("Вся информация есть на нашем сайте."), ["Вся информация есть на нашем сайте"]),
    ("redirect-to-site", uk("Вся інформація є на нашому сайті."), ["Вся інформація є на нашому сайті"]),
    ("kitchen", ru("У нас сейчас завал, бухгалтер ушла в отпуск."), ["завал", "бухгалтер ушла в отпуск"]),
    ("kitchen", uk("У нас зараз завал, бухгалтер на лікарняному."), ["завал", "бухгалтер на лікарняному"]),
    ("vague-promise", ru("Мы ответим в ближайшее время и постараемся всё исправить."),
     ["в ближайшее время", "постараемся"]),
    ("vague-promise", uk("Ми відповімо найближчим часом."), ["найближчим часом"]),
]


@pytest.mark.parametrize(("rule", "text", "expected"), FLAGGED, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(FLAGGED)])
def test_flagged_in_the_reply_but_not_in_the_quoted_history(rule: str, text: str, expected: list[str]) -> None:
    assert excerpts(text, rule) == expected


NEAR_MISSES = [
    ("diminutive", ru("Номер заказа — 48213, курьер приедет через минуту. Карточка товара обновлена.")),
    ("diminutive", uk("Номер замовлення — 48213, зачекайте хвилинку, картка товару оновлена.")),
    ("slang", ru("Нажмите «Ок» внизу окна. Около 10 минут займёт проверка. Норма выдачи — 2 штуки.")),
    ("slang", uk("Натисніть «Ок» унизу вікна, перевірка займе близько 10 хвилин.")),
    ("jargon", ru("Приложите, пожалуйста, логи и скриншот ошибки: мы передадим их разработчикам.")),
    ("jargon", uk("Додайте, будь ласка, скриншот помилки: ми передамо його розробникам.")),
    ("bureaucratese", ru("Ваши данные сохранены, данных о платеже пока нет. Сейчас доставка работает.")),
    ("bureaucratese", uk("Ваші дані збережено, даних про платіж поки немає.")),
    ("blame", ru("Внимательно прочитайте условия акции. Если вы ошиблись в адресе, напишите нам.")),
    ("blame", uk("Уважно прочитайте умови акції. Якщо ви помилилися в адресі, напишіть нам.")),
    ("demanding", ru("Ждём вашего ответа. Мы срочно проверим платёж.")),
    ("demanding", uk("Чекаємо на вашу відповідь. Ми терміново перевіримо платіж.")),
    ("emotional", ru("К сожалению, посылка задерживается. Понимаем, как это неприятно.")),
    ("emotional", uk("На жаль, посилка затримується. Розуміємо, як це неприємно.")),
    ("bot-phrase", ru("Спасибо за обращение! Инженер Иван проверит линию до 18:00.")),
    ("bot-phrase", uk("Дякуємо за звернення! Інженер Іван перевірить лінію до 18:00.")),
    ("redirect-to-site", ru("Доставка стоит 300 ₽. Условия также опубликованы на сайте: https://example.com/delivery")),
    ("redirect-to-site", uk("Доставка коштує 80 грн. Умови також є на сторінці https://example.com/delivery")),
    ("kitchen", ru("Если вы в отпуске, курьер может оставить посылку в пункте выдачи. Перерыв с 13 до 14.")),
    ("kitchen", uk("Якщо ви у відпустці, кур'єр може залишити посилку у відділенні.")),
    ("vague-promise", ru("Ответим скоро, в течение 2 часов. Доставим скоро — до 18:00 сегодня.")),
    ("vague-promise", ru("Мы ответим в ближайшее время. Обычно это занимает до 3 рабочих дней.")),
    ("vague-promise", ru("Постарайтесь указать номер заказа. Деньги вернём скоро, 15.06.")),
    ("vague-promise", uk("Відповімо скоро, протягом 2 годин. Доставимо незабаром — до 18:00 сьогодні.")),
    ("vague-promise", uk("Постарайтеся вказати номер замовлення; відповімо найближчим часом, у понеділок.")),
]


@pytest.mark.parametrize(("rule", "text"), NEAR_MISSES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(NEAR_MISSES)])
def test_near_misses_are_not_flagged(rule: str, text: str) -> None:
    assert excerpts(text, rule) == []


@pytest.mark.parametrize(("text", "lang"), [
    (ru("Спасибо за вопрос: заказ отправлен сегодня.\n\nСпасибо за обращение!"), "ru"),
    (uk("Дякуємо за питання: замовлення надіслано сьогодні.\n\nДякуємо за звернення!"), "uk"),
    (ru("Благодаря вашему отзыву мы обновили инструкцию. Спасибо!"), "ru"),
])
def test_thanks_within_the_limit_are_fine(text: str, lang: str) -> None:
    assert excerpts(text, "over-thanks", lang=lang) == []


def test_the_farewell_thanks_counts_towards_the_limit() -> None:
    text = ru("Спасибо за вопрос. Благодарим за терпение: заказ в пути.\n\nСпасибо за обращение!")
    findings = [f for f in lint(text) if f.rule == "over-thanks"]
    assert [text[f.start : f.end] for f in findings] == ["Спасибо"]
    assert text.rindex("Спасибо за обращение") == findings[0].start
    assert "3" in findings[0].message and "2" in findings[0].message


@pytest.mark.parametrize(("text", "rule", "count"), [
    (ru("Извините за задержку. Приносим извинения за неудобства. Простите, что так вышло."), "over-apology", 3),
    (uk("Вибачте за затримку. Перепрошуємо за незручності. Нам прикро, що так сталося."), "over-apology", 3),
    (uk("Дякуємо за питання. Дякую, що зачекали. Вдячні за терпіння!"), "over-thanks", 3),
])
def test_too_many_formulas_are_one_finding(text: str, rule: str, count: int) -> None:
    findings = [f for f in lint(text) if f.rule == rule]
    assert len(findings) == 1 and str(count) in findings[0].message


def test_apologies_within_the_limit_and_regrets_are_fine() -> None:
    text = ru("Извините за задержку. К сожалению, курьер опоздал. К сожалению, замены нет.")
    assert excerpts(text, "over-apology") == []
    assert excerpts(uk("Вибачте за затримку. На жаль, кур'єр запізнився. На жаль, заміни немає."), "over-apology") == []


def test_fixes_are_offered_for_single_suggestions_only() -> None:
    text = ru("Ок, щас проверим. Доводим до вашего сведения: на данный момент доставка не осуществляется.")
    fixes = {text[f.start : f.end]: f.fix for f in lint(text) if f.fix and f.rule in ("slang", "bureaucratese")}
    assert fixes["Ок"].replacement == "Хорошо" and fixes["Ок"].safe
    assert fixes["щас"].replacement == "сейчас" and fixes["щас"].safe
    assert fixes["на данный момент"].replacement == "сейчас" and not fixes["на данный момент"].safe
    assert "Доводим до вашего сведения" not in fixes  # two suggestions: the agent chooses
    assert "осуществляется" not in fixes


def test_an_inflected_replacement_is_not_safe() -> None:
    text = uk("Напишіть юзеру, що номерочок замовлення змінився.")
    by_word = {text[f.start : f.end]: f for f in lint(text) if f.rule in ("jargon", "diminutive")}
    assert by_word["юзеру"].fix.replacement == "користувачеві" and not by_word["юзеру"].fix.safe
    assert by_word["номерочок"].suggestion == "номер"


def test_messages_follow_the_draft_language_and_name_the_replacement() -> None:
    (finding,) = [f for f in lint(uk("Щас перевіримо замовлення.")) if f.rule == "slang"]
    assert "«Щас»" in finding.message and "«Зараз»" in finding.message and "сленг" in finding.message
    (finding,) = [f for f in lint(ru("Продиктуйте номерочек.")) if f.rule == "diminutive"]
    assert "уменьшительно" in finding.message and finding.suggestion == "номер"


# --- one word, one finding; suggestions that are words ---------------------------------------

def test_a_diminutive_is_reported_once_by_the_rule_that_explains_it() -> None:
    text = ru("Номерочек заказа продиктуйте, пожалуйста.")
    findings = [f for f in lint(text) if text[f.start : f.end] == "Номерочек"]
    assert [(f.rule, f.suggestion) for f in findings] == [("diminutive", "Номер")]  # not spelling «Мерочек»


def test_a_russian_diminutive_in_a_ukrainian_draft_and_the_reverse() -> None:
    text = uk("Надішліть, будь ласка, номерочек замовлення, а потім зачекайте хвилиночку.")
    findings = {text[f.start : f.end]: f for f in lint(text, lang="uk") if f.rule in ("diminutive", "spelling")}
    assert {word: f.rule for word, f in findings.items()} == {"номерочек": "diminutive", "хвилиночку": "diminutive"}
    # the Russian list's «номер» is no Ukrainian word: the message names no replacement and there is no fix
    assert findings["номерочек"].suggestion is None and findings["номерочек"].fix is None
    assert "зменшувально-пестлива" in findings["номерочек"].message
    text = ru("Пришлите номерочок заказа.")
    assert excerpts(text, "diminutive", lang="ru") == ["номерочок"]
    assert excerpts(text, "spelling", lang="ru") == []


def test_unsafe_fixes_write_no_spelling_guess(tmp_path: Path) -> None:
    from clikit import run

    draft = tmp_path / "reply.txt"
    original = "Добрий день!\nНомерочек замовлення надішліть, будь ласка. Дякуємо за звренення.\nЗ повагою, Анна\n"
    draft.write_text(original, encoding="utf-8")
    result = run("check", str(draft), "--fix", "--unsafe-fixes", "--select", "diminutive,spelling")
    assert result.returncode == 0, result.stderr  # warnings only
    assert "Номерочек" in result.stdout and "звренення" in result.stdout  # both still reported…
    assert draft.read_text(encoding="utf-8") == original  # …and nothing written: a guess is no fix


def test_every_suggestion_in_the_lexicons_is_a_word_of_its_language() -> None:
    import re

    from replylint.data import load_toml
    from replylint.document.morphology import morphology_for
    from replylint.rulekit.catalog import catalog

    names = {spec.lexicon.name for spec in catalog().values() if spec.lexicon}
    for lang in ("ru", "uk"):
        morph = morphology_for(lang)
        vocabulary = set(load_toml(f"{lang}/vocabulary.toml").get("entries", ()))
        for name in sorted(names):
            for entry in load_toml(f"{lang}/{name}.toml").get("entry", ()):
                for suggestion in entry.get("suggest", ()) if isinstance(entry, dict) else ():
                    for word in re.findall(r"[^\W\d_][\w'’-]*", suggestion):
                        assert morph.is_known(word) or word in vocabulary, (lang, name, suggestion, word)


def test_a_rule_that_is_only_a_word_list_has_no_code_of_its_own() -> None:
    import inspect

    from replylint.checks import wording
    from replylint.engine.rules import implementations
    from replylint.rulekit.catalog import catalog

    lexicon_rules = {spec.id for spec in catalog().values() if spec.lexicon}
    assert {"diminutive", "slang", "jargon", "bureaucratese", "blame", "demanding", "emotional", "bot-phrase",
            "redirect-to-site", "kitchen"} <= lexicon_rules
    coded = {name for name, _ in inspect.getmembers(wording, inspect.isfunction)}
    assert not {"diminutive", "kitchen", "bot_phrase", "jargon"} & coded
    assert lexicon_rules <= set(implementations())


def test_the_wording_bench_skips_without_the_real_texts_and_its_verdicts_are_well_formed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import tomllib

    from lintkit import load_bench

    bench = load_bench("accuracy_wording")
    monkeypatch.setattr(bench, "REAL", tmp_path / "absent")
    monkeypatch.setattr("sys.argv", ["accuracy_wording.py", "kitchen"])
    assert bench.main() == 0 and "skipped" in capsys.readouterr().out
    verdicts = tomllib.loads(bench.JUDGED.read_text(encoding="utf-8"))
    for kind in ("right", "false"):
        for item in verdicts.get(kind, []):
            assert item["rule"] in bench.RULES and item["id"] and item["excerpt"].strip(), item
