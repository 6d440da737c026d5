"""Bag-of-words scoring for bench/ocr: reading order does not matter.

Words are normalised (Unicode NFKC, lower case, leading and trailing
punctuation stripped, empty tokens dropped) and compared as multisets:
matched = size of the Counter intersection, precision = matched / predicted,
recall = matched / true. Groups are micro-averaged: counts are summed over
pages before dividing.
"""

import collections
import unicodedata


def words(text):
    """Counter of normalised words of a text."""
    bag = collections.Counter()
    for token in unicodedata.normalize("NFKC", text).lower().split():
        start, end = 0, len(token)
        while start < end and unicodedata.category(token[start]).startswith("P"):
            start += 1
        while end > start and unicodedata.category(token[end - 1]).startswith("P"):
            end -= 1
        if start < end:
            bag[token[start:end]] += 1
    return bag


def counts(predicted_text, true_text):
    """(matched, predicted, true) word counts of one page."""
    predicted, true = words(predicted_text), words(true_text)
    return (sum((predicted & true).values()), sum(predicted.values()),
            sum(true.values()))


def prf(matched, predicted, true):
    """(precision, recall, F1) from summed counts; 0 where undefined."""
    precision = matched / predicted if predicted else 0.0
    recall = matched / true if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    return precision, recall, f1


def add(a, b):
    return tuple(x + y for x, y in zip(a, b))
