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


def safe_file_name(name: str, fallback: str = "workshop") -> str:
    """A workshop or participant name made safe for a file name on every system."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip()
    return cleaned.rstrip(". ")[:80] or fallback
