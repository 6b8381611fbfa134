"""Writing user-chosen files safely: a full disk or a locked folder never leaves half a file."""

from __future__ import annotations

from pathlib import Path

from .errors import TandemError


def write_text_atomically(out: Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomically(out, text.encode(encoding))


def write_bytes_atomically(out: Path, data: bytes) -> None:
    """Write to a temporary sibling and rename it into place."""
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise TandemError(f"Cannot write {out}: {exc.strerror or exc}.") from None
