"""Words and sentences of plain prose, as the readability formulas count them.

Counting conventions, part of :data:`ketadoc.checks.readability.ALGORITHM_VERSION`:

- URLs and e-mail addresses are removed first, even from prose: one stray URL would count
  as a long word of many syllables and drag every score.
- A token without letters ("2024", "2.5", "1,000") is not a word and has no syllables: how a
  numeral is read aloud varies too much to count, so it is left out rather than guessed.
  "COVID-19" is a word; only its letters are counted.
- A sentence ends at "!" or "?", and at "." or "…" unless the dot closes an abbreviation that
  never ends a sentence ("e.g.", "Dr.") or the next word starts in lower case. Dots inside a
  token ("2.5", "e.g", "ketadoc.org") never end one. A blank line also ends a sentence, so
  list items and paragraphs without final punctuation do not merge into one long sentence.
"""

from __future__ import annotations

import re

__all__ = ["words_and_sentence_count"]

_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S*[^\s.,;:!?'\")\]}>»”’]", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LETTER = re.compile(r"[^\W\d_]")

# Dots, commas, hyphens and apostrophes inside a token keep it whole, so "2.5", "1,000",
# "e.g", "long-term" and "don't" are one token each and never end a sentence. A run of stops
# keeps the spaces before it, which tells "Dr." from "Dr ." without keeping match objects:
# plain strings are not tracked by the garbage collector, thousands of matches are.
_TOKEN = re.compile(r"\w+(?:['’.,-]\w+)*|[^\S\n]*[.!?…]+|\n\s*\n")

# Abbreviations whose dot is followed by a capitalised name or word far more often than by
# the end of a sentence. "etc." and "a.m." are not here: they often end one.
# fmt: off
_NON_FINAL_ABBREVIATIONS = frozenset({
    "approx", "cf", "dr", "drs", "e.g", "fig", "figs", "i.e", "mr", "mrs", "ms", "mx", "prof",
    "vol", "vs",
    "aprox", "dra", "ej", "núm", "p.ej", "pág", "sr", "sra", "srta", "ud", "uds",
})
# fmt: on


def words_and_sentence_count(text: str) -> tuple[list[str], int]:
    """The words of ``text`` (tokens with a letter) and how many sentences hold them."""
    prose = text
    # Cheap substring tests spare most texts the two slowest scans.
    if "://" in prose or "www." in prose.lower():
        prose = _URL.sub(" ", prose)
    if "@" in prose:
        prose = _EMAIL.sub(" ", prose)
    tokens: list[str] = _TOKEN.findall(prose)
    words: list[str] = []
    sentences = 0
    words_in_sentence = 0
    for index, token in enumerate(tokens):
        if _is_word(token):
            if _LETTER.search(token):
                words.append(token)
                words_in_sentence += 1
            continue
        if token[0] != "\n" and not _ends_sentence(tokens, index):
            continue
        # A sentence made only of numbers or list markers ("1.") is not counted.
        if words_in_sentence:
            sentences += 1
            words_in_sentence = 0
    if words_in_sentence:
        sentences += 1
    return words, sentences


def _is_word(token: str) -> bool:
    first = token[0]
    return first.isalnum() or first == "_"


def _ends_sentence(tokens: list[str], index: int) -> bool:
    stop = tokens[index]
    if "!" in stop or "?" in stop:
        return True
    if (
        index > 0
        and not stop[0].isspace()
        and tokens[index - 1].lower() in _NON_FINAL_ABBREVIATIONS
    ):
        return False
    if index + 1 < len(tokens):
        after = tokens[index + 1]
        if _is_word(after) and after[0].islower():
            return False
    return True
