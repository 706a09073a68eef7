"""Checks every input file passes before a reader sees it, and strict decoding.

Each check raises a :class:`~newsweave.errors.NewsweaveError` that names the input, the reason
and the fix: missing (E011), unreadable (E015), empty (E001), too large (E004, from ``stat``
before anything is read), binary (E002) and not UTF-8 (E003, naming the first bad byte).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from newsweave import errors
from newsweave.config import Config

# Extension → reader name. ``.warc.gz`` is matched before the last suffix.
READERS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc",
}
SNIFF_BYTES = 8192
# Share of control characters (other than tab, line breaks and form feed) that marks a binary file.
MAX_CONTROL_SHARE = 0.05
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c") + b"\x7f"
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)
# An encoding declared by the document itself (XML prolog or HTML meta), read from its head.
_DECLARED = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding=["']([\w.:-]{1,40})["']"""
    rb"""|<meta[^>]{0,200}?charset=["']?([\w.:-]{1,40})""",
    re.IGNORECASE,
)


def supported_extensions() -> str:
    """The supported extensions, for messages.

    >>> supported_extensions()[:22]
    '.atom, .htm, .html, .j'
    """
    return ", ".join(sorted(READERS))


def reader_name(path: str | Path) -> str | None:
    """The reader for a file name, or None when the extension is not supported.

    >>> reader_name("a/b.WARC.gz"), reader_name("x.md"), reader_name("x.json")
    ('warc', 'text', None)
    """
    name = Path(path).name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return READERS.get(Path(name).suffix)


def unknown_format(display: str) -> errors.NewsweaveError:
    suffix = "".join(Path(display).suffixes[-1:]) or "no extension"
    return errors.NewsweaveError(
        errors.UNKNOWN_FORMAT, display, f"unsupported file type ({suffix})",
        f"give a file with one of the supported extensions: {supported_extensions()}",
    )


def check_file(path: Path, display: str, *, max_bytes: int | None) -> int:
    """Check that ``path`` is a readable, non-empty file no larger than ``max_bytes``; return
    its size."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise errors.NewsweaveError(errors.NOT_FOUND, display, "no such file or directory",
                                    "check the path") from None
    except OSError as exc:
        raise errors.NewsweaveError(errors.UNREADABLE, display, f"cannot read it: {exc.strerror}",
                                    "check the file's permissions") from None
    if not path.is_file():
        raise errors.NewsweaveError(errors.UNREADABLE, display, "not a regular file",
                                    "give a file or a directory of files")
    if size == 0:
        raise errors.NewsweaveError(errors.EMPTY, display, "the file is empty",
                                    "give a file that holds an article")
    if max_bytes is not None and size > max_bytes:
        raise errors.NewsweaveError(
            errors.TOO_LARGE, display,
            f"the file has {size:,} bytes, more than the limit of {max_bytes:,} "
            "(ingest.max_file_bytes)",
            "split the file, or raise ingest.max_file_bytes in the config",
        )
    return size


def read_bytes(path: Path, display: str, config: Config) -> bytes:
    """Read a whole file after :func:`check_file`, refusing binary content."""
    check_file(path, display, max_bytes=config.ingest.max_file_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise errors.NewsweaveError(errors.UNREADABLE, display, f"cannot read it: {exc.strerror}",
                                    "check the file's permissions") from None
    check_not_binary(data, display)
    return data


def check_not_binary(data: bytes, display: str) -> None:
    """Refuse data that is not text: NUL bytes or many control characters near the start.

    >>> check_not_binary(b"plain text\\n", "a.txt")
    >>> check_not_binary(b"PK\\x03\\x04\\x00\\x00", "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    newsweave.errors.NewsweaveError: E002 a.txt: the file is binary, not text (fix: ...)
    """
    head = data[:SNIFF_BYTES]
    for bom, name in _BOMS:
        if head.startswith(bom):
            raise errors.NewsweaveError(
                errors.BAD_ENCODING, display, f"the file is encoded as {name}, not UTF-8",
                "re-save the file as UTF-8")
    if not head:
        return
    controls = len(head) - len(head.translate(None, _CONTROL))
    if b"\x00" in head or controls / len(head) > MAX_CONTROL_SHARE:
        raise errors.NewsweaveError(
            errors.BINARY, display, "the file is binary, not text",
            "give a text, HTML, JSONL, feed or WARC file (extract the text from a PDF or "
            "office document first)")


def decode_utf8(data: bytes, display: str) -> str:
    """Decode strictly as UTF-8; a bad byte is an error that says where it is.

    >>> decode_utf8("Café".encode(), "a.txt")
    'Café'
    >>> decode_utf8(b"Caf\\xe9 au lait", "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    newsweave.errors.NewsweaveError: E003 a.txt: not valid UTF-8: byte 0xe9 at offset 3 (line 1) ...
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise errors.NewsweaveError(
            errors.BAD_ENCODING, display,
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line})",
            "re-save the file as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8)",
        ) from None


def decode_markup(data: bytes, display: str, *, charset: str | None = None) -> str:
    """Decode HTML or XML: as UTF-8 when the bytes are valid UTF-8 (mislabelled pages are
    common), else in the encoding the transport (``charset``) or the document itself declares.

    >>> decode_markup(b'<meta charset="iso-8859-1"><p>Caf\\xe9</p>', "a.html")
    '<meta charset="iso-8859-1"><p>Café</p>'
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = charset
    if not declared:
        match = _DECLARED.search(data[:2048])
        if match:
            declared = (match.group(1) or match.group(2)).decode("ascii", "replace")
    encoding = _known_encoding(declared)
    if encoding in (None, "utf-8"):
        return decode_utf8(data, display)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise errors.NewsweaveError(
            errors.BAD_ENCODING, display,
            f"not valid {declared} (the encoding the document declares): "
            f"byte 0x{data[exc.start]:02x} at offset {exc.start}",
            "re-save the file as UTF-8 and fix its declared charset",
        ) from None


def _known_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read latin-1 as windows-1252, a superset; do the same.
    return "cp1252" if encoding in ("latin-1", "iso8859-1", "ascii") else encoding
