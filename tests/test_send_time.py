"""send-time and `check --send-at`: no replies at night or outside working hours."""

from datetime import date, datetime

import pytest

from replylint.send_at import SendTimeError, parse_send_at

from clikit import run
from lintkit import rules

DRAFT_RU = "Здравствуйте! Заказ №4821 готов к выдаче.\nС уважением, Ольга"
DRAFT_UK = "Добрий день! Замовлення №4821 готове до видачі.\nЗ повагою, Ольга"
WEDNESDAY = date(2024, 5, 15)


@pytest.mark.parametrize(("value", "expected"), [
    ("23:30", datetime(2024, 5, 15, 23, 30)),
    ("9.05", datetime(2024, 5, 15, 9, 5)),
    ("Sat 10:30", datetime(2024, 5, 18, 10, 30)),
    ("пн 09:00", datetime(2024, 5, 20, 9, 0)),
    ("Ср 12:00", datetime(2024, 5, 15, 12, 0)),
    ("п'ятниця 17:45", datetime(2024, 5, 17, 17, 45)),
    ("2024-05-11T10:30", datetime(2024, 5, 11, 10, 30)),
    ("2024-05-11 22:10", datetime(2024, 5, 11, 22, 10)),
])
def test_send_at_forms(value: str, expected: datetime) -> None:
    assert parse_send_at(value, today=WEDNESDAY) == expected


@pytest.mark.parametrize("value", ["", "25:00", "10:75", "tomorrow", "Xyz 10:00", "2024-13-01T10:00"])
def test_unreadable_send_at_is_an_error(value: str) -> None:
    with pytest.raises(SendTimeError):
        parse_send_at(value, today=WEDNESDAY)


@pytest.mark.parametrize(("lang", "draft", "send_at"), [
    ("ru", DRAFT_RU, "2024-05-15T23:40"),  # night
    ("ru", DRAFT_RU, "2024-05-15T07:30"),  # night until 08:00
    ("uk", DRAFT_UK, "2024-05-18T11:00"),  # Saturday
    ("uk", DRAFT_UK, "2024-05-15T19:10"),  # after 18:00
])
def test_night_days_off_and_after_hours_are_flagged(lang: str, draft: str, send_at: str) -> None:
    assert "send-time" in rules(draft, lang=lang, send_at=send_at)


@pytest.mark.parametrize(("lang", "draft", "send_at"), [
    ("ru", DRAFT_RU, "2024-05-15T09:00"),
    ("ru", DRAFT_RU, "2024-05-17T17:59"),
    ("uk", DRAFT_UK, "2024-05-13T12:30"),
    ("ru", DRAFT_RU, None),  # no --send-at: nothing to judge
])
def test_working_hours_are_fine(lang: str, draft: str, send_at: str | None) -> None:
    assert "send-time" not in rules(draft, lang=lang, send_at=send_at)


def _configured(tmp_path, options: str) -> str:
    (tmp_path / "draft.txt").write_text(DRAFT_RU, encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text(f"[rules.send-time]\n{options}\n", encoding="utf-8")
    return str(tmp_path / "draft.txt")


def test_cli_reports_send_time_with_the_reason(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT_RU, encoding="utf-8")
    result = run("check", str(draft), "--send-at", "2024-05-15T23:40", "--select", "send-time",
                 "--format", "json", "--isolated")
    assert result.returncode == 0, result.stderr
    assert '"rule": "send-time"' in result.stdout and "23:40" in result.stdout


@pytest.mark.parametrize("value", ["25:00", "whenever", "Xyz 10:00"])
def test_cli_bad_send_at_is_one_line_and_exit_2(tmp_path, value: str) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT_RU, encoding="utf-8")
    result = run("check", str(draft), "--send-at", value)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--send-at" in result.stderr and "Traceback" not in result.stderr
