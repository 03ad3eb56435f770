"""The generator of ``templates/docx/reference.docx``, the document whose named styles
the DOCX exporter uses. Regenerate the bundled file with::

    python -m ketadoc.exporters.docx.reference templates/docx/reference.docx

The exporter only reads the generated file; it never imports this package, so the style
authoring code (:mod:`.authoring`) stays out of every export.
"""

from __future__ import annotations

from ketadoc.exporters.docx.reference.build import FONT, build_reference, main

__all__ = ["FONT", "build_reference", "main"]
