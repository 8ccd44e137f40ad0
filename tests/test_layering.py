"""Lower layers never import upper ones: gazetteer < geo < maps < geo.cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (lazy imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _offenders(folder: str, forbidden: tuple[str, ...], skip: str = "") -> list[str]:
    bad = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        if skip and skip in path.relative_to(ROOT).as_posix():
            continue
        for name in sorted(_imports(path)):
            if name.startswith(forbidden):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    return bad


@pytest.mark.parametrize(("folder", "forbidden", "skip"), [
    ("gazetteer", ("incimap.geo", "incimap.maps"), ""),
    ("geo", ("incimap.maps",), "geo/cli/"),
    ("maps", ("incimap.geo.cli",), ""),
])
def test_a_layer_never_imports_the_layers_above_it(folder, forbidden, skip):
    assert _offenders(folder, forbidden, skip) == []


def test_the_gazetteer_tells_the_readers_matcher_when_its_stores_are_cleared(monkeypatch):
    from incimap.gazetteer import gazetteer as gz
    from incimap.geo.reader import matcher as mentions

    mentions._MATCHERS["probe"] = object()
    gz.clear_cache()
    assert "probe" not in mentions._MATCHERS
