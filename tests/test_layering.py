"""Lower layers never import upper ones: gazetteer < geo < maps < geo.cli; inside the
reader (geo/reader/), each module imports only the ones below it, and only english.py
compiles word patterns."""

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
    from incimap.geo.reader import matcher

    matcher._MATCHERS["probe"] = object()
    gz.clear_cache()
    assert "probe" not in matcher._MATCHERS


# --------------------------------------------------------------------------- the reader

READER = ROOT / "geo" / "reader"
# Bottom first: a module may import only the ones before it.
READER_ORDER = ("english", "document", "matcher", "places", "unknown", "spans", "resolution",
                "dates", "background", "triggers", "roles", "quantities", "figures", "actors",
                "directions", "incidents", "pipeline")


def _reader_imports(name: str) -> set[str]:
    prefix = "incimap.geo.reader."
    found = set()
    for module in _imports(READER / f"{name}.py"):
        if module.startswith(prefix):
            found.add(module[len(prefix):].split(".")[0])
    # "from incimap.geo.reader import english" names the module as an alias
    for node in ast.walk(ast.parse((READER / f"{name}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "incimap.geo.reader":
            found.update(alias.name for alias in node.names)
    return found - {name}


def test_every_reader_module_has_its_place_in_the_order():
    assert sorted(READER_ORDER) == sorted(p.stem for p in READER.glob("*.py")
                                          if p.stem != "__init__")


@pytest.mark.parametrize("name", READER_ORDER)
def test_a_reader_module_imports_only_the_modules_below_it(name):
    below = set(READER_ORDER[:READER_ORDER.index(name)])
    assert _reader_imports(name) - below == set()


def test_roles_and_incidents_never_import_each_other():
    assert "incidents" not in _reader_imports("roles")
    assert "roles" not in _reader_imports("incidents")


def test_the_english_module_imports_no_stage_and_nothing_of_the_project():
    assert not any(m.startswith("incimap") for m in _imports(READER / "english.py"))


# Patterns of text structure, not of words; every other pattern is built in english.py.
STRUCTURAL_PATTERNS = {
    "document": {"_SENTENCE_END", "TOKEN", "NUMBER_TOKEN", "_LOWER_WORD"},
    "places": {"_DOTTED", "_ABBREVIATION_BEFORE", "_QUOTED_SPEAKER", "_INITIAL_BEFORE",
               "_TITLE_BEFORE"},
    "unknown": {"_WORD_BEFORE"},
    "actors": {"_ACRONYM_AFTER"},
    "background": {"_HAS_YEAR"},
}


def _compiled(path: Path) -> list[str]:
    """What each ``re.compile`` of a module is assigned to ("?" if to nothing)."""
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for value in ast.walk(node.value):
                targets[id(value)] = ",".join(getattr(t, "id", "?") for t in node.targets)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "compile" and getattr(node.func.value, "id", "") == "re"):
            out.append(targets.get(id(node), "?"))
    return out


@pytest.mark.parametrize("name", [n for n in READER_ORDER if n != "english"])
def test_only_the_english_module_compiles_word_patterns(name):
    extra = set(_compiled(READER / f"{name}.py")) - STRUCTURAL_PATTERNS.get(name, set())
    assert extra == set(), f"reader/{name}.py compiles {sorted(extra)}: build it in english.py"


def test_the_structural_patterns_hold_no_word_list():
    # A list of words joined by "|" is a word pattern, whatever the module calls it.
    import re

    from incimap.geo.reader import actors, background, document, places, unknown

    modules = {"document": document, "places": places, "unknown": unknown, "actors": actors,
               "background": background}
    for name, names in STRUCTURAL_PATTERNS.items():
        for attr in names:
            pattern = getattr(modules[name], attr).pattern
            assert not re.search(r"[a-z]{2,}\|[a-z]{2,}", pattern), f"{name}.{attr}"


_REGEX_CALLS = {"search", "match", "fullmatch", "finditer", "findall", "sub", "split", "compile"}


def _has_words(pattern: str) -> bool:
    """A letter run of two or more outside character classes and escapes: a word."""
    import re

    bare = re.sub(r"\\[A-Za-z]|\[[^\]]*\]|\(\?[A-Za-z]+[:)]|\{[^}]*\}", "", pattern)
    return bool(re.search(r"[A-Za-z]{2,}", bare))


def _inline_word_patterns(path: Path) -> list[str]:
    """Lines where a module calls ``re`` with a literal pattern that holds words."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _REGEX_CALLS and getattr(node.func.value, "id", "") == "re"
                and node.args):
            continue
        first = node.args[0]
        parts = [first] if isinstance(first, ast.Constant) else (
            list(first.values) if isinstance(first, ast.JoinedStr) else [])
        if any(isinstance(p, ast.Constant) and isinstance(p.value, str) and _has_words(p.value)
               for p in parts):
            out.append(f"{path.name}:{node.lineno}")
    return out


@pytest.mark.parametrize("name", [n for n in READER_ORDER if n != "english"])
def test_stage_modules_write_no_word_pattern_inline(name):
    assert _inline_word_patterns(READER / f"{name}.py") == []


def test_an_inline_word_pattern_is_found():
    assert _has_words(r"\b(?:said|told)\b") and _has_words(r"\bpolice(?:men)?\b")
    assert not _has_words(r"\s+([a-z]+)\b") and not _has_words(r"(?<![\w.])([A-Z][a-z]{1,4})\.\s$")
