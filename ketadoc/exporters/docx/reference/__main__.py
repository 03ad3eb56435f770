"""``python -m ketadoc.exporters.docx.reference OUT.docx`` writes the reference document."""

from __future__ import annotations

from ketadoc.exporters.docx.reference.build import main

raise SystemExit(main())
