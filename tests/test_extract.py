"""The seed article, read end to end: places, roles, incidents, provenance."""

from __future__ import annotations

import datetime as dt

import pytest
from geopy.distance import geodesic

from incimap.geo.models import ACLED_TAXONOMY


def by_surface(extraction, surface):
    return [m for m in extraction.mentions if m.surface == surface]


@pytest.mark.parametrize(("surface", "name", "role"), [
    ("Bolan district", "Kachhi District", "event"),
    ("Mushkaf Tunnel", "Mushkaf Tunnel", "event"),
    ("Mach railway station", "Mach", "taken_to"),
    ("Quetta", "Quetta", "origin"),
    ("Peshawar", "Peshawar", "destination"),
    ("Musakhail", "Musakhel District", "event"),
    ("Punjab province", "Punjab", "victims_from"),
    ("Islamabad", "Islamabad", "based_in"),
    ("Balochistan", "Balochistan", "context"),
    ("Pakistan", "Pakistan", "context"),
])
def test_seed_places_resolve_with_roles(seed_extraction, surface, name, role):
    found = by_surface(seed_extraction, surface)
    assert found, f"{surface} not found"
    assert found[0].place.name == name
    assert found[0].place.country in ("PK", "US")
    assert role in {m.role for m in found}


def test_seed_reports_no_organisation_person_train_or_demonym(seed_extraction):
    reported = {word for m in seed_extraction.mentions for word in m.surface.split()}
    for wrong in ("Baloch", "Jaffar", "Express", "Liberation", "Institute", "Corridor",
                  "China", "Chinese", "Rind", "Shahid", "Sharif", "Allahditta", "France",
                  "Telegram", "Ramadan", "March", "Tuesday", "Islam", "Army", "BLA"):
        assert wrong not in reported, wrong


def test_mushkaf_tunnel_resolves_inside_the_bolan_pass(seed_extraction):
    (tunnel,) = by_surface(seed_extraction, "Mushkaf Tunnel")
    mach = (29.8667, 67.3333)  # Wikipedia, Mach
    sibi = (29.55, 67.8833)  # Wikipedia, Sibi
    point = (tunnel.place.lat, tunnel.place.lon)
    assert geodesic(point, mach).km < 60 and geodesic(point, sibi).km < 60
    assert tunnel.place.geo_precision == 1


def test_mentions_carry_alternatives_precision_and_spans(seed_extraction, seed_text):
    for m in seed_extraction.mentions:
        assert seed_text[m.span.start:m.span.end] == m.span.text
        assert seed_text[m.sentence.start:m.sentence.end] == m.sentence.text
        assert m.place.geo_precision in (1, 2, 3)
    quetta = by_surface(seed_extraction, "Quetta")[0]
    assert quetta.match_kind == "exact" and quetta.score == 100


@pytest.fixture(scope="module")
def incidents(seed_extraction):
    return seed_extraction.incidents


def find(incidents, date_prefix, *, place=None, fatalities=None):
    out = [i for i in incidents if i.event_date.startswith(date_prefix)
           and (place is None or (i.location and i.location.name == place))
           and (fatalities is None or i.fatalities == fatalities)]
    assert out, f"no incident {date_prefix} {place} {fatalities}: " + "; ".join(
        f"{i.event_date} {i.location.name if i.location else None} {i.fatalities}"
        for i in incidents)
    return out[0]


def test_hijacking_near_mushkaf_tunnel_on_tuesday(incidents):
    hijack = find(incidents, "2025-03-11", place="Mushkaf Tunnel", fatalities=10)
    assert hijack.time_precision == 1
    assert hijack.actor1 == "BLA: Baloch Liberation Army"
    assert hijack.count("hostages") == 182
    assert "Bolan district" in [m.surface for m in hijack.mentions]


def test_security_operation_keeps_both_claims_and_takes_the_lowest(incidents):
    op = find(incidents, "2025-03-11", fatalities=16)
    assert op.event_type == "Battles"
    claims = sorted((f.value, f.claimed_by) for f in op.figures if f.kind == "fatalities")
    assert claims == [(16, "officials"), (27, "Associated Press")]
    assert op.count("rescued") == 104
    assert op.actor1 == "Military Forces of Pakistan"


def test_october_attack_has_no_place_so_falls_back_to_balochistan(incidents):
    october = find(incidents, "2024-10", fatalities=20)
    assert october.location.name == "Balochistan" and october.geo_precision == 3
    assert october.time_precision == 3
    assert october.count("injured") == 6


def test_musakhail_attack_is_its_own_incident(incidents):
    musakhail = find(incidents, "2024-08", place="Musakhel District", fatalities=23)
    assert musakhail.event_type == "Violence against civilians"
    over_50 = find(incidents, "2024-08", fatalities=50)
    assert over_50.location.name == "Balochistan"
    assert [f.qualifier for f in over_50.figures if f.kind == "fatalities"] == ["over"]


def test_every_incident_is_acled_coded_and_traceable(incidents, seed_text):
    assert len(incidents) >= 5
    for i in incidents:
        assert i.sub_event_type in ACLED_TAXONOMY[i.event_type]
        dt.date.fromisoformat(i.event_date)
        assert i.evidence["event_type"], i.id
        for spans in i.evidence.values():
            for span in spans:
                assert seed_text[span.start:span.end] == span.text
    tuesday = find(incidents, "2025-03-11", fatalities=10)
    assert tuesday.evidence["event_date"][0].text == "on Tuesday"


def test_automatic_incidents_agree_with_the_curated_ones(incidents):
    from incimap.geo.curated import load_curated

    curated = load_curated()
    matched = 0
    for c in curated:
        near = [i for i in incidents if i.location and c.location
                and abs((dt.date.fromisoformat(i.event_date)
                         - dt.date.fromisoformat(c.event_date)).days) <= 2
                and geodesic((i.location.lat, i.location.lon),
                             (c.location.lat, c.location.lon)).km
                <= max(c.location.uncertainty_km, 1.0)]
        if any(i.fatalities == c.fatalities for i in near):
            matched += 1
    assert matched >= len(curated) - 1, f"{matched} of {len(curated)} curated incidents matched"


def test_extract_needs_text(gazetteer):
    from incimap.geo.exceptions import InputError
    from incimap.geo.extract import extract

    with pytest.raises(InputError, match="empty"):
        extract("   \n", gazetteer=gazetteer)


def test_article_with_no_place_gives_empty_result_and_warning(gazetteer):
    from incimap.geo.extract import extract

    result = extract("nothing happened here today.", published=dt.date(2025, 1, 1),
                     gazetteer=gazetteer)
    assert result.mentions == () and result.incidents == ()
    assert any("names no place" in w for w in result.warnings)


# --- a place the gazetteer lacks is kept, never dropped -----------------------------------
# Tumbarwa is invented: no gazetteer has it (`incimap geocode Tumbarwa` finds none).
UNKNOWN_VILLAGE = ("Gunmen attacked the village of Tumbarwa in Zamfara state on Monday, "
                   "killing 12 people, police said.\n")


@pytest.fixture(scope="module")
def unknown_village(isolated_cache):
    from incimap.geo.extract import extract

    return extract(UNKNOWN_VILLAGE, published=dt.date(2025, 5, 7))


def test_unknown_village_is_kept_unresolved_with_its_role(unknown_village):
    [m] = by_surface(unknown_village, "Tumbarwa")
    assert m.place is None and m.role == "event" and m.hint == "village"
    assert m.to_dict()["place"] is None and m.to_dict()["match_kind"] == "unresolved"


def test_incident_at_an_unknown_village_names_it_at_its_division(unknown_village):
    [incident] = unknown_village.incidents
    loc = incident.location
    assert loc.name == "Tumbarwa" and loc.admin1 == "Zamfara" and loc.country == "NG"
    assert incident.geo_precision == 2
    # Placed at the division written beside it (Zamfara's centre), as wide as it.
    [zamfara] = by_surface(unknown_village, "Zamfara state")
    assert geodesic((loc.lat, loc.lon), (zamfara.place.lat, zamfara.place.lon)).km < 1
    assert loc.uncertainty_km == zamfara.place.uncertainty_km
    assert "Tumbarwa, is not in the gazetteer" in incident.notes
    assert "Tumbarwa" in {m.surface for m in incident.mentions}


def test_attackers_before_village_of_are_no_victims_from(unknown_village):
    # "Gunmen attacked the village of ...": "men" inside "Gunmen" names no victims.
    assert by_surface(unknown_village, "Tumbarwa")[0].role != "victims_from"


def test_unknown_place_without_a_container_has_no_incident_place(gazetteer):
    from incimap.geo.extract import extract

    result = extract("Gunmen attacked Dunkurawa village on Monday, killing 3 people.",
                     published=dt.date(2025, 5, 7), gazetteer=gazetteer)
    assert [m.surface for m in result.mentions if m.place is None] == ["Dunkurawa"]
    assert all(i.location is None for i in result.incidents)


def test_a_name_written_in_a_division_that_holds_no_namesake_is_unlocated(gazetteer):
    """"X, <state>": the text says where X is; when the gazetteer's only X lies elsewhere
    (here in Mali), X is kept unlocated and the incident placed at the state, never at the
    namesake abroad. In a list ("A, B, C and D") the pair says nothing of the kind."""
    from incimap.geo.extract import extract

    result = extract("Gunmen attacked Niono, Zamfara state on Monday, killing 3 people.",
                     published=dt.date(2025, 5, 7), gazetteer=gazetteer)
    [niono] = by_surface(result, "Niono")
    assert niono.place is None
    [incident] = result.incidents
    assert (incident.location.name, incident.location.country) == ("Niono", "NG")
    # A comma that only goes on with the sentence is no list.
    for text in ("Gunmen attacked Niono, Zamfara state, on Monday, killing 3 people.",
                 "Gunmen attacked Niono, Zamfara, killing 3 people."):
        plain = extract(text, published=dt.date(2025, 5, 7), gazetteer=gazetteer)
        assert by_surface(plain, "Niono")[0].place is None, text
    for text in ("Envoys visited Bamako, Niono, Zamfara state on Monday.",
                 "Envoys visited Niono, Zamfara state and Kidal on Monday."):
        listed = extract(text, published=dt.date(2025, 5, 7), gazetteer=gazetteer)
        assert by_surface(listed, "Niono")[0].place.country == "ML", text


def test_a_name_goes_on_through_its_arabic_article(gazetteer):
    """"the village of Wad al-Sadiq": the whole name, kept unlocated, not "Wad" (a namesake
    elsewhere) nor the first word alone."""
    from incimap.geo.extract import extract

    result = extract("Gunmen attacked the village of Wad al-Sadiq in Sudan on Monday, killing "
                     "5 people.", published=dt.date(2025, 5, 7), gazetteer=gazetteer)
    assert [(m.surface, m.place) for m in result.mentions if m.surface != "Sudan"] == [
        ("Wad al-Sadiq", None)]
    assert [i.location.name for i in result.incidents] == ["Wad al-Sadiq"]
    plain = extract("Gunmen attacked the village of Wad al-Sadiq in Sudan on Monday.",
                    published=dt.date(2025, 5, 7), gazetteer=gazetteer, recognizer="gazetteer")
    assert [m.surface for m in plain.mentions if m.place is None] == ["Wad al-Sadiq"]
    # The same from the name's end: a namesake after the article ("Nur") is inside it.
    end = extract("Gunmen attacked the village of Tell al-Nur in Sudan on Monday.",
                  published=dt.date(2025, 5, 7), gazetteer=gazetteer)
    assert [m.surface for m in end.mentions if m.place is None] == ["Tell al-Nur"]
