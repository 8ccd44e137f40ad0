"""Reports of one event merged into one Event (geo.events), scored on a committed set."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

import pytest
import yaml

from incimap.geo.events import candidate_pairs, merge_events, one_per_event
from incimap.geo.models import Figure, Incident, Place

MERGE_SET = Path(__file__).parent / "merge" / "reports.yaml"

PESHAWAR = Place("Peshawar", 34.008, 71.578, "city", "PK", "Khyber Pakhtunkhwa",
                 gazetteer_id="geonames:1168197", radius_km=20)
CHARSADDA = Place("Charsadda", 34.148, 71.740, "town", "PK", "Khyber Pakhtunkhwa",
                  gazetteer_id="geonames:1180729")
BANNU_D = Place("Bannu District", 32.99, 70.60, "district", "PK", gazetteer_id="d:bannu")
LAKKI_D = Place("Lakki Marwat District", 32.60, 70.91, "district", "PK", gazetteer_id="d:lakki")
KPK = Place("Khyber Pakhtunkhwa", 34.5, 72.0, "province", "PK", gazetteer_id="p:kp")


def inc(id_, date, place, *, kind="Explosions/Remote violence", actor1="Unidentified Armed "
        "Group (Pakistan)", fatalities=0, precision=1, source=None, curated=False, figures=()):
    return Incident(id=id_, title=id_, event_type=kind, sub_event_type="", event_date=date,
                    time_precision=precision, location=place, actor1=actor1,
                    fatalities=fatalities, source=source or id_, curated=curated,
                    figures=tuple(figures))


def groups(events) -> set[frozenset]:
    return {frozenset(e.members) for e in events}


# --------------------------------------------------------------------------- rules


def test_reports_of_one_bombing_merge_with_lowest_figure_and_finest_place():
    a = inc("a", "2024-05-14", PESHAWAR, fatalities=11,
            figures=[Figure("fatalities", 11, claimed_by="hospital officials")])
    b = inc("b", "2024-05-15", PESHAWAR, fatalities=9,
            figures=[Figure("fatalities", 9, qualifier="at least", claimed_by="police")])
    c = inc("c", "2024-05-14", KPK, precision=2, fatalities=12)
    events, linked = merge_events([c, b, a])
    assert groups(events) == {frozenset("abc")}
    event = events[0]
    assert event.fatalities == 9  # ACLED: the lowest credible figure
    assert event.location.name == "Peshawar"  # the most precise place
    assert event.event_date == "2024-05-14" and event.time_precision == 1
    assert [c.figure.claimed_by for c in event.claims] == ["hospital officials", "police"]
    assert {i.event_id for i in linked} == {event.id}


@pytest.mark.parametrize(("other", "why"), [
    (inc("b", "2024-05-21", PESHAWAR), "the same city a week later"),
    (inc("b", "2024-05-16", PESHAWAR), "the same city two days later"),
    (inc("b", "2024-05-14", CHARSADDA), "the same day, a town 21 km away"),
    (inc("b", "2024-05-14", PESHAWAR, kind="Protests"), "a protest, not a bombing"),
    (inc("b", "2024-05-14", PESHAWAR, actor1="TTP: Tehrik-i-Taliban Pakistan"),
     "claimed by another group"),
    (inc("b", "2024-05-14", Place("Peshawar", 34.0, 71.5, "city", "AF")), "another country"),
])
def test_look_alikes_stay_apart(other, why):
    first = inc("a", "2024-05-14", PESHAWAR, actor1="ISKP: Islamic State Khorasan Province")
    events, _ = merge_events([first, other])
    assert len(events) == 2, why


def test_two_districts_on_one_day_stay_apart_though_their_radii_overlap():
    a = inc("a", "2024-07-15", BANNU_D, kind="Battles")
    b = inc("b", "2024-07-15", LAKKI_D, kind="Battles")
    assert len(merge_events([a, b])[0]) == 2


def test_records_of_one_article_never_merge():
    a = inc("a", "2024-05-14", PESHAWAR, source="same-article")
    b = inc("b", "2024-05-14", PESHAWAR, source="same-article")
    assert len(merge_events([a, b])[0]) == 2


def test_a_chain_of_look_alikes_does_not_link_distinct_events():
    # b is compatible with a (1 day) and c (1 day), but a and c are two days apart.
    a, b, c = (inc(x, d, PESHAWAR) for x, d in
               (("a", "2024-05-13"), ("b", "2024-05-14"), ("c", "2024-05-15")))
    found = groups(merge_events([a, b, c])[0])
    assert frozenset("ac") not in found and not any({"a", "c"} <= g for g in found)


def test_merge_is_deterministic_whatever_the_input_order():
    rng = random.Random(4)
    records = [inc(f"r{n}", f"2024-05-{rng.randint(10, 20)}", rng.choice([PESHAWAR, CHARSADDA]),
                   fatalities=rng.randint(0, 9)) for n in range(60)]
    first = merge_events(records)
    for _ in range(3):
        rng.shuffle(records)
        assert merge_events(records) == first


def test_blocking_finds_no_pairs_across_far_cells_or_months():
    rng = random.Random(7)
    records = []
    for n in range(2000):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
        place = Place(f"p{n}", rng.uniform(-40, 60), rng.uniform(-100, 140), "town", "XX")
        records.append(inc(f"r{n}", day.isoformat(), place))
    pairs = candidate_pairs(sorted(records, key=lambda r: r.id))
    # Random towns over a continent-sized box a year long: hardly any pair is compatible.
    assert len(pairs) < 20


def test_seed_article_and_curated_records_become_six_events(seed_extraction):
    from incimap.geo.curated import load_curated

    curated = load_curated()
    shown = one_per_event([*seed_extraction.incidents, *curated])
    assert len(shown) == 6
    assert all(i.curated and i.also_automatic for i in shown)
    assert {i.id for i in shown} == {i.id for i in curated}


# --------------------------------------------------------------------------- the committed set


def pair_scores(gold: dict[str, str], predicted: dict[str, set[str]]) -> tuple[float, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same = gold[a] == gold[b]
        merged = bool(predicted.get(a, set()) & predicted.get(b, set()))
        tp += same and merged
        fp += merged and not same
        fn += same and not merged
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def score_merge_set(path: Path = MERGE_SET) -> tuple[float, float, int, int]:
    """(pair precision, pair recall, reports, events) of extract + merge over the set."""
    from incimap.geo.extract import extract

    reports = yaml.safe_load(path.read_text(encoding="utf-8"))["reports"]
    incidents, gold = [], {}
    for r in reports:
        gold[r["id"]] = r["event"]
        result = extract(r["text"], published=r["published"], country=r["country"],
                         source=r["id"])
        incidents += [i for i in result.incidents]
    events, linked = merge_events(incidents)
    predicted: dict[str, set[str]] = {}
    for i in linked:
        predicted.setdefault(i.source, set()).add(i.event_id)
    precision, recall = pair_scores(gold, predicted)
    return precision, recall, len(reports), len(events)


def test_committed_set_has_enough_events_and_look_alikes():
    reports = yaml.safe_load(MERGE_SET.read_text(encoding="utf-8"))["reports"]
    sizes: dict[str, int] = {}
    for r in reports:
        sizes[r["event"]] = sizes.get(r["event"], 0) + 1
    assert len({r["id"] for r in reports}) == len(reports)
    assert sum(1 for n in sizes.values() if n >= 3) >= 12
    look_alikes = [e for e in sizes if e.endswith("-b") and e[:-2] in sizes]
    assert len(look_alikes) >= 6


def test_merge_scores_on_the_committed_set(isolated_cache):
    precision, recall, n, events = score_merge_set()
    print(f"\nmerge set: {n} reports, {events} events, pair precision {precision:.3f}, "
          f"recall {recall:.3f}")
    assert precision >= 0.95
    assert recall >= 0.90


def test_pair_scores_count_misses_and_false_merges():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert pair_scores(gold, {"a": {"1"}, "b": {"1"}, "c": {"2"}}) == (1.0, 1.0)
    assert pair_scores(gold, {"a": {"1"}, "b": {"2"}, "c": {"2"}}) == (0.0, 0.0)
