"""`incimap evaluate FOLDER`: the incident reader scored on a hand-coded corpus, here a
self-written one-article corpus in tmp_path (the real one is tests/corpus/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from incimap.geo import evaluate_incidents as ev
from incimap.geo.exceptions import InputError

TEXT = ("Gunmen kill five in Quetta market attack\n\n"
        "QUETTA, Pakistan - Gunmen opened fire in a market in Quetta on Monday, killing five "
        "people, police said.\n")
MAIN = {"main": True, "event_date": "2025-03-10", "time_precision": 1,
        "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (Pakistan)", "fatalities": 5,
        "location": {"name": "Quetta", "lat": 30.1841, "lon": 67.0014, "tolerance_km": 15}}


def _corpus(tmp_path, main=MAIN, split="frozen"):
    (tmp_path / "articles").mkdir()
    (tmp_path / "coding").mkdir()
    (tmp_path / "articles" / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "articles" / "x.yaml").write_text(yaml.safe_dump(
        {"published": "2025-03-12", "split": split}), encoding="utf-8")
    (tmp_path / "coding" / "x.yaml").write_text(yaml.safe_dump({"incidents": [main]}),
                                                encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("coded, found, ok", [
    ("BLA: Baloch Liberation Army", "BLA: Baloch Liberation Army", True),
    ("Baloch Liberation Army", "BLA: Baloch Liberation Army", True),
    ("Unidentified Armed Group (Pakistan)", "Unidentified Armed Group (Pakistan)", True),
    ("Taliban", "Military Forces of Pakistan", False),
    ("", "Taliban", False),
    ("Al Shabaab", "Al-Shabaab", True),
])
def test_actors_match(coded, found, ok):
    assert ev.actors_match(coded, found) is ok


@pytest.mark.parametrize("precision, found, ok", [
    (1, "2025-03-10", True), (1, "2025-03-11", False), (2, "2025-03-15", True),
    (3, "2025-03-30", True), (1, "not a date", False),
])
def test_dates_match_within_precision(precision, found, ok):
    assert ev.dates_match({"event_date": "2025-03-10", "time_precision": precision},
                          found) is ok


def test_a_correct_reading_scores_every_field(isolated_cache, tmp_path):
    scores = ev.evaluate_incidents(_corpus(tmp_path))
    assert scores["frozen"]["articles"] == 1 and "dev" not in scores
    assert {k: v for k, v in scores["all"].items() if k.startswith("main_")} == {
        f"main_{name}": 1.0 for name in ev.FIELDS}
    assert scores["all"]["extra_per_article"] == 0


def test_a_wrong_coding_scores_the_field_wrong(isolated_cache, tmp_path):
    main = {**MAIN, "fatalities": 6, "location": {**MAIN["location"], "lat": 31.5}}
    scores = ev.evaluate_incidents(_corpus(tmp_path, main))["all"]
    assert scores["main_fatalities"] == 0 and scores["main_place"] == 0
    assert scores["main_event_type"] == 1


def test_a_coding_without_main_is_refused(tmp_path):
    _corpus(tmp_path, {**MAIN, "main": False})
    with pytest.raises(InputError, match="exactly one incident with main: true"):
        ev.read_coded_corpus(tmp_path)


def test_cli_prints_the_incident_table(isolated_cache, tmp_path):
    out = subprocess.run([sys.executable, "-m", "incimap.geo", "evaluate", str(_corpus(tmp_path))],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "main incident: fatalities exact" in out.stdout and "frozen" in out.stdout


def test_the_committed_corpus_reads(tmp_path):
    articles = ev.read_coded_corpus(Path(__file__).parent / "corpus")
    # Issue 10's bar: at least 60 reports from 25 countries, a frozen part of 20 or more.
    assert len(articles) >= 60
    assert sum(a.split == "frozen" for a in articles) >= 20
    countries = {yaml.safe_load(a.text_path.with_suffix(".yaml").read_text())["country"]
                 for a in articles}
    assert len(countries) >= 25, sorted(countries)
    assert all(a.text_path.exists() for a in articles)


def test_the_dev_split_never_reads_or_scores_a_frozen_article(isolated_cache, tmp_path,
                                                              monkeypatch):
    from incimap.geo import extract

    read = []
    real = extract.extract_file
    monkeypatch.setattr(extract, "extract_file", lambda path, **kw: read.append(path) or
                        real(path, **kw))
    corpus = _corpus(tmp_path)  # its one article is frozen
    assert ev.evaluate_incidents(corpus, split="dev") == {"dev": ev.IncidentScores().table()}
    assert read == []
    frozen = ev.evaluate_incidents(corpus, split="test")
    assert list(frozen) == ["frozen"] and frozen["frozen"]["articles"] == 1 and read
    with pytest.raises(InputError, match="unknown split"):
        ev.evaluate_incidents(corpus, split="holdout")
