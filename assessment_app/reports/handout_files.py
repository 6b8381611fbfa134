"""What exporting every handout returns: the files written and the handouts that could not be
made. Its own light module (no reportlab): the window unpickles it from the export worker, and
unpickling imports the class's module on the UI thread."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HandoutFailure:
    """A handout that could not be made: whose, and why in one sentence."""

    participant_id: str
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


class HandoutFiles(list):
    """The handouts written (a list of paths, in participant order), with ``failed``: the
    ones that could not be made, each with its reason."""

    def __init__(self, written=(), failed=()) -> None:
        super().__init__(written)
        self.failed: list[HandoutFailure] = list(failed)
