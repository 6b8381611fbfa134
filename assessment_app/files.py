"""Writing user-chosen files safely: a full disk or a locked folder never leaves half a file."""

from __future__ import annotations

from pathlib import Path

from .errors import TandemError
from .i18n import tr


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
        raise TandemError(tr("Cannot write {path}: {error}.", path=out,
                             error=exc.strerror or exc)) from None


def safe_file_name(name: str, fallback: str = "workshop") -> str:
    """A workshop or participant name made safe for a file name on every system."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip()
    return cleaned.rstrip(". ")[:80] or fallback


class NotAFile(Exception):
    """Why a chosen path was not read: ``kind`` is "folder", "special" (a pipe, a device),
    "too large" or "unreadable" (``detail`` says the system's reason); each reader says it in
    its own words."""

    def __init__(self, kind: str, detail: str = "", size: int = 0) -> None:
        super().__init__(kind)
        self.kind = kind
        self.detail = detail
        self.size = size


def read_chosen_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file someone chose, read only once it is known to be a regular file of at
    most ``max_bytes``: a named pipe is never waited on and ``/dev/zero`` never read (opened
    without blocking, then checked on the open file itself, so it cannot change in between).
    """
    import os
    import stat

    try:
        if path.is_dir():
            raise NotAFile("folder")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise NotAFile("unreadable", exc.strerror or str(exc)) from None
    with os.fdopen(fd, "rb") as f:
        try:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise NotAFile("folder")
            if not stat.S_ISREG(info.st_mode):
                raise NotAFile("special")
            if info.st_size > max_bytes:
                raise NotAFile("too large", size=info.st_size)  # not translated: a kind
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise NotAFile("unreadable", exc.strerror or str(exc)) from None
    if len(data) > max_bytes:  # it grew while being read
        raise NotAFile("too large", size=len(data))  # not translated: a kind
    return data
