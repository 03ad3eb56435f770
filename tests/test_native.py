"""Loading WeasyPrint: no helper processes on Linux, one clear message when Pango is absent."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

COUNT_PROCESSES = textwrap.dedent(
    """
    import subprocess, sys
    started = []
    real_init = subprocess.Popen.__init__
    def counting_init(self, args, *rest, **kwargs):
        started.append(args)
        real_init(self, args, *rest, **kwargs)
    subprocess.Popen.__init__ = counting_init
    if sys.argv[1] == "ketadoc":
        from ketadoc.rendering.native import load_weasyprint
        load_weasyprint()
    else:
        import weasyprint
    print(len(started))
    """
)


def _processes_started(how: str) -> int:
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", COUNT_PROCESSES, how],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return int(result.stdout.split()[-1])


@pytest.mark.slow
@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the library search shortcut is Linux only"
)
def test_loading_weasyprint_starts_no_processes() -> None:
    # A plain import searches for libraries with ldconfig and gcc; ketadoc's loader opens
    # the Linux library names directly.
    assert _processes_started("plain") > 0
    assert _processes_started("ketadoc") == 0


def test_loaded_module_is_weasyprint_and_reused() -> None:
    from ketadoc.rendering.native import load_weasyprint

    first = load_weasyprint()
    assert first.__name__ == "weasyprint"
    assert hasattr(first, "HTML")
    assert load_weasyprint() is first
