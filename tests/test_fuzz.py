"""Hostile input: fuzzed bundles and questionnaire files end in a clear message, never a
traceback, and a rejected bundle writes nothing."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_app.content.catalog import load_catalog
from assessment_app.errors import BundleError, TandemError
from assessment_app.exchange.bundle import apply_import, export_bundle, plan_import
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
def test_any_name_and_comment_round_trip_through_a_bundle(mini, mini_catalog, name, comment):
    s = Store.in_memory()
    try:
        w = s.create_workshop(name, mini, organization=name)
    except TandemError:
        assert not name.strip() or all(ord(c) < 32 or ord(c) == 127 for c in name.strip())
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
