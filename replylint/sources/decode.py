"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and cp1251 from Windows users.

Invalid UTF-8 is an error naming the first bad byte's line, unless the whole file passes a strict
cp1251 test: every non-ASCII character a Cyrillic letter or common typography («» — № …), words
cased as words are (not «пПХБЕ»), and no UTF-8 Cyrillic byte pairs. That keeps a UTF-8 file with
one stray byte from being linted as mojibake, and KOI8-R (whose lower case is cp1251's upper
case) from being read as cp1251.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from typing import NamedTuple

from replylint.sources.errors import SourceError

# A decoded text where more than this share of characters are control characters was not text.
_MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}
# Control characters (below the space) other than those allowed.
_CONTROLS = re.compile("[" + "".join(re.escape(chr(code)) for code in range(32)
                                     if chr(code) not in _ALLOWED_CONTROLS) + "]")
# Non-letters a cp1251 reply may hold: quotes, dashes, ellipsis, numero, NBSP, bullets, ©®°±§.
_CP1251_TYPOGRAPHY = frozenset("«»„“”‘’‚–—…№\u00a0•·©®°±§€™‰‹›†‡¶µ¦¤¬\u00ad")
# A Cyrillic letter glued to a Latin one («cafй»): Latin-1 or UTF-8 bytes read as cp1251.
_MIXED_WORD = re.compile(r"[\u0400-\u04ff][A-Za-z]|[A-Za-z][\u0400-\u04ff]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{2,}")
# UTF-8 for Cyrillic (U+0400..U+04FF): a D0..D3 byte followed by a continuation byte.
_UTF8_CYRILLIC = re.compile(rb"[\xd0-\xd3][\x80-\xbf]")
# Words cased as no one types them («пПХБЕ», «ДТБЧ» runs): above this share, not cp1251.
_MAX_ODD_CASE_SHARE = 0.2


class Decoded(NamedTuple):
    text: str
    codec: str  # the codec that wrote these bytes: "utf-8", "utf-16-le", "utf-16-be" or "cp1251"
    bom: bytes


def decode_bytes(data: bytes, path: str) -> str:
    return decode(data, path).text


def decode(data: bytes, path: str) -> Decoded:
    """The text of `data` and how it was encoded; SourceError when it is not text we can read."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        return Decoded(_checked(_utf8(body, path, cp1251_allowed=False), path), "utf-8", codecs.BOM_UTF8)
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(_checked(data[len(bom) :].decode(codec), path), codec, bom)
            except UnicodeDecodeError:
                raise SourceError(path, "cannot decode UTF-16 text") from None
    if b"\x00" in data:
        raise SourceError(path, "binary file, not text")
    try:
        return Decoded(_checked(data.decode("utf-8"), path), "utf-8", b"")
    except UnicodeDecodeError:
        pass
    return Decoded(_checked(_utf8(data, path, cp1251_allowed=True), path), "cp1251", b"")


def _utf8(data: bytes, path: str, *, cp1251_allowed: bool) -> str:
    """`data` as UTF-8; else, when allowed and the whole file is plainly cp1251, as cp1251."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    if cp1251_allowed and path.lower().endswith(".eml"):
        # An e-mail declares each part's charset (koi8-r, cp866, …): the file is read one character per
        # byte here, and sources/eml.py decodes each 8-bit body by its own charset from those bytes.
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("cp1251")
    if cp1251_allowed and not _UTF8_CYRILLIC.search(data):
        text = _strict_cp1251(data)
        if text is not None:
            return text
    line = data.count(b"\n", 0, first_bad) + 1
    column = first_bad - (data.rfind(b"\n", 0, first_bad) + 1) + 1
    raise SourceError(
        path,
        f"cannot decode: not valid UTF-8 (byte 0x{data[first_bad]:02X} at column {column}) and not plain cp1251 text; "
        "save it as UTF-8",
        line,
    )


def _strict_cp1251(data: bytes) -> str | None:
    try:
        text = data.decode("cp1251")  # 0x98 is cp1251's one undefined byte
    except UnicodeDecodeError:
        return None
    if any(ord(ch) > 127 and not ("\u0400" <= ch <= "\u04ff" or ch in _CP1251_TYPOGRAPHY) for ch in text):
        return None
    if _MIXED_WORD.search(text):
        return None
    words = _CYRILLIC_WORD.findall(text)
    odd = sum(1 for word in words if not (word.islower() or word.isupper() or word.istitle()))
    upper = sum(1 for word in words if word.isupper())
    if words and (odd > _MAX_ODD_CASE_SHARE * len(words) or (odd and upper * 2 > len(words))
                  or upper > 0.9 * len(words) > 2):
        return None  # KOI8-R and friends: their lower case reads as cp1251's upper case
    return text


def _checked(text: str, path: str) -> str:
    controls = len(_CONTROLS.findall(text))  # a regex's count, not a Python loop over every character
    if text and controls > _MAX_CONTROL_SHARE * len(text):
        raise SourceError(path, "binary file, not text")
    return text
