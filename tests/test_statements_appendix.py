"""The workshop PDF's appendix of what was asked: every statement of the workshop's own
questionnaire, in each function's wording, with its five levels in order, so a reader can see
what "level 3" meant and what a success test will be judged on. Read back with pdftotext, the
way a reader copies text out of the PDF."""

from __future__ import annotations

import re
import subprocess

from assessment_app.exchange.demo import create_demo_workshop
from assessment_app.reports import build_workshop_pdf
from assessment_app.reports.statements_appendix import TITLE


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return re.sub(r"\s+", " ", out)


def test_the_pdf_lists_every_statement_with_its_five_levels_in_order(store, catalog, tmp_path):
    q = catalog.default()
    workshop = create_demo_workshop(store, q)
    text = pdf_text(build_workshop_pdf(store, catalog, workshop.id, tmp_path / "w.pdf"))
    assert TITLE in text
    appendix = text[text.index(TITLE):text.index("Glossary", text.index(TITLE))]
    starts = [appendix.index(f"{item.id} ") for item in q.items]
    assert starts == sorted(starts)  # in questionnaire order, each once
    for item, start, end in zip(q.items, starts, [*starts[1:], len(appendix)], strict=True):
        block = appendix[start:end]
        for wording in set(item.text.values()):
            assert " ".join(wording.split()) in block, (item.id, wording)
        at = [block.index(f"{n} {' '.join(level.split())}")
              for n, level in enumerate(item.levels, start=1)]
        assert at == sorted(at), item.id
