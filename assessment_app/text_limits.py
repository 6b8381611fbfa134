"""How long the text people type may be: one home for every limit, used by the answering
screens, the store, bundle import and the PDFs.

A comment is evidence for one statement: 2,000 characters is about 300 words, far more than
anyone types in a 15-minute questionnaire, yet short enough that the voice-of-the-room pages
stay readable and a handout row fits on one or two pages. Names, titles and organisations are
labels: 200 characters holds any real one (a long double-barrelled name with a job title is
under 100) while keeping headers and file names sane."""

from __future__ import annotations

COMMENT_MAX_CHARS = 2000
NOTES_MAX_CHARS = 2000
NAME_MAX_CHARS = 200  # participant and workshop names, job titles, organisations
