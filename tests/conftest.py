"""Test-wide settings."""

from hypothesis import settings

# `python3 -m pytest --hypothesis-profile thorough`: five times Hypothesis' default number of examples
# for every property test (the properties test then draws 2,500 drafts instead of 500).
settings.register_profile("thorough", max_examples=500)
