"""Readability scores for plain prose, computed offline.

English text gets the Flesch-Kincaid grade, the SMOG grade and Flesch reading ease, with
syllables taken from the CMU Pronouncing Dictionary and a spelling rule for words it lacks.
Spanish text gets Fernández Huerta reading ease and Szigriszt-Pazos perspicuity, with
syllables counted by rule. Any other language is reported as not scored: a number from
formulas normed on another language would look authoritative and mean nothing.

The caller passes prose only (headings, citations, code and links already stripped). URLs and
e-mail addresses are removed here all the same, because one stray URL would count as a long
word of many syllables and drag every score.

Counting conventions, all part of ``ALGORITHM_VERSION``:

- A token without letters ("2024", "2.5", "1,000") is not a word and has no syllables: how a
  numeral is read aloud varies too much to count, so it is left out rather than guessed.
  "COVID-19" is a word; only its letters are counted.
- A sentence ends at "!" or "?", and at "." or "…" unless the dot closes an abbreviation that
  never ends a sentence ("e.g.", "Dr.") or the next word starts in lower case. Dots inside a
  token ("2.5", "e.g", "ketadoc.org") never end one. A blank line also ends a sentence, so
  list items and paragraphs without final punctuation do not merge into one long sentence.
- English syllables come from the first (most common) pronunciation in the dictionary.
- Scores are not rounded or clamped: reading ease below 0 or above 100 is a real result.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

__all__ = [
    "ALGORITHM_VERSION",
    "CMUDICT_TABLE",
    "SMOG_MIN_SENTENCES",
    "SUPPORTED_LANGUAGES",
    "ReadabilityScore",
    "combine_scores",
    "count_syllables",
    "score_text",
]

#: Bumped whenever tokenizing, sentence splitting or syllable rules change in a way that can
#: move a score, so that scores stored from two runs are only compared when they agree.
ALGORITHM_VERSION = 1

#: SMOG was normed on samples of 30 sentences; below this the grade is extrapolated.
SMOG_MIN_SENTENCES = 30

#: Primary language subtags that are scored.
SUPPORTED_LANGUAGES = ("en", "es")


@dataclass(frozen=True, slots=True)
class ReadabilityScore:
    """Readability of one text, with the counts the scores were computed from.

    Scores that do not apply to the language, or to a text that was not scored, are None.
    When ``scored`` is False, ``reason`` says why and the counts are zero.
    """

    language: str
    scored: bool
    reason: str | None
    words: int
    sentences: int
    syllables: int
    #: Words of three or more syllables, the count SMOG is built on.
    polysyllables: int
    flesch_kincaid_grade: float | None
    flesch_reading_ease: float | None
    smog_grade: float | None
    #: True when the SMOG grade comes from fewer than ``SMOG_MIN_SENTENCES`` sentences.
    smog_extrapolated: bool
    fernandez_huerta: float | None
    szigriszt_pazos: float | None
    #: Method and versions behind the numbers; compare scores only when this matches.
    method: str
    #: Caveats a reader of the scores should see, in plain sentences.
    notes: tuple[str, ...] = ()


def score_text(text: str, language: str) -> ReadabilityScore:
    """Score the readability of plain prose written in ``language`` (a BCP 47 tag).

    English ("en", "en-GB"...) and Spanish ("es", "es-MX"...) are scored; any other
    language returns a result with ``scored=False`` and the reason. The first English call
    in a process loads the bundled syllable table (about 0.1 s); later calls reuse it.

    Raises ValueError if ``language`` is not a BCP 47 tag.
    """
    primary = _primary_subtag(language)
    if primary == "en":
        return _score(text, language, _english_syllables, _ENGLISH_METHOD, _english_scores)
    if primary == "es":
        return _score(text, language, _spanish_syllables, _SPANISH_METHOD, _spanish_scores)
    return _not_scored(
        language,
        f"no readability formula for language {primary!r}; "
        f"scored languages: {', '.join(SUPPORTED_LANGUAGES)}",
        f"readability/{ALGORITHM_VERSION} {primary}: not scored",
    )


def count_syllables(word: str, language: str) -> int:
    """Count the syllables of one word as ``score_text`` would; at least 1 for any word.

    Raises ValueError if ``language`` is not a BCP 47 tag or is not a scored language.
    """
    primary = _primary_subtag(language)
    if primary == "en":
        return _english_syllables(word)
    if primary == "es":
        return _spanish_syllables(word)
    raise ValueError(
        f"no syllable rules for language {primary!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}"
    )


# --- languages and results ----------------------------------------------------------------

_PRIMARY_SUBTAG = re.compile(r"[A-Za-z]{2,8}")


def _primary_subtag(tag: str) -> str:
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0]
    if not _PRIMARY_SUBTAG.fullmatch(primary):
        raise ValueError(f"invalid language tag {tag!r}; use a BCP 47 tag such as 'en' or 'es-MX'")
    return primary.lower()


@dataclass(frozen=True, slots=True)
class _Counts:
    words: int
    sentences: int
    syllables: int
    polysyllables: int


@dataclass(frozen=True, slots=True)
class _Scores:
    flesch_kincaid_grade: float | None = None
    flesch_reading_ease: float | None = None
    smog_grade: float | None = None
    fernandez_huerta: float | None = None
    szigriszt_pazos: float | None = None
    smog_extrapolated: bool = False
    notes: tuple[str, ...] = ()


def _score(
    text: str,
    language: str,
    syllables_of: Callable[[str], int],
    method: str,
    formulas: Callable[[_Counts], _Scores],
) -> ReadabilityScore:
    words, sentences = _words_and_sentence_count(text)
    if not words:
        return _not_scored(language, "the text has no words to score", method)
    per_word = [syllables_of(word) for word in words]
    counts = _Counts(
        words=len(words),
        sentences=sentences,
        syllables=sum(per_word),
        polysyllables=sum(1 for n in per_word if n >= 3),
    )
    return _from_counts(language, counts, method, formulas)


def _from_counts(
    language: str, counts: _Counts, method: str, formulas: Callable[[_Counts], _Scores]
) -> ReadabilityScore:
    scores = formulas(counts)
    return ReadabilityScore(
        language=language,
        scored=True,
        reason=None,
        words=counts.words,
        sentences=counts.sentences,
        syllables=counts.syllables,
        polysyllables=counts.polysyllables,
        flesch_kincaid_grade=scores.flesch_kincaid_grade,
        flesch_reading_ease=scores.flesch_reading_ease,
        smog_grade=scores.smog_grade,
        smog_extrapolated=scores.smog_extrapolated,
        fernandez_huerta=scores.fernandez_huerta,
        szigriszt_pazos=scores.szigriszt_pazos,
        method=method,
        notes=scores.notes,
    )


def combine_scores(scores: list[ReadabilityScore], language: str) -> ReadabilityScore:
    """The score of texts joined by blank lines, from the scores of each text.

    Words, sentences and syllables add up across blank-line-separated texts, so a whole
    article is scored from its parts' counts instead of being tokenised a second time,
    with the same formulas as :func:`score_text`.
    """
    scored = [score for score in scores if score.scored]
    if not scored:
        return scores[0] if scores else score_text("", language)
    counts = _Counts(
        words=sum(s.words for s in scored),
        sentences=sum(s.sentences for s in scored),
        syllables=sum(s.syllables for s in scored),
        polysyllables=sum(s.polysyllables for s in scored),
    )
    primary = _primary_subtag(language)
    formulas = _english_scores if primary == "en" else _spanish_scores
    return _from_counts(scored[0].language, counts, scored[0].method, formulas)


def _not_scored(language: str, reason: str, method: str) -> ReadabilityScore:
    return ReadabilityScore(
        language=language,
        scored=False,
        reason=reason,
        words=0,
        sentences=0,
        syllables=0,
        polysyllables=0,
        flesch_kincaid_grade=None,
        flesch_reading_ease=None,
        smog_grade=None,
        smog_extrapolated=False,
        fernandez_huerta=None,
        szigriszt_pazos=None,
        method=method,
    )


def _english_scores(counts: _Counts) -> _Scores:
    words_per_sentence = counts.words / counts.sentences
    syllables_per_word = counts.syllables / counts.words
    extrapolated = counts.sentences < SMOG_MIN_SENTENCES
    notes: tuple[str, ...] = ()
    if extrapolated:
        notes = (
            f"SMOG is normed on {SMOG_MIN_SENTENCES} sentences and this text has "
            f"{counts.sentences}, so the SMOG grade is extrapolated",
        )
    return _Scores(
        flesch_kincaid_grade=0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        flesch_reading_ease=206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        # McLaughlin's formula scales the polysyllable count to a 30-sentence sample, so a
        # shorter text still gets a grade, flagged as extrapolated.
        smog_grade=1.0430 * math.sqrt(counts.polysyllables * 30 / counts.sentences) + 3.1291,
        smog_extrapolated=extrapolated,
        notes=notes,
    )


def _spanish_scores(counts: _Counts) -> _Scores:
    words_per_sentence = counts.words / counts.sentences
    syllables_per_word = counts.syllables / counts.words
    return _Scores(
        # Fernández Huerta as corrected by Law (2011): 206.84 - 0.60 P - 1.02 F with P the
        # syllables per 100 words and F the words per sentence. The often-quoted form with F
        # as sentences per 100 words makes shorter sentences score as harder to read.
        fernandez_huerta=206.84 - 60 * syllables_per_word - 1.02 * words_per_sentence,
        szigriszt_pazos=206.835 - 62.3 * syllables_per_word - words_per_sentence,
    )


# --- words and sentences ------------------------------------------------------------------

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


def _words_and_sentence_count(text: str) -> tuple[list[str], int]:
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


# --- English syllables --------------------------------------------------------------------


#: The bundled syllable table: counts from the CMU Pronouncing Dictionary (BSD-style
#: licence and provenance in ``data/CMUDICT-LICENSE.txt`` beside it).
CMUDICT_TABLE = "cmudict-syllables.tsv.gz"


@cache
def _cmu_syllables() -> dict[str, int]:
    # Loaded on first use, not at import: only English scoring needs it.
    import gzip
    from importlib import resources

    source = resources.files("ketadoc.checks").joinpath("data").joinpath(CMUDICT_TABLE)
    table: dict[str, int] = {}
    for line in gzip.decompress(source.read_bytes()).decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        table[word] = int(count)
    return table


_ENGLISH_METHOD = (
    f"readability/{ALGORITHM_VERSION} en: CMU Pronouncing Dictionary "
    "(cmudict.dict, first pronunciation, bundled) + rule fallback; "
    "Flesch-Kincaid grade, SMOG (30-sentence normalized), Flesch reading ease"
)


# The dictionary's first pronunciation of "dr" is "drive"; in health writing it is "doctor".
_ENGLISH_OVERRIDES = {"dr": 2, "drs": 2}

_LATIN_LETTERS = re.compile(r"[A-Za-z']+")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _english_syllables(token: str) -> int:
    lower = token.lower()
    known = _ENGLISH_OVERRIDES.get(lower)
    if known is None:
        known = _cmu_syllables().get(lower)
    if known is not None:
        return max(known, 1)
    return _english_unlisted_syllables(token)


@lru_cache(maxsize=16384)
def _english_unlisted_syllables(token: str) -> int:
    plain = _strip_accents(token).replace("’", "'")
    lower = plain.lower()
    table = _cmu_syllables()
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
    return _english_rule_syllables(part.lower().replace("'", ""))


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


def _english_rule_syllables(word: str) -> int:
    count = len(_EN_VOWEL_RUN.findall(word))
    if count > 1 and _EN_SILENT_ENDING.search(word) and not _EN_SYLLABIC_ENDING.search(word):
        count -= 1
    count += len(_EN_EXTRA_SYLLABLE.findall(word))
    return max(count, 1)


# --- Spanish syllables --------------------------------------------------------------------

_SPANISH_METHOD = (
    f"readability/{ALGORITHM_VERSION} es: rule-based syllables (vowel runs, diphthong and "
    "hiatus rules); Fernández Huerta (Law 2011 correction), Szigriszt-Pazos perspicuity"
)


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
def _spanish_syllables(token: str) -> int:
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
