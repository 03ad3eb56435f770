"""Medical terms a reader may not know, and whether the text explains them (KD205).

A word is a medical term when two signals agree: it is **rare** in everyday language —
its Zipf frequency in the ``wordfreq`` lists (English and Spanish, offline) is below
``RARE_ZIPF`` — and it **looks medical**: it is built from Greek or Latin medical parts
(``hyper-``, ``-emia``, ``-itis``, ``-oma``, ``intra-``...), it is a known medical
abbreviation (SSRI, HbA1c, ISRS) or it is on a short list of terms that no word part
gives away (placebo, remission, serotonin). Frequency alone would flag "drowsiness";
word parts alone would flag "diabetes", which most readers know.

A term is **explained** when, at its first use, the text glosses it: a parenthesis
after it, or the term in brackets after the plain words; ", which is", "is a", "means",
a dash or colon; "called" or "known as" before it; a next sentence that starts "This
means" / "It is"; or an entry for it in a definition list anywhere in the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ketadoc.model.walk import located_blocks

if TYPE_CHECKING:
    from ketadoc.model import Article

__all__ = ["RARE_ZIPF", "defined_terms", "first_unexplained_terms", "medical_terms"]

#: Words rarer than this (Zipf scale: 3 is once per million words) count as rare.
RARE_ZIPF = 3.5

_PARTS = {
    "en": re.compile(
        r"^(?:hyper|hypo|intra|cardi|neur|nephr|hepat|gastr|derm|haem|hem|glyc|gluc|bronch|"
        r"cortico|immuno|osteo|arthr|angi|thromb|onco|pulmon|ophthalm|retin|pneum|anaphyl|"
        r"contraindic|endocrin|dys|brady|tachy|sub(?=cutan|lingu)|trans(?=derm))"
        r"|(?:a?emias?|itis|os[ie]s|ectom(?:y|ies)|otom(?:y|ies)|plast(?:y|ies)|scop(?:y|ies)|"
        r"patch?ies|pathy|algia|omas?|urias?|plasias?|troph(?:y|ies)|genic|lytics?|venous|"
        r"muscular|cutaneous|ocular|statins?|prils?|sartans?|olols?|mabs?|tinibs?|azoles?|"
        r"cillins?|mycins?|oxetines?|glycemic|glycaemic|ceutical|genesis|tensive|tension)$"
    ),
    "es": re.compile(
        r"^(?:hiper|hipo|intra|cardi|neur|nefr|hepat|gastr|derm|hemo|hema|gluc|gluc|bronc|"
        r"cortico|inmuno|osteo|artr|angi|tromb|onco|pulmon|oftalm|retin|neum|anafil|"
        r"contraindic|endocrin|dis|bradi|taqui|sub(?=cut|ling)|trans(?=dérm))"
        r"|(?:emias?|itis|osis|ectomías?|otomías?|plastias?|scopias?|patías?|algias?|omas?|"
        r"urias?|plasias?|trofias?|génic[oa]s?|venos[oa]s?|muscular(?:es)?|cutáne[oa]s?|"
        r"ocular(?:es)?|estatinas?|sartanes|glucémic[oa]s?|tensión|tensiv[oa]s?)$"
    ),
}

_LISTED = {
    "en": frozenset(
        {
            "placebo", "remission", "prognosis", "titration", "efficacy", "serotonin",
            "dopamine", "glutamate", "neurotransmitter", "neurotransmitters", "comorbid",
            "comorbidity", "adjunctive", "adjuvant", "idiopathic", "refractory", "etiology",
            "aetiology", "biomarker", "pharmacokinetics", "neuroplasticity", "anxiolytic",
            "anesthetic", "anaesthetic", "dissociation", "dissociative", "metabolic",
            "insulin resistance", "off-label", "treatment-resistant", "adverse event",
            "meta-analysis", "synaptic plasticity", "contraindicated", "prophylaxis",
            "prophylactic", "benign", "malignant", "metastasis", "metastatic", "edema",
            "oedema", "syncope", "fibrillation", "intubation", "immunogenicity", "hba1c",
            "glycated hemoglobin", "glycated haemoglobin",
        }
    ),
    "es": frozenset(
        {
            "placebo", "remisión", "pronóstico", "titulación", "eficacia", "serotonina",
            "dopamina", "glutamato", "neurotransmisor", "neurotransmisores", "comorbilidad",
            "adyuvante", "idiopático", "idiopática", "refractario", "refractaria",
            "etiología", "biomarcador", "farmacocinética", "ansiolítico", "anestésico",
            "resistencia a la insulina", "fuera de ficha técnica", "profilaxis",
            "metástasis", "edema", "síncope", "fibrilación", "inmunogenicidad",
            "hemoglobina glicada", "hba1c",
        }
    ),
}  # fmt: skip

_ACRONYMS = frozenset(
    {
        "SSRI", "SNRI", "MAOI", "NSAID", "HbA1c", "COPD", "ACE", "ARB", "GERD", "DVT",
        "PE", "TIA", "eGFR", "LDL", "HDL", "ADHD", "PTSD", "OCD", "ECG", "EKG", "MRI",
        "CT", "IV", "IM", "ISRS", "IRSN", "AINE", "EPOC", "IECA", "TDAH", "TEPT", "TOC",
    }
)  # fmt: skip
_WORD = re.compile(r"\b[^\W\d_][\w’'-]*\b")


@cache
def _frequencies(language: str) -> dict[str, float]:
    """Zipf frequency by word from wordfreq's "small" list for ``language``.

    The list is read straight from wordfreq's data folder: importing wordfreq itself
    pulls in ftfy, regex and langcodes (about 0.5 s per process) to answer questions
    this check does not ask. The file is wordfreq's documented cBpack format: a header,
    then buckets of words, bucket i holding words of frequency 10^(-i/100), so Zipf
    (log10 of frequency per billion words) is 9 - i/100. Words not listed are rarer
    than Zipf 3, below ``RARE_ZIPF`` either way.
    """
    import gzip
    import importlib.util

    import msgpack

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordfreq package is missing; reinstall ketadoc")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    packed = gzip.decompress((folder / f"small_{language}.msgpack.gz").read_bytes())
    buckets = msgpack.loads(packed, raw=False)[1:]
    table: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        zipf = round(9 - index / 100, 2)
        for word in bucket:
            table.setdefault(word, zipf)
    return table


def _zipf(word: str, language: str) -> float:
    return _frequencies(language).get(word, 0.0)


@lru_cache(maxsize=65536)
def _term_key(word: str, language: str) -> str | None:
    """The key of ``word`` (as written) if it is a medical term, else None. Cached: words
    repeat across texts and articles far more often than they are new."""
    if word in _ACRONYMS or (word[-1] == "s" and word[:-1] in _ACRONYMS):
        return word.rstrip("s").lower()
    lowered = word.lower().replace("’", "'")
    if lowered in _LISTED[language]:
        return lowered
    pattern = _PARTS[language]
    if any(pattern.search(part) for part in lowered.split("-") if len(part) > 4):
        return lowered if _zipf(lowered, language) < RARE_ZIPF else None
    return None


@cache
def _phrases(language: str) -> re.Pattern[str]:
    phrases = sorted((p for p in _LISTED[language] if " " in p or "-" in p), key=len)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in reversed(phrases)) + r")\w*")


def medical_terms(text: str, language: str) -> Iterator[tuple[int, int, str]]:
    """Start, end and key (lower case) of every medical term in ``text``, in order."""
    found: list[tuple[int, int, str]] = []
    lowered = text.lower()
    if len(lowered) == len(text):  # a few characters lower-case to two; offsets must hold
        for match in _phrases(language).finditer(lowered):
            found.append((match.start(), match.end(), match.group(0)))
    # Most texts hold no term: test each distinct word once before finding positions.
    if any(_term_key(word, language) for word in set(_WORD.findall(text))):
        for match in _WORD.finditer(text):
            key = _term_key(match.group(0), language)
            if key is not None:
                found.append((match.start(), match.end(), key))
    found.sort(key=lambda item: (item[0], -item[1]))
    last_end = -1
    for start, end, key in found:
        if start >= last_end:  # a phrase wins over the words inside it
            yield start, end, key
            last_end = end


_AFTER = {
    "en": re.compile(
        r"""^[\w’'-]*\s*(?:
            \(                                              # hyperglycemia (high blood sugar)
          | [—–:]|\s-\s
          | ,\s*(?:which|that|who)\s+(?:is|are|means?|happens|causes?)\b
          | ,\s*(?:a|an|the)\s+\w+
          | ,?\s*(?:or|also\s+called|also\s+known\s+as|known\s+as|called)\s
          | (?:is|are)\s+(?:a|an|the|when|how|what|something|high|low|damage|swelling|too)\b
          | (?:is|are)\s+(?:\w+\s+){1,2}(?:that|which|who|used|for|to|of)\b
          | (?:means|refers\s+to)\b
        )""",
        re.IGNORECASE | re.VERBOSE,
    ),
    "es": re.compile(
        r"""^[\w’'-]*\s*(?:
            \(
          | [—–:]|\s-\s
          | ,\s*(?:que|lo\s+que)\s+(?:es|son|significa|quiere\s+decir)\b
          | ,\s*(?:un|una|el|la|los|las)\s+\w+
          | ,?\s*(?:o|también\s+llamad[oa]s?|conocid[oa]s?\s+como|llamad[oa]s?)\s
          | (?:es|son)\s+(?:un|una|el|la|cuando|lo|algo|alt[oa]|baj[oa]|daño)\b
          | (?:es|son)\s+(?:\w+\s+){1,2}(?:que|para|de|del)\b
          | (?:significa|se\s+refiere\s+a)\b
        )""",
        re.IGNORECASE | re.VERBOSE,
    ),
}
_BEFORE = {
    "en": re.compile(
        r"(?:\(\s*|(?:called|known\s+as|named|medical\s+(?:name|term)\s+for\s+\w+(?:\s+\w+)?\s+is)"
        r"\s+)$",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"(?:\(\s*|(?:llamad[oa]s?|conocid[oa]s?\s+como|se\s+llama|nombre\s+de)\s+)$",
        re.IGNORECASE,
    ),
}
_NEXT_SENTENCE = {
    "en": re.compile(r"^\s*(?:this|that|it)\s+(?:is|means|happens)\b", re.IGNORECASE),
    "es": re.compile(r"^\s*(?:esto|eso|es\s+(?:un|una))\b|^\s*significa\b", re.IGNORECASE),
}


def _explained(text: str, start: int, end: int, language: str) -> bool:
    if _AFTER[language].match(text[end : end + 80]):
        return True
    if _BEFORE[language].search(text[max(0, start - 60) : start]):
        return True
    stop = re.search(r"[.!?]\s", text[end:])
    return stop is not None and bool(
        _NEXT_SENTENCE[language].match(text[end + stop.end() : end + stop.end() + 40])
    )


def first_unexplained_terms(
    texts: Iterable[tuple[tuple[str | int, ...], str]],
    language: str,
    defined: frozenset[str] = frozenset(),
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, term as written) of every medical term whose first use is not explained.

    ``texts`` are prose in reading order; ``defined`` holds lower-case terms a definition
    list explains. Languages other than English and Spanish yield nothing.
    """
    if language not in _PARTS:
        return
    seen: set[str] = set(defined)
    for loc, text in texts:
        for start, end, key in medical_terms(text, language):
            if key in seen or key.rstrip("s") in seen:
                continue
            seen.add(key)
            if not _explained(text, start, end, language):
                yield loc, text[start:end]


def defined_terms(article: Article) -> frozenset[str]:
    """Lower-case terms that a definition list in the article explains."""
    terms: set[str] = set()
    for _, block in located_blocks(article):
        for item in getattr(block, "items", ()):
            term = getattr(item, "term", None)
            if term is not None:
                terms.add(getattr(term, "plain", str(term)).strip().lower())
    return frozenset(terms)
