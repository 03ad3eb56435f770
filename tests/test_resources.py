"""The resource policy every format shares: files inside the roots and data: URIs only,
nothing from the network, and the same refusal from pdf, html and docx."""

from __future__ import annotations

import base64
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdf_samples import png, write_small
from typer.testing import CliRunner

import ketadoc
from ketadoc.cli import app
from ketadoc.errors import FetchError
from ketadoc.rendering.images import parse_svg
from ketadoc.rendering.resources import (
    DATA_URI_LIMIT,
    ResourcePolicy,
    figure_url,
    is_url,
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - shared with the test on purpose

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.end_headers()
        self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that records every request it receives."""
    _Recorder.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_files_inside_a_root_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.svg").write_text("<svg/>", encoding="utf-8")
    policy = ResourcePolicy(roots=(tmp_path,))
    resource = policy.fetch_local((tmp_path / "a.svg").as_uri())
    assert resource.data == b"<svg/>"
    assert resource.media_type == "image/svg+xml"


def test_a_file_outside_the_roots_is_refused(tmp_path: Path) -> None:
    inside = tmp_path / "article"
    inside.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("token", encoding="utf-8")
    policy = ResourcePolicy(roots=(inside,))
    with pytest.raises(FetchError, match=r"secret\.txt"):
        policy.fetch_local(secret.as_uri())
    with pytest.raises(FetchError, match="passwd"):
        policy.check("file:///etc/passwd")


def test_dot_dot_cannot_climb_out(tmp_path: Path) -> None:
    inside = tmp_path / "article"
    inside.mkdir()
    (tmp_path / "secret.txt").write_text("token", encoding="utf-8")
    policy = ResourcePolicy(roots=(inside,))
    with pytest.raises(FetchError, match=r"\.\."):
        policy.fetch_local(f"file://{inside}/../secret.txt")


def test_a_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    inside = tmp_path / "article"
    inside.mkdir()
    (tmp_path / "secret.txt").write_text("token", encoding="utf-8")
    (inside / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(FetchError):
        ResourcePolicy(roots=(inside,)).fetch_local((inside / "link.txt").as_uri())


def test_an_explicit_allow_list_opens_a_folder(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "logo.svg").write_text("<svg/>", encoding="utf-8")
    policy = ResourcePolicy(roots=(tmp_path / "article",), allowed=(str(shared),))
    assert policy.fetch_local((shared / "logo.svg").as_uri()).data == b"<svg/>"


def test_network_prefixes_match_whole_hosts_and_paths() -> None:
    policy = ResourcePolicy(roots=(), allowed=("https://cdn.example.org/img/",))
    policy.check("https://cdn.example.org/img/a.png")
    for url in (
        "https://cdn.example.org.evil.test/img/a.png",
        "https://cdn.example.org/imgs/a.png",
        "http://cdn.example.org/img/a.png",
        "ftp://cdn.example.org/img/a.png",
    ):
        with pytest.raises(FetchError):
            policy.check(url)


def test_data_uris_are_decoded_and_capped() -> None:
    policy = ResourcePolicy(roots=())
    payload = base64.b64encode(b"<svg/>").decode()
    resource = policy.fetch_local(f"data:image/svg+xml;base64,{payload}")
    assert resource.data == b"<svg/>"
    assert resource.media_type == "image/svg+xml"
    assert policy.fetch_local("data:text/plain,a%20b").data == b"a b"
    oversized = "data:image/png;base64," + "A" * DATA_URI_LIMIT
    with pytest.raises(FetchError, match="limit"):
        policy.check(oversized)


def test_a_figure_on_a_local_server_is_never_requested(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    base, requests = server
    path = write_small(tmp_path / "net")
    path.write_text(
        path.read_text(encoding="utf-8").replace("chart.png", f"{base}/chart.svg"),
        encoding="utf-8",
    )
    with pytest.raises(FetchError, match=r"127\.0\.0\.1"):
        ketadoc.export(ketadoc.load(path), "pdf")
    assert requests == []


def test_a_stylesheet_url_on_a_local_server_fails_the_render_unrequested(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    base, requests = server
    article = ketadoc.load(write_small(tmp_path / "css"))
    own = tmp_path / "own" / "pdf"
    own.mkdir(parents=True)
    (own / "handout.css").write_text(
        f'.layout-handout h1 {{ background: url("{base}/bg.svg"); }}', encoding="utf-8"
    )
    with pytest.raises(FetchError, match=r"127\.0\.0\.1"):
        ketadoc.export(article, "pdf", template_dir=str(tmp_path / "own"))
    assert requests == []


def test_cli_refuses_a_figure_outside_the_article_folder(tmp_path: Path) -> None:
    path = write_small(tmp_path / "cli")
    path.write_text(
        path.read_text(encoding="utf-8").replace("chart.png", "file:///etc/passwd"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["build", str(path), "--to", "pdf", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "passwd" in result.output
    assert not (tmp_path / "sleep.pdf").exists()


# One table of figure sources every format must refuse, each with a phrase of the reason.
_REFUSED = [
    ("outside", "{outside}", "only files inside the article's folder"),
    ("dot-dot", "../secret.png", "climbs out with .."),
    ("network", "https://example.org/chart.png", "network and other non-file addresses"),
    ("oversized", "data:image/png;base64," + "A" * DATA_URI_LIMIT, "the limit is"),
    ("missing", "missing.png", "No such file"),
]


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
@pytest.mark.parametrize(("case", "src", "reason"), _REFUSED, ids=[c[0] for c in _REFUSED])
def test_every_format_refuses_a_figure_with_the_same_message(
    tmp_path: Path, fmt: str, case: str, src: str, reason: str
) -> None:
    (tmp_path / "secret.png").write_bytes(png())
    folder = tmp_path / "article"
    folder.mkdir()
    src = src.format(outside=tmp_path / "secret.png")
    path = folder / "a.yaml"
    path.write_text(
        "title: Figures\nsections:\n  - heading: Chart\n    blocks:\n"
        f"      - {{type: figure, src: '{src}', alt: A bar chart of sleep hours}}\n",
        encoding="utf-8",
    )
    article = ketadoc.load(path)
    with pytest.raises(FetchError) as expected:
        ResourcePolicy.for_article(folder).check_figure(src, folder)
    message = str(expected.value)
    assert reason in message
    assert message.startswith(f'figure "{src[:40]}')
    with pytest.raises(FetchError) as raised:
        ketadoc.export(article, fmt)
    assert message in str(raised.value)


def test_a_url_is_told_from_a_path_by_one_rule(tmp_path: Path) -> None:
    assert is_url("https://example.org/a.png")
    assert is_url("data:image/png;base64,AAAA")
    assert not is_url("C:/pictures/a.png")  # a drive letter, not a scheme
    assert not is_url("pictures/a.png")
    assert figure_url("C:/pictures/a.png", tmp_path).startswith("file://")
    assert figure_url("a b.png", tmp_path) == (tmp_path / "a b.png").as_uri()
    with pytest.raises(FetchError, match="not loaded from a file"):
        figure_url("a.png", None)


def test_an_svg_with_entities_is_refused_not_expanded(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    with pytest.raises(FetchError, match="DTD or entities"):
        parse_svg(bomb)
    (tmp_path / "bomb.svg").write_bytes(bomb)
    path = tmp_path / "a.yaml"
    path.write_text(
        "title: Figures\nsections:\n  - heading: Chart\n    blocks:\n"
        "      - {type: figure, src: bomb.svg, alt: A bar chart of sleep hours}\n",
        encoding="utf-8",
    )
    for fmt, options in (("pdf", {"layout": "article"}), ("docx", {})):
        with pytest.raises(FetchError, match="DTD or entities"):
            ketadoc.export(ketadoc.load(path), fmt, **options)


def test_a_figure_is_decoded_once_per_version_of_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate, then three formats of one build: each figure file is decoded once; a
    # file saved again (another size and time) is decoded again and judged afresh.
    from ketadoc.rendering import images

    decoded: list[str | None] = []
    real = images.image_problem

    def counting(data: bytes, media_type: str | None) -> str | None:
        decoded.append(media_type)
        return real(data, media_type)

    monkeypatch.setattr(images, "image_problem", counting)
    images.file_image_problem.cache_clear()
    source = write_small(tmp_path / "src")
    article = ketadoc.validate(source)
    for name in ("html", "docx", "pdf"):
        ketadoc.export(article, name)
    assert sorted(decoded, key=str) == ["image/png", "image/svg+xml"]

    chart = tmp_path / "src" / "chart.png"
    chart.write_bytes(png()[:40])  # cut short: no longer an image
    with pytest.raises(ketadoc.ContentError) as caught:
        ketadoc.validate(source)
    assert len(decoded) == 3
    [problem] = caught.value.problems
    assert problem.message == (
        'figure "chart.png" is not an image: it is empty, damaged or of an unknown kind;'
        " save it as PNG, JPEG or SVG"
    )
    lines = source.read_text(encoding="utf-8").splitlines()
    assert problem.line == next(n for n, line in enumerate(lines, 1) if "(chart.png" in line)


def test_validate_allows_what_a_build_is_told_to_allow(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "chart.png").write_bytes(png())
    source = tmp_path / "site" / "a.md"
    source.parent.mkdir()
    source.write_text(
        "---\ntitle: T\n---\n\n![A chart of hours slept](../shared/chart.png)\n", encoding="utf-8"
    )
    refused = CliRunner().invoke(app, ["validate", str(source)])
    assert refused.exit_code == 1
    assert f"{source}:5:1: error: lead[0].src: figure" in refused.stderr
    allowed = CliRunner().invoke(app, ["validate", str(source), "--allowed-resources", str(shared)])
    assert allowed.exit_code == 0, allowed.stderr
    out = tmp_path / "out"
    built = CliRunner().invoke(
        app,
        [
            "build",
            str(source),
            "--to",
            "html",
            "--out",
            str(out),
            "-O",
            f"html.allowed_resources={shared}",
        ],
    )
    assert built.exit_code == 0, built.stderr
    assert "data:image/png;base64," in (out / "a.html").read_text(encoding="utf-8")
