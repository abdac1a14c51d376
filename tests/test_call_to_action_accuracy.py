"""call-to-action on the labelled set tests/data/call_to_action.yaml: precision and recall of
detecting a missing next step must stay at or above the targets (0.8/0.8), in each language."""


import pytest

from lintkit import load_bench

TARGET = 0.8


def _measure():  # the same measurement as `python bench/accuracy_call_to_action.py`
    return load_bench("accuracy_call_to_action").measure()


@pytest.fixture(scope="module")
def scores():
    return _measure()[0]


@pytest.mark.parametrize("lang", ["all", "ru", "uk"])
def test_call_to_action_precision_and_recall_meet_the_targets(scores, lang: str) -> None:
    score = scores[lang]
    assert score.true_positive + score.false_negative >= 40  # the set really was read
    assert score.precision >= TARGET, (lang, score)
    assert score.recall >= TARGET, (lang, score)
