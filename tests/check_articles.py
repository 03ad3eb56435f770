"""Small articles for the check tests: one that passes every check, and edits that fail one."""

from __future__ import annotations

CLEAN = """\
---
title: Taking Sertraline for Anxiety
description: How sertraline is used for anxiety, and what to watch for.
language: en-US
date_published: 2026-01-10
date_modified: 2026-03-01
last_reviewed: 2026-03-01
authors:
  - {name: Ana Ruiz, credentials: PharmD}
reviewers:
  - {name: Sam Lee, credentials: MD, job_title: Psychiatrist}
about:
  - {type: drug, name: Sertraline}
  - {type: condition, name: Anxiety disorders}
key_points:
  - "Sertraline is a pill you take once a day."
  - "It can take a few weeks to help."
regulatory_status: "The FDA has approved sertraline for some anxiety disorders."
care_advice:
  - {level: emergency, text: "Call 911 if you have trouble breathing."}
questions_to_ask:
  - "How long will I take it?"
citations:
  - id: smith2020
    title: A trial of sertraline
    DOI: 10.1000/xyz123
disclaimer: "This is not medical advice. Talk with your doctor."
---

This page tells you how sertraline can help with anxiety. It also says what to watch for.

## How to Take It

Take one pill each day. Take it at the same time. You can take it with food.

1. Fill a glass with water.
2. Take the pill with the water.

![A hand holding one small white pill next to a glass of water](pill.png "One pill a day")

| Week | What to expect |
| --- | --- |
| 1 | Few changes |

## What the Research Shows

In one trial, most people felt less worry after a few weeks [@smith2020].

## Frequently Asked Questions

### Can I stop taking it on my own?

No. Talk with your doctor first. Stopping all at once can make you feel sick.

### Can I drink alcohol?

It is best not to. Ask your doctor what is safe for you.
"""

HARD_PROSE = (
    "Pharmacological interventions characteristically necessitate individualized"
    " consideration of comorbid psychiatric manifestations, concomitant medications,"
    " hepatic metabolism variability and idiosyncratic physiological susceptibilities,"
    " particularly amongst geriatric populations experiencing multidimensional"
    " vulnerabilities that complicate therapeutic decision-making considerably."
)


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced once; fails loudly when ``old`` is not there."""
    assert old in text, old
    return text.replace(old, new, 1)
