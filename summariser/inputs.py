"""Reading a bulletin: decode whatever a newsroom export produced, or say why not.

What comes in and what happens to it:

- a missing path, a directory, an unreadable file, an empty file, whitespace only, binary data
  (a known file signature, NUL-heavy or control-heavy bytes) or more than `MAX_BYTES`:
  an `InputError` naming the problem and the fix (the CLI prints one line and exits 2);
- UTF-8 (with or without a BOM), UTF-16/32 with a BOM, UTF-16 without a BOM (recognised by
  its pattern of NUL bytes), cp1252 and Latin-1: decoded; a UTF-8 file with a few stray
  cp1252 bytes keeps its UTF-8 and only the stray bytes are read as cp1252;
- control characters other than line breaks and tabs (a stray NUL, ESC, bell, form feed,
  C1 controls) become spaces, and Unicode line/paragraph separators become newlines. Every
  replacement is one character for one character, so offsets into the decoded text hold;
- an HTML export (by content or by name) is read as its headings and paragraphs, and
  offsets then index that converted text.
"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .names import printable
from .segment import Story

MAX_BYTES = 200 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (e.g. .docx)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x7fELF": "a program (ELF executable)",
    b"\xd0\xcf\x11\xe0": "an old Office document (e.g. .doc)",
    b"{\\rtf": "an RTF document",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that plain text does not contain: C0 controls except tab, LF, FF, CR; and DEL.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
# Characters that become a space: C0 controls except tab/LF/CR, DEL, and the C1 controls.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SEPARATOR_RE = re.compile("[\u2028\u2029]")
# A well-formed UTF-8 multi-byte sequence: its presence says the file is (mostly) UTF-8.
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_UTF8_LEAD_RE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")  # a fast superset of the above


def _cp1252_byte(error: UnicodeError) -> tuple[str, int]:
    """Decode error handler: read the one offending byte as cp1252 (Latin-1 where undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start : error.start + 1]
    try:
        return bytes(byte).decode("cp1252"), error.start + 1
    except UnicodeDecodeError:
        return bytes(byte).decode("latin-1"), error.start + 1


codecs.register_error("summariser-cp1252", _cp1252_byte)


# --------------------------------------------------------------------------- reading


def read_bytes(source: str) -> tuple[bytes, str]:
    """The raw bytes of FILE, or of stdin for '-', with a display name."""
    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise InputError("-: there is no standard input to read; pass a FILE")
        return _read_bounded(stream, "<stdin>"), "<stdin>"
    path = Path(source)
    # A name that is not UTF-8 would break every message and the JSON export: escape it.
    source = printable(source)
    try:
        if not path.exists():
            raise InputError(f"{source}: no such file (check the path)")
        if path.is_dir():
            raise InputError(f"{source}: is a directory; pass a text file")
        if path.is_file() and path.stat().st_size > MAX_BYTES:
            raise InputError(
                f"{source}: {path.stat().st_size // 1_048_576} MB is over the "
                f"{MAX_BYTES // 1_048_576} MB limit; split the bulletin"
            )
        with path.open("rb") as stream:
            return _read_bounded(stream, source), printable(path.name)
    except PermissionError as exc:
        raise InputError(f"{source}: permission denied (check the file's permissions)") from exc
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from exc


def _read_bounded(stream: BinaryIO, name: str) -> bytes:
    """Read at most MAX_BYTES; look at the first bytes early so /dev/zero or a binary pipe is
    refused before it is read whole."""
    head = stream.read(SNIFF_BYTES)
    reason = _binary_reason(head)
    if reason:
        raise InputError(f"{name}: {reason}")
    # Read on even after a short first read: a terminal or a slow pipe may deliver less.
    rest = stream.read(MAX_BYTES + 1 - len(head))
    if len(head) + len(rest) > MAX_BYTES:
        raise InputError(f"{name}: over the {MAX_BYTES // 1_048_576} MB limit; split the bulletin")
    return head + rest


# --------------------------------------------------------------------------- decoding


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on every other byte, as in UTF-16 English text."""
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    half = len(sample) // 2
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _binary_reason(sample: bytes) -> str | None:
    """Why these first bytes are not a text bulletin, or None when they may be."""
    for signature, kind in _BINARY_SIGNATURES.items():
        if sample.startswith(signature):
            return f"this is {kind}, not text; export the bulletin as plain text"
    if any(sample.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(sample):
        return None
    nuls = sample.count(0)
    if nuls > max(2, len(sample) // 1000):
        return (
            "contains NUL bytes: this is binary data, not text; export the bulletin as plain text"
        )
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 10):
        return (
            "is mostly control bytes: this is binary data, not text; "
            "export the bulletin as plain text"
        )
    return None


def _has_utf8_sequence(data: bytes, limit: int = 10_000) -> bool:
    """Whether `data` holds a well-formed UTF-8 multi-byte sequence (checks at most `limit`)."""
    for number, match in enumerate(_UTF8_LEAD_RE.finditer(data)):
        if number >= limit:
            return False
        if _UTF8_SEQUENCE_RE.match(data, match.start()):
            return True
    return False


def decode(data: bytes, name: str) -> str:
    """Text from bytes (see the module docstring for what is accepted and what is refused)."""
    reason = _binary_reason(data[:SNIFF_BYTES])
    if reason:
        raise InputError(f"{name}: {reason}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not "
                    f"valid {encoding}; save it as UTF-8"
                ) from exc
    utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
    if utf16:
        try:
            return _clean(data.decode(utf16), name)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: looks like {utf16} without a byte-order mark but does not "
                "decode as it; save it as UTF-8"
            ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if _has_utf8_sequence(data):
            # Mostly UTF-8 with stray single-byte characters (a pasted cp1252 quote).
            text = data.decode("utf-8", errors="summariser-cp1252")
        else:
            # cp1252 is what Windows exports usually are; it reads Latin-1 letters the same
            # way, and its five undefined bytes are read as Latin-1 (then cleaned away).
            text = data.decode("cp1252", errors="summariser-cp1252")
    return _clean(text, name)


def _clean(text: str, name: str) -> str:
    """Control characters other than line breaks and tabs become spaces (offsets kept)."""
    text = _CONTROL_RE.sub(" ", text)
    text = _SEPARATOR_RE.sub("\n", text)
    if not text.strip():
        raise InputError(
            f"{name}: has no text (only whitespace or control characters); "
            "pass a bulletin with at least one story"
        )
    return text


def read_text(source: str) -> tuple[str, str]:
    """The decoded text of FILE (or stdin for '-') and its display name; an HTML export is
    read as its headings and paragraphs (`html_input`)."""
    data, name = read_bytes(source)
    if not data:
        raise InputError(f"{name}: is empty; pass a bulletin with at least one story")
    text = decode(data, name)
    from .html_input import html_to_text, is_html

    if is_html(text, name):
        text = _clean(html_to_text(text), name)
    return text, name


# --------------------------------------------------------------------------- several inputs

#: What a directory named as input contributes: its bulletins, not its other files.
DIRECTORY_SUFFIXES = (".txt", ".md", ".html")


def expand_sources(sources: list[str]) -> tuple[list[str], list[InputError]]:
    """Files to read, in the order given; a directory stands for its bulletin files (sorted,
    not recursive). A directory holding none is returned as an error, so that the run can
    report it and go on with the other inputs."""
    files: list[str] = []
    errors: list[InputError] = []
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            found = sorted(
                str(child)
                for child in path.iterdir()
                if child.suffix.lower() in DIRECTORY_SUFFIXES and child.is_file()
            )
            if not found:
                errors.append(
                    InputError(
                        f"{source}: directory holds no {', '.join(DIRECTORY_SUFFIXES)} files"
                    )
                )
            files.extend(found)
        else:
            files.append(source)
    return files, errors


def read_input(source: str) -> tuple[str, str, list[Story] | None]:
    """Text, display name and, for a `.jsonl` input, its stories (others are segmented)."""
    text, name = read_text(source)
    if source.lower().endswith(".jsonl"):
        from .jsonl import read_jsonl_stories

        document, stories = read_jsonl_stories(text, name)
        return document, name, stories
    return text, name, None
