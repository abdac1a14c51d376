"""The one error every layer may raise for what the user chose: a bad rule id, severity, option
value or lexicon override. Reported as one line, exit code 2. It lives at the bottom of the
package so that mechanisms (a lexicon override) and the engine (settings) share it without
importing each other."""

from __future__ import annotations


class SettingsError(ValueError):
    """A bad rule id, severity or option value: reported as one line, exit code 2."""
