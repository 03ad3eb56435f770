"""Every fixture's DOCX opened by LibreOffice: converted to PDF without a warning, with
the content in reading order, the boxes' titles and list items in place, and the page
fields filled in.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import ketadoc
from ketadoc.rendering.labels import labels_for

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [
        ROOT / "examples" / "ketamine-anxiety.md",
        *(ROOT / "tests" / "fixtures").glob("*.md"),
        *(ROOT / "tests" / "fixtures").glob("*.yaml"),
        *(ROOT / "tests" / "corpus").glob("*.md"),
    ]
)
# LibreOffice says so on every run where no Java runtime is installed; it is about the
# machine, not the document.
_ENVIRONMENT_NOTICES = ("javaldx", "java may not function")


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui"
        )
    folder = tmp_path_factory.mktemp("libreoffice")
    files = []
    for source in SOURCES:
        target = folder / f"{source.parent.name}-{source.stem}.docx"
        target.write_bytes(ketadoc.export(ketadoc.load(source), "docx").data)
        files.append(str(target))
    profile = (folder / "profile").as_uri()
    completed = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), *files],
        check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return folder, completed.stderr


@pytest.mark.slow
def test_converts_without_a_warning(converted: tuple[Path, str]) -> None:
    _, stderr = converted
    problems = [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(notice in line for notice in _ENVIRONMENT_NOTICES)
    ]
    assert problems == []


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_pages_show_the_content(converted: tuple[Path, str], source: Path) -> None:
    from pypdf import PdfReader

    folder, _ = converted
    pdf = folder / f"{source.parent.name}-{source.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {source.name}"
    reader = PdfReader(pdf)
    text = squeezed(" ".join(page.extract_text() or "" for page in reader.pages))
    article = ketadoc.load(source)
    expected = [
        article.title,
        *(section.heading for section in article.all_sections()),
        *(faq.question for faq in article.faqs),
    ]
    position = 0
    for line in expected:  # in reading order
        found = text.find(squeezed(line), position)
        assert found >= 0, line
        position = found
    for item in (*article.key_points, *article.warnings, *article.questions_to_ask):
        words = item.plain.split()
        assert squeezed(" ".join(words[:4])) in text, item.plain
    page_one = labels_for(article.language)["page_x_of_y"].format(page=1, pages=len(reader.pages))
    assert squeezed(page_one) in text
