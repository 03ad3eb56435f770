"""The marked content of a PDF page as a screen reader gets its text: each font's
ToUnicode map decoded by hand, and every text operator filed under the marked-content
sequence (MCID) it is drawn in, as an artifact, or as untagged text.

Part of the structure reader (:mod:`pdf_structure`), with pikepdf alone.
"""

from __future__ import annotations

import re

import pikepdf

__all__ = ["read_page"]

_TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def _hex(token: bytes) -> bytes:
    return bytes.fromhex(token.decode("ascii"))


def _cmap(font: pikepdf.Dictionary) -> tuple[dict[bytes, str], int]:
    """Code -> text from a font's ToUnicode CMap, and the code length in bytes."""
    mapping: dict[bytes, str] = {}
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    if "/ToUnicode" not in font:
        return mapping, width
    data = font.ToUnicode.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[_hex(code)] = _hex(text).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, target in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block
        ):
            start, end = int(low, 16), int(high, 16)
            size = len(low) // 2
            if target.startswith(b"["):
                texts = [_hex(t) for t in re.findall(rb"<([0-9A-Fa-f]*)>", target)]
                for offset, text in enumerate(texts):
                    mapping[(start + offset).to_bytes(size, "big")] = text.decode("utf-16-be")
            else:
                base = _hex(target[1:-1])
                for offset in range(end - start + 1):
                    value = int.from_bytes(base, "big") + offset
                    text = value.to_bytes(len(base), "big").decode("utf-16-be")
                    mapping[(start + offset).to_bytes(size, "big")] = text
    return mapping, width


def _decode(raw: bytes, cmap: tuple[dict[bytes, str], int]) -> str:
    mapping, width = cmap
    return "".join(
        mapping.get(raw[i : i + width], "\ufffd") for i in range(0, len(raw) - width + 1, width)
    )


def read_page(
    page: pikepdf.Page,
    index: int,
    fonts: dict[tuple[int, int], tuple[dict[bytes, str], int]],
    texts: dict[tuple[int, int], str],
    artifacts: list[str],
    untagged: list[str],
) -> None:
    # Each open marked-content sequence is (MCID or None, is an artifact).
    stack: list[tuple[int | None, bool]] = []
    cmap: tuple[dict[bytes, str], int] = ({}, 1)
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    page_fonts = resources.get("/Font", pikepdf.Dictionary())
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            mcid: int | None = None
            properties = operands[1] if op == "BDC" else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                mcid = int(properties.MCID)
            inherited = next((m for m, _ in reversed(stack) if m is not None), None)
            stack.append(
                (mcid if mcid is not None else inherited, tag == "/Artifact" or _in_artifact(stack))
            )
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            font = page_fonts.get(str(operands[0]))
            if font is not None:
                key = font.objgen
                if key not in fonts:
                    fonts[key] = _cmap(font)
                cmap = fonts[key]
        elif op in _TEXT_OPERATORS:
            strings = operands[0] if op == "TJ" else operands[-1:]
            text = "".join(
                _decode(bytes(s), cmap) for s in strings if isinstance(s, pikepdf.String)
            )
            if stack and stack[-1][1]:
                artifacts.append(text)
            elif stack and stack[-1][0] is not None:
                key2 = (index, stack[-1][0])
                texts[key2] = texts.get(key2, "") + text
            else:
                untagged.append(text)


def _in_artifact(stack: list[tuple[int | None, bool]]) -> bool:
    return bool(stack) and stack[-1][1]
