"""Readability scores for plain prose, computed offline.

English text gets the Flesch-Kincaid grade, the SMOG grade and Flesch reading ease, with
syllables taken from the CMU Pronouncing Dictionary and a spelling rule for words it lacks.
Spanish text gets Fernández Huerta reading ease and Szigriszt-Pazos perspicuity, with
syllables counted by rule. Any other language is reported as not scored: a number from
formulas normed on another language would look authoritative and mean nothing.

The caller passes prose only (headings, citations, code and links already stripped).
Words and sentences are counted by :mod:`ketadoc.checks.sentences` and syllables by
:mod:`ketadoc.checks.syllables`; their conventions are part of ``ALGORITHM_VERSION``. Scores
are not rounded or clamped: reading ease below 0 or above 100 is a real result.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ketadoc.checks.sentences import words_and_sentence_count
from ketadoc.checks.syllables import english_syllables, spanish_syllables

__all__ = [
    "ALGORITHM_VERSION",
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
        return _score(text, language, english_syllables, _ENGLISH_METHOD, _english_scores)
    if primary == "es":
        return _score(text, language, spanish_syllables, _SPANISH_METHOD, _spanish_scores)
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
        return english_syllables(word)
    if primary == "es":
        return spanish_syllables(word)
    raise ValueError(
        f"no syllable rules for language {primary!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}"
    )


# --- languages and results ----------------------------------------------------------------

_ENGLISH_METHOD = (
    f"readability/{ALGORITHM_VERSION} en: CMU Pronouncing Dictionary "
    "(cmudict.dict, first pronunciation, bundled) + rule fallback; "
    "Flesch-Kincaid grade, SMOG (30-sentence normalized), Flesch reading ease"
)

_SPANISH_METHOD = (
    f"readability/{ALGORITHM_VERSION} es: rule-based syllables (vowel runs, diphthong and "
    "hiatus rules); Fernández Huerta (Law 2011 correction), Szigriszt-Pazos perspicuity"
)

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
    words, sentences = words_and_sentence_count(text)
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
