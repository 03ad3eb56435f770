"""The ``ketadoc`` command (``python -m ketadoc`` and the console script)."""

from __future__ import annotations


def main() -> None:
    """Run the command-line tool in a process that belongs to it."""
    # Before the command's modules load: a command's process collects cycles less often
    # (see ketadoc.collector), which its imports already pay for.
    from ketadoc.collector import for_this_command

    for_this_command()
    from ketadoc.cli import main as run_command

    run_command()


if __name__ == "__main__":
    main()
