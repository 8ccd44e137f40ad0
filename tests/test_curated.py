"""Curated incidents of the seed article: they load, quote it, and bad files fail clearly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from incimap import seeds
from incimap.geo.curated import load_curated
from incimap.geo.exceptions import DataError
from incimap.geo.models import ACLED_TAXONOMY, ROLES
from incimap.geo.reader.dates import resolve_date
from incimap.geo.reader.figures import parse_figures

ARTICLE = seeds.SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def incidents():
    return load_curated()


@pytest.fixture(scope="module")
def by_id(incidents):
    return {i.id: i for i in incidents}


def test_seed_incidents_load_as_curated(incidents):
    assert len(incidents) >= 5
    assert all(i.curated and i.source == seeds.SEED_ARTICLE.name for i in incidents)
    assert len({i.id for i in incidents}) == len(incidents)


def test_every_quote_is_found_verbatim_at_its_offsets(incidents):
    spans = [f.quote for i in incidents for f in i.figures]
    spans += [s for i in incidents for quoted in i.evidence.values() for s in quoted]
    assert spans
    for span in spans:
        assert ARTICLE[span.start:span.end] == span.text


def test_types_are_acled(incidents):
    for i in incidents:
        assert i.sub_event_type in ACLED_TAXONOMY[i.event_type]


def test_fatalities_are_the_lowest_claim(by_id):
    for inc in by_id.values():
        lowest = inc.count("fatalities")
        if inc.id == "august-2024-attacks-balochistan":  # over 50, minus Musakhail's 23
            musakhail = by_id["musakhail-passengers-killed-2024-08"]
            assert inc.fatalities == lowest - musakhail.fatalities
        elif lowest is not None:
            assert inc.fatalities == lowest


@pytest.mark.parametrize(
    ("incident_id", "event_date", "precision", "place_id", "fatalities"),
    [
        ("jaffar-express-hijacking-2025-03-11", "2025-03-11", 1, "overlay:mushkaf-tunnel", 10),
        ("jaffar-express-rescue-operation-2025-03-12", "2025-03-12", 2,
         "overlay:mushkaf-tunnel", 16),
        ("musakhail-passengers-killed-2024-08", "2024-08-01", 3, "overlay:musakhel-district", 23),
        ("miners-shot-dead-2024-10", "2024-10-01", 3, "overlay:balochistan", 20),
        ("august-2024-attacks-balochistan", "2024-08-01", 3, "overlay:balochistan", 27),
        ("august-2024-crackdown-balochistan", "2024-08-01", 3, "overlay:balochistan", 21),
    ],
)
def test_seed_incident_coding(by_id, incident_id, event_date, precision, place_id, fatalities):
    inc = by_id[incident_id]
    assert (inc.event_date, inc.time_precision) == (event_date, precision)
    assert inc.location.gazetteer_id == place_id
    assert inc.fatalities == fatalities


def test_rescue_keeps_both_claims_and_subsets_apart(by_id):
    rescue = by_id["jaffar-express-rescue-operation-2025-03-12"]
    militants = sorted((f.value, f.claimed_by) for f in rescue.figures if f.kind == "fatalities")
    assert militants == [(16, "officials"), (27, "Associated Press")]
    assert rescue.count("rescued") == 104
    assert sorted(f.value for f in rescue.figures if f.kind == "subset") == [15, 31]


def test_october_attack_has_injured_and_province_precision(by_id):
    inc = by_id["miners-shot-dead-2024-10"]
    assert inc.count("injured") == 6
    assert inc.geo_precision == 3


def test_locations_agree_with_the_places_overlay(incidents):
    if not seeds.PLACES_OVERLAY.exists():
        pytest.skip("places overlay not present")
    with seeds.PLACES_OVERLAY.open(encoding="utf-8") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    for inc in incidents:
        row = rows[inc.location.gazetteer_id.removeprefix("overlay:")]
        assert (inc.location.lat, inc.location.lon) == pytest.approx(
            (float(row["lat"]), float(row["lon"])), abs=1e-4)
        assert inc.location.feature_type == row["feature_type"]
        assert inc.location.radius_km == pytest.approx(float(row["radius_km"]))


# ---------------------------------------------------------------- bad files


ARTICLE_TEXT = "Gunmen killed 5 people in Kano on Monday. Police said 3 were arrested."


def good_record(**changes) -> dict:
    record = {
        "id": "kano-attack",
        "title": "Gunmen kill 5 in Kano",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "event_date": "2025-03-10",
        "time_precision": 1,
        "location": {"name": "Kano", "lat": 12.0, "lon": 8.52, "feature_type": "city",
                     "country": "NG", "admin1": "Kano"},
        "actor1": "Unidentified Armed Group (Nigeria)",
        "actor2": "Civilians (Nigeria)",
        "fatalities": 5,
        "figures": [{"kind": "fatalities", "value": 5, "who": "people",
                     "quote": "Gunmen killed 5 people in Kano on Monday."}],
        "evidence": {"location": ["in Kano"]},
    }
    record.update(changes)
    return record


def write(tmp_path, records, **top) -> str:
    path = tmp_path / "incidents.yaml"
    (tmp_path / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    doc = {"article": "article.txt", "published": "2025-03-12", **top, "incidents": records}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


def test_a_good_file_loads_from_its_own_article(tmp_path):
    (inc,) = load_curated(write(tmp_path, [good_record()]))
    assert inc.figures[0].quote.start == 0
    assert inc.evidence["location"][0].text == "in Kano"


def test_article_text_overrides_the_named_article(tmp_path):
    path = write(tmp_path, [good_record()])
    with pytest.raises(DataError, match="not found verbatim"):
        load_curated(path, article_text="A different article.")


def location_with(**changes) -> dict:
    return {**good_record()["location"], **changes}


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        (good_record(event_type="Massacre"), "kano-attack.event_type", "unknown ACLED"),
        (good_record(sub_event_type="Suicide bomb"), "kano-attack.sub_event_type",
         "not a sub-event type"),
        (good_record(event_date="2025-02-30"), "kano-attack.event_date", "ISO date"),
        (good_record(event_date="last week"), "kano-attack.event_date", "ISO date"),
        (good_record(event_date="2025-04-01"), "kano-attack.event_date", "after the article"),
        (good_record(time_precision=4), "kano-attack.time_precision", "1, 2 or 3"),
        (good_record(fatalities=-1), "kano-attack.fatalities", "whole number"),
        (good_record(fatalities=7), "kano-attack.fatalities", "lowest fatality figure"),
        (good_record(title=None), "kano-attack.title", "missing"),
        (good_record(location=None), "kano-attack.location", "missing"),
        (good_record(location=location_with(lat=95.0)), "kano-attack.location.lat", "within"),
        (good_record(location=location_with(lon="east")), "kano-attack.location.lon", "number"),
        (good_record(location=location_with(feature_type="hamlet")),
         "kano-attack.location.feature_type", "unknown feature type"),
        (good_record(location=location_with(country="Nigeria")), "kano-attack.location.country",
         "alpha-2"),
        (good_record(evidence={"location": ["in Abuja"]}), "kano-attack.evidence.location[0]",
         "not found verbatim"),
        (good_record(figures=[{"kind": "deaths", "value": 5, "quote": "in Kano"}]),
         "kano-attack.figures[0].kind", "unknown kind"),
        (good_record(figures=[{"kind": "fatalities", "value": 5, "high": 2, "quote": "in Kano"}]),
         "kano-attack.figures[0].high", ">= value"),
        (good_record(figures=[{"kind": "fatalities", "value": 5, "quote": "in Lagos"}]),
         "kano-attack.figures[0].quote", "not found verbatim"),
        (good_record(id=None), "#0.id", "missing"),
        (good_record(fatalities_excludes=["nope"]), "kano-attack.fatalities_excludes",
         "unknown record"),
    ],
)
def test_bad_records_name_file_record_and_field(tmp_path, record, field, message):
    path = write(tmp_path, [record])
    with pytest.raises(DataError) as err:
        load_curated(path)
    text = str(err.value)
    assert path in text and f"field '{field}'" in text and message in text
    assert "line " in text


def test_duplicate_ids_are_refused(tmp_path):
    path = write(tmp_path, [good_record(), good_record()])
    with pytest.raises(DataError, match=r"field 'kano-attack.id'.*duplicate"):
        load_curated(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("incidents: [unclosed\n", "invalid YAML"),
        ("- just a list\n", "'incidents' list"),
        ("article: missing.txt\nincidents: []\n", "cannot read the article"),
        ("incidents: []\n", "names no article"),
        ("published: soon\narticle: a.txt\nincidents: []\n", "ISO date"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(tmp_path, content, message):
    path = tmp_path / "incidents.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        load_curated(path)
    assert str(path) in str(err.value)


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="not found"):
        load_curated(tmp_path / "nope.yaml")


# ---------------------------------------------------------------- test article fixtures

ARTICLES_DIR = Path(__file__).parent / "articles"
FIXTURES = sorted(ARTICLES_DIR.glob("*.yaml"))


def test_there_are_at_least_four_test_articles():
    assert len(FIXTURES) >= 4


@pytest.fixture(params=FIXTURES, ids=lambda p: p.stem)
def fixture(request):
    meta = yaml.safe_load(request.param.read_text(encoding="utf-8"))
    text = (ARTICLES_DIR / meta["file"]).read_text(encoding="utf-8")
    return meta, text


def test_article_length_is_wire_sized(fixture):
    _, text = fixture
    assert 150 <= len(text.split()) <= 350


def test_expected_places_point_into_the_article(fixture):
    meta, text = fixture
    for place in meta["places"]:
        assert place["context"] in text, place["context"]
        assert place["surface"] in place["context"]
        assert place["role"] in ROLES
        if place["lat"] is not None:
            assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180
            assert place["tolerance_km"] > 0


def test_not_places_and_false_friends_occur_in_the_article(fixture):
    meta, text = fixture
    for name in meta["not_places"]:
        assert name in text, name
    for friend in meta["false_friends"]:
        assert friend["context"] in text and friend["surface"] in friend["context"]


def test_expected_incidents_agree_with_dates_and_figures(fixture):
    meta, text = fixture
    published = meta["published"]
    names = {p["name"] for p in meta["places"]}
    for inc in meta["incidents"]:
        assert inc["sub_event_type"] in ACLED_TAXONOMY[inc["event_type"]]
        assert inc["location"] in names
        assert inc["date_text"] in text
        ref = resolve_date(inc["date_text"], published)
        assert (ref.date, ref.precision) == (inc["event_date"], inc["time_precision"])
        if inc.get("fatalities_text"):
            sentence = inc["fatalities_text"]
            assert sentence in text
            killed = [f.value for f in parse_figures(sentence) if f.kind == "fatalities"]
            assert min(killed) == inc["fatalities"]
