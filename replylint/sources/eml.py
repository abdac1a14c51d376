"""E-mail replies (.eml): the reply's own text, without the quoted history.

The text part is text/plain when there is one, else text/html through the HTML extractor.

Positions: a 7bit/8bit body maps character by character (see `_as_read` for a body whose charset
is not the one the file was read in). A quoted-printable or base64 body is decoded per its charset
and transfer encoding, and then no offset in the file corresponds to a decoded character: every
character maps to the first character of the encoded body, so findings are reported at the line
where the body starts (column 1).

The quoted history (lines starting with ">", and everything from an "-----Original Message-----"
style separator, an Outlook "From:/Sent:" header block, or an attribution line such as
"On ... wrote:", "... написал(а):", "... пише:" on) is cut off; what it quotes becomes the
draft's `client` text. Attribution lines must mention a date or an address (a digit or "@") so
that a sentence of the reply ending in "написал:" does not cut the reply short.
"""

from __future__ import annotations

import codecs
import email
import email.message
import email.policy
import re

from replylint.document.zones import is_quote_header
from replylint.sources.draft import Draft
from replylint.sources.errors import MAX_MIME_PARTS, SourceError
from replylint.sources.html import extract_text
from replylint.sources.located import Builder, Located, verbatim

_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|Forwarded message|Исходное сообщение|Пересланное сообщение"
    r"|Оригінальне повідомлення|Вихідне повідомлення|Переслане повідомлення)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"(?:^\s*On\s.*\swrote:|\s(?:написал(?:а|\(а\))?|написав(?:\(ла\))?|пишет|пише):"
    r"|<[^<>\s@]+@[^<>\s]+>:)\s*$",  # Gmail in Russian: "пн, 3 июн. 2024 г. в 10:00, Иван <i@x.ru>:"
    re.IGNORECASE,
)
_ON = re.compile(r"^\s*On\s")
_FROM = re.compile(r"^\s*\*?(?:From|От|Від):", re.IGNORECASE)
_HEADER = re.compile(
    r"^\s*\*?(?:From|Sent|Date|To|Cc|Subject|От|Отправлено|Дата|Кому|Копия|Тема|Від|Надіслано|Відправлено|Копія)\*?:",
    re.IGNORECASE,
)
_SUBJECT_HEADER = re.compile(r"^\s*\*?(?:Subject|Тема)\*?:\s*(.*?)\s*$", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"^(?:\s*>)+ ?")
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|aw|sv|ответ|отв|відповідь|відп)(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_MULTIPART = re.compile(r"^content-type:\s*multipart/", re.IGNORECASE | re.MULTILINE)
_EXACT_ENCODINGS = frozenset({"7bit", "8bit", "binary"})


def parse_eml(path: str, text: str) -> list[Draft]:
    parts = len(_MULTIPART.findall(text))
    if parts > MAX_MIME_PARTS:  # the e-mail package recurses into each: refuse before it does
        raise SourceError(path, f"more than {MAX_MIME_PARTS} multipart sections ({parts}); not a reply")
    try:
        message = email.message_from_string(text, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
    except RecursionError:
        raise SourceError(path, f"MIME parts nested deeper than {MAX_MIME_PARTS} levels") from None
    if part is None:
        raise SourceError(path, "no text/plain or text/html part in the message")
    reply, history = _split_history(_body(text, part))
    options: dict[str, str] = {}
    subject = str(message.get("Subject", "")).strip()
    if subject:
        options["subject"] = subject
    replied_to = _quoted_subject(history) or _without_reply_prefix(subject)
    if replied_to:
        options["in_reply_to_subject"] = replied_to
    return [reply.draft(path, text, client=_client_text(history), options=options)]


def _body(text: str, part: email.message.MIMEPart) -> Located:
    payload = part.get_payload()
    raw = payload if isinstance(payload, str) else ""  # a text part's payload, still encoded
    start = max(text.find(raw), 0) if raw else 0
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    is_html = part.get_content_type() == "text/html"
    if encoding in _EXACT_ENCODINGS and text.startswith(raw, start):
        body = _as_read(raw, part.get_content_charset() or "ascii")
        if body is not None:
            return (body.through(extract_text(body.text)) if is_html else body).shifted(start)
    decoded = _decoded(part).replace("\r\n", "\n")  # no offsets to keep here, so plain line ends
    if is_html:
        decoded = extract_text(decoded).text
    return Located(decoded, (start,) * len(decoded))


def _as_read(raw: str, charset: str) -> Located | None:
    """An unencoded body as text, with offsets into `raw`; None when it cannot be known.

    The file was decoded by the caller, as UTF-8 or else cp1251 (sources/decode.py), so a body in
    one of those (or ASCII) is right as it stands. A body in another charset (koi8-r, cp866, ...)
    was read as cp1251, one character per byte: its bytes are recovered and decoded by the part's
    charset, each character mapped to the first byte it came from.
    """
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return None
    if codec in ("utf-8", "ascii", "cp1251") or raw.isascii():
        return None if _has_surrogates(raw) else verbatim(raw)
    try:
        data = raw.encode("cp1251")
    except UnicodeError:
        return None
    decoder = codecs.getincrementaldecoder(codec)("replace")
    out = Builder()
    first = 0
    for index in range(len(data)):
        chars = decoder.decode(data[index : index + 1])
        if chars:
            out.add(chars, first)
            first = index + 1
    return out.build()


def _decoded(part: email.message.MIMEPart) -> str:
    try:
        content = part.get_content()
        return content if isinstance(content, str) else ""
    except (LookupError, UnicodeError):  # an unknown or wrong charset label
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def _split_history(body: Located) -> tuple[Located, list[str]]:
    """(the reply, trailing blanks trimmed; the quoted lines it dropped, in order)."""
    reply = Builder()
    history: list[str] = []
    lines = _lines(body)
    for index, (start, end) in enumerate(lines):
        line = body.text[start:end].rstrip("\r\n")
        following = body.text[slice(*lines[index + 1])].strip() if index + 1 < len(lines) else ""
        if _starts_history(line, following):
            history.extend(body.text[start:].splitlines())
            break
        if line.startswith(">"):
            history.append(line)
        else:
            reply.extend(body.slice(start, end))
    while reply.last.isspace():
        reply.pop()
    return reply.build(), history


def _lines(body: Located) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in re.finditer(r"[^\n]*\n|[^\n]+$", body.text)]


def _starts_history(line: str, following: str) -> bool:
    if _SEPARATOR.match(line) or is_quote_header(line):  # the document model's headers (quoting.toml) too
        return True
    if _FROM.match(line) and _HEADER.match(following):
        return True  # Outlook's header block without a separator line
    candidates = [line]
    if _ON.match(line) and following:
        candidates.append(f"{line} {following}")  # "On ..., X <x@y>" / "wrote:" is often wrapped
    return any(_ATTRIBUTION.search(text) and re.search(r"[\d@]", text) for text in candidates)


def _client_text(history: list[str]) -> str | None:
    """The first quoted message: quote marks, attribution and header lines dropped, up to the
    next attribution (older history quoted inside it)."""
    lines: list[str] = []
    for line in history:
        bare = _QUOTE_MARKS.sub("", line)
        boundary = _starts_history(bare, "")
        if not lines:
            if boundary or _HEADER.match(bare) or not bare.strip():
                continue
        elif boundary:
            break
        lines.append(bare)
    return "\n".join(lines).strip() or None


def _quoted_subject(history: list[str]) -> str | None:
    for line in history:
        match = _SUBJECT_HEADER.match(_QUOTE_MARKS.sub("", line))
        if match and match.group(1):
            return match.group(1)
    return None


def _without_reply_prefix(subject: str) -> str | None:
    """The original subject when `subject` is visibly a reply ("Re: ...", "Ответ: ...")."""
    stripped = _REPLY_PREFIX.sub("", subject)
    if stripped == subject:
        return None
    return stripped.strip() or None
