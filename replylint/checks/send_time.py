"""send-time: a reply scheduled for the night or outside working hours (`check --send-at`).

000: «никогда не беспокойте клиента в это время [в выходные и после рабочего времени] сами первые»;
004: «Не пишите ночью», «Деловые сообщения в мессенджер тоже должны приходить в рабочие часы».
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from typing import NamedTuple

from replylint.document.model import Document
from replylint.errors import SettingsError
from replylint.rulekit.context import Context
from replylint.rulekit.registry import Hit, rule
from replylint.send_at import NIGHT_END, NIGHT_START, WEEKDAYS, SendTimeError, clock


def _working_hours(value: str) -> tuple[time, time]:
    try:
        start, end = (part.strip() for part in value.split("-"))
        return clock(start, value), clock(end, value)
    except (ValueError, SendTimeError, TypeError, AttributeError):
        raise SettingsError(f"send-time: working_hours must look like \"09:00-18:00\", not {value!r}") from None


def _working_days(value: object) -> set[int]:
    days = [str(day).strip().lower()[:3] for day in (value if isinstance(value, list | tuple) else [value])]
    unknown = [day for day in days if day not in WEEKDAYS]
    if unknown:
        raise SettingsError(f"send-time: working_days must be among {', '.join(WEEKDAYS)}, not {unknown}")
    return {WEEKDAYS.index(day) for day in days}


def is_night(moment: time) -> bool:
    return moment >= NIGHT_START or moment < NIGHT_END


class SendTimeOptions(NamedTuple):
    """The rule's options (rules/catalog/send-time.toml)."""

    working_hours: str  # "09:00-18:00"
    working_days: tuple[str, ...]  # ("mon", …)

    def validate(self) -> None:  # a bad value is an error when the settings are made
        _working_hours(self.working_hours)
        _working_days(self.working_days)


@rule("send-time", options=SendTimeOptions)
def send_time(document: Document, context: Context[SendTimeOptions]) -> Iterator[Hit]:
    moment = context.send_at
    if moment is None or document.opening is None:
        return
    start, end = _working_hours(context.options.working_hours)
    days = _working_days(context.options.working_days)
    clock = moment.time()
    params = {"time": moment.strftime("%H:%M"), "day": WEEKDAYS[moment.weekday()],
              "hours": f"{start:%H:%M}-{end:%H:%M}"}
    opening = document.opening
    if is_night(clock):
        kind = "night"
    elif moment.weekday() not in days:
        kind = "day_off"
    elif not (start <= clock < end if start <= end else clock >= start or clock < end):  # «20:00-02:00»
        kind = "after_hours"
    else:
        return
    yield Hit(opening.start + len(opening.text) - len(opening.text.lstrip()), opening.end, kind, params)
