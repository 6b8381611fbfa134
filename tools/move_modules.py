"""Move modules of the package and rewrite every import that names them (a one-off refactoring
aid, kept for the next reorganisation). Relative imports stay relative, recomputed from the new
place; absolute ``assessment_app.x`` names in tests, tools and strings are rewritten too.

    python tools/move_modules.py old.module=new.module ...   (names below assessment_app)
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = "assessment_app"
FROM_RE = re.compile(r"^(?P<indent>[ \t]*)from[ \t]+(?P<mod>\.+[\w.]*|assessment_app[\w.]*)"
                     r"[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#]+)", re.M)


def module_of(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def package_of(path: Path) -> str:
    mod = module_of(path)
    return mod if path.name == "__init__.py" else mod.rpartition(".")[0]


def resolve(rel: str, package: str) -> str:
    dots = len(rel) - len(rel.lstrip("."))
    base = package.split(".")
    if dots > 1:
        base = base[: len(base) - (dots - 1)]
    rest = rel[dots:]
    return ".".join(base + ([rest] if rest else []))


def relative(target: str, package: str) -> str:
    t, p = target.split("."), package.split(".")
    common = 0
    while common < min(len(t), len(p)) and t[common] == p[common]:
        common += 1
    up = len(p) - common
    return "." * (up + 1) + ".".join(t[common:])


def main(pairs: list[str]) -> None:
    moves = {}
    for pair in pairs:
        old, new = pair.split("=")
        moves[f"{PKG}.{old}"] = f"{PKG}.{new}"

    def mapped(module: str) -> str:
        for old, new in sorted(moves.items(), key=lambda kv: -len(kv[0])):
            if module == old or module.startswith(old + "."):
                return new + module[len(old):]
        return module

    existing = {module_of(p) for p in (ROOT / PKG).rglob("*.py")}
    files = [p for p in ROOT.rglob("*.py") if ".git" not in p.parts and "build" not in p.parts]
    new_paths = {}
    for path in files:
        mod = module_of(path)
        if path.is_relative_to(ROOT / PKG) and mapped(mod) != mod:
            new_paths[path] = ROOT / (mapped(mod).replace(".", "/") + ".py")

    for path in files:
        text = path.read_text(encoding="utf-8")
        in_pkg = path.is_relative_to(ROOT / PKG)
        old_pkg = package_of(path)
        new_pkg = ((mapped(old_pkg) if path.name == "__init__.py" else
                    mapped(module_of(path)).rpartition(".")[0]) if in_pkg else old_pkg)

        def rewrite(m: re.Match, old_pkg: str = old_pkg, new_pkg: str = new_pkg) -> str:
            mod, names = m["mod"], m["names"]
            absolute = resolve(mod, old_pkg) if mod.startswith(".") else mod
            name_list = [n.strip() for n in names.strip("()").replace("\n", " ").split(",")
                         if n.strip()]
            groups: dict[str, list[str]] = {}
            for name in name_list:
                bare = name.split(" as ")[0].strip()
                sub = f"{absolute}.{bare}"
                if sub in existing or sub in moves:  # importing a module from a package
                    target = mapped(sub)
                    parent, _, leaf = target.rpartition(".")
                    if leaf != bare and " as " not in name:
                        name = f"{leaf} as {bare}"  # callers keep the name they use
                    elif leaf != bare:
                        name = name.replace(bare, leaf, 1)
                    groups.setdefault(parent, []).append(name)
                else:
                    groups.setdefault(mapped(absolute), []).append(name)
            if list(groups) == [absolute] and new_pkg == old_pkg:
                return m[0]
            lines = []
            for target, group in groups.items():
                shown = relative(target, new_pkg) if mod.startswith(".") else target
                joined = ", ".join(group)
                if len(groups) == 1 and names.startswith("("):
                    lines.append(f"{m['indent']}from {shown} import {names}")
                else:
                    lines.append(f"{m['indent']}from {shown} import {joined}")
            return "\n".join(lines)

        new_text = FROM_RE.sub(rewrite, text)
        for old, new in sorted(moves.items(), key=lambda kv: -len(kv[0])):
            new_text = re.sub(rf"(?<![\w.]){re.escape(old)}(?![\w])", new, new_text)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")

    for old_path, new_path in new_paths.items():
        new_path.parent.mkdir(parents=True, exist_ok=True)
        init = new_path.parent / "__init__.py"
        if not init.exists():
            init.write_text(f'"""{new_path.parent.name}."""\n', encoding="utf-8")
            subprocess.run(["git", "add", str(init)], cwd=ROOT, check=True)
        subprocess.run(["git", "mv", str(old_path), str(new_path)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
