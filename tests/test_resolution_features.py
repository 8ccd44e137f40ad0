"""What an article's other names say about a candidate (geo.geocode.article_context, the
features near_other, near_namesakes, in_named_division and in_named_country of
geo/ranking.py).
Each passage here is decided by its feature: zero the feature's fitted weight and the
answer changes."""

from __future__ import annotations

import pytest

from incimap.geo import ranking
from incimap.geo.reader.places import find_mentions
from incimap.geo.reader.resolution import resolve_mentions


def _resolved(text: str) -> dict:
    return {m.surface: m.place for m in resolve_mentions(find_mentions(text))}


@pytest.mark.parametrize("feature", ["near_other", "near_namesakes", "in_named_division",
                                     "in_named_country"])
def test_context_features_weigh_for_a_candidate(feature):
    assert ranking.weights()[ranking.FEATURES.index(feature)] > 0


def test_a_state_named_elsewhere_holds_the_smaller_namesake():
    """in_named_division: Springfield, Missouri is the larger, but the article names
    Kentucky."""
    place = _resolved("The council met in Springfield on Monday, and farmers across "
                      "Kentucky want lower taxes.")["Springfield"]
    assert (place.country, place.admin1) == ("US", "Kentucky")


def test_a_country_named_elsewhere_holds_the_smaller_namesake():
    """in_named_country: Córdoba, Argentina is the larger, but the article names Mexico
    (whose Córdoba lies in Veracruz)."""
    place = _resolved("Protesters marched in Cordoba on Sunday, the latest unrest in "
                      "Mexico.")["Cordoba"]
    assert place.country == "MX"


def test_a_surely_placed_neighbour_weighs_for_the_namesake_beside_it(gazetteer):
    """near_other: with a sure answer in Beverly, Massachusetts, the Lexington next door
    gains on the larger one in Kentucky (the weight times the closeness)."""
    from incimap.geo.geocode import Bias, candidate_vectors

    beverly = next(c.row for c in gazetteer.candidates("Beverly")
                   if c.row.admin1 == "Massachusetts")
    cands = [c for c in gazetteer.candidates("Lexington")
             if c.row.country == "US" and c.row.admin1 in ("Massachusetts", "Kentucky")]
    bias = Bias(others=((beverly.gid, beverly.lat, beverly.lon),))
    i = ranking.FEATURES.index("near_other")
    gain = {c.row.admin1: v[i] * ranking.weights()[i]
            for c, v in zip(cands, candidate_vectors(cands, "", bias), strict=True)}
    assert gain["Massachusetts"] > gain["Kentucky"] + 0.5


def test_names_placed_together_pick_the_namesakes_that_lie_together():
    """near_namesakes: no name here is sure of itself, but of all the Bereas (a district
    of Lesotho is the largest) the one in Kentucky lies beside a Richmond and a Lexington."""
    place = _resolved("Officials in Richmond, Berea and Lexington met on Monday.")["Berea"]
    assert (place.country, place.admin1) == ("US", "Kentucky")


def test_a_small_town_abroad_is_kept_when_the_article_names_its_country():
    """A town abroad of the article's focus is a false friend, unless the article's other
    names point to its country too (STRAY_SHARE)."""
    place = _resolved("Relatives in Boston, Chicago and Denver heard that the ferry from "
                      "Sligo had sunk off Ireland.")["Sligo"]
    assert place is not None and place.country == "IE"


def test_a_name_is_not_its_own_context(gazetteer):
    """The article_context of a name leaves out its own candidates: a lone "Georgia" is
    neither inside itself nor near itself."""
    from incimap.geo.geocode import Bias, article_context

    cands = gazetteer.candidates("Georgia")
    own = cands[0].row
    bias = Bias(votes=(("GE", 1.0), ("US", 1.0)), named=(("US.GA", own.gid), ("GE", own.gid)),
                others=((own.gid, own.lat, own.lon),))
    context = article_context([c for c in cands if c.row.gid == own.gid], bias)
    assert not context.divisions and not context.countries and not context.others


def test_an_article_of_one_name_keeps_the_focus_that_name_votes_for():
    """With no other name to share the vote, the article's focus is the whole share:
    Sibi is the Pakistani town, not the small namesake abroad (which would then be
    dropped as a stray)."""
    place = _resolved("Gunmen shot dead three farmers near Sibi on Monday, police said.")["Sibi"]
    assert place is not None and place.country == "PK"
