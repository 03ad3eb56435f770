"""The schema.org JSON-LD graph of an article, shared by the ``jsonld`` and ``html`` formats.

``builder`` maps an Article to the serialization model in ``schema_org``; ``rules`` checks
the result before anything is written; ``encoding`` turns it into text.
"""

from __future__ import annotations

from ketadoc.rendering.jsonld.builder import JsonLdDocument, Scope, build_document, page_url
from ketadoc.rendering.jsonld.encoding import jsonld_script, script_safe, to_json

__all__ = [
    "JsonLdDocument",
    "Scope",
    "build_document",
    "jsonld_script",
    "page_url",
    "script_safe",
    "to_json",
]
