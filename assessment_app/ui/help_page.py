"""Help › How to run a workshop: everything a facilitator needs, in the window itself. The
standalone app has no terminal and no README beside it, so nothing here points to either."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..i18n import N_, tr

GUIDE = N_("""\
# How to run a workshop

## Before the room arrives
1. **File › New workshop** (Ctrl+N): its name, organisation and date.
2. **Add participant** for each marketing and IT executive: name, function and job title.
   **Add and next** keeps the form open for the next person.
3. Optionally **Set facilitator PIN**: 4 to 8 digits, needed to leave answering mode, so only
   you can take the laptop back from an executive.

## Answering on this laptop
Choose a participant and **Hand over**: the screen shows only their statements, in their
function's wording, full screen. Every choice is saved at once; reopening resumes where they
stopped.

| key | does |
|---|---|
| 1 – 5 | today's level |
| Q W E R T | the level wanted in 12 to 18 months |
| 0 | don't know |
| Enter or → | next statement |
| ← | back |
| C | write a comment (Enter, Tab or Esc leave it; Shift+Enter starts a new line) |

"Finished" means every statement answered. The review at the end lists what is still open.

## Answering on their own phones
**Let everyone answer on their own device** serves the questionnaire on this room's network
(or the laptop's hotspot): each person gets a personal link and a code, as a QR code on the
screen or on printed cards. Their answers arrive here as they are saved; the screen shows who
has finished. Comments are shown by function only, never by name.

## Showing the results
**Show results**: radar charts (where each function sees the organisation, and where it wants
to be) and the gap heat map (where marketing and IT disagree). **View › Text size ›
Projector** makes every screen readable from the back of the room.

## The action plan
**Action plan** suggests the actions the answers call for. Tick what the room agrees, name
who is accountable, set owner, horizon, due date (as you usually write dates, or as
2027-03-31) and status; every change is saved at once. **Mark as agreed** when the room has
agreed. **Export workshop PDF** and **Export all handouts** make the documents to take home;
**Export to Excel** gives an editable plan that can be read back later.

## Several laptops, backups
**File › Export workshop bundle** writes a Tandem workshop file; **File › Import workshop
bundle** on another laptop merges its answers with the ones there. Tandem keeps backups by
itself: **File › Restore from backup** brings one back. **Help › About** shows
where your data is kept.

## Forgot the facilitator PIN?
Everything answered is already saved. Close Tandem from the system (Task Manager on Windows,
Force Quit on a Mac, the system monitor on Linux) and start it again; then open the workshop,
choose **Facilitator PIN: on** and **Remove PIN**, and set a new one if you wish.
""")


class HelpDialog(QDialog):
    """The guide in a window of its own, beside the main one (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("How to run a workshop"))
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setMarkdown(tr(GUIDE))
        self.text.setAccessibleName(tr("How to run a workshop"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(720, 640)

