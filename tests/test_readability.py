"""Readability scoring: hand-counted texts, syllable counts, sentence rules and offline use."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketadoc.checks import syllables as syllable_rules
from ketadoc.checks.readability import (
    ALGORITHM_VERSION,
    SMOG_MIN_SENTENCES,
    ReadabilityScore,
    count_syllables,
    score_text,
)

REPO_ROOT = Path(__file__).resolve().parents[1]


# --- hand-counted texts -------------------------------------------------------------------


def test_english_short_words_match_hand_count() -> None:
    # The(1) cat(1) sat(1) on(1) the(1) mat(1). | It(1) was(1) happy(2).
    # 9 words, 2 sentences, 10 syllables, no word of 3+ syllables.
    score = score_text("The cat sat on the mat. It was happy.", "en")

    assert (score.words, score.sentences, score.syllables, score.polysyllables) == (9, 2, 10, 0)
    # FK  = 0.39 * 9/2 + 11.8 * 10/9 - 15.59          = -0.72389
    # FRE = 206.835 - 1.015 * 9/2 - 84.6 * 10/9       = 108.2675
    # SMOG = 1.0430 * sqrt(0 * 30 / 2) + 3.1291       = 3.1291
    assert score.flesch_kincaid_grade == pytest.approx(-0.723889, abs=1e-6)
    assert score.flesch_reading_ease == pytest.approx(108.2675)
    assert score.smog_grade == pytest.approx(3.1291)


def test_english_with_abbreviation_decimal_and_unlisted_word() -> None:
    # Ketamine(3, not in the dictionary) can(1) ease(1) anxiety(4) e.g.(2) in(1) a(1)
    # clinic(2). | Take(1) 2.5(not a word) mg(2, read "em-gee" by the dictionary) with(1)
    # water(2).
    # "e.g." does not end the first sentence: 12 words, 2 sentences, 15 + 6 = 21 syllables,
    # 2 polysyllables (ketamine, anxiety).
    text = "Ketamine can ease anxiety, e.g. in a clinic. Take 2.5 mg with water."
    score = score_text(text, "en-US")

    assert (score.words, score.sentences, score.syllables, score.polysyllables) == (12, 2, 21, 2)
    # FK   = 0.39 * 12/2 + 11.8 * 21/12 - 15.59       = 2.34 + 20.65 - 15.59  = 7.4
    # FRE  = 206.835 - 1.015 * 6 - 84.6 * 1.75        = 206.835 - 6.09 - 148.05 = 52.695
    # SMOG = 1.0430 * sqrt(2 * 30 / 2) + 3.1291       = 1.0430 * 5.477226 + 3.1291 = 8.841846
    assert score.flesch_kincaid_grade == pytest.approx(7.4)
    assert score.flesch_reading_ease == pytest.approx(52.695)
    assert score.smog_grade == pytest.approx(8.841846, abs=1e-6)
    assert score.smog_grade == pytest.approx(1.0430 * math.sqrt(30) + 3.1291)
    assert score.fernandez_huerta is None
    assert score.szigriszt_pazos is None


def test_spanish_sample_matches_hand_count() -> None:
    # La(1) ke-ta-mi-na(4) es(1) un(1) me-di-ca-men-to(5). | Ha-ble(2) con(1) su(1) mé-di-co(3).
    # 9 words, 2 sentences, 19 syllables.
    score = score_text("La ketamina es un medicamento. Hable con su médico.", "es-MX")

    assert score.scored
    assert (score.words, score.sentences, score.syllables, score.polysyllables) == (9, 2, 19, 3)
    # Fernández Huerta = 206.84 - 60 * 19/9 - 1.02 * 9/2 = 206.84 - 126.6667 - 4.59  = 75.5833
    # Szigriszt-Pazos  = 206.835 - 62.3 * 19/9 - 9/2    = 206.835 - 131.5222 - 4.5 = 70.8128
    assert score.fernandez_huerta == pytest.approx(75.583333, abs=1e-6)
    assert score.szigriszt_pazos == pytest.approx(70.812778, abs=1e-6)
    # Formulas normed on English say nothing about Spanish text.
    assert score.flesch_kincaid_grade is None
    assert score.flesch_reading_ease is None
    assert score.smog_grade is None
    assert not score.smog_extrapolated


def test_spanish_shorter_sentences_read_easier() -> None:
    # Guards the corrected Fernández Huerta: the same words in more sentences score higher.
    one = score_text("El médico revisa la dosis, el paciente descansa en casa.", "es")
    two = score_text("El médico revisa la dosis. El paciente descansa en casa.", "es")

    assert (one.words, one.syllables) == (two.words, two.syllables)
    assert two.fernandez_huerta is not None
    assert one.fernandez_huerta is not None
    assert two.fernandez_huerta > one.fernandez_huerta


# --- syllables ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("anxiety", 4),
        ("ketamine", 3),
        ("the", 1),
        ("medication", 4),
        ("depression", 3),
        ("psilocybin", 4),
        ("benzodiazepine", 6),
        ("Happy", 2),
        ("don't", 1),
        ("don’t", 1),  # typographic apostrophe
        ("patient's", 2),
        ("e.g", 2),
        ("Dr", 2),  # "doctor", not the dictionary's first reading, "drive"
        ("long-term", 2),
        ("café", 2),
        ("COVID-19", 2),  # the numeral adds nothing
    ],
)
def test_english_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word, "en") == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("ketamine", 3),
        ("esketamine", 4),
        ("fluoxetine", 4),
        ("neuroplasticity", 6),
        ("glutamatergic", 5),
        ("covid", 2),
        ("NMDA", 4),  # read letter by letter
        ("SSRI", 4),
    ],
)
def test_english_syllables_of_words_missing_from_the_dictionary(word: str, syllables: int) -> None:
    # These must come from the rules; if a new dictionary lists one, pick another word.
    assert word.lower() not in syllable_rules.cmu_syllables()
    assert count_syllables(word, "en") == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("table", 2),  # consonant + le
        ("dose", 1),  # silent e
        ("doses", 2),
        ("makes", 1),
        ("used", 1),
        ("wanted", 2),
        ("radio", 3),
        ("nation", 2),
        ("dual", 2),
        ("idea", 3),
        ("autism", 3),
        ("quiet", 2),
    ],
)
def test_english_spelling_rules(word: str, syllables: int) -> None:
    assert syllable_rules.english_rule_syllables(word) == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("lectura", 3),
        ("ketamina", 4),
        ("medicamento", 5),
        ("paciente", 3),  # pa-cien-te: ie is a diphthong
        ("ansiedad", 3),
        ("ciudad", 2),  # ciu-dad: two weak vowels, one syllable
        ("agua", 2),
        ("día", 2),  # dí-a: the accent breaks the diphthong
        ("país", 2),
        ("aéreo", 4),  # a-é-re-o: two strong vowels never share a syllable
        ("leer", 2),
        ("muy", 1),  # final y closes the diphthong
        ("buey", 1),  # triphthong
        ("mayo", 2),  # y before a vowel is a consonant
        ("y", 1),
        ("pingüino", 3),
        ("Médico", 3),
    ],
)
def test_spanish_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word, "es") == syllables


def test_count_syllables_refuses_unscored_language() -> None:
    with pytest.raises(ValueError, match="no syllable rules for language 'fr'"):
        count_syllables("bonjour", "fr")


# --- words and sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "sentences"),
    [
        ("Take 2.5 mg daily. Then rest.", 5, 2),
        ("Ask Dr. Smith. She knows.", 5, 2),
        ("Eat fruit, e.g. Apples and pears.", 6, 1),
        ("Wait... then go.", 3, 1),  # a lower-case word after the dots continues the sentence
        ("Take vitamin D. Ask your doctor.", 6, 2),  # a single capital is not an initial
        ("It helps at 9 a.m. Then rest.", 6, 2),
        ("Is it safe? Yes! It is.", 6, 3),
        ("1. Take it\n\n2. Rest well", 4, 2),  # a blank line ends a sentence; "1." is not one
        ("One line\nand the next", 5, 1),  # a single line break does not
        ("Read https://example.org/a.b?c=1. It helps.", 3, 2),
        ("Write to help@example.org today.", 3, 1),
        ("Costs rose 1,000 times in 2024.", 4, 1),
        ("¿Qué es la ansiedad? Es miedo.", 6, 2),
        ("Hable con la Dra. López hoy.", 6, 1),
    ],
)
def test_words_and_sentences(text: str, words: int, sentences: int) -> None:
    score = score_text(text, "es" if "¿" in text or "Dra." in text else "en")

    assert (score.words, score.sentences) == (words, sentences)


# --- results that are not scores ----------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "de-CH", "zh-Hant-TW", "und"])
def test_unscored_language_says_why(language: str) -> None:
    score = score_text("Ceci est une phrase. En voici une autre.", language)

    assert not score.scored
    assert score.reason is not None
    assert repr(language.split("-")[0].lower()) in score.reason
    assert score.language == language
    assert score.flesch_kincaid_grade is None
    assert score.flesch_reading_ease is None
    assert score.smog_grade is None
    assert score.fernandez_huerta is None
    assert score.szigriszt_pazos is None


@pytest.mark.parametrize("text", ["", "   \n\n ", "2024. 1,000. 3.5!"])
def test_text_without_words_is_not_scored(text: str) -> None:
    score = score_text(text, "en")

    assert not score.scored
    assert score.reason == "the text has no words to score"
    assert score.words == 0


@pytest.mark.parametrize("language", ["", "e", "123", "-en", "english language"])
def test_malformed_language_tag_is_refused(language: str) -> None:
    with pytest.raises(ValueError, match="invalid language tag"):
        score_text("Some text.", language)


@pytest.mark.parametrize("language", ["en", "EN", "en-GB", "en_US", "es", "es-419"])
def test_regional_tags_are_scored(language: str) -> None:
    assert score_text("The cat sat.", language).scored


# --- SMOG sample size, method, shape ------------------------------------------------------


def test_smog_is_flagged_below_thirty_sentences() -> None:
    short = score_text("The cat sat. " * (SMOG_MIN_SENTENCES - 1), "en")
    full = score_text("The cat sat. " * SMOG_MIN_SENTENCES, "en")

    assert short.smog_grade is not None
    assert short.smog_extrapolated
    assert any("extrapolated" in note for note in short.notes)
    assert full.smog_grade is not None
    assert not full.smog_extrapolated
    assert full.notes == ()


def test_method_records_algorithm_and_dictionary_versions() -> None:
    english = score_text("The cat sat.", "en").method
    spanish = score_text("El gato.", "es").method

    assert english.startswith(f"readability/{ALGORITHM_VERSION} en: ")
    assert "CMU Pronouncing Dictionary (cmudict.dict, first pronunciation, bundled)" in english
    assert spanish.startswith(f"readability/{ALGORITHM_VERSION} es: ")
    assert "Fernández Huerta" in spanish


def test_score_is_frozen() -> None:
    score = score_text("The cat sat.", "en")

    assert isinstance(score, ReadabilityScore)
    with pytest.raises(dataclasses.FrozenInstanceError):
        score.words = 1  # type: ignore[misc]


def test_scoring_two_thousand_words_is_fast() -> None:
    sentence = (
        "Ketamine is a medicine that doctors use for anesthesia, and at lower doses it may "
        "help people with depression when other treatments have not worked. "
    )
    text = sentence * 80  # 25 words a sentence
    score_text("Warm up.", "en")  # the dictionary loads once per process
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        score = score_text(text, "en")
        timings.append(time.perf_counter() - start)

    assert score.words == 2000
    # Typically 2-4 ms; the bound only catches a gross regression on a busy machine.
    assert min(timings) < 0.05


# --- offline ------------------------------------------------------------------------------

_OFFLINE_SCRIPT = """
import json, socket, sys

def refuse_network(event, args):
    if event.startswith("socket.") or event.startswith("urllib."):
        raise RuntimeError("network access attempted: " + event)

sys.addaudithook(refuse_network)

from ketadoc.checks.readability import score_text

english = score_text("Ketamine can ease anxiety. Ask your doctor.", "en")
spanish = score_text("La ketamina puede aliviar la ansiedad.", "es")
try:
    socket.socket()
except RuntimeError:
    guard_works = True
else:
    guard_works = False
print(json.dumps({"en": english.syllables, "es": spanish.syllables, "guard": guard_works}))
"""


@pytest.mark.slow
def test_scoring_works_with_the_network_refused() -> None:
    # A fresh interpreter, so the dictionary really loads under the guard; an audit hook
    # cannot be removed, which is why it is not installed in the test process itself.
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", _OFFLINE_SCRIPT],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "en": 3 + 1 + 1 + 4 + 1 + 1 + 2,
        "es": 1 + 4 + 2 + 3 + 1 + 3,
        "guard": True,
    }


# --- the bundled CMU syllable table ----------------------------------------------------------

#: SHA-256 of the uncompressed table, as recorded in data/CMUDICT-LICENSE.txt. A change to
#: the table changes syllable counts and so scores: it must come with an ALGORITHM_VERSION
#: bump and a new digest here and in the provenance file.
CMUDICT_TABLE_SHA256 = "9f291ef6e5e22b6a24e134e9f0adee4ef7d477cfd3aed08245219c5612703b73"


def _table_bytes() -> bytes:
    import gzip
    from importlib import resources

    from ketadoc.checks.syllables import CMUDICT_TABLE

    folder = resources.files("ketadoc.checks").joinpath("data")
    return gzip.decompress(folder.joinpath(CMUDICT_TABLE).read_bytes())


def test_bundled_syllable_table_is_unchanged_and_carries_its_licence() -> None:
    import hashlib
    from importlib import resources

    assert hashlib.sha256(_table_bytes()).hexdigest() == CMUDICT_TABLE_SHA256
    notice = resources.files("ketadoc.checks").joinpath("data", "CMUDICT-LICENSE.txt")
    text = notice.read_text("utf-8")
    assert "Carnegie Mellon University" in text
    assert CMUDICT_TABLE_SHA256 in text
    assert "Redistribution and use in source and binary forms" in text


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("anxiety", 4), ("medication", 4), ("hospital", 3), ("doctor", 2), ("the", 1)],
)
def test_bundled_table_gives_the_dictionary_counts(word: str, syllables: int) -> None:
    table = dict(line.split("\t") for line in _table_bytes().decode("utf-8").splitlines())
    assert int(table[word]) == syllables
    assert count_syllables(word, "en") == syllables


def test_ketadoc_does_not_import_the_gpl_cmudict_package() -> None:
    code = (
        "import sys, ketadoc.checks.readability as r;"
        " r.score_text('Anxiety medication helps.', 'en');"
        " print('cmudict' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
