"""What every exporter promises, built-in or plugin; and how the registry finds them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

import ketadoc
from ketadoc.exporters.base import ENTRY_POINT_GROUP, reset_registry

BUILT_IN = ("docx", "html", "jsonld", "md", "pdf")


def test_built_ins_are_registered_by_entry_point() -> None:
    assert set(BUILT_IN) <= set(ketadoc.exporter_names())


@pytest.fixture(scope="module", params=BUILT_IN)
def rendered(
    request: pytest.FixtureRequest, example: ketadoc.Article
) -> tuple[str, ketadoc.Rendered]:
    return request.param, ketadoc.export(example, request.param)


class TestEveryExporter:
    """The contract: class attributes, pure rendering, deterministic bytes."""

    def test_declares_its_capabilities(self, rendered: tuple[str, ketadoc.Rendered]) -> None:
        name, _ = rendered
        exporter = ketadoc.get_exporter(name)
        assert exporter.name == name
        assert exporter.extension.startswith(".")
        assert "/" in exporter.media_type
        assert issubclass(exporter.options, BaseModel)
        assert exporter.options.model_config.get("frozen") is True
        assert exporter.options.model_config.get("extra") == "forbid"

    def test_rendered_matches_its_exporter(self, rendered: tuple[str, ketadoc.Rendered]) -> None:
        name, output = rendered
        exporter = ketadoc.get_exporter(name)
        assert (output.media_type, output.extension) == (exporter.media_type, exporter.extension)
        assert len(output.data) > 1000  # the example is several pages in every format

    def test_same_article_same_bytes(
        self, rendered: tuple[str, ketadoc.Rendered], example: ketadoc.Article
    ) -> None:
        name, output = rendered
        assert ketadoc.export(example, name).data == output.data

    def test_unknown_option_is_an_export_error(
        self, rendered: tuple[str, ketadoc.Rendered], example: ketadoc.Article
    ) -> None:
        name, _ = rendered
        with pytest.raises(ketadoc.ExportError, match="no_such_option"):
            ketadoc.export(example, name, no_such_option=1)


@pytest.mark.parametrize("name", ["html", "jsonld", "md"])
def test_text_formats_carry_the_title(name: str, example: ketadoc.Article) -> None:
    # pdf and docx are read back in their own test modules
    assert "Does Ketamine Help With Anxiety?" in ketadoc.export(example, name).text


def test_unknown_exporter_lists_the_known_ones(example: ketadoc.Article) -> None:
    with pytest.raises(ketadoc.UnknownExporterError) as caught:
        ketadoc.export(example, "pfd")
    assert (
        str(caught.value)
        == f'unknown exporter "pfd"; known: {", ".join(sorted(ketadoc.exporter_names()))};'
        ' did you mean "pdf"?'
    )
    with pytest.raises(ketadoc.UnknownExporterError) as caught:
        ketadoc.export(example, "rtf")
    assert "did you mean" not in str(caught.value)


def test_export_to_writes_every_format_atomically(example: ketadoc.Article, tmp_path: Path) -> None:
    paths = ketadoc.export_to(example, ["md", "jsonld"], tmp_path / "out")
    assert [p.name for p in paths] == ["ketamine-anxiety.md", "ketamine-anxiety.jsonld"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    assert ketadoc.loads(paths[0].read_text(encoding="utf-8")) == example


def test_export_to_writes_nothing_when_one_format_fails(
    example: ketadoc.Article, tmp_path: Path
) -> None:
    with pytest.raises(ketadoc.UnknownExporterError):
        ketadoc.export_to(example, ["md", "nope"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


PLUGIN = """
from typing import ClassVar
from ketadoc import Exporter, ExporterOptions, Rendered

class TextOptions(ExporterOptions):
    shout: bool = False

class TextExporter(Exporter[TextOptions]):
    name: ClassVar[str] = "txt"
    media_type: ClassVar[str] = "text/plain"
    extension: ClassVar[str] = ".txt"
    options: ClassVar[type[ExporterOptions]] = TextOptions

    def render(self, article, options=None):
        options = options or TextOptions()
        title = article.title.upper() if options.shout else article.title
        return self.rendered(title.encode())
"""


def _install_fake_distribution(root: Path, name: str, entry_points: str, module: str = "") -> None:
    info = root / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n{entry_points}\n")
    if module:
        (root / f"{name.replace('-', '_')}.py").write_text(module)


@pytest.fixture
def plugin_path(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    reset_registry()
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for module in [m for m in sys.modules if m.startswith("ketadoc_plugin")]:
        del sys.modules[module]
    reset_registry()


def test_a_third_party_plugin_is_found_by_entry_point(
    plugin_path: Path, example: ketadoc.Article
) -> None:
    _install_fake_distribution(
        plugin_path, "ketadoc-plugin-txt", "txt = ketadoc_plugin_txt:TextExporter", PLUGIN
    )
    assert "txt" in ketadoc.exporter_names()
    assert ketadoc.export(example, "txt", shout=True).data == example.title.upper().encode()


def test_two_exporters_with_one_name_are_refused(plugin_path: Path) -> None:
    _install_fake_distribution(plugin_path, "ketadoc-plugin-pdf", "pdf = ketadoc_plugin_pdf:Other")
    with pytest.raises(ketadoc.ExporterRegistryError, match='two exporters are named "pdf"'):
        ketadoc.exporter_names()


def test_a_broken_plugin_is_reported_not_raised_as_import_error(
    plugin_path: Path, example: ketadoc.Article
) -> None:
    _install_fake_distribution(
        plugin_path, "ketadoc-plugin-bad", "bad = ketadoc_plugin_missing:Nothing"
    )
    with pytest.raises(ketadoc.ExporterRegistryError, match=r'exporter "bad" .* cannot be loaded'):
        ketadoc.export(example, "bad")
