"""Issue 11, hardening: linear time, bounded reads, option limits, huge numbers, and the
same output under any PYTHONHASHSEED.

Time is never asserted with a stopwatch (these machines are shared and noisy): the
scaling tests count work (Python calls, characters handed to a regex) at two sizes,
and the regex cases that used to take minutes run in a subprocess with a generous
timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import bench_pathological as pathological  # noqa: E402

SEED = ROOT / "seeds" / "jaffar_express_2025-03-12.txt"
ARTICLES = [SEED, *sorted((ROOT / "tests" / "articles").glob("*.txt")),
            *sorted((ROOT / "tests" / "articles_unseen").glob("*.txt"))]
# Paragraphs of several test articles with some names swapped (bench_extract's corpus):
# "Colômbia" (a Brazilian town) ties Brazil with Colombia in the country vote, which set
# order used to settle (other output under PYTHONHASHSEED 4 than under 1 to 3).
MIXED = ROOT / "tests" / "hardening" / "mixed_countries.txt"
PUBLISHED = dt.date(2025, 3, 12)


def _limit_memory():
    limit = 3 * 1024**3  # a runaway read fails the test, not the machine
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _geo(*args: str, stdin=None, env: dict | None = None, timeout: float = 120):
    return subprocess.run([sys.executable, "-m", "incimap.geo", *args], cwd=ROOT, stdin=stdin,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, preexec_fn=_limit_memory)


def _python(code: str, timeout: float = 120, env: dict | None = None):
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})},
                          preexec_fn=_limit_memory)


def _one_error_line(result, *words: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("incimap: ") and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# ------------------------------------------------------------------------- linear time


def _calls(fn, *args, **kwargs) -> int:
    """Python-level calls (generator resumptions included) made by ``fn``: a work count
    that does not depend on the machine's load."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        fn(*args, **kwargs)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize(("kind", "size"), [("sentences", 40_000), ("one_sentence", 40_000),
                                          ("event_list", 10_000)])
def test_extract_work_grows_linearly_with_the_article(kind, size, isolated_cache):
    from incimap.geo.extract import extract

    make = pathological.KINDS[kind]
    extract(make(size), published=PUBLISHED)  # the matcher and the caches warmed up
    small = _calls(extract, make(size), published=PUBLISHED)
    large = _calls(extract, make(4 * size), published=PUBLISHED)
    # Four times the text: linear work is about 4x (the token-in-mention scan, the sentence
    # list lookup and the place-against-place check that were quadratic gave 6x to 16x).
    assert large / small < 5.5, (kind, small, large)


class _CountingPattern:
    """Wraps a compiled pattern and counts the characters it is asked to scan."""

    def __init__(self, pattern):
        self.pattern, self.scanned, self.longest = pattern, 0, 0

    def _seen(self, text: str) -> None:
        self.scanned += len(text)
        self.longest = max(self.longest, len(text))

    def search(self, text, *args):
        self._seen(text)
        return self.pattern.search(text, *args)

    def match(self, text, *args):
        self._seen(text)
        return self.pattern.match(text, *args)


def test_roles_read_a_long_sentence_once_and_only_near_each_place(monkeypatch):
    from incimap.geo.models import Mention, Span
    from incimap.geo.reader import roles

    text = "Quetta, " * 4000
    sentence = Span(0, len(text), text)
    mentions = [Mention("Quetta", Span(i, i + 6, "Quetta"), sentence)
                for i in range(0, len(text), 8)]
    journey = _CountingPattern(roles.JOURNEY)
    based = _CountingPattern(roles.BASED_IN)
    monkeypatch.setattr(roles, "JOURNEY", journey)
    monkeypatch.setattr(roles, "BASED_IN", based)
    roles._journey.cache_clear()
    roles.assign_roles(mentions)
    assert journey.scanned <= len(text)  # once per sentence, not once per mention
    assert based.longest <= 90  # the words before a place, not the sentence's head


def test_a_sentence_is_added_to_an_incident_by_a_set_lookup():
    from incimap.geo.models import Span
    from incimap.geo.reader.incidents import _Draft

    class NoScan(list):
        def __contains__(self, item):
            raise AssertionError("a list scan per sentence is quadratic")

    draft = _Draft("main", "violence", None, sentences=NoScan())
    spans = [Span(i, i + 1, "x") for i in range(100)]
    for s in spans + spans:
        draft.add_sentence(s)
    assert list(draft.sentences) == spans


def test_the_year_tally_pattern_does_not_rescan_a_long_word():
    result = _python("from incimap.geo.reader.background import is_aggregate\n"
                     "assert not is_aggregate('Qu' + 'a' * 2_000_000)\n"
                     "assert is_aggregate('Twelve attacks this year.')\n"
                     "assert not is_aggregate('In October last year.')\n")
    assert result.returncode == 0, result.stderr


def test_a_two_megabyte_word_and_letter_runs_are_read_in_reasonable_time(isolated_cache):
    result = _python("import datetime as dt\n"
                     "from incimap.geo.extract import extract\n"
                     "import bench_pathological as p\n"
                     "for text in (p.long_word(2_000_000), p.letters(1_000_000),\n"
                     "             'Militants attacked in ' + p.long_word(100_000)):\n"
                     "    extract(text, published=dt.date(2025, 3, 12))\n",
                     timeout=240, env={"PYTHONPATH": os.pathsep.join(
                         filter(None, [str(ROOT / "bench"), os.environ.get("PYTHONPATH")]))})
    assert result.returncode == 0, result.stderr


def test_the_numbers_reader_looks_only_a_bounded_way_ahead(monkeypatch):
    from incimap.geo.reader import figures, quantities

    measure = _CountingPattern(quantities.MEASURE_AFTER)
    monkeypatch.setattr(quantities, "MEASURE_AFTER", measure)
    text = "12 people were killed, " * 3000
    assert len(figures.parse_figures(text)) == 3000
    assert measure.longest <= quantities.LOOK_AHEAD


# ------------------------------------------------------------------------------ limits


def test_dev_zero_as_the_article_fails_on_one_line_within_bounded_memory(isolated_cache):
    result = _geo("extract", "/dev/zero", timeout=60)
    _one_error_line(result, "/dev/zero", "20 MB", "INCIMAP_MAX_ARTICLE_MB")


def test_an_endless_stdin_is_refused_at_the_limit(isolated_cache):
    with open("/dev/zero", "rb") as zero:
        result = _geo("extract", "-", stdin=zero, env={"INCIMAP_MAX_ARTICLE_MB": "1"},
                      timeout=60)
    _one_error_line(result, "<stdin>", "1 MB", "INCIMAP_MAX_ARTICLE_MB")


def test_the_article_limit_can_be_raised_and_lowered(tmp_path, monkeypatch):
    from incimap.geo.exceptions import InputError
    from incimap.geo.fileio import read_text

    article = tmp_path / "big.txt"
    article.write_text("Quetta. " * 200_000)  # 1.6 MB
    monkeypatch.setenv("INCIMAP_MAX_ARTICLE_MB", "1")
    with pytest.raises(InputError, match=r"big.txt: article is larger than the 1 MB limit"):
        read_text(article, what="article")
    monkeypatch.setenv("INCIMAP_MAX_ARTICLE_MB", "2")
    assert len(read_text(article, what="article")) == 1_600_000
    monkeypatch.setenv("INCIMAP_MAX_ARTICLE_MB", "lots")
    with pytest.raises(InputError, match="INCIMAP_MAX_ARTICLE_MB must be a number"):
        read_text(article, what="article")


def test_a_megabyte_line_in_a_names_file_is_a_row_error_not_a_hang(tmp_path, isolated_cache):
    names = tmp_path / "names.txt"
    names.write_text("Quetta\n" + "a" * 1_000_000 + "\nPeshawar\n")
    result = _geo("geocode", "--file", str(names), "--csv", timeout=120)
    assert result.returncode == 2, result.stderr
    assert "Quetta" in result.stdout and "Peshawar" in result.stdout
    assert "longer than the 200-character limit" in result.stderr
    assert "aaaa" not in result.stderr and "Traceback" not in result.stderr


def test_a_too_long_name_is_refused_by_the_library():
    from incimap.geo.exceptions import InputError
    from incimap.geo.geocode import MAX_NAME_CHARS, geocode

    with pytest.raises(InputError, match="200-character limit"):
        geocode("x" * (MAX_NAME_CHARS + 1))


def test_route_stats_refuses_a_segment_length_that_makes_millions_of_segments(isolated_cache):
    result = _geo("route", "stats", "--segment-km", "0.001", timeout=120)
    _one_error_line(result, "0.001 km", "10,000 segments", "km or more")


def test_the_online_timeout_has_a_range(isolated_cache):
    result = _geo("geocode", "Quetta", "--timeout", "100000", timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "300" in result.stderr


# ----------------------------------------------------------------------------- numbers


def test_a_five_thousand_digit_number_never_raises():
    from incimap.geo.reader.figures import parse_figures
    from incimap.geo.reader.quantities import parse_quantities

    text = "1" * 5000 + " people were killed and " + "2" * 5000 + ".5 million fled."
    assert parse_quantities(text) == []
    assert parse_figures(text) == []


def test_a_power_is_not_a_count():
    from incimap.geo.reader.figures import parse_figures

    assert parse_figures("10^400 killed") == []
    assert parse_figures("10**6 people were killed") == []


def test_a_hundred_hundred_hundred_stops_growing():
    from incimap.geo.reader.quantities import parse_quantities

    q = parse_quantities("one " + "hundred " * 5000 + "people")
    assert q and len(str(q[0].value)) < 40


def test_an_implausible_toll_is_kept_as_a_claim_but_not_counted():
    from incimap.geo.reader.figures import fatalities, parse_figures

    figures = parse_figures("At least 10,000,000,000,000,000,000,000 people were killed, "
                            "officials said, and 12 soldiers were killed.")
    huge = [f for f in figures if f.value > 10**20]
    assert huge and huge[0].kind == "fatalities" and huge[0].implausible
    assert huge[0].to_dict()["implausible"] is True
    assert "implausible" not in [f for f in figures if f.value == 12][0].to_dict()
    assert fatalities(figures) == 12


@pytest.fixture(scope="module")
def huge_article(tmp_path_factory):
    folder = tmp_path_factory.mktemp("huge")
    path = folder / "huge.txt"
    path.write_text("Militants attacked a police post in Quetta on Tuesday.\n\n"
                    "At least 10,000,000,000,000,000,000,000 people were killed in the attack "
                    "in Quetta, officials said. Another 10^400 killed.\n\n"
                    f"The number {'7' * 5000} people were killed.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml", "csv", "parquet"])
def test_export_of_a_10_to_the_21_toll_does_not_crash(fmt, huge_article, tmp_path,
                                                      isolated_cache):
    out = tmp_path / f"out.{fmt}"
    result = _geo("export", str(huge_article), "--published", "2025-03-12", "-f", fmt,
                  "-o", str(out), "--no-route")
    assert result.returncode == 0, result.stderr
    assert out.exists() and out.stat().st_size > 0


def test_extract_csv_and_json_of_a_10_to_the_21_toll(huge_article, isolated_cache):
    csv_out = _geo("extract", str(huge_article), "--published", "2025-03-12", "-f", "csv")
    assert csv_out.returncode == 0, csv_out.stderr
    assert "Quetta" in csv_out.stdout
    js = _geo("extract", str(huge_article), "--published", "2025-03-12", "-f", "json")
    assert js.returncode == 0, js.stderr
    incident = json.loads(js.stdout)["incidents"][0]
    assert incident["fatalities"] == 0  # the implausible claim is not the toll
    assert any(f.get("implausible") for f in incident["figures"])
    assert all(f["value"] != 400 for f in incident["figures"])


def test_curated_tolls_above_the_bound_are_refused(tmp_path):
    from incimap.geo.curated import load_curated
    from incimap.geo.exceptions import InputError

    text = (ROOT / "seeds" / "incidents.yaml").read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(text)
    records = data["incidents"] if isinstance(data, dict) else data
    data["article"] = str(SEED)
    records[0]["fatalities"] = 10**21
    bad = tmp_path / "incidents.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError, match="above the plausible"):
        load_curated(bad)


# ------------------------------------------------------------------------- determinism

_BATCH = """
import json, sys
from pathlib import Path
from incimap.geo.cli.extract_cmd import render
from incimap.geo.extract import extract, extract_file, parse_date
out = {}
for path in sys.argv[1:]:
    meta = Path(path).with_suffix(".yaml").exists()  # else a date, not today's
    out[path] = render(extract_file(path, published=None if meta else parse_date("2025-03-12")),
                       "json")
# Ties between countries: one ambiguous name alone, then two names of different countries.
for text in ("Gunmen attacked Springfield on Tuesday.", "Gunmen attacked Hyderabad on Tuesday.",
             "Militants attacked Reading and Kano on Monday, killing 3 people."):
    out[text] = render(extract(text, published=parse_date("2025-03-12"), source="t"), "json")
print(json.dumps(out, sort_keys=True))
"""


def test_extraction_is_the_same_under_any_hash_seed(isolated_cache):
    runs = []
    for seed in ("1", "2", "4"):
        result = subprocess.run([sys.executable, "-c", _BATCH, *map(str, [*ARTICLES, MIXED])],
                                cwd=ROOT,
                                capture_output=True, text=True, timeout=600,
                                env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        runs.append(result.stdout)
    assert len(json.loads(runs[0])) == len(ARTICLES) + 4
    assert runs[0] == runs[1] == runs[2]


def test_document_country_ties_do_not_depend_on_set_order():
    from types import SimpleNamespace

    from incimap.geo.reader.resolution import document_country

    def cand(cc):
        return SimpleNamespace(row=SimpleNamespace(country=cc, ftype="city", importance=10.0))

    # One name in two countries: a tie broken by name, whatever order the set iterates in
    # (twenty pairs: the chance that set order alone gets them all right is one in 2**20).
    codes = "AF BD BF CD CO DE ES FR GB IN IR IQ KE ML MX NG PH PK SO US UA".split()
    for a, b in zip(codes, reversed(codes), strict=True):
        if a != b:
            assert document_country({"x": ("", [cand(a), cand(b)])}) == min(a, b)
