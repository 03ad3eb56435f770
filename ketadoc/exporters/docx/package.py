"""DOCX bytes that depend only on the document's content."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["normalize_package", "save_deterministic"]

_ZIP_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
_COMPRESS_LEVEL: Final = 6
_LEADING_ENTRIES: Final = ("[Content_Types].xml", "_rels/.rels")


def _entry_order(name: str) -> tuple[int, str]:
    if name in _LEADING_ENTRIES:
        return _LEADING_ENTRIES.index(name), ""
    return len(_LEADING_ENTRIES), name


def normalize_package(data: bytes) -> bytes:
    """Rewrite a DOCX (any zip) so that equal contents give equal bytes.

    Entries get the zip epoch (1980-01-01) as their time, no host-specific attributes,
    Deflate at a fixed level, and a fixed order: ``[Content_Types].xml`` first (some
    readers sniff for it), then the package relationships, then the rest by name.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in sorted(members, key=_entry_order):
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.create_system = 0
            info.external_attr = 0
            target.writestr(
                info,
                members[name],
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=_COMPRESS_LEVEL,
            )
    return output.getvalue()


def save_deterministic(document: Document) -> bytes:
    """Serialize ``document`` to DOCX bytes that depend only on its content.

    python-docx stamps every zip entry with the current time; :func:`normalize_package`
    removes that. Nothing else it writes comes from the clock: its default template
    carries fixed core-property dates, and python-docx only fills ``modified`` with the
    current time when a package has no core properties part at all, so callers set
    ``created``/``modified`` explicitly (from the article) before saving.
    """
    stream = io.BytesIO()
    document.save(stream)
    return normalize_package(stream.getvalue())
