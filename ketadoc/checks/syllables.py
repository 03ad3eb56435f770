"""Syllables of one word, English and Spanish, as the readability formulas count them.

English counts come from the first (most common) pronunciation in the CMU Pronouncing
Dictionary, bundled as a table of counts; for a word it lacks, capitals read letter by
letter ("SSRI") count as spelled out and the rest is counted by spelling rules. Spanish is
counted by rule: vowel runs, split by the hiatus a written accent makes. These rules are
part of :data:`ketadoc.checks.readability.ALGORITHM_VERSION`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

__all__ = [
    "CMUDICT_TABLE",
    "cmu_syllables",
    "english_rule_syllables",
    "english_syllables",
    "spanish_syllables",
]

#: The bundled syllable table: counts from the CMU Pronouncing Dictionary (BSD-style
#: licence and provenance in ``data/CMUDICT-LICENSE.txt`` beside it).
CMUDICT_TABLE = "cmudict-syllables.tsv.gz"


@cache
def cmu_syllables() -> dict[str, int]:
    """The bundled table: each word the dictionary lists, with its syllable count."""
    # Loaded on first use, not at import: only English scoring needs it.
    import gzip
    from importlib import resources

    source = resources.files("ketadoc.checks").joinpath("data").joinpath(CMUDICT_TABLE)
    table: dict[str, int] = {}
    for line in gzip.decompress(source.read_bytes()).decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        table[word] = int(count)
    return table


# The dictionary's first pronunciation of "dr" is "drive"; in health writing it is "doctor".
_ENGLISH_OVERRIDES = {"dr": 2, "drs": 2}

_LATIN_LETTERS = re.compile(r"[A-Za-z']+")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def english_syllables(token: str) -> int:
    """Syllables of an English word: the dictionary's count, else the rules'; at least 1."""
    lower = token.lower()
    known = _ENGLISH_OVERRIDES.get(lower)
    if known is None:
        known = cmu_syllables().get(lower)
    if known is not None:
        return max(known, 1)
    return _english_unlisted_syllables(token)


@lru_cache(maxsize=16384)
def _english_unlisted_syllables(token: str) -> int:
    plain = _strip_accents(token).replace("’", "'")
    lower = plain.lower()
    table = cmu_syllables()
    known = table.get(lower)
    if known is None and "." in lower:
        known = table.get(lower + ".")  # the dictionary spells "e.g." and "a.m." with dots
    if known is not None:
        return max(known, 1)
    total = 0
    for part in _LATIN_LETTERS.findall(plain):
        part = part.strip("'")
        if part:
            total += _english_part_syllables(part, table)
    return max(total, 1)


def _english_part_syllables(part: str, table: dict[str, int]) -> int:
    known = table.get(part.lower())
    if known is not None:
        return max(known, 1)
    if _is_spelled_out(part):
        return sum(3 if letter in "Ww" else 1 for letter in part)
    return english_rule_syllables(part.lower().replace("'", ""))


# Capitals read as a word: at most one consonant before each vowel run and two between runs
# ("COVID", "NASA", "AIDS"), unlike "SSRI" or "NMDA", which are read letter by letter.
_PRONOUNCEABLE = re.compile(r"[^aeiouy]?[aeiouy]+(?:[^aeiouy]{1,2}[aeiouy]+)*[^aeiouy]{0,2}")


def _is_spelled_out(part: str) -> bool:
    if not (part.isupper() and 2 <= len(part) <= 5):
        return False
    return len(part) <= 3 or not _PRONOUNCEABLE.fullmatch(part.lower())


_EN_VOWEL_RUN = re.compile(r"[aeiouy]+")
# Final -e, -es, -ed that add no syllable: "dose", "makes", "used" (but "doses", "treated").
_EN_SILENT_ENDING = re.compile(r"(?:[^aeiouy]e|(?:[^aeiouysxzcgh]|[^cs]h)es|[^aeiouytd]ed)$")
# ...except after a consonant and l or r, where they carry the syllable: "table", "centres".
_EN_SYLLABIC_ENDING = re.compile(r"(?:[^aeiouyl]l|[^aeiouyr]r)(?:e|es|ed)$")
# Places where one vowel run is spoken as two syllables ("radio", "dual", "anxiety",
# "fluoxetine", "idea") or where a syllable has no written vowel ("autism").
_EN_EXTRA_SYLLABLE = re.compile(
    r"(?<![ctsgx])i[ao]|eo(?!p)|(?<![qg])ua|(?<![qg])ue(?![sd]?$)|(?<!q)uo|ii|iet|ea$|ism$"
)


def english_rule_syllables(word: str) -> int:
    """Syllables of a lower-case English word by spelling rules alone; at least 1."""
    count = len(_EN_VOWEL_RUN.findall(word))
    if count > 1 and _EN_SILENT_ENDING.search(word) and not _EN_SYLLABIC_ENDING.search(word):
        count -= 1
    count += len(_EN_EXTRA_SYLLABLE.findall(word))
    return max(count, 1)


def _spanish_vowel_strength() -> dict[str, bool]:
    # a, e and o are strong vowels. A written accent on i or u makes it strong too
    # ("día", "país"), which is what breaks a diphthong into a hiatus; ü stays weak.
    strength: dict[str, bool] = {}
    for ch in "aeiouáéíóúàèìòùâêîôûäëïöü":
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        strength[ch] = base in "aeo" or any(mark != "\u0308" for mark in marks)
    return strength


_SPANISH_VOWEL_STRENGTH = _spanish_vowel_strength()


@lru_cache(maxsize=16384)
def spanish_syllables(token: str) -> int:
    """Syllables of a Spanish word, counted by rule; at least 1."""
    letters = [ch for ch in token.lower() if ch.isalpha()]
    nuclei = 0
    previous: str | None = None  # the previous letter, if it was a vowel
    for index, letter in enumerate(letters):
        strong = _SPANISH_VOWEL_STRENGTH.get(letter)
        # Final y after a vowel closes a diphthong ("muy", "hoy", "buey").
        if letter == "y" and index == len(letters) - 1 and previous is not None:
            strong = False
        if strong is None:
            previous = None
            continue
        if (
            previous is None
            or (strong and _SPANISH_VOWEL_STRENGTH.get(previous, False))
            or (letter == previous and not strong)  # "chiita": a doubled weak vowel splits
        ):
            nuclei += 1
        previous = letter
    return max(nuclei, 1)
