"""Time the pdf exporter against raw WeasyPrint and against pandoc, medians side by side.

Run from the repository root:  python benchmarks/pdf_bench.py [ARTICLE] [--repeat N]

* ketadoc (in-process): ``PdfExporter.render`` on an already loaded article, as a batch
  build calls it; the stylesheets and font configuration are reused between calls.
* raw WeasyPrint: the same HTML with the same CSS inlined, rendered with a plain
  ``HTML(string=...).write_pdf(pdf_variant="pdf/ua-1")``, the way a script would do it.
  Target: ketadoc within 1.10x of this.
* ketadoc CLI and pandoc: a fresh process each, ``ketadoc build --to pdf`` against
  ``pandoc ARTICLE --pdf-engine=weasyprint -o x.pdf`` (both pay interpreter start-up and
  the WeasyPrint import). Target: ketadoc faster.
* a batch of ``--batch`` copies: one ``ketadoc build FOLDER --jobs 1`` against pandoc run
  once per file, per article. This is how a clinic builds its handouts; ketadoc pays the
  imports once.

pandoc's route writes an untagged PDF in pandoc's plain default style (no contents page
numbers, no running footer, system fonts), so it does less work per page than ketadoc.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import ketadoc
from ketadoc.exporters.pdf import PdfExporter, PdfOptions
from ketadoc.exporters.pdf.document import _stylesheets, build_html

DEFAULT = Path(__file__).resolve().parent.parent / "examples" / "ketamine-anxiety.md"


def _median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm-up: imports, font registration
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _raw_weasyprint(article: ketadoc.Article, options: PdfOptions) -> Callable[[], bytes]:
    import weasyprint

    html, _ = build_html(article, options)
    css = "\n".join(sheet.css for sheet in _stylesheets(options))
    # Inline the stylesheets before the per-article <style>, as an author would.
    html = html.replace("<style>", f"<style>\n{css}\n</style>\n<style>", 1)
    base = article.base_dir.as_uri() + "/" if article.base_dir else None

    def render() -> bytes:
        document = weasyprint.HTML(string=html, base_url=base)
        return document.write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]

    return render


def _command(argv: list[str], env: dict[str, str]) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(argv, check=True, capture_output=True, env=env)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--batch", type=int, default=8, help="articles in the batch run")
    args = parser.parse_args()

    article = ketadoc.load(args.article)
    exporter = PdfExporter()
    rows: list[tuple[str, float]] = []
    for layout in ("handout", "article"):
        options = PdfOptions(layout=layout)
        ours = _median_seconds(lambda o=options: exporter.render(article, o), args.repeat)
        raw = _median_seconds(_raw_weasyprint(article, options), args.repeat)
        rows += [(f"ketadoc {layout} (in-process)", ours), (f"raw WeasyPrint {layout}", raw)]
        print(f"{layout}: ketadoc / raw WeasyPrint = {ours / raw:.2f}x (target <= 1.10x)")

    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    has_pandoc = shutil.which("pandoc", path=env["PATH"]) is not None
    process_repeat = max(3, args.repeat // 2)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for layout in ("handout", "article"):
            cli = [sys.executable, "-m", "ketadoc", "build", str(args.article), "--to", "pdf"]
            cli += ["--layout", layout, "--out", tmp, "--force"]  # --force: no incremental skip
            seconds = _median_seconds(_command(cli, env), process_repeat)
            rows.append((f"ketadoc build --layout {layout} (new process)", seconds))
        ours_cli = rows[-1][1]
        if has_pandoc:
            pandoc = ["pandoc", str(args.article), "--pdf-engine=weasyprint"]
            pandoc += ["-o", str(out / "pandoc.pdf")]
            theirs = _median_seconds(_command(pandoc, env), process_repeat)
            rows.append(("pandoc --pdf-engine=weasyprint (new process)", theirs))
            print(f"one article, new process: ketadoc / pandoc = {ours_cli / theirs:.2f}x")

        batch = out / "batch"
        batch.mkdir()
        text = args.article.read_text(encoding="utf-8")
        copies = [batch / f"copy-{n:02}.md" for n in range(args.batch)]
        for path in copies:
            path.write_text(text, encoding="utf-8")
        for layout in ("handout", "article"):
            cli = [sys.executable, "-m", "ketadoc", "build", str(batch), "--to", "pdf", "--jobs"]
            cli += ["1", "--layout", layout, "--out", str(out / "b"), "--force"]
            seconds = _median_seconds(_command(cli, env), 1) / args.batch
            rows.append((f"batch of {args.batch}, ketadoc {layout}, per article", seconds))
        ours_batch = rows[-1][1]
        if has_pandoc:

            def pandoc_batch() -> None:
                for path in copies:
                    _command(
                        [
                            "pandoc",
                            str(path),
                            "--pdf-engine=weasyprint",
                            "-o",
                            str(path.with_suffix(".pdf")),
                        ],
                        env,
                    )()

            seconds = _median_seconds(pandoc_batch, 1) / args.batch
            rows.append((f"batch of {args.batch}, pandoc, per article", seconds))
            print(f"batch: ketadoc article / pandoc = {ours_batch / seconds:.2f}x (target < 1.00x)")
        else:
            print("pandoc not found: skipped")

    width = max(len(name) for name, _ in rows)
    print()
    print(f"{'median of ' + str(args.repeat) + ' runs':<{width}}  seconds")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.3f}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(load average {load:.2f} while measuring)")


if __name__ == "__main__":
    main()
