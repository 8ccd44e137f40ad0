"""Finding place mentions in text: what counts as a place, and what only looks like one."""

from __future__ import annotations

import pytest

from incimap.geo.reader.document import fold, sentences
from incimap.geo.reader.matcher import Matcher, get_matcher
from incimap.geo.reader.places import find_mentions


@pytest.fixture(scope="module")
def matcher(isolated_cache):
    from incimap.gazetteer.gazetteer import open_gazetteer

    return get_matcher(open_gazetteer())


def surfaces(text: str, matcher) -> list[str]:
    return [m.surface for m in find_mentions(text, matcher)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Militants ambushed a train near the Mushkaf Tunnel in Bolan.", ["Mushkaf Tunnel", "Bolan"]),
    ("Victims were taken to the Mach railway station.", ["Mach railway station"]),
    ("The attack happened in Bolan district on Tuesday.", ["Bolan district"]),
    ("Passengers came from the eastern Punjab province.", ["Punjab province"]),
    ("The Jaffar Express runs from Quetta to Peshawar.", ["Quetta", "Peshawar"]),
    ("He is an Islamabad-based analyst.", ["Islamabad"]),
    ("Trains ran on the Quetta-Peshawar line.", ["Quetta", "Peshawar"]),
    ("Fighting spread to Quetta and Peshawar.", ["Quetta", "Peshawar"]),
])
def test_places_are_found_with_their_feature_words(matcher, text, expected):
    assert surfaces(text, matcher) == expected


@pytest.mark.parametrize(("text", "not_a_place"), [
    ("The Baloch Liberation Army claimed the attack.", "Baloch"),
    ("Abdullah Khan of the Pakistan Institute for Conflict and Security Studies said.",
     "Pakistan"),
    ("The Jaffar Express left on time.", "Jaffar"),
    ("Workers on the China-Pakistan Economic Corridor were attacked.", "China"),
    ("Workers on the China-Pakistan Economic Corridor were attacked.", "Pakistan"),
    ("The Baloch nation rejects those who attack passengers.", "Baloch"),
    ("Hundreds of Punjabis fled.", "Punjabis"),
    ("Several Chinese workers were hurt.", "Chinese"),
    ("The hijacking began in March and ended on Tuesday.", "March"),
    ("Security analysts suspect the group grew stronger.", "Security"),
    ("Shahid Rind, spokesman for the government, spoke.", "Shahid"),
    ("Shahid Rind, spokesman for the government, spoke.", "Rind"),
    ("Mr Sharif praised the forces.", "Sharif"),
    ("A passenger named Allahditta, 49, told reporters.", "Allahditta"),
    ("The woman was quoted by France 24 on Wednesday.", "France"),
    ("Islamabad accuses Kabul of sheltering militants.", "Kabul"),
    ("Islamabad accuses Kabul of sheltering militants.", "Islamabad"),
    ("The injured went to the University of Maiduguri Teaching Hospital.", "Maiduguri"),
    ("Reading from a statement, the officer said it was over.", "Reading"),
    ("The BLA said it had taken hostages.", "BLA"),
])
def test_organisations_people_demonyms_and_common_words_are_not_places(matcher, text,
                                                                       not_a_place):
    assert not any(not_a_place in s for s in surfaces(text, matcher)), surfaces(text, matcher)


def test_place_in_an_official_title_keeps_a_title_role(matcher):
    (mention,) = find_mentions("The Kalat Commissioner visited the site.", matcher)
    assert mention.surface == "Kalat" and mention.role == "title"


def test_upper_case_dateline_is_a_place(matcher):
    text = "PESHAWAR, Pakistan (wire) - Gunmen attacked a checkpoint."
    assert surfaces(text, matcher)[:2] == ["PESHAWAR", "Pakistan"]


def test_mentions_carry_exact_spans_and_their_sentence(matcher):
    text = "First sentence here. Gunmen attacked a bus near Sibi on Monday."
    (m,) = find_mentions(text, matcher)
    assert text[m.span.start:m.span.end] == "Sibi"
    assert m.sentence.text == "Gunmen attacked a bus near Sibi on Monday."


def test_fold_keeps_length_so_offsets_carry_over():
    text = "Mūsá Khel’s İstanbul—Ab-e-Gum"
    assert len(fold(text)) == len(text)
    assert fold("Ab-e-Gum") == "ab e gum"


def test_sentences_keep_abbreviations_together():
    spans = sentences("Mr. Sharif spoke. Then Dr. Ali left.\nHeadline")
    assert [s.text for s in spans] == ["Mr. Sharif spoke.", "Then Dr. Ali left.", "Headline"]


def test_matcher_is_loaded_from_its_cache_not_rebuilt(isolated_cache, monkeypatch):
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.reader import matcher as mentions

    # The cache file of the stores as they are now: a subprocess of an earlier test, with
    # other stores (an overlay, an import), replaces the files of other versions.
    mentions.clear_matchers()
    matcher = get_matcher(open_gazetteer())
    mentions.clear_matchers()

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the matcher was rebuilt instead of loaded from its cache")

    monkeypatch.setattr(Matcher, "from_keys", no_rebuild)
    again = get_matcher(open_gazetteer())
    assert again.version == matcher.version
    assert find_mentions("Gunmen attacked Quetta.", again)[0].surface == "Quetta"


def test_small_matcher_builds_from_any_keys():
    m = Matcher.from_keys(["quetta", "mach", "ab e gum"])
    text = "From Quetta to Ab-e-Gum via Mach."
    found = [text[s:e] for s, e in m.spans(fold(text), text)]
    assert found == ["Quetta", "Ab-e-Gum", "Mach"]


@pytest.mark.parametrize(("text", "expected"), [
    ("He grew up in Springfield, Ill. and moved on.", ["Springfield", "Ill."]),
    ("CHARLESTON, W.Va. -- A man was charged.", ["CHARLESTON", "W.Va."]),
    ("Rep. James Clyburn, D-S.C., voted for it.", ["S.C."]),
])
def test_state_press_abbreviation_is_a_place_where_written_as_one(matcher, text, expected):
    assert surfaces(text, matcher) == expected


@pytest.mark.parametrize("text", ["Mass was said at noon.", "She was Ill after the trip.",
                                  "Wash the car, then Ill go."])
def test_state_press_abbreviation_alone_is_not_a_place(matcher, text):
    assert surfaces(text, matcher) == []


def test_abbreviated_title_and_the_person_after_it_are_not_places(matcher):
    assert surfaces("Sgt. Ripley said Sen. Clark and Gov. Lincoln agreed.", matcher) == []


def test_surname_of_a_person_named_in_full_is_not_a_place(matcher):
    text = "Sheriff Bill Ripley arrived in Quetta. Later Ripley said the roads were closed."
    assert surfaces(text, matcher) == ["Quetta"]


def test_short_place_ending_a_sentence_is_not_taken_for_a_title(matcher):
    assert surfaces("Troops left Iraq. Paris said so. They met in Oman. Quetta was calm.",
                    matcher) == ["Iraq", "Paris", "Oman", "Quetta"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Viruses in the United States and Canada have shown resistance.", ["United States", "Canada"]),
    ("In the states of Bihar and Uttar Pradesh, rivers rose.", ["Bihar", "Uttar Pradesh"]),
])
def test_words_of_one_place_do_not_make_its_neighbour_part_of_a_longer_name(matcher, text,
                                                                           expected):
    assert surfaces(text, matcher) == expected


@pytest.mark.parametrize(("text", "place"), [
    ("The case came to the attention of the Quetta Police Department in July.", "Quetta"),
    ("The Punjab Supreme Court refused the appeal.", "Punjab"),
    ("Peshawar Fire Department crews arrived.", "Peshawar"),
])
def test_place_before_its_public_body_stays_a_place(matcher, text, place):
    assert place in surfaces(text, matcher)


def test_place_of_a_public_body_after_a_person_stays_a_place(matcher):
    text = "Detective Jeff Goodwin of the Quetta Police Department said so."
    assert surfaces(text, matcher) == ["Quetta"]


def test_capitalised_run_of_a_headline_does_not_hide_its_place(matcher):
    assert surfaces("Quetta Arrests Opposition Members on Arms Charges", matcher) == ["Quetta"]
    # The same run in a sentence is a longer name.
    assert surfaces("The Quetta Arrests Opposition Members group met.", matcher) == []


@pytest.mark.parametrize("text", ['"I\'m not sure," he said.', "I’m here, he said."])
def test_contraction_is_not_a_place(matcher, text):
    assert surfaces(text, matcher) == []


def test_surname_after_a_middle_initial_is_not_a_place(matcher):
    text = "Police shot Tyrise M. Ripley in Quetta. Ripley ran."
    assert surfaces(text, matcher) == ["Quetta"]


def test_person_of_a_place_leaves_the_place(matcher):
    assert surfaces("The driver, James Ripley of Quetta, was taken away.", matcher) == [
        "Quetta"]
    # An organisation of a place is still an organisation.
    assert surfaces("Fighters of the Revolutionary Armed Forces of Quetta left.", matcher) == []


def test_party_letter_before_a_hometown_leaves_the_place(matcher):
    assert surfaces("Senator Ali Khan, D-Quetta, voted no.", matcher) == ["Quetta"]


@pytest.mark.parametrize("text", ["Shots were fired. QUETTA (AP) Gunmen attacked.",
                                  "Debt refinanced. QUETTA — Gunmen attacked.",
                                  "Arrests were made. QUETTA: Gunmen attacked."])
def test_upper_case_dateline_inside_a_paragraph_is_a_place(matcher, text):
    assert surfaces(text, matcher) == ["QUETTA"]


def test_speaker_of_a_quote_is_not_a_place(matcher):
    text = '"We will keep the roads open," Ripley said in Quetta.'
    assert surfaces(text, matcher) == ["Quetta"]


def test_surname_is_caught_even_when_the_first_name_is_a_place(matcher):
    # "Marshall" and "Ripley" are both places somewhere; together they are a person.
    text = "Officer Marshall Ripley drove to Quetta. Later Ripley spoke."
    assert surfaces(text, matcher) == ["Quetta"]


def test_two_letter_country_initialisms_are_places(matcher):
    assert surfaces("Prices rose in the US and the UK last week.", matcher) == ["US", "UK"]
    assert surfaces("LET US PRAY", matcher) == []


def test_upper_case_division_code_is_a_place_unless_the_article_uses_the_word(matcher):
    assert surfaces("Horses in NSW and QLD were tested.", matcher) == ["NSW", "QLD"]
    assert surfaces("The act of the ACT was passed.", matcher) == []


@pytest.mark.parametrize("text", ["Markets may ban Canadian beef.", "Romanians voted."])
def test_country_demonym_is_not_a_place_even_where_a_town_bears_it(matcher, text):
    assert surfaces(text, matcher) == []


@pytest.mark.parametrize(("text", "place"), [
    ("The jobless rate for wider Northeast Punjab rose.", "Punjab"),
    ("One of Punjab’s last wild rivers floods.", "Punjab"),
])
def test_compass_word_or_opening_word_before_a_place_leaves_the_place(matcher, text, place):
    assert place in surfaces(text, matcher)


def test_owner_before_a_place_ends_the_run(matcher):
    assert surfaces("A factory in Pakistan's Punjab province was shut.", matcher) == [
        "Pakistan", "Punjab province"]


def test_place_before_a_title_and_a_person_stays_a_place(matcher):
    assert surfaces("Quetta Mayor Ali Khan reported it.", matcher) == ["Quetta"]


def test_place_ending_an_organisation_name_is_no_surname(matcher):
    text = ("Members of the Democratic Movement-United Quetta party were held. "
            "Police in Quetta said so.")
    assert "Quetta" in surfaces(text, matcher)


# --- places the gazetteer lacks: kept as unresolved mentions ------------------------------
# Invented names: no gazetteer has them (`incimap geocode NAME` finds none).

def unknown(text: str, known=(), in_gazetteer=None) -> list[tuple[str, str]]:
    from incimap.geo.reader.unknown import find_unknown_places

    return [(m.surface, m.hint) for m in find_unknown_places(text, list(known), in_gazetteer)]


def known_division(text: str, name: str):
    """A mention of a division the gazetteer knows, as the resolver gives it."""
    from incimap.geo.models import Mention, Place, Span

    start = text.index(name)
    return Mention(surface=name, span=Span(start, start + len(name), name),
                   sentence=sentences(text)[0], hint="province",
                   place=Place(name.split()[0], 12.2, 6.0, "province", "NG"))


def test_name_after_village_of_is_an_unknown_village():
    assert unknown("Gunmen attacked the village of Tumbarwa on Monday.") == [
        ("Tumbarwa", "village")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Bandits struck Dunkurawa village at dawn.", ("Dunkurawa", "village")),
    ("Troops moved into Yelwakashi district.", ("Yelwakashi", "district")),
    ("Fighting spread across the Bakinzuru valley.", ("Bakinzuru", "region")),
    ("Families sheltered in the Marafiyo refugee camp.", ("Marafiyo", "place")),
])
def test_name_before_a_feature_word_is_an_unknown_place(text, expected):
    assert unknown(text) == [expected]


def test_name_of_a_site_is_an_unknown_place():
    assert unknown("A bomb went off near the Kolorvesh market.") == [("Kolorvesh", "place")]


def test_name_before_a_known_division_is_an_unknown_place():
    text = "Gunmen killed nine people in Tsamiyarwa, Zamfara state."
    assert unknown(text, [known_division(text, "Zamfara state")]) == [("Tsamiyarwa", "place")]


def test_name_after_in_without_a_known_division_is_not_taken():
    assert unknown("Gunmen killed nine people in Tsamiyarwa, officials said.") == []


@pytest.mark.parametrize("text", [
    "Another village was torched.",
    "Every district reported attacks.",
    "Farming village leaders said farming had stopped.",  # a word the article writes lower
])
def test_sentence_initial_common_word_before_village_is_not_taken(text):
    assert unknown(text) == []


def test_sentence_initial_describing_word_before_district_is_not_taken():
    assert unknown("Rural district officials fled.") == []
    assert unknown("Entire village was gone.") == []


def test_a_region_adjective_is_no_unknown_place():
    assert unknown("Cases rose in the South African region and the European region.") == []


def test_plural_villages_make_no_unknown_place():
    # "X villages" lists places ("Nuli and X villages"), it names none.
    assert unknown("Raiders burned Zindabor villages.") == []


def test_number_word_before_village_is_not_taken():
    assert unknown("IMPHAL, India (wire) - Three village volunteers were killed.") == []


def test_dateline_dash_opens_a_sentence_for_the_plain_word_rule():
    assert unknown("KANO (wire) - Farming village leaders said farming had stopped.") == []


def test_person_or_tail_of_a_longer_name_before_village_is_not_taken():
    assert unknown("Gunmen shot Mr Zindabor village chief.") == []
    assert unknown("Mallam Sani Bello Dunkurawa village was raided.") == []


def test_plain_word_before_the_name_is_left_out_of_it():
    assert unknown("The Yelwakashi area was calm.") == [("Yelwakashi", "region")]


def test_a_name_the_gazetteer_holds_is_left_to_the_scan():
    assert unknown("Bandits struck Dunkurawa village.", in_gazetteer=lambda name: True) == []


def test_unknown_place_overlapping_a_found_mention_is_not_repeated():
    text = "Bandits struck Dunkurawa village."
    assert unknown(text, [known_division(text, "Dunkurawa")]) == []


@pytest.mark.parametrize("text, hint", [
    ("The first case was found in the state of Washington.", "province"),
    ("Fighting reached the town of Victoria on Monday.", "town"),
    ("He met the head of state of Georgia.", ""),
])
def test_feature_word_before_a_name_is_its_hint(matcher, text, hint):
    """"the state of Washington" asks for the state (HINT_BEFORE); a title does not."""
    last = find_mentions(text, matcher)[-1]
    assert last.hint == hint


@pytest.mark.parametrize("text, name", [
    ("A gunman opened fire in a mall in Alphen aan den Rijn on Saturday.", "Alphen aan den Rijn"),
    ("Police cordoned off the centre of Bergen op Zoom.", "Bergen op Zoom"),
])
def test_little_words_inside_a_name_keep_it_whole(matcher, text, name):
    """LOWER_START: "aan", "op" join a name's parts as "de" and "van" do."""
    assert name in surfaces(text, matcher)
