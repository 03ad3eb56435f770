"""``python -m ketadoc`` runs the command-line tool."""

from ketadoc.cli import main

if __name__ == "__main__":
    main()
