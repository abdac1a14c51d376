"""Precision and recall as every accuracy script in bench/ reports them. An empty denominator
counts as perfect: nothing reported is no false alarm, nothing to find is nothing missed."""

from __future__ import annotations


def precision(true_positives: int, false_positives: int) -> float:
    reported = true_positives + false_positives
    return true_positives / reported if reported else 1.0


def recall(true_positives: int, false_negatives: int) -> float:
    expected = true_positives + false_negatives
    return true_positives / expected if expected else 1.0
