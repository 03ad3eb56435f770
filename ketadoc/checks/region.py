"""Where an article is read: the emergency and crisis numbers and the medicines regulator.

Advice such as "call 911" is right in one country and dangerous in another, so checks that
suggest a number or a regulator ask this module, never a literal. The region is, in order:
the article's own ``region`` (front matter), the ``region`` setting of the check
configuration, then the territory of the language tag (``en-GB`` -> GB). An article
without any of these gets no number: the message asks the author for the local one.

Numbers checked against the services' own pages (2026): US 911 and the 988 Suicide &
Crisis Lifeline; GB 999, NHS 111 and Samaritans 116 123; IE 112 or 999, Samaritans
116 123 and the text line 50808; ES 112 and the 024 suicide-prevention line; FR 15 (SAMU)
or 112 and the national suicide-prevention line 3114; DE 112, the on-call doctors'
116 117 and the TelefonSeelsorge on 0800 111 0 111, 0800 111 0 222 or 116 123.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["REGIONS", "RegionRules", "foreign_emergency_numbers", "region_rules", "territory"]


@dataclass(frozen=True, slots=True)
class RegionRules:
    """What to tell a reader in one region, in the words a message can quote."""

    code: str
    emergency: str
    """How to call for an ambulance, e.g. "call 999"."""
    crisis: str
    """Who to contact in a mental-health crisis."""
    regulator: str
    """The medicines regulator whose decision a regulatory status names."""
    approval: str
    """How a status sentence reads there, with {drug} for the medicine."""
    numbers: tuple[str, ...]
    """Every emergency or crisis number of the region, as written in text."""


REGIONS: dict[str, RegionRules] = {
    "US": RegionRules(
        "US",
        "call 911",
        "call or text 988 (Suicide & Crisis Lifeline)",
        "FDA",
        "whether the FDA has approved {drug} for this use, or whether it is used off-label",
        ("911", "988"),
    ),
    "GB": RegionRules(
        "GB",
        "call 999 (or NHS 111 for urgent advice)",
        "call Samaritans on 116 123",
        "MHRA",
        "whether {drug} is licensed by the MHRA for this use, or used off-label",
        ("999", "111", "116 123", "112"),
    ),
    "IE": RegionRules(
        "IE",
        "call 112 or 999",
        "call Samaritans on 116 123 or text 50808",
        "HPRA",
        "whether {drug} is authorised by the HPRA (or the EMA) for this use, or used off-label",
        ("112", "999", "116 123", "50808"),
    ),
    "ES": RegionRules(
        "ES",
        "llame al 112",
        "llame al 024 (línea de atención a la conducta suicida)",
        "AEMPS",
        "si la AEMPS (o la EMA) ha autorizado {drug} para este uso, o si se usa fuera de ficha"
        " técnica",
        ("112", "024"),
    ),
    "FR": RegionRules(
        "FR",
        "appelez le 15 (SAMU) ou le 112",
        "appelez le 3114 (numéro national de prévention du suicide, gratuit, 24 h/24)",
        "ANSM",
        "si l'ANSM (ou l'EMA) a autorisé {drug} pour cet usage, ou s'il est utilisé hors AMM",
        ("15", "112", "3114"),
    ),
    "DE": RegionRules(
        "DE",
        "wählen Sie den Notruf 112 (außerhalb der Sprechzeiten, ohne Lebensgefahr: 116 117)",
        "rufen Sie die TelefonSeelsorge an: 0800 111 0 111 oder 0800 111 0 222 (kostenlos,"
        " rund um die Uhr)",
        "BfArM",
        "ob {drug} für diese Anwendung vom BfArM (oder der EMA) zugelassen ist oder"
        " off-label angewendet wird",
        ("112", "116 117", "0800 111 0 111", "0800 111 0 222", "116 123"),
    ),
}

_TERRITORY = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z]{4})?[-_]([A-Za-z]{2}|\d{3})\b")


def territory(language: str) -> str | None:
    """``en-GB`` -> ``GB``; None when the tag names no territory."""
    match = _TERRITORY.match(language.strip())
    return match.group(1).upper() if match else None


def region_rules(region: str | None) -> RegionRules | None:
    """The rules of ``region`` (ISO 3166 alpha-2; UK is read as GB), or None if unknown."""
    if not region:
        return None
    code = region.strip().upper()
    return REGIONS.get("GB" if code == "UK" else code)


_NUMBER = re.compile(r"(?<!\d)(?<!\d )(\d{3}(?: \d{3})?|\d{5})(?!\d)")


def foreign_emergency_numbers(text: str, rules: RegionRules) -> list[tuple[str, str]]:
    """Emergency numbers of other regions that ``text`` names and ``rules`` does not know:
    ``[("911", "US")]`` for "call 911" on a page for Ireland."""
    found: list[tuple[str, str]] = []
    own = set(rules.numbers)
    for match in _NUMBER.finditer(text):
        number = match.group(1)
        if number in own:
            continue
        for other in REGIONS.values():
            if other.code != rules.code and number in other.numbers[:2]:
                found.append((number, other.code))
                break
    return found
