"""The shape a newcomer can rely on: rooms small enough to read, functions simple enough to test,
and a layer map in docs/architecture.md that says what the code's imports really are.

import-linter (``lint-imports`` in CI) holds the code to the contracts in pyproject.toml; these
tests hold the document to the same contracts and the code to the size limits, so the map a
reader opens first cannot drift from the code it describes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import grimp
import pytest
from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "assessment_app"
MAX_MODULE_LINES = 450
MAX_COMPLEXITY = 15  # cyclomatic complexity as radon counts it (branches and boolean operators)


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _functions(blocks):
    """Every function, method and closure radon found, with its qualified name."""
    for block in blocks:
        if hasattr(block, "methods"):  # a class: its methods and inner classes
            yield from _functions(block.methods)
            yield from _functions(getattr(block, "inner_classes", []))
        else:
            yield block
            yield from _functions(getattr(block, "closures", []))


def test_every_module_is_a_room_one_can_read():
    too_long = {str(p.relative_to(ROOT)): n for p in _modules()
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert too_long == {}, f"modules over {MAX_MODULE_LINES} lines: split them by job"


def test_no_function_is_too_branched_to_test():
    too_complex = {}
    for path in _modules():
        for function in _functions(cc_visit(path.read_text(encoding="utf-8"))):
            if function.complexity > MAX_COMPLEXITY:
                name = f"{path.relative_to(ROOT)}:{function.fullname}"
                too_complex[name] = function.complexity
    assert too_complex == {}, f"functions over complexity {MAX_COMPLEXITY}"


# -- the layer map ------------------------------------------------------------------------------


def _contract_layers() -> list[set[str]]:
    """The layers contract of pyproject.toml, top first, each layer a set of top-level names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    return [{name.strip() for name in layer.split("|")} for layer in layers]


def _names(column: str) -> set[str]:
    return {re.sub(r"(/|\.py)$", "", name.strip()) for name in re.split(r"[|,]", column)
            if name.strip()}


def _documented_map() -> tuple[list[set[str]], set[str]]:
    """The first code block of docs/architecture.md: one row per layer, top first, then the
    foundation row (its description says "foundation"), which every layer may use."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"```\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md has lost its layer map"
    layers, foundation = [], set()
    for line in block.group(1).splitlines():
        if not line.strip() or line[0].isspace():  # a description carried onto the next line
            continue
        match = re.match(r"(.*?)\s{2,}(.*)", line.strip())
        column, description = match.groups() if match else (line.strip(), "")
        if "foundation" in description:
            foundation |= _names(column)
        else:
            layers.append(_names(column))
    return layers, foundation


def _top_level_names() -> set[str]:
    return {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
            if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}


def test_the_documented_layers_are_the_enforced_layers():
    layers, foundation = _documented_map()
    assert layers == _contract_layers()
    documented = set().union(*layers) | foundation
    assert documented == _top_level_names(), "every module of the package has its row"
    assert len(documented) == sum(len(layer) for layer in layers) + len(foundation)


@pytest.fixture(scope="module")
def imports() -> dict[str, set[str]]:
    """Which top-level packages and modules each one imports, from the code itself."""
    graph = grimp.build_graph("assessment_app")
    found: dict[str, set[str]] = {}
    for top in _top_level_names():
        name = f"assessment_app.{top}"
        modules = {name} | (graph.find_descendants(name) if graph.find_children(name) else set())
        targets = set()
        for module in modules:
            for imported in graph.find_modules_directly_imported_by(module):
                parts = imported.split(".")
                if len(parts) > 1 and parts[1] != top:
                    targets.add(parts[1])
        found[top] = targets
    return found


def test_the_code_imports_only_downwards_as_the_map_says(imports):
    layers, foundation = _documented_map()
    rank = {name: index for index, layer in enumerate(layers) for name in layer}
    upward = sorted(f"{a} imports {b}" for a, targets in imports.items() for b in targets
                    if b not in foundation and (a in foundation or rank[b] <= rank[a]))
    assert upward == []
