"""`--send-at`: when a reply goes out, as people type it — «23:30», «Sat 10:30», «пн 09:00», ISO.

Kept out of replylint.checks so the command line can read the option without importing a rule
module (rule modules are discovered together, on first use).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Weekday names as people type them: English, Russian and Ukrainian, short and full.
_WEEKDAY_NAMES = {
    **{name: index for index, name in enumerate(WEEKDAYS)},
    **{name: index for index, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    **{name: index for index, name in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"))},
    **{name: index for index, name in enumerate(
        ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"))},
    **{name: index for index, name in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "нд"))},
    **{name: index for index, name in enumerate(
        ("понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота", "неділя"))},
}
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")
_WEEKDAY_AND_CLOCK = re.compile(r"([^\W\d_][\w'’ʼ]*)\.?,?\s+(\d{1,2}[:.]\d{2})")
# The night is never a time to write, whatever the working hours (004: «Не пишите ночью»).
NIGHT_START, NIGHT_END = time(23, 0), time(8, 0)


class SendTimeError(ValueError):
    """A --send-at value that is neither HH:MM, «Sat 10:30», «пн 09:00» nor an ISO date-time."""


def parse_send_at(value: str, today: date | None = None) -> datetime:
    """`HH:MM` (today), `<weekday> HH:MM` (that weekday, this week or the next) or an ISO date-time."""
    text = value.strip()
    today = today or date.today()
    if _CLOCK.fullmatch(text):
        return datetime.combine(today, clock(text, value))
    match = _WEEKDAY_AND_CLOCK.fullmatch(text)
    if match:
        name = match.group(1).lower().replace("’", "'").replace("ʼ", "'")
        if name not in _WEEKDAY_NAMES:
            raise SendTimeError(f"unknown weekday {match.group(1)!r} in --send-at {value!r}")
        day = today + timedelta(days=(_WEEKDAY_NAMES[name] - today.weekday()) % 7)
        return datetime.combine(day, clock(match.group(2), value))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise SendTimeError(f"cannot read --send-at {value!r}: use HH:MM, «Sat 10:30», «пн 09:00» "
                            "or an ISO date-time (2024-05-11T10:30)") from None


def clock(text: str, value: str) -> time:
    """«09:30» as a time of day; `value` (the whole option) names it in the error."""
    hours, minutes = (int(part) for part in _CLOCK.fullmatch(text).groups())  # type: ignore[union-attr]
    if hours > 23 or minutes > 59:
        raise SendTimeError(f"no such time of day in --send-at {value!r}")
    return time(hours, minutes)
