"""The html exporter: golden pages, the embedded JSON-LD round trip, escaping, structure."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import extruct
import pytest

import ketadoc
from ketadoc.exporters.html import HtmlExporter
from ketadoc.rendering.theme import theme_css

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = sorted(
    p
    for p in FIXTURES.iterdir()
    if p.suffix in (".md", ".yaml", ".yml", ".json") and ".expected." not in p.name
)
MARKER = re.compile(r"\s*\[\d+(?:, \d+)*\]")
STYLE = re.compile(r"(<style>)(.*?)(</style>)", re.S)
PAGE_CSS = Path(__file__).resolve().parent.parent / "templates" / "html" / "page.css"


def _without_css(page: str) -> str:
    """The page with its inline stylesheet replaced by a note: the golden files hold the
    markup, and test_the_stylesheet_is_inlined checks the CSS once."""
    return STYLE.sub(r"\1/* templates/html/page.css */\3", page, count=1)


class _Page(HTMLParser):
    """The visible text (without citation superscripts), the tags, ids and headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str | None, str]] = []
        self._hidden: list[str] = []
        self._heading: tuple[str, str | None, list[str]] | None = None
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        hidden = tag in ("script", "style", "head", "title") or (
            tag == "sup" and attributes.get("class") == "cite"
        )
        if hidden or (self._hidden and tag == self._hidden[-1]):
            self._hidden.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (tag, attributes.get("id"), [])

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and tag == self._hidden[-1]:
            self._hidden.pop()
        if self._heading and tag == self._heading[0]:
            name, anchor, parts = self._heading
            self.headings.append((name, anchor, "".join(parts).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.text.append(data)
        if self._heading:
            self._heading[2].append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _jsonld_in(page: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = extruct.extract(page, syntaxes=["json-ld"], uniform=False)[
        "json-ld"
    ]
    return found


def _questions(data: dict[str, Any]) -> list[dict[str, Any]]:
    page = data["@graph"][0] if "@graph" in data else data
    questions: list[dict[str, Any]] = page.get("mainEntity", [])
    return questions


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_golden(source: Path, update_golden: bool) -> None:
    expected = source.with_name(f"{source.stem}.expected.html")
    actual = _without_css(ketadoc.export(ketadoc.load(source), "html").text)
    if update_golden:
        expected.write_text(actual, encoding="utf-8")
    assert expected.is_file(), f"no golden file {expected.name}; run: pytest --update-golden"
    assert actual == expected.read_text(encoding="utf-8"), (
        f"{source.name}: the page changed; if that is intended, run: pytest --update-golden"
    )


def test_the_stylesheet_is_inlined(example: ketadoc.Article) -> None:
    page = ketadoc.export(example, "html").text
    match = STYLE.search(page)
    assert match is not None
    expected = theme_css() + PAGE_CSS.read_text(encoding="utf-8")
    assert match.group(2).strip() == expected.strip()
    assert "<link" not in page.replace('<link rel="canonical"', "")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_embedded_json_ld_equals_the_exporter_and_matches_the_visible_page(source: Path) -> None:
    article = ketadoc.load(source)
    page = ketadoc.export(article, "html").text
    embedded = _jsonld_in(page)
    assert embedded == [json.loads(ketadoc.export(article, "jsonld").text)]
    visible = _squash(html.unescape("".join(_parse(page).text)))
    for question in _questions(embedded[0]):
        assert _squash(question["name"]) in visible
        answer = html.unescape(re.sub(r"<[^>]+>", "", question["acceptedAnswer"]["text"]))
        assert _squash(MARKER.sub("", answer)) in visible, question["name"]


def test_page_structure(example: ketadoc.Article) -> None:
    page = ketadoc.export(example, "html").text
    parsed = _parse(page)
    tags = [tag for tag, _ in parsed.tags]
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<html lang="en-US" dir="ltr">' in page
    assert f"<title>{html.escape(example.title)}</title>" in page
    assert '<meta name="description" content="What research says' in page
    assert '<link rel="canonical" href="https://example.org/health/ketamine-anxiety">' in page
    for landmark in ("main", "article", "nav"):
        assert landmark in tags
    assert tags.count("h1") == 1
    ids = {attrs.get("id") for _, attrs in parsed.tags}
    for section in example.all_sections():
        assert (f"h{section.level}", section.id, section.heading) in parsed.headings
    for faq in example.faqs:
        assert ("h3", faq.id, faq.question) in parsed.headings
    assert {"ref-1", "ref-7"} <= ids
    headings = [text for _, _, text in parsed.headings]
    for label in ("Key points", "Side effects", "When to get help", "References"):
        assert label in headings
    assert "About this article" in headings
    assert 'th scope="row"' in page
    assert "Cardiovascular effects" in page
    assert example.disclaimer is not None
    assert example.disclaimer.plain in page


def test_page_is_self_contained() -> None:
    page = ketadoc.export(ketadoc.load(FIXTURES / "yaml-form.yaml"), "html").text
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        if tag in ("img", "script", "iframe", "video", "audio", "source"):
            assert str(attrs.get("src") or "data:").startswith("data:"), (tag, attrs)
        if tag == "link":
            assert attrs.get("rel") == "canonical"
    assert "@import" not in page
    assert "url(" not in page.split("</style>")[0]
    img = next(attrs for tag, attrs in parsed.tags if tag == "img")
    assert str(img["src"]).startswith("data:image/svg+xml;base64,")
    assert img["alt"] == "An inhaler attached to a spacer tube with a mouthpiece"
    assert "<figcaption>A spacer helps the medicine reach the lungs.</figcaption>" in page


def test_spanish_labels_and_dates() -> None:
    page = ketadoc.export(ketadoc.load(FIXTURES / "es-preguntas.md"), "html").text
    headings = [text for _, _, text in _parse(page).headings]
    assert "Preguntas frecuentes" in headings
    assert "Efectos secundarios" in headings
    assert '<html lang="es" dir="ltr">' in page
    assert "5 de marzo de 2024" in page


def test_no_url_leaves_out_the_canonical_link() -> None:
    rendered = ketadoc.export(ketadoc.load(FIXTURES / "no-faq.md"), "html")
    assert 'rel="canonical"' not in rendered.text
    # the jsonld format reports the missing url; the page does not repeat its warnings
    assert rendered.warnings == ()
    with_base = ketadoc.export(
        ketadoc.load(FIXTURES / "no-faq.md"), "html", base_url="https://example.org/health"
    )
    assert '<link rel="canonical" href="https://example.org/health/no-faq">' in with_base.text
    assert with_base.warnings == ()


HOSTILE = "</script><script>alert(1)</script> <!-- ]]> & \"quoted\" 'single' — ñandú 日本"
# The same text as inline Markdown: a backslash makes each < a literal character.
HOSTILE_MD = HOSTILE.replace("<", "\\<")


def _hostile_article() -> ketadoc.Article:
    data = {
        "title": HOSTILE,
        "description": HOSTILE,
        "url": "https://example.org/hostile",
        "sections": [{"heading": HOSTILE, "blocks": [{"type": "paragraph", "text": HOSTILE_MD}]}],
        "faqs": [
            {
                "question": HOSTILE,
                "answer": [{"type": "paragraph", "text": HOSTILE_MD}],
            }
        ],
    }
    return ketadoc.loads(json.dumps(data), "json")


def test_hostile_text_is_escaped_everywhere() -> None:
    article = _hostile_article()
    page = ketadoc.export(article, "html").text
    assert page.count("<script") == 1
    assert page.count("</script>") == 1
    assert "<!--" not in page
    assert "]]>" not in page
    (data,) = _jsonld_in(page)
    graph_page = data["@graph"][0]
    assert graph_page["name"] == HOSTILE
    assert graph_page["description"] == HOSTILE
    (question,) = graph_page["mainEntity"]
    assert question["name"] == HOSTILE
    assert html.unescape(re.sub(r"<[^>]+>", "", question["acceptedAnswer"]["text"])) == HOSTILE
    parsed = _parse(page)
    headings = [text for _, _, text in parsed.headings]
    assert headings.count(HOSTILE) == 3  # title, section, question
    assert HOSTILE in "".join(parsed.text)
    title = re.search(r"<title>(.*?)</title>", page)
    assert title is not None
    assert html.unescape(title.group(1)) == HOSTILE


def test_a_user_template_folder_is_searched_first(tmp_path: Path, example: ketadoc.Article) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "page.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    page = ketadoc.export(example, "html", template_dir=tmp_path).text
    assert "#123456" in page
    assert "--accent" not in page
    assert "Key points" in page


def test_a_missing_template_folder_is_a_template_error(
    tmp_path: Path, example: ketadoc.Article
) -> None:
    with pytest.raises(ketadoc.TemplateError, match="does not exist"):
        ketadoc.export(example, "html", template_dir=tmp_path / "nope")


def test_a_figure_outside_the_article_folder_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text(
        "title: A\nsections:\n  - heading: B\n    blocks:\n"
        "      - {type: figure, src: ../secret.png, alt: A picture}\n",
        encoding="utf-8",
    )
    with pytest.raises(ketadoc.FetchError, match="outside"):
        ketadoc.export(ketadoc.load(source), "html")
    linked = ketadoc.export(ketadoc.load(source), "html", embed_images=False).text
    assert '<img src="../secret.png" alt="A picture">' in linked


def test_exporter_capabilities_and_determinism(example: ketadoc.Article) -> None:
    exporter = ketadoc.get_exporter("html")
    assert isinstance(exporter, HtmlExporter)
    assert (exporter.name, exporter.extension, exporter.media_type) == (
        "html",
        ".html",
        "text/html",
    )
    assert ketadoc.export(example, "html").data == ketadoc.export(example, "html").data
