"""Hostile input: fuzzed bundles and questionnaire files end in a clear message, never a
traceback, and a rejected bundle writes nothing."""

from __future__ import annotations

import copy
import json
import sqlite3

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessment_app.content.catalog import load_catalog
from assessment_app.errors import BundleError, TandemError
from assessment_app.exchange.bundle_export import export_bundle
from assessment_app.exchange.bundle_import import apply_import
from assessment_app.exchange.bundle_merge import plan_import
from assessment_app.store.database import Store

from .conftest import MINI_DIR

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def _template(mini):
    s = Store.in_memory()
    w = s.create_workshop("Fuzz", mini)
    p = s.add_participant(w.id, "Ann", "marketing")
    s.save_answer(p.id, "trust-1", 2, 3, "ok")
    return export_bundle(s, w.id)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from _paths(v, prefix + (n,))


@FUZZ
@given(data=st.data(), replacement=json_values)
def test_mutated_bundles_are_rejected_cleanly_or_imported_whole(mini, mini_catalog, data,
                                                                replacement):
    template = _template(mini)
    paths = [p for p in _paths(template) if p]
    path = data.draw(st.sampled_from(paths))
    bundle = copy.deepcopy(template)
    target = bundle
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    store = Store.in_memory()
    try:
        plan = plan_import(store, bundle, mini_catalog)
    except BundleError as exc:
        assert str(exc).startswith("bundle: ") and "\n" not in str(exc)
        assert store.workshops() == []
        return
    apply_import(store, plan)  # a valid variant must import completely
    assert len(store.workshops()) == 1


@FUZZ
@given(junk=json_values)
def test_arbitrary_json_is_not_a_bundle(mini_catalog, junk):
    """No short JSON value is a bundle (the format name alone is longer than any string drawn
    here): every one is refused with one sentence, and nothing is written."""
    store = Store.in_memory()
    with pytest.raises(BundleError) as refused:
        plan_import(store, junk, mini_catalog)
    assert str(refused.value).startswith("bundle: ") and "\n" not in str(refused.value)
    assert store.workshops() == []


@FUZZ
@given(data=st.data(), replacement=json_values)
def test_mutated_questionnaires_load_or_report(tmp_path_factory, data, replacement):
    original = yaml.safe_load((MINI_DIR / "mini.yaml").read_text(encoding="utf-8"))
    paths = [p for p in _paths(original) if p]
    path = data.draw(st.sampled_from(paths))
    target = original
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    folder = tmp_path_factory.mktemp("q")
    (folder / "fuzzed.yaml").write_text(yaml.safe_dump(original, allow_unicode=True),
                                        encoding="utf-8")
    catalog = load_catalog(folder)  # must not raise
    assert catalog.questionnaires or catalog.problems


@FUZZ
@given(text=st.text(max_size=300))
def test_any_text_file_loads_or_reports(tmp_path_factory, text):
    """Random text is never a questionnaire: the file is skipped with exactly one problem line
    that names it, and loading never raises."""
    folder = tmp_path_factory.mktemp("t")
    (folder / "any.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog(folder)
    assert catalog.questionnaires == {}
    assert len(catalog.problems) == 1
    assert "any.yaml" in catalog.problems[0] and "\n" not in catalog.problems[0]


@FUZZ
@given(name=st.text(min_size=1, max_size=200), comment=st.text(max_size=500))
@example(name="\x1b \x1b", comment="")  # a space between two escapes: nothing visible
def test_any_name_and_comment_round_trip_through_a_bundle(mini, mini_catalog, name, comment):
    s = Store.in_memory()
    try:
        w = s.create_workshop(name, mini, organization=name)
    except TandemError:
        # refused only when nothing visible is left once control characters are gone
        # ("\x1b \x1b" is a space between two escapes)
        assert not "".join(c for c in name if ord(c) >= 32 and ord(c) != 127).strip()
        return
    p = s.add_participant(w.id, name, "it", name) if w.name else None
    if p is None:
        return
    s.save_answer(p.id, "trust-1", 1, 1, comment)
    text = json.dumps(export_bundle(s, w.id), ensure_ascii=False)
    other = Store.in_memory()
    apply_import(other, plan_import(other, json.loads(text), mini_catalog))
    assert other.participants(w.id)[0].name == s.participants(w.id)[0].name
    assert other.answers_for_workshop(w.id)[0].comment == s.answers_for_workshop(w.id)[0].comment


# -- hostile files through `tandem import` (issue 14) ------------------------------------------
# What a faulty program or an attacker writes, spliced as raw JSON text into a random place of
# a valid bundle: lone surrogates, nesting far deeper than Python recurses, numbers of thousands
# of digits, NaN and infinities. Whatever happens, `tandem import` ends in one short sentence
# (exit 1) or a whole import (exit 0), never in its catch-all (exit 70), and a refused file
# writes nothing.

HOLE = "@@hostile@@"
FILE_FUZZ = settings(FUZZ, max_examples=60)

surrogate_texts = st.builds(lambda before, half, after: before + half + after,
                            st.text(max_size=8), st.integers(0xD800, 0xDFFF).map(chr),
                            st.text(max_size=8))  # with a lone half of a UTF-16 pair
hostile_literals = st.one_of(
    surrogate_texts.map(json.dumps),  # ASCII JSON: a lone surrogate is written as its escape
    st.builds(lambda n, sign: sign + "9" * n, st.integers(19, 6000), st.sampled_from(["", "-"])),
    st.builds(lambda n: "1" + "0" * n + ".5", st.integers(300, 5000)),  # overflows to inf
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e400", "1E+309"]),
    st.builds(lambda n, lists: "[" * n + "]" * n if lists else '{"a":' * n + "1" + "}" * n,
              st.integers(1, 150_000), st.booleans()),
    json_values.map(json.dumps),
)


@pytest.fixture
def tandem_import(tmp_path, monkeypatch, capsys):
    """``tandem import`` of the given bytes into one database (kept across a test's examples:
    a refused file must leave its workshop count as it was); asserts the outcome is clean and
    returns the exit status and what went to stderr."""
    from assessment_app import cli

    monkeypatch.setenv("TANDEM_QUESTIONNAIRES", str(MINI_DIR))
    db, bundle = tmp_path / "t.sqlite", tmp_path / "b.json"
    Store.open(db).close()

    def count() -> int:
        conn = sqlite3.connect(db)
        try:
            return conn.execute("SELECT count(*) FROM workshops").fetchone()[0]
        finally:
            conn.close()

    def run(content: bytes) -> tuple[int, str]:
        bundle.write_bytes(content)
        before = count()
        capsys.readouterr()
        code = cli.main(["--db", str(db), "import", str(bundle)])
        err = capsys.readouterr().err
        assert code in (0, cli.EXIT_ERROR), err  # never the catch-all (70)
        if code:
            assert err.startswith("tandem: ") and err.count("\n") == 1 and len(err) < 400, err
            assert "unexpected" not in err and count() == before
        return code, err

    return run


@FILE_FUZZ
@given(data=st.data(), literal=hostile_literals)
def test_hostile_values_anywhere_never_reach_the_catch_all(mini, tandem_import, data, literal):
    template = _template(mini)
    paths = [p for p in _paths(template) if p]
    path = data.draw(st.sampled_from(paths))
    _at(template, path[:-1])[path[-1]] = HOLE
    tandem_import(json.dumps(template).replace(json.dumps(HOLE), literal, 1).encode())


@FILE_FUZZ
@given(data=st.data(), key=surrogate_texts)
def test_hostile_keys_never_reach_the_catch_all(mini, tandem_import, data, key):
    template = _template(mini)
    objects = [p for p in _paths(template) if isinstance(_at(template, p), dict)]
    _at(template, data.draw(st.sampled_from(objects)))[key] = 1
    code, err = tandem_import(json.dumps(template).encode())
    assert code == 1 and "broken character" in err


@FILE_FUZZ
@given(data=st.data())
def test_damaged_bytes_never_reach_the_catch_all(mini, tandem_import, data):
    """The bundle's bytes cut short, overwritten or given a foreign prefix (a byte-order mark,
    UTF-16, binary junk)."""
    raw = json.dumps(_template(mini), ensure_ascii=False).encode()
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=16))
    at = data.draw(st.integers(0, len(raw)))
    prefix = data.draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]))
    tandem_import(prefix + data.draw(st.sampled_from([
        raw[:cut], raw[:at] + junk + raw[at:], raw[:at] + junk + raw[at + len(junk):]])))


def _at(value, path):
    for key in path:
        value = value[key]
    return value
