"""Reading a bulletin: decode whatever a newsroom export produced, or say why not."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from .errors import InputError

MAX_BYTES = 200 * 1024 * 1024
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (e.g. .docx)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "gzip-compressed data",
}
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_bytes(source: str) -> tuple[bytes, str]:
    """The raw bytes of FILE, or of stdin for '-', with a display name."""
    if source == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file (check the path)")
    if path.is_dir():
        raise InputError(f"{source}: is a directory; pass a text file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{source}: {size // 1_048_576} MB is over the 200 MB limit; split it")
        return path.read_bytes(), path.name
    except PermissionError as exc:
        raise InputError(f"{source}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror})") from exc


def decode(data: bytes, name: str) -> str:
    """Text from bytes: BOM-marked UTF-16/32 and UTF-8, else UTF-8, else cp1252/Latin-1."""
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{name}: this is {kind}, not text; export the bulletin as plain text")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _clean(data.decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts with a {encoding} mark but is not valid {encoding}") from exc
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: contains NUL bytes: binary data, or UTF-16 without a BOM; save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 is what Windows exports usually are; it decodes Latin-1 text the same way
        # for letters, and 'latin-1' takes the five bytes cp1252 leaves undefined.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return _clean(text, name)


def _clean(text: str, name: str) -> str:
    """Control characters other than line breaks and tabs become spaces (offsets kept)."""
    text = _CONTROL_RE.sub(" ", text)
    if not text.strip():
        raise InputError(f"{name}: has no text (empty or only whitespace)")
    return text


def read_text(source: str) -> tuple[str, str]:
    data, name = read_bytes(source)
    if not data:
        raise InputError(f"{name}: is empty; pass a bulletin with at least one story")
    return decode(data, name), name
