"""What issue 9 says a new user met in the first minutes, as that user would check it.

Reference points are general knowledge of where each place is (a region's rough box, the
country), with tolerances that a right answer meets and the old wrong one did not.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from incimap.geo.geocode import geodesic_km


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incimap.geo", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module", autouse=True)
def built(isolated_cache):
    from incimap.gazetteer.gazetteer import open_gazetteer

    open_gazetteer()


# name, (lat, lon) of a point inside the place, km the answer may be from it, country
EXPECTED = [
    ("California", (37.0, -119.5), 300, "US"),        # was a town in Maryland
    ("Congo", (-1.0, 15.0), 600, "CG"),               # was a village in Brazil
    ("DRC", (-2.5, 23.5), 800, "CD"),                 # was Dirico, Angola
    ("DR Congo", (-2.5, 23.5), 800, "CD"),            # found nothing
    ("Kashmir", (34.0, 75.0), 300, ""),               # was Cashmere, Washington
    ("Donbas", (48.0, 38.0), 250, "UA"),              # was Donnas, Italy
    ("Britain", (53.5, -2.0), 400, "GB"),             # was 2,600 km off
    ("Darfur", (13.0, 24.0), 400, "SD"),              # found nothing
    ("West Africa", (12.0, -5.0), 1500, ""),          # found nothing
    ("the Americas", (10.0, -80.0), 3000, ""),        # UN M49 region: found nothing
    ("Tarrant County", (32.8, -97.3), 600, "US"),     # was the town of Tarrant, 980 km away
    ("K-P", (34.5, 72.0), 300, "PK"),                 # Khyber Pakhtunkhwa, was North Korea
    ("Billings, MT", (45.78, -108.5), 20, "US"),      # found nothing
]


@pytest.mark.parametrize(("name", "point", "km", "country"), EXPECTED,
                         ids=[e[0] for e in EXPECTED])
def test_a_well_known_name_is_where_a_reader_expects(name, point, km, country):
    out = cli("geocode", name, "--json")
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)
    assert geodesic_km(row["lat"], row["lon"], *point) <= km, row
    assert row["country"] == country or not country, row


def test_tarrant_county_is_a_county_of_texas_not_a_town():
    (row,) = json.loads(cli("geocode", "Tarrant County", "--json").stdout)
    assert (row["feature_type"], row["admin1"]) == ("district", "Texas"), row


def test_only_country_never_answers_from_another_country():
    # `Fataki -c CD` gave Fatick, Senegal: --country only biases; --only-country filters.
    out = cli("geocode", "Fataki", "-c", "CD", "--only-country", "--json")
    # No place of that name in the DR Congo's gazetteer: not found, never a look-alike abroad.
    assert out.returncode == 1, out.stdout + out.stderr
    assert "no match for 'Fataki'" in out.stderr and "Fatick" not in out.stdout
    # The same filter answers from the country when the place is there.
    (row,) = json.loads(cli("geocode", "Bunia", "-c", "CD", "--only-country", "--json").stdout)
    assert row["country"] == "CD", row


def test_nonsense_is_no_match_and_exit_1():
    out = cli("geocode", "Qwzxvbq")
    assert out.returncode == 1
    assert "no match for 'Qwzxvbq'" in out.stderr


def _places(text: str) -> dict[str, tuple[str, float, float]]:
    out = cli("extract", "-", "--published", "2025-03-03", "-f", "json", stdin=text)
    assert out.returncode == 0, out.stderr
    return {m["surface"]: (m["place"]["country"], m["place"]["lat"], m["place"]["lon"])
            for m in json.loads(out.stdout)["mentions"] if m["place"]}


def test_rome_and_paris_are_the_capitals_in_a_two_sentence_report():
    # They were Rome, Georgia (US) and Kosciusko, Mississippi.
    places = _places("Police in Rome said the attack took place near the Colosseum. In Paris, "
                     "officials said two people were hurt.")
    assert places["Rome"][0] == "IT" and geodesic_km(*places["Rome"][1:], 41.9, 12.5) < 30
    assert places["Paris"][0] == "FR" and geodesic_km(*places["Paris"][1:], 48.86, 2.35) < 30


def test_newcastle_in_a_british_report_is_the_english_city():
    places = _places("LONDON (Reuters) - British police said on Monday a man was stabbed in "
                     "Newcastle. Officers in Manchester and Leeds were also called.")
    assert places["Newcastle"][0] == "GB"
    assert geodesic_km(*places["Newcastle"][1:], 54.97, -1.61) < 30
