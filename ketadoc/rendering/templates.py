"""The Jinja2 environment the html and pdf exporters render with.

Templates are looked up in a user template folder first, then in the bundled
``templates/`` folder, so a user overrides one template (or one partial) by putting a
file with the same relative name in their folder. Autoescaping is on for every
template and undefined names are errors, so a typo fails loudly instead of printing
nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ketadoc.errors import TemplateError
from ketadoc.model.blocks import Block
from ketadoc.model.inline import InlineText
from ketadoc.rendering.coverage import handout_sections
from ketadoc.rendering.html import (
    render_address,
    render_blocks,
    render_citation_keys,
    render_footnotes,
    render_inline,
)
from ketadoc.rendering.labels import format_date, labels_for
from ketadoc.rendering.outline import contents_entries, outline
from ketadoc.resources import resource_dir

__all__ = ["render_template", "template_environment"]


def _source(context: jinja2.runtime.Context, given: Any) -> tuple[Any, Any]:
    """(citation numbers, ArticleContext or None) from a filter's argument.

    The argument is the ``doc`` object, a mapping of citation numbers, or nothing; with
    nothing, ``doc`` is read from the template's own variables. Macros must pass ``doc``
    because an imported macro does not see the importing template's variables.
    """
    if given is None:
        given = context.get("doc")
    if given is None:
        return None, None
    if isinstance(given, Mapping):
        return given, context.get("doc")
    return getattr(given, "numbers", None), given


def _labels(doc: Any) -> Mapping[str, str] | None:
    labels = getattr(doc, "labels", None)
    return labels.texts if labels is not None else None


def _cite_label(doc: Any) -> str | None:
    labels = _labels(doc)
    return labels.get("reference") if labels is not None else None


@jinja2.pass_context
def _inline_filter(
    context: jinja2.runtime.Context, text: InlineText | None, source: Any = None
) -> Markup:
    """``{{ text | inline(doc) }}``: inline HTML with numbered citations."""
    numbers, doc = _source(context, source)
    return render_inline(
        text, numbers, cite_label=_cite_label(doc), footnotes=getattr(doc, "footnotes", None)
    )


@jinja2.pass_context
def _blocks_filter(
    context: jinja2.runtime.Context, blocks: Sequence[Block], source: Any = None
) -> Markup:
    """``{{ section.blocks | blocks(doc) }}``, with callout titles from ``doc.labels``."""
    numbers, doc = _source(context, source)
    return render_blocks(
        blocks,
        numbers,
        cite_label=_cite_label(doc),
        labels=_labels(doc),
        image_src=getattr(doc, "image_src", None),
        footnotes=getattr(doc, "footnotes", None),
    )


def _footnotes_filter(doc: Any) -> Markup:
    """``{{ doc | footnotes }}``: the numbered notes, each linking back to its mark."""
    marks = getattr(doc, "footnotes", None)
    if marks is None:
        return Markup("")
    labels = _labels(doc) or {}
    return render_footnotes(marks, back_label=labels.get("back_to_text", "Back to text"))


@jinja2.pass_context
def _cite_filter(
    context: jinja2.runtime.Context, keys: Sequence[str], source: Any = None
) -> Markup:
    """``{{ risk.citations | cite(doc) }}``: superscript reference numbers for keys."""
    numbers, doc = _source(context, source)
    return render_citation_keys(keys, numbers, label=_cite_label(doc))


@jinja2.pass_context
def _date_filter(
    context: jinja2.runtime.Context, date: dt.date | None, language: str | None = None
) -> str:
    """``{{ article.last_reviewed | date }}``: written in the article's language (its
    labels file's months and pattern included), or in ``language`` when given."""
    if date is None:
        return ""
    doc = context.get("doc")
    labels = getattr(doc, "labels", None)
    if language is not None or labels is None:
        labels = labels_for(language or getattr(doc, "language", None) or "en")
    return format_date(date, labels)


@cache
def template_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The (cached) environment searching ``template_dir`` first, then the bundled templates.

    Filters: ``inline``, ``blocks`` and ``cite`` take the ``doc`` object (an
    ArticleContext) or a mapping of citation numbers; ``date`` takes a language tag;
    ``address`` marks where a printed URL (``address(doi=True)``: a DOI) may break.
    Without an argument they read the template variable ``doc``. Globals: ``outline``
    and ``contents_entries`` from :mod:`ketadoc.rendering.outline`,
    ``handout_sections`` from :mod:`ketadoc.rendering.coverage`.
    Raises TemplateError if ``template_dir`` is not a folder.
    """
    search = [resource_dir("templates")]
    if template_dir is not None:
        if not Path(template_dir).is_dir():
            raise TemplateError(f"template folder {template_dir} does not exist")
        search.insert(0, Path(template_dir))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(path) for path in search]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        inline=_inline_filter,
        blocks=_blocks_filter,
        cite=_cite_filter,
        date=_date_filter,
        footnotes=_footnotes_filter,
        address=render_address,
    )
    environment.globals.update(
        outline=outline,
        contents_entries=contents_entries,
        handout_sections=handout_sections,
    )
    return environment


def render_template(name: str, template_dir: Path | None = None, **variables: Any) -> str:
    """Render the template ``name`` with ``variables``.

    Raises TemplateError naming the template, file and line when it is missing or fails.
    """
    environment = template_environment(template_dir)
    try:
        return environment.get_template(name).render(**variables)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f'template "{exc.name}" not found') from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template {exc.filename or exc.name}:{exc.lineno}: {exc.message}"
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f'template "{name}": {exc.message}') from None
