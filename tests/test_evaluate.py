"""`incimap evaluate`: reading the standard corpus formats and computing their metrics, on
small self-written corpora (the real ones are referenced by path in bench/, never copied)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from incimap.geo import evaluate as ev

TEXT_A = "Gunmen attacked a market in Quetta and a bus station in Lahore."
TEXT_B = "Floods hit Peshawar on Monday."


def _lgl(path, with_bad=False):
    bad = ("<toponym><start>x</start><end>3</end><phrase>Nowhere</phrase></toponym>"
           if with_bad else "")
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="a1"><text><![CDATA[{TEXT_A}]]></text><toponyms>
    <toponym><start>28</start><end>34</end><phrase>Quetta</phrase>
      <gaztag geonameid="1167528"><name>Quetta</name><lat>30.18</lat><lon>67.0</lon></gaztag>
    </toponym>
    <toponym><start>56</start><end>62</end><phrase>Lahore</phrase>
      <gaztag geonameid="1172451"><lat>31.55</lat><lon>74.34</lon></gaztag></toponym>
    {bad}
  </toponyms></article>
  <article docid="b2"><text>{TEXT_B}</text><toponyms>
    <toponym><start>10</start><end>18</end><phrase>Peshawar</phrase></toponym>
  </toponyms></article>
</articles>""", encoding="utf-8")
    return path


def _geovirus(path):
    # Offsets one character off the text, as in the real GeoVirus file.
    path.write_text(f"""<articles><article><source>https://example.org/a</source>
<text>{TEXT_A}</text><locations>
<location><name>Quetta</name><start>29</start><end>35</end><lat>30.18</lat><lon>67.0</lon>
<page>x</page></location></locations></article></articles>""", encoding="utf-8")
    return path


def test_reads_lgl_with_ids_and_unlocated_toponyms(tmp_path):
    docs = list(ev.read_corpus(_lgl(tmp_path / "c.xml", with_bad=True)))
    assert [d.id for d in docs] == ["a1", "b2"]
    quetta, lahore = docs[0].toponyms  # the bad toponym is skipped
    assert (quetta.start, quetta.end, quetta.name, quetta.geonameid) == (28, 34, "Quetta",
                                                                         "1167528")
    assert (quetta.lat, quetta.lon) == (30.18, 67.0) and lahore.located
    assert not docs[1].toponyms[0].located


def test_geovirus_offsets_are_aligned_to_the_name(tmp_path):
    (doc,) = ev.read_corpus(_geovirus(tmp_path / "g.xml"))
    t = doc.toponyms[0]
    assert TEXT_A[t.start:t.end] == "Quetta" and doc.id == "https://example.org/a"


def test_match_spans_overlap_each_used_once():
    predicted = [(0, 5), (10, 20), (12, 14), (30, 35)]
    gold = [(2, 6), (11, 13), (40, 45)]
    assert ev.match_spans(predicted, gold) == [(0, 0), (1, 1)]


def test_prf_and_auc():
    assert ev.prf(2, 4, 3) == pytest.approx((0.5, 2 / 3, 4 / 7))
    assert ev.prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert ev.error_auc([0.0, 0.0]) == 0.0
    assert ev.error_auc([ev.MAX_ERROR_KM] * 3) == pytest.approx(1.0)
    assert 0 < ev.error_auc([1.0, 100.0, 10000.0]) < 1
    assert ev.error_auc([50.0]) == pytest.approx(math.log1p(50) / math.log1p(ev.MAX_ERROR_KM))


def test_split_is_by_document_id_and_stable():
    doc = ev.GoldDocument("a1", "", ())
    assert doc.split("lgl") == doc.split("lgl")
    parts = [ev.GoldDocument(str(i), "", ()).split("lgl") for i in range(1000)]
    assert 150 < parts.count("test") < 250  # one in five


def test_score_document_counts_found_and_placed(isolated_cache, tmp_path):
    docs = list(ev.read_corpus(_lgl(tmp_path / "c.xml")))
    scores = ev.evaluate(tmp_path / "c.xml")
    table = scores["all"]
    assert table["documents"] == 2 and table["gold_names"] == 3
    # Quetta, Lahore and Peshawar are found and placed by the reader.
    assert table["geotagging_recall"] == pytest.approx(1.0)
    assert table["resolution_acc161"] == pytest.approx(1.0)
    assert table["end_to_end_acc161"] == pytest.approx(1.0)
    assert table["resolution_exact_id"] == pytest.approx(1.0)
    assert sum(scores[p]["documents"] for p in ("dev", "test") if p in scores) == len(docs)


def test_a_wrong_answer_is_far(isolated_cache):
    doc = ev.GoldDocument("x", TEXT_B, (ev.GoldToponym(10, 18, "Peshawar", -33.9, 18.4),))
    resolved = ev.resolve_gold(doc)
    scores, errors = ev.score_document(doc, [], resolved)
    assert scores.errors_km[0] > 10000 and errors["far"][0]["name"] == "Peshawar"
    assert errors["missed"] == ["Peshawar"] and scores.found_located == 0


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "incimap.geo", "evaluate", *args],
                          capture_output=True, text=True, timeout=300)


def test_cli_prints_the_table_and_writes_errors(isolated_cache, tmp_path):
    corpus = _lgl(tmp_path / "c.xml")
    errors = tmp_path / "errors.jsonl"
    out = _cli(str(corpus), "--errors", str(errors), "--limit", "1")
    assert out.returncode == 0, out.stderr
    assert "geotagging F1" in out.stdout and "all gold names within 161 km" in out.stdout
    records = [json.loads(line) for line in errors.read_text().splitlines()]
    assert len(records) == 1 and records[0]["id"] == "a1"
    as_json = json.loads(_cli(str(corpus), "--json").stdout)
    assert as_json["all"]["documents"] == 2


@pytest.mark.parametrize("content, message", [
    ("<articles><article>", "not a corpus XML file"),
    ("<root><x/></root>", "no <article> elements"),
])
def test_cli_bad_corpus_is_one_line(tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_text(content)
    out = _cli(str(path))
    assert out.returncode == 2 and message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_cli_missing_corpus(tmp_path):
    out = _cli(str(tmp_path / "none.xml"))
    assert out.returncode == 2 and "corpus not found" in out.stderr
