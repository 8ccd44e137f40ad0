"""The learned place recogniser (reader.spans): its candidates, features, guards and model.

Each passage is written for its test; none is taken from a corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from incimap.geo.exceptions import InputError
from incimap.geo.reader import spans
from incimap.geo.reader.document import Document
from incimap.geo.reader.matcher import get_matcher
from incimap.geo.reader.places import find_mentions

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gaz(isolated_cache):
    from incimap.gazetteer.gazetteer import open_gazetteer

    return open_gazetteer()


@pytest.fixture(scope="module")
def matcher(gaz):
    return get_matcher(gaz)


def classified(text: str, gaz) -> list[str]:
    from incimap.geo.extract import extract

    return [m.surface for m in extract(text, gazetteer=gaz, recognizer="classifier").mentions]


def candidate(text: str, surface: str, matcher, gaz) -> tuple[spans.Candidate, dict]:
    """The candidate written ``surface`` and its features."""
    doc = Document(text)
    cands = spans.candidates(doc, matcher)
    for c, f in zip(cands, spans.features(doc, cands, gaz), strict=True):
        if text[c.start:c.end] == surface:
            return c, f
    raise AssertionError(f"no candidate {surface!r} in {[text[c.start:c.end] for c in cands]}")


def is_guarded(text: str, surface: str, matcher, gaz) -> bool:
    doc = Document(text)
    c, _ = candidate(text, surface, matcher, gaz)
    return spans.guarded(doc, c)


# --------------------------------------------------------------------------- candidates


def test_find_mentions_records_what_each_filter_drops(matcher):
    text = "A faction of the Kandahar Liberation Front claimed the attack."
    rejected: list = []
    kept = find_mentions(text, matcher, rejected=rejected)
    assert [m.surface for m in kept] == []
    assert (text.index("Kandahar"), text.index("Kandahar") + 8, "longer_name") in rejected
    assert find_mentions(text, matcher) == kept  # without the hook, the same answer


def test_press_abbreviation_too_short_for_the_scan_is_a_candidate(matcher, gaz):
    text = "She grew up in Louisville, Ky., and moved away."
    c, _ = candidate(text, "Ky.", matcher, gaz)
    assert c.reason == "press_abbreviation" and c.known
    assert "Ky." in classified(text, gaz)


def test_capitalised_run_joins_across_a_short_abbreviations_dot(matcher):
    text = "They marched to St. Cloud on Friday."
    runs = [text[s:e] for s, e in spans._capitalised_runs(Document(text))]
    assert "St. Cloud" in runs


def test_capitalised_run_stops_at_a_date(matcher):
    text = "Police in Alexandria Friday said the road was shut."
    runs = [text[s:e] for s, e in spans._capitalised_runs(Document(text))]
    assert "Alexandria" in runs and "Alexandria Friday" not in runs


def test_candidates_never_overlap(matcher):
    doc = Document("The Herat Regional Hospital in Herat took in the wounded from Mayfield Road.")
    cands = spans.candidates(doc, matcher)
    for a, b in zip(cands, cands[1:], strict=False):
        assert a.end <= b.start


# --------------------------------------------------------------------------- features


def test_street_word_after_the_name_is_a_feature(matcher, gaz):
    _, f = candidate("The crash closed Mayfield Road near Cleveland.", "Mayfield", matcher, gaz)
    assert f.get("after=street") and f.get("run_last=street")


def test_numbered_road_is_a_feature(matcher, gaz):
    _, f = candidate("A truck overturned on Interstate 395 near Alexandria.", "Interstate",
                     matcher, gaz)
    assert f.get("road_number")


def test_party_letter_before_a_hometown_is_a_feature(matcher, gaz):
    _, f = candidate("Senator Jim Reed, D-Marion, voted no.", "Marion", matcher, gaz)
    assert f.get("before=party")


def test_comma_and_place_after_and_before_are_features(matcher, gaz):
    text = "She grew up in Louisville, Ky., and moved away."
    _, louisville = candidate(text, "Louisville", matcher, gaz)
    _, ky = candidate(text, "Ky.", matcher, gaz)
    assert louisville.get("after=comma_place") and louisville.get("before=place_preposition")
    assert ky.get("before=comma_place")


def test_dateline_sentence_start_caps_and_lower_case_use_are_features(matcher, gaz):
    text = "HOPE, Arkansas (wire) - Police said there is little hope of finding the boat."
    _, f = candidate(text, "HOPE", matcher, gaz)
    assert f.get("dateline") and f.get("all_caps") and f.get("sentence_initial")
    assert f.get("lower_elsewhere") and f.get("common_word")


def test_gazetteer_class_and_kind_interactions_are_features(matcher, gaz):
    _, f = candidate("Gunmen attacked a market in Kandahar.", "Kandahar", matcher, gaz)
    assert f["reason=kept"] == 1.0 and any(k.startswith("ftype=") for k in f)
    assert f.get("kept&before=place_preposition")


def test_a_name_the_article_keeps_elsewhere_is_a_feature(matcher, gaz):
    text = "The Herat Regional Hospital took in the wounded after the blast in Herat."
    _, f = candidate(text, "Herat", matcher, gaz)  # the first, inside the hospital's name
    assert f.get("kept_elsewhere") and f.get("run_last=organisation")


# --------------------------------------------------------------------------- guards


def test_no_place_inside_an_armed_groups_name(matcher, gaz):
    text = "A faction of the Kandahar Liberation Front claimed the attack on Tuesday."
    assert is_guarded(text, "Kandahar", matcher, gaz)
    assert "Kandahar" not in classified(text, gaz)


def test_no_place_inside_an_armed_groups_name_even_ending_in_a_division(matcher, gaz):
    text = "The Islamic State Kandahar Province said its fighters attacked the post."
    assert is_guarded(text, "Kandahar", matcher, gaz)


def test_no_place_inside_an_organisations_name(matcher, gaz):
    text = "The wounded were taken to the Herat Regional Hospital after the blast in Herat."
    assert is_guarded(text, "Herat", matcher, gaz)
    assert classified(text, gaz) == ["Herat"]  # the place of the blast only


def test_no_place_after_of_in_an_organisations_name(matcher, gaz):
    text = "A spokesman for the Armed Forces of Peru said the patrol was ambushed near Lima."
    assert is_guarded(text, "Peru", matcher, gaz)
    assert classified(text, gaz) == ["Lima"]


def test_no_place_in_a_persons_name(matcher, gaz):
    text = "Among the dead was Pedro Santa Rosa, 31, a driver from Cebu."
    assert is_guarded(text, "Santa Rosa", matcher, gaz)
    assert classified(text, gaz) == ["Cebu"]


def test_demonym_is_never_a_place(matcher, gaz):
    text = "Nepali workers were hurt when a wall fell in Doha."
    assert is_guarded(text, "Nepali", matcher, gaz)
    assert classified(text, gaz) == ["Doha"]


def test_division_inside_an_organisations_name_stays_a_place(matcher, gaz):
    text = "The injured were treated at the Marion County Hospital in Ocala."
    assert not is_guarded(text, "Marion County", matcher, gaz)
    assert "Marion County" in classified(text, gaz)


def test_dateline_the_scan_keeps_stays_whatever_its_word_means(gaz):
    text = "HOPE, Arkansas (wire) - Police said there is little hope of finding the boat."
    assert "HOPE" in classified(text, gaz)


def test_capital_standing_for_its_government_is_guarded():
    assert "metonymy" in spans.GUARDED and "group" in spans.GUARDED


# --------------------------------------------------------------------------- model


def test_weights_file_loads_with_a_threshold():
    weights, threshold = spans.load_weights()
    assert 0.0 < threshold < 1.0
    assert weights["reason=kept"] > 0 > weights["reason=plain_word"]
    data = json.loads(spans.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert spans.WEIGHTS_PATH.stat().st_size < 50_000 and set(data) == {"threshold", "weights"}


def test_fit_script_help_runs():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "fit_spans.py"), "--help"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "--l2" in out.stdout


def test_classifier_finds_a_street_the_gazetteer_scan_drops(gaz):
    from incimap.geo.extract import extract

    text = "The crash closed Mayfield Road near Cleveland, police said."
    scan = [m.surface for m in extract(text, gazetteer=gaz, recognizer="gazetteer").mentions]
    assert "Mayfield" not in " ".join(scan)
    assert any(s.startswith("Mayfield") for s in classified(text, gaz))


def test_classifier_output_is_deterministic(gaz):
    from incimap.geo.extract import extract

    text = ("HOPE, Arkansas (wire) - Gunmen attacked a market in Kandahar and near Mayfield "
            "Road on Friday, officials of the Herat Regional Hospital said.")
    first = extract(text, gazetteer=gaz, recognizer="classifier").to_dict()
    again = extract(text, gazetteer=gaz, recognizer="classifier").to_dict()
    assert first == again


def test_unknown_recognizer_is_an_input_error(gaz):
    from incimap.geo.reader.pipeline import read

    with pytest.raises(InputError, match="recognizer|gazetteer, classifier"):
        read("Gunmen attacked a market in Kandahar.", gazetteer=gaz, recognizer="bogus")


def test_cli_extract_takes_the_recognizer(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Gunmen attacked a market in Kandahar on 3 May 2025.", encoding="utf-8")
    for name in ("gazetteer", "classifier"):
        out = subprocess.run([sys.executable, "-m", "incimap.geo", "extract", str(article),
                              "-f", "json", "--recognizer", name, "--published", "2025-05-04"],
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        assert [m["surface"] for m in json.loads(out.stdout)["mentions"]] == ["Kandahar"]


def test_evaluate_refuses_an_unknown_recognizer_before_reading(tmp_path):
    from incimap.geo.evaluate import evaluate

    with pytest.raises(InputError, match="gazetteer, classifier"):
        evaluate(tmp_path / "absent.xml", recognizer="bogus")


def test_cue_pass_still_runs_after_the_classifier(gaz):
    # "in X, <country>": the cue needs the resolved country, which candidates do not have.
    text = "Two bodies were found in a scrapyard in Wexcombury, England, on Friday."
    assert "Wexcombury" in classified(text, gaz)


def test_classifier_time_grows_linearly_with_the_article(matcher, gaz):
    import time

    sentence = "Officials of the Herat Regional Hospital in Herat met Pedro Santa Rosa. "

    def seconds(n: int) -> float:
        doc = Document(sentence * n)
        started = time.perf_counter()
        spans.recognize(doc, matcher, gaz)
        return time.perf_counter() - started

    seconds(50)  # warm the caches
    small, large = seconds(200), seconds(1600)
    assert large < 24 * max(small, 1e-3)  # 8 times the text; a quadratic step is 64 times
