"""The parts of an article in a Word document, in the order of the ``docx`` outline
(:mod:`ketadoc.rendering.outline`): one ``_<part>`` method per part.

Body blocks are written by :class:`~.blocks.BlockWriter`, inline text by the
:class:`~.inline.InlineWriter` it extends.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from docx.shared import Emu, Inches, Pt

from ketadoc.exporters.docx import styles as names
from ketadoc.exporters.docx.blocks import BlockWriter
from ketadoc.exporters.docx.fields import add_table_of_contents_around
from ketadoc.exporters.docx.figures import set_alt_text
from ketadoc.exporters.docx.inline import reference_anchor
from ketadoc.exporters.docx.links import add_hyperlink, add_internal_link
from ketadoc.exporters.docx.tables import set_cell_shading
from ketadoc.model.inline import InlineText
from ketadoc.rendering.outline import ANCHORS, contents_entries, flatten, outline
from ketadoc.rendering.qr import QUIET_ZONE, qr_code
from ketadoc.rendering.theme import CALLOUTS, CARE_LEVELS, action_tone

if TYPE_CHECKING:
    from ketadoc.model.article import Section
    from ketadoc.rendering.context import Contributor

__all__ = ["ArticleWriter"]

_RISK_COLUMNS: Final = (0.26, 0.2, 0.54)  # "Frecuencia" fits its column
_RISK_COLUMNS_DESCRIBED: Final = (0.22, 0.2, 0.29, 0.29)
_CONTENTS_LEVELS: Final = (1, 2)
_QR_SIZE: Final = Inches(1.1)
_QR_PIXELS_PER_MODULE: Final = 8
# The front matter's warnings speak of risk of harm (the WARNING tone); the approval
# status is information worth knowing (the NOTE tone), as in the PDF and HTML.
_WARNINGS_TONE: Final = CALLOUTS["warning"]
_REGULATORY_TONE: Final = CALLOUTS["note"]


class ArticleWriter(BlockWriter):
    """Writes one article into a document opened from the reference document."""

    def write(self) -> None:
        """Write every part of the article in the order of the ``docx`` outline
        (:mod:`ketadoc.rendering.outline`): the method ``_<name>`` of each part."""
        for part in flatten(outline("docx")):
            getattr(self, f"_{part.name}")()

    def _title_block(self) -> None:
        self._paragraph(names.TITLE, self.article.title)
        if self.article.subtitle:
            self._paragraph(names.SUBTITLE, self.article.subtitle)
        if self.article.description:
            self._paragraph(names.BODY_TEXT, self.article.description)

    def _key_points(self) -> None:
        if self.article.key_points:
            self._box_heading(self.labels["key_points"])
            self._list_items(names.LIST_BULLET[0], self.article.key_points)

    def _warnings(self) -> None:
        if self.article.warnings:
            with self.inside(self.box(_WARNINGS_TONE)):
                self._box_heading(self.labels["warnings"], _WARNINGS_TONE)
                self._list_items(names.LIST_BULLET[0], self.article.warnings)
            self._spacer()

    def _regulatory_status(self) -> None:
        if self.article.regulatory_status:
            with self.inside(self.box(_REGULATORY_TONE)):
                self._box_heading(self.labels["regulatory_status"], _REGULATORY_TONE)
                self._text(self._paragraph(names.BODY_TEXT), self.article.regulatory_status)
            self._spacer()

    def _lead(self) -> None:
        # The lead introduces the article, as on the web page; the contents then lead
        # straight into the first section.
        self._blocks(self.article.lead)

    def _contents(self) -> None:
        entries = contents_entries("docx", self.doc)
        if not entries:
            return
        self._paragraph(names.TOC_HEADING, self.labels["contents"])
        paragraphs = []
        for entry in entries:
            paragraph = self._paragraph(names.TOC_LEVELS[0])
            add_internal_link(paragraph, self.bookmarks.name_for(entry.anchor), entry.text)
            paragraphs.append(paragraph)
        # Not marked for updating: Word would ask on every opening whether to update the
        # document's fields. Word rebuilds the field with page numbers on F9 (or Update
        # Field), LibreOffice on Tools > Update; until then both show these links.
        add_table_of_contents_around(
            paragraphs[0], paragraphs[-1], levels=_CONTENTS_LEVELS, dirty=False
        )

    def _sections(self) -> None:
        for section in self.article.sections:
            self._section(section)

    def _section(self, section: Section) -> None:
        self._heading(section.heading, section.level - 1, section.id)
        self._blocks(section.blocks)
        if section.id == self.doc.risks_section:
            self._risk_table()
        for subsection in section.subsections:
            self._section(subsection)

    def _risks(self) -> None:
        # Placed by the author in a section of their own, the table is written there.
        if not self.doc.risk_groups or self.doc.risks_section is not None:
            return
        self._heading(self.labels["side_effects"], 1, ANCHORS["risks"])
        self._risk_table()

    def _risk_table(self) -> None:
        caption = self.labels["side_effects_caption"]
        self._caption(InlineText(caption), keep_with_next=True)
        risks = [(group, risk) for group in self.doc.risk_groups for risk in group.risks]
        # "What it is like" gets a column when a side effect says; "what to do" holds
        # the action and the advice.
        described = any(risk.description for _, risk in risks)
        header = [self.labels["effect"], self.labels["how_often"]]
        if described:
            header.append(self.labels["what_it_is_like"])
        header.append(self.labels["what_to_do"])
        cells = self._new_table(
            header,
            len(risks),
            widths=_RISK_COLUMNS_DESCRIBED if described else _RISK_COLUMNS,
            caption=self.labels["side_effects"],
            description=caption,
            row_headers=True,
        )
        for row, (group, risk) in zip(cells[1:], risks, strict=True):
            name = row[0].paragraphs[0]
            name.add_run(risk.name).bold = True
            self._cite(name, risk.citations)
            row[1].paragraphs[0].add_run(self.doc.frequency_label(risk))
            if described and risk.description:
                self._text(row[2].paragraphs[0], risk.description)
            action = row[-1].paragraphs[0]
            label = action.add_run(group.label)
            label.bold = True
            if risk.advice:
                label.add_break()
                self._text(action, risk.advice)
            set_cell_shading(row[-1], action_tone(group.action).tint_hex)
        self._spacer()

    def _care_advice(self) -> None:
        if not self.doc.care_groups:
            return
        self._heading(self.labels["when_to_get_help"], 1, ANCHORS["care_advice"])
        for group in self.doc.care_groups:
            tone = CARE_LEVELS[group.level]
            with self.inside(self.box(tone)):
                self._box_heading(group.label, tone)
                self._list_items(names.LIST_BULLET[0], [item.text for item in group.items])
            self._spacer()

    def _questions_to_ask(self) -> None:
        if self.article.questions_to_ask:
            self._heading(self.labels["questions_to_ask"], 1)
            self._list_items(names.CHECKLIST, self.article.questions_to_ask)

    def _faqs(self) -> None:
        if not self.article.faqs:
            return
        self._heading(self.doc.faq_title, 1, ANCHORS["faqs"])
        for faq in self.article.faqs:
            self._heading(faq.question, 2, faq.id)
            self._blocks(faq.answer)

    def _references(self) -> None:
        if not self.doc.references:
            return
        self._heading(self.labels["references"], 1, ANCHORS["references"])
        paragraphs = self._list_items(
            names.LIST_NUMBER[0], [InlineText("") for _ in self.doc.references]
        )
        for paragraph, reference in zip(paragraphs, self.doc.references, strict=True):
            self._reference_pieces(paragraph, reference.pieces)
            self.bookmarks.add(paragraph, reference_anchor(reference.number))

    def _contributors(self, label: str, people: Sequence[Contributor]) -> None:
        paragraph = self._paragraph(names.REVIEW_BLOCK)
        paragraph.add_run(f"{label}{self.labels['colon']} ").bold = True
        for index, person in enumerate(people):
            if index:
                paragraph.add_run("; ")
            if person.url:
                add_hyperlink(paragraph, person.url, person.display)
            else:
                paragraph.add_run(person.display)
            if person.detail:
                paragraph.add_run(f" ({person.detail})")

    def _review(self) -> None:
        doc = self.doc
        if not (doc.authors or doc.reviewers or doc.dates or self.article.publisher):
            return
        self._heading(self.labels["review"], 1)
        first = len(self.document.paragraphs)
        if doc.authors:
            self._contributors(self.labels["written_by"], doc.authors)
        if doc.reviewers:
            self._contributors(self.labels["reviewed_by"], doc.reviewers)
        for line in doc.dates:
            paragraph = self._paragraph(names.REVIEW_BLOCK)
            paragraph.add_run(f"{line.label}{self.labels['colon']} ").bold = True
            paragraph.add_run(line.text)
        publisher = self.article.publisher
        if publisher is not None:
            paragraph = self._paragraph(names.REVIEW_BLOCK)
            if publisher.url:
                add_hyperlink(paragraph, publisher.url, publisher.name)
            else:
                paragraph.add_run(publisher.name)
        # The style's space before sets the block apart from what precedes it; inside
        # the block the lines follow each other closely.
        for later in self.document.paragraphs[first + 1 :]:
            later.paragraph_format.space_before = Pt(0)

    def _disclaimer(self) -> None:
        if self.article.disclaimer:
            self._heading(self.labels["disclaimer"], 1)
            self._text(self._paragraph(names.DISCLAIMER), self.article.disclaimer)

    def _online(self) -> None:
        """The address of the online version, as a link and as a QR code, as the PDF
        prints them: a printed copy goes stale, the page online is kept reviewed."""
        url = self.article.url
        if not url:
            return
        paragraph = self._paragraph(names.REVIEW_BLOCK)
        paragraph.add_run(f"{self.labels['online_version']}{self.labels['colon']} ").bold = True
        add_hyperlink(paragraph, url, url)
        image = io.BytesIO()
        qr_code(url).save(image, kind="png", scale=_QR_PIXELS_PER_MODULE, border=QUIET_ZONE)
        picture = self._paragraph(names.REVIEW_BLOCK)
        shape = picture.add_run().add_picture(image, width=Emu(_QR_SIZE))
        set_alt_text(shape, self.doc.label("qr_alt", url=url))
