"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and cp1251 from Windows users."""

from __future__ import annotations

import codecs

from replylint.sources.errors import SourceError

# A decoded text where more than this share of characters are control characters was not text.
_MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


def decode_bytes(data: bytes, path: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), path)
        except UnicodeDecodeError:
            raise SourceError(path, "cannot decode UTF-16 text") from None
    if b"\x00" in data:
        raise SourceError(path, "binary file, not text")
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    try:
        # Russian and Ukrainian Windows text is cp1251; 0x98 is its one undefined byte.
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise SourceError(path, "cannot decode: neither UTF-8 nor cp1251") from None
    letters = sum(ch.isalpha() for ch in text)
    high = sum(ord(ch) > 127 for ch in text)
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    # Undecodable bytes read as cp1251 give a soup of symbols, not Cyrillic words.
    if (high and cyrillic < 0.6 * high) or letters < 0.3 * len(text.strip() or " "):
        raise SourceError(path, "cannot decode: neither UTF-8 nor cp1251")
    return _checked(text, path)


def _checked(text: str, path: str) -> str:
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    if text and controls > _MAX_CONTROL_SHARE * len(text):
        raise SourceError(path, "binary file, not text")
    return text
