"""Reported figures: conservative values from wording, and what each figure counts."""

from __future__ import annotations

import pytest

from incimap.geo.reader.figures import FIGURE_KINDS, find_attribution, parse_figures
from incimap.geo.reader.quantities import Quantity, parse_quantities


def only(text: str) -> Quantity:
    found = parse_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "high", "qualifier", "exact", "span"),
    [
        ("27 militants", 27, None, "", True, "27"),
        ("1,200 people", 1200, None, "", True, "1,200"),
        ("twenty-three passengers", 23, None, "", True, "twenty-three"),
        ("two hundred and fifty people", 250, None, "", True, "two hundred and fifty"),
        ("Twelve bodies", 12, None, "", True, "Twelve"),
        ("1.5 million people", 1_500_000, None, "", True, "1.5 million"),
        ("at least 27 militants", 27, None, "at least", False, "at least 27"),
        ("At least 16 militants", 16, None, "at least", False, "At least 16"),
        ("no fewer than 8 people", 8, None, "at least", False, "no fewer than 8"),
        ("more than 150 passengers", 150, None, "more than", False, "more than 150"),
        ("upwards of 40 people", 40, None, "more than", False, "upwards of 40"),
        ("over 50 people", 50, None, "over", False, "over 50"),
        ("nearly 500 passengers", 500, 500, "nearly", False, "nearly 500"),
        ("almost 20 soldiers", 20, 20, "nearly", False, "almost 20"),
        ("about 40 people", 40, None, "about", False, "about 40"),
        ("around 3,000 fighters", 3000, None, "about", False, "around 3,000"),
        ("some 200 people", 200, None, "about", False, "some 200"),
        ("an estimated 3,000 fighters", 3000, None, "about", False, "an estimated 3,000"),
        ("up to 30 people", 30, 30, "up to", False, "up to 30"),
        ("as many as 30 people", 30, 30, "up to", False, "as many as 30"),
        ("fewer than ten people", 10, 10, "fewer than", False, "fewer than ten"),
        ("between 10 and 15 people", 10, 15, "between", False, "between 10 and 15"),
        ("10 to 15 people", 10, 15, "between", False, "10 to 15"),
        ("10-15 people", 10, 15, "between", False, "10-15"),
        ("two or three gunmen", 2, 3, "between", False, "two or three"),
        ("a dozen soldiers", 12, None, "", False, "a dozen"),
        ("two dozen soldiers", 24, None, "", False, "two dozen"),
        ("half a dozen", 6, None, "", False, "half a dozen"),
        ("wounded over half a dozen.", 6, None, "over", False, "over half a dozen"),
        ("more than a dozen people", 12, None, "more than", False, "more than a dozen"),
        ("dozens of people", 12, None, "dozens", False, "dozens"),
        ("Dozens were wounded", 12, None, "dozens", False, "Dozens"),
        ("scores of villagers", 20, None, "scores", False, "scores"),
        ("hundreds of residents", 100, None, "hundreds", False, "hundreds"),
        ("thousands of people", 1000, None, "thousands", False, "thousands"),
        ("tens of thousands of people", 10_000, None, "tens", False, "tens of thousands"),
        ("several passengers", 3, None, "several", False, "several"),
        ("a few soldiers", 3, None, "a few", False, "a few"),
        ("several hundred protesters", 300, None, "several", False, "several hundred"),
        ("2000 people protested", 2000, None, "", True, "2000"),
        ("one person was killed", 1, None, "", True, "one"),
    ],
)
def test_quantity_wording_gives_conservative_value(text, value, high, qualifier, exact, span):
    q = only(text)
    assert (q.value, q.high, q.qualifier, q.exact) == (value, high, qualifier, exact)
    assert q.text == span
    assert text[q.start:q.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "Allahditta, 49, told the AFP news agency",
        "a 32-year-old woman",
        "a 32 year old woman",
        "the man, aged 49, said",
        "all men aged between 19 and 46",
        "children aged five and six",
        "Ali (35) was arrested",
        "in 2025 the group",
        "in the 2024 elections",
        "at 10:30 am",
        "at 9 p.m. local time",
        "at 0930 GMT",
        "the 3rd battalion",
        "the 21st century",
        "50% of the town",
        "50 per cent of voters",
        "$500 in cash",
        "Rs 5,000 each",
        "5 million rupees",
        "30 km from Quetta",
        "157 kilometres from Quetta",
        "for two days",
        "lasted 30 hours",
        "France 24 reported",
        "AK-47 rifles",
        "COVID-19 cases",
        "on 11 March 2025",
        "March 11, 2025",
        "2025-03-11",
        "no one was hurt",
        "one of the deadliest attacks",
        "Flight 370 crashed",
        "the militants fought one another",
    ],
)
def test_non_counts_are_not_quantities(text):
    assert parse_quantities(text) == []


def test_the_militants_took_over_is_not_a_qualifier():
    q = only("the militants took over 3 towns")
    assert (q.value, q.qualifier, q.exact) == (3, "", True)


def test_offsets_index_the_text():
    text = "At least 27 militants were killed and more than 150 of the 450 were freed."
    found = parse_quantities(text)
    assert [text[q.start:q.end] for q in found] == ["At least 27", "more than 150", "450"]


def kinds(sentence: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.value, f.who) for f in parse_figures(sentence, 0)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "At least 27 militants were killed and security forces rescued more than 150 of "
            "the 450 passengers who were initially on the train, reported the Associated Press.",
            [("fatalities", 27, "militants"), ("rescued", 150, "passengers"),
             ("total", 450, "passengers")],
        ),
        (
            "In October last year, suspected BLA gunmen shot dead 20 miners and wounded over "
            "half a dozen.",
            [("fatalities", 20, "miners"), ("injured", 6, "miners")],
        ),
        (
            "In August, they had killed over 50 people, prompting a security crackdown that "
            "left 21 militants dead.",
            [("fatalities", 50, "people"), ("fatalities", 21, "militants")],
        ),
        (
            "The rescued people, including 31 women and 15 children, were moved to nearby "
            "stations for safety.",
            [("subset", 31, "women"), ("subset", 15, "children")],
        ),
        (
            "The BLA said in a post on Telegram that it had taken 182 security personnel hostage.",
            [("hostages", 182, "security personnel")],
        ),
        (
            "Railway officials said the Jaffar Express was carrying nearly 500 passengers.",
            [("total", 500, "passengers")],
        ),
        ("Pakistani troops have rescued 104 passengers from a train.",
         [("rescued", 104, "passengers")]),
        (
            "At least 10 people, including the train driver and security personnel, were "
            "reported dead.",
            [("fatalities", 10, "people")],
        ),
        ("Several passengers sustained injuries in the attack.",
         [("injured", 3, "passengers")]),
        (
            "Those killed in the attack included 23 passengers from the eastern Punjab province "
            "who were fatally shot after being taken from vehicles in Musakhail.",
            [("fatalities", 23, "passengers")],
        ),
        ("Estimates say the BLA has around 3,000 fighters.", [("other", 3000, "fighters")]),
        ("Gunmen abducted 12 passengers from a bus near Gao.", [("hostages", 12, "passengers")]),
        ("Police said five people died and 14 were injured.",
         [("fatalities", 5, "people"), ("injured", 14, "people")]),
        ("Three soldiers were killed and two others wounded in the ambush.",
         [("fatalities", 3, "soldiers"), ("injured", 2, "soldiers")]),
        ("Troops freed 30 hostages on Sunday.", [("rescued", 30, "hostages")]),
        ("The attackers were holding about 40 people hostage.", [("hostages", 40, "people")]),
        ("The death toll rose to 35, hospital officials said.", [("fatalities", 35, "")]),
        ("Police arrested 7 suspects.", [("arrested", 7, "suspects")]),
        ("Five members of the security forces were killed.",
         [("fatalities", 5, "members of the security forces")]),
        ("Gunmen killed nine people, including two children, in Kanam.",
         [("fatalities", 9, "people"), ("subset", 2, "children")]),
        ("Three people were injured and five arrested on Saturday.",
         [("injured", 3, "people"), ("arrested", 5, "people")]),
        ("Two police officers suffered minor injuries.", [("injured", 2, "police officers")]),
        ("Suicide bombers kill 12 at cattle market", [("fatalities", 12, "")]),
    ],
)
def test_figures_are_classified_by_what_they_count(sentence, expected):
    assert kinds(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("At least 27 militants were killed, reported the Associated Press.", "Associated Press"),
        ("At least 16 militants were killed as security forces launched a counter-operation, "
         "officials said.", "officials"),
        ("The Baloch Liberation Army, which immediately claimed responsibility for the attack, "
         "said it had taken 182 security personnel hostage.", "Baloch Liberation Army"),
        ("The BLA said the hostages were guarded.", "BLA"),
        ("Twelve people were killed, according to police.", "police"),
        ("Five people died, said local officials.", "local officials"),
        ("Railway officials said the train was carrying 500 passengers.", "Railway officials"),
        ("Nine people were killed, he said.", ""),
        ("Nine people were killed in the attack.", ""),
    ],
)
def test_attribution_names_who_reported(sentence, source):
    assert find_attribution(sentence) == source


def test_figures_carry_claim_and_sentence_quote():
    article = "Intro line.\nAt least 16 militants were killed, officials said.\n"
    start = article.index("At least")
    sentence = article[start:article.index("\n", start)]
    (fig,) = parse_figures(sentence, start)
    assert (fig.kind, fig.value, fig.qualifier, fig.claimed_by) == (
        "fatalities", 16, "at least", "officials")
    assert article[fig.quote.start:fig.quote.end] == fig.quote.text == sentence


def test_sentence_without_numbers_has_no_figures():
    assert parse_figures("The attack drew strong condemnation.", 0) == []


def test_every_kind_is_declared():
    sentences = ["Gunmen killed 5 people.", "Police arrested 7 suspects.", "It has 3,000 fighters."]
    for s in sentences:
        assert all(f.kind in FIGURE_KINDS for f in parse_figures(s, 0))


def test_a_count_of_armed_groups_is_no_toll():
    """"Fighting between two armed groups killed 55 people": two groups, 55 dead."""
    figures = parse_figures("Fighting between two armed groups in the Malian capital Bamako "
                            "killed at least 55 people.")
    assert [(f.kind, f.value) for f in figures] == [("other", 2), ("fatalities", 55)]


def test_more_bodies_found_are_more_dead():
    """"more" takes the noun after it along, but not a noun that says it counts the dead."""
    figures = parse_figures("Three more bodies were found in the town.")
    assert [(f.kind, f.value) for f in figures] == [("fatalities", 3)]
