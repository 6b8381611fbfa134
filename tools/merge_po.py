"""A git merge driver for the catalogue's .po files: two translators who added different
sentences to one area's file get both, without a conflict to resolve by hand.

    git config merge.po-union.driver "python /path/to/tools/merge_po.py %O %A %B"
    (.gitattributes: *.po merge=po-union)

The result is every entry of either side, minus those one side removed and the other left as
they were at the common base; where both sides changed one translation, ours wins. It is written
as tools/catalogue.py writes (sorted, no locations), so `catalogue.py update` then changes
nothing but what the merged code needs.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def _read(path: str) -> Catalog:
    data = Path(path).read_bytes()
    return read_po(io.BytesIO(data)) if data.strip() else Catalog()


def _entries(catalog: Catalog) -> dict[object, object]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)): m
            for m in catalog if m.id}


def merge(base: Catalog, ours: Catalog, theirs: Catalog) -> Catalog:
    old, mine, other = _entries(base), _entries(ours), _entries(theirs)
    result = Catalog(locale=ours.locale, domain=ours.domain, fuzzy=False)
    result.mime_headers = ours.mime_headers
    result.header_comment = ours.header_comment
    for key in sorted(mine.keys() | other.keys(), key=repr):
        a, b, o = mine.get(key), other.get(key), old.get(key)
        if a is None or b is None:
            kept = a or b
            if o is not None and kept.string == o.string:
                continue  # removed by one side, untouched by the other
        else:
            kept = b if (o is not None and a.string == o.string) or not _done(a) else a
        result.add(kept.id, kept.string, context=kept.context,
                   auto_comments=kept.auto_comments, flags=kept.flags)
    return result


def _done(message: object) -> bool:
    string = message.string
    return all(string) if isinstance(string, (list, tuple)) else bool(string)


def main(base: str, ours: str, theirs: str) -> int:
    merged = merge(_read(base), _read(ours), _read(theirs))
    out = io.BytesIO()
    write_po(out, merged, width=100, no_location=True, omit_header=False, sort_output=True)
    text = re.sub(rb'"(POT-Creation|PO-Revision)-Date: [^"]*\\n"\n', b"", out.getvalue())
    Path(ours).write_bytes(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
