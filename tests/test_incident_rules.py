"""Incident coding rules on short self-written passages (issue 10), and confidence.

Each passage is invented; the towns are ordinary Malian places that no benchmark or test
article uses. Published on Thursday 2025-06-12, so "on Tuesday" is 2025-06-10.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

PUBLISHED = dt.date(2025, 6, 12)
TUESDAY = "2025-06-10"


@pytest.fixture(scope="module", autouse=True)
def built(isolated_cache):
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.reader.matcher import get_matcher

    get_matcher(open_gazetteer())


def read(text: str):
    from incimap.geo.extract import extract

    return extract(text, published=PUBLISHED, country="ML")


def incidents(text: str):
    return list(read(text).incidents)


def where(incident) -> str:
    return incident.location.name if incident.location else ""


# --------------------------------------------------------------- story vs background


def test_a_past_year_clause_opens_no_incident_and_lends_no_toll():
    found = incidents("Gunmen attacked the town of Kidal on Tuesday, killing at least 14 "
                      "people.\n\nIn 2021, militants killed 160 people in Tessalit.")
    assert [(i.event_date, i.fatalities, where(i)) for i in found] == [(TUESDAY, 14, "Kidal")]


def test_last_year_without_a_month_is_background():
    found = incidents("Gunmen killed 11 people in Kidal on Tuesday. Last year, gunmen killed "
                      "40 villagers in Tessalit.")
    assert [(i.event_date, i.fatalities) for i in found] == [(TUESDAY, 11)]


def test_a_similar_attack_lends_the_story_neither_place_nor_toll():
    found = incidents("Gunmen killed 11 people in Kidal on Tuesday. In a similar attack, "
                      "gunmen killed 40 villagers in Tessalit.")
    assert [(i.fatalities, where(i)) for i in found] == [(11, "Kidal")]


def test_an_event_named_by_a_past_year_is_background():
    found = incidents("Gunmen killed 11 people in Kidal on Tuesday. The 2019 bombing of a "
                      "market in Tessalit killed 40 people.")
    assert [(i.fatalities, where(i)) for i in found] == [(11, "Kidal")]


def test_a_past_month_is_its_own_incident_and_never_dates_the_story():
    found = incidents("Gunmen killed 11 people in Kidal.\n\nIn October last year, gunmen "
                      "shot dead 20 miners in Tessalit.")
    story = [i for i in found if i.fatalities == 11]
    assert story and story[0].event_date.startswith("2025-06")
    assert [i.event_date for i in found if i.fatalities == 20] == ["2024-10-01"]


def test_a_date_on_a_verb_of_saying_is_not_the_event_date():
    found = incidents("Police on Monday said gunmen killed five people in an attack on a "
                      "market in Kidal.")
    assert len(found) == 1
    assert found[0].event_date != "2025-06-09"


# --------------------------------------------------------------- totals and sub-groups


def test_a_headline_count_over_two_events_is_their_sum_not_one_toll():
    found = incidents("Twin attacks kill 30 in Mali\n\nGunmen killed at least 20 villagers in "
                      "Niono on Sunday. In a separate attack on Monday, ten soldiers died when "
                      "their convoy hit a roadside bomb near Bourem.")
    assert sorted((where(i), i.fatalities) for i in found) == [("Bourem", 10), ("Niono", 20)]
    # An older event the story recalls is no part of the headline's count.
    found = incidents("Four militants killed in Niono\n\nPolice raided a militant hideout in "
                      "Niono on Tuesday. In March, a policeman was killed in an ambush near "
                      "Bourem.")
    assert found[0].fatalities == 4


def test_dead_seen_where_no_casualties_are_reported_are_no_toll():
    (one,) = incidents("A riot broke out at the prison in Niono on Tuesday. Inmates on the roof "
                       "are holding what looks to be 2 dead bodies; no casualties have been "
                       "officially reported.")
    assert (one.event_type, one.fatalities) == ("Riots", 0)
    # Nor one side's: "no casualties were reported among the attackers".
    (three,) = incidents("Jihadists attacked the army in Bourem on Tuesday, killing three "
                         "soldiers; no casualties were reported among the attackers.")
    assert three.fatalities == 3
    # No one else's dead ("no civilian casualties were reported") leave the toll told.
    (two,) = incidents("Gunmen killed two soldiers in Niono on Tuesday; no civilian casualties "
                       "were reported.")
    assert two.fatalities == 2


def test_the_gunman_killed_by_others_is_one_dead_more_past_the_headline():
    text = ("Gunman kills eight at Niono school\n\nA gunman opened fire in a school in Niono "
            "on Tuesday, killing eight pupils. Police said the gunman was later shot dead by a "
            "soldier.")
    (one,) = incidents(text)
    assert (one.event_type, one.fatalities) == ("Violence against civilians", 9)
    # Counted already ("including the gunman"): no second time.
    (three,) = incidents("A gunman opened fire in a school in Niono on Tuesday. Nine people, "
                         "including the gunman, were killed. Police said the gunman was shot "
                         "dead by a soldier.")
    assert three.fatalities == 9
    # Beside a headline total that took in both sides' dead.
    (four,) = incidents("Troops kill 9 in Niono\n\nSoldiers killed four militants and five "
                        "civilians in Niono on Tuesday. The gunman was later shot dead by a "
                        "soldier.")
    assert four.fatalities == 10
    # "the gunman killed eight" is no death of his.
    (two,) = incidents("A gunman opened fire in a school in Niono on Tuesday. Police said the "
                       "gunman killed eight pupils.")
    assert two.fatalities == 8


def test_a_headline_count_is_the_whole_toll_that_others_do_not_pass():
    (one,) = incidents("Four killed as gunmen ambush convoy carrying governor\n\nGunmen "
                       "ambushed a convoy carrying the governor near Niono on Tuesday. The "
                       "governor escaped unhurt, but the attack killed four others.")
    assert one.fatalities == 4
    # A body that counts more than the headline: the headline is older, the others add.
    (five,) = incidents("Four killed in Niono attack\n\nGunmen killed six villagers in Niono "
                        "on Tuesday. Two others died later in hospital.")
    assert five.fatalities == 8
    # A headline counting one kind of people counts only them.
    (three,) = incidents("Rebels kill eight police in Niono\n\nRebels blew up a police vehicle "
                         "with a landmine near Niono on Tuesday, killing eight policemen and "
                         "their driver.")
    assert three.fatalities == 9
    # A headline's one victim is the one it names: the others are on top of it.
    (one,) = incidents("Mayor killed by car bomb\n\nA car bomb killed the mayor of Niono on "
                       "Tuesday. At least nine other people were killed in the explosion.")
    assert one.fatalities == 10


def test_the_dead_of_many_days_are_a_tally_not_the_toll():
    (one,) = incidents("A bomb exploded in a market in Niono on Tuesday. Over 150 people were "
                       "killed in the region over the last seven days.")
    assert (one.fatalities, where(one)) == (0, "Niono")


def test_one_named_and_another_killed_are_two_dead():
    (one,) = incidents("A suicide bomber struck a shrine in Niono on Tuesday. The attacker and "
                       "another person were killed in the blast, which wounded eight pilgrims.")
    assert (one.sub_event_type, one.fatalities) == ("Suicide bomb", 2)
    (two,) = incidents("A suicide bomber struck a checkpoint in Niono on Tuesday. The bomber "
                       "and a guard died in the blast.")
    assert two.fatalities == 2


def test_a_total_beats_a_sub_group_in_the_same_story():
    (one,) = incidents("Militants attacked an army base in Kidal on Tuesday. One soldier was "
                       "killed in the first assault, and at least 32 people died in all.")
    assert one.fatalities == 32


def test_a_sub_group_sentence_does_not_lower_the_total():
    (one,) = incidents("Gunmen attacked a convoy in Kidal on Tuesday. Five people were killed. "
                       "Two civilians were killed when the convoy was hit.")
    assert one.fatalities == 5


def test_more_than_n_is_coded_as_n():
    (one,) = incidents("Gunmen attacked a market in Kidal on Tuesday. More than 20 people "
                       "were killed.")
    assert one.fatalities == 20


def test_victims_listed_after_one_verb_are_all_killed():
    # "killed three soldiers and two civilians": the verb counts both groups.
    (one,) = incidents("Gunmen attacked a checkpoint near Kidal on Tuesday and killed three "
                       "soldiers and two civilians.")
    assert one.fatalities == 5


def test_victims_listed_before_one_verb_are_all_killed():
    (one,) = incidents("Three soldiers and two civilians were killed when gunmen attacked a "
                       "checkpoint near Kidal on Tuesday.")
    assert one.fatalities == 5


def test_a_group_that_also_died_adds_to_the_toll():
    (one,) = incidents("Gunmen attacked a checkpoint near Kidal on Tuesday, killing three "
                       "soldiers. Two civilians also died.")
    assert one.fatalities == 5


def test_a_headline_that_kills_a_person_without_an_article_counts_one():
    (one,) = incidents("Car bomb kills boy in Kidal\n\nA car bomb exploded near a market in "
                       "Kidal on Tuesday, police said.")
    assert one.fatalities == 1


def test_a_gunman_who_killed_himself_counts_among_the_dead():
    (one,) = incidents("A gunman opened fire in a market in Kidal on Tuesday. He killed four "
                       "people before turning the gun on himself, police said.")
    assert one.fatalities == 5


def test_a_toll_that_names_the_gunman_among_its_dead_is_not_raised():
    (one,) = incidents("A gunman opened fire in a market in Kidal on Tuesday. Five people, "
                       "including the gunman, died after he shot four and then himself.")
    assert one.fatalities == 5


def test_a_suicide_bomber_is_not_added_to_the_toll():
    (one,) = incidents("A suicide bomber blew himself up in a market in Kidal on Tuesday, "
                       "killing four people, police said.")
    assert one.fatalities == 4


def test_estimates_of_the_same_dead_keep_the_lowest():
    # ACLED: a witness's higher count of the same dead is no second group.
    (one,) = incidents("Gunmen attacked a market in Kidal on Tuesday. At least 10 people were "
                       "killed, officials said. A witness put the toll at 15 dead.")
    assert one.fatalities == 10


def test_one_group_in_two_words_is_not_added():
    # "troops" in the headline and "soldiers" in the text are the same three dead.
    (one,) = incidents("Three troops killed in Kidal ambush\n\nThree soldiers were killed when "
                       "gunmen ambushed a patrol near Kidal on Tuesday.")
    assert one.fatalities == 3


def test_bodies_count_all_the_dead_so_a_part_beside_them_is_not_added():
    # "28 bodies" counts every group, like "28 people": the 19 children are among them.
    (one,) = incidents("A bomb destroyed a house in Kidal on Tuesday. Rescuers pulled 28 bodies, "
                       "19 children, from the rubble.")
    assert one.fatalities == 28


def test_a_total_with_one_soldier_included_stays_the_total():
    (one,) = incidents("A car bomb exploded in Kidal on Tuesday. At least 32 people were killed, "
                       "including one soldier.")
    assert one.fatalities == 32


def test_more_dead_add_to_the_toll():
    (one,) = incidents("A bomb killed four people in Kidal on Tuesday. Two more died later in "
                       "hospital.")
    assert one.fatalities == 6


def test_a_single_victim_closing_the_list_is_counted():
    # "Eleven passengers and the driver were killed": the verb counts both, 11 + 1.
    (one,) = incidents("Gunmen attacked a bus near Kidal on Tuesday. Eleven passengers and the "
                       "driver were killed.")
    assert one.fatalities == 12


def test_others_who_died_add_to_the_toll():
    (one,) = incidents("Gunmen killed seven villagers near Kidal on Tuesday. Three others died of "
                       "their wounds on Wednesday.")
    assert one.fatalities == 10


def test_others_listed_with_a_group_add_to_it():
    (one,) = incidents("Gunmen attacked a convoy near Kidal on Tuesday. Two soldiers and three "
                       "others were killed.")
    assert one.fatalities == 5


def test_a_single_victim_opening_the_list_is_counted():
    # "killing a policeman and two civilians": the verb counts both, 1 + 2.
    (one,) = incidents("Gunmen attacked a police post in Kidal on Tuesday, killing a policeman "
                       "and two civilians.")
    assert one.fatalities == 3


def test_killed_a_person_is_one_death():
    (one,) = incidents("Gunmen killed a soldier near Kidal on Tuesday.")
    assert one.fatalities == 1


def test_both_sides_dead_in_one_toll_are_one_incident():
    # Fighters killed with civilians in one sentence's toll are one event, not two.
    (one,) = incidents("At least four gunmen and five civilians have been killed during army "
                       "raids near Kidal on Tuesday.")
    assert one.fatalities == 9


def test_a_total_holding_both_sides_dead_counts_them_once():
    # "Troops kill 9" then "four gunmen and five civilians": the 9 holds both sides.
    (one,) = incidents("Troops kill 9 near Kidal\n\nAt least four gunmen and five civilians have "
                       "been killed during army raids near Kidal on Tuesday.")
    assert one.fatalities == 9


def test_another_who_died_adds_one():
    (one,) = incidents("Gunmen attacked a convoy near Kidal on Tuesday. Two soldiers died at the "
                       "scene and another died in hospital.")
    assert one.fatalities == 3


def test_fighters_dead_in_a_clause_of_their_own_stay_a_separate_incident():
    # Two verbs, two events: the attack's dead and the crackdown's dead are not one toll.
    found = incidents("In Kidal on Tuesday gunmen killed over 50 people, prompting a security "
                      "crackdown that left 21 militants dead.")
    assert sorted(i.fatalities for i in found) == [21, 50]


def test_the_dead_included_lists_the_dead():
    (one,) = incidents("A bomb exploded in a Kidal market on Tuesday. The dead included four "
                       "children and two women.")
    assert one.fatalities == 6


def test_the_bodies_of_n_are_deaths():
    (one,) = incidents("Gunmen attacked a village near Kidal on Tuesday. The bodies of eight "
                       "villagers were recovered.")
    assert one.fatalities == 8


def test_a_total_of_n_after_the_verb_is_counted():
    (one,) = incidents("A bomb exploded in a Kidal market on Tuesday, killing a total of 15 "
                       "people.")
    assert one.fatalities == 15


def test_a_single_victim_opening_the_clause_before_its_verb_is_counted():
    (one,) = incidents("Gunmen attacked a bus near Kidal on Tuesday. The driver and four "
                       "passengers were killed.")
    assert one.fatalities == 5


# --------------------------------------------------------------- separate incidents


def test_far_apart_places_with_their_own_tolls_are_separate_incidents():
    found = incidents("Gunmen attacked a village near Kidal on Tuesday, killing 9 people. In "
                      "Menaka, gunmen killed 8 people on the same day.")
    assert [(i.fatalities, where(i)) for i in found] == [(9, "Kidal"), (8, "Ménaka")]


def test_a_second_sentence_at_the_same_place_stays_one_incident():
    found = incidents("Gunmen attacked a village near Kidal on Tuesday, killing 9 people. "
                      "The attackers then set fire to houses in Kidal.")
    assert [(i.fatalities, where(i)) for i in found] == [(9, "Kidal")]


def test_a_follow_on_fight_placed_nowhere_is_at_the_storys_site():
    """The exchange of fire names no place: it is at the checkpoint the story placed, not
    at the region's centre or the country's."""
    for dateline in ("KIDAL", "GAO"):
        found = incidents(f"{dateline}, Mali — A suicide bomber drove a car into a market "
                          "in Tessalit district on Tuesday, killing 12 people, the army said. "
                          "Six militants were killed in the exchange of fire that followed.")
        assert [(i.fatalities, where(i)) for i in found] == [(12, "Tessalit"), (6, "Tessalit")]


# --------------------------------------------------------------- actors


def test_a_claim_names_the_perpetrator():
    (one,) = incidents("Ansar Dine claimed responsibility for the attack in Kidal on Tuesday, "
                       "which killed 8 people.")
    assert one.actor1 == "Ansar Dine"


def test_carried_out_by_names_the_perpetrator():
    (one,) = incidents("The attack on a market in Kidal on Tuesday, which killed 8 people, "
                       "was carried out by Ansar Dine.")
    assert one.actor1 == "Ansar Dine"


def test_a_group_named_only_in_background_is_not_the_perpetrator():
    (one,) = incidents("Gunmen killed 11 people in Kidal on Tuesday.\n\nIn 2019, Ansar Dine "
                       "militants attacked a village in Tessalit.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_an_air_strike_is_the_states_without_a_claim():
    (one,) = incidents("An airstrike on a market in Kidal on Tuesday killed 20 civilians.")
    assert one.sub_event_type == "Air/drone strike"
    assert one.actor1 == "Military Forces of Mali"


def test_a_foreign_air_strike_is_that_states():
    (one,) = incidents("A French air strike on a camp near Kidal on Tuesday killed 12 "
                       "militants.")
    assert one.actor1 == "Military Forces of France"


def test_security_forces_as_the_doer_are_the_state():
    (one,) = incidents("Security forces opened fire on villagers in Kidal on Tuesday, "
                       "killing six people.")
    assert one.actor1 == "Military Forces of Mali"


def test_soldiers_killed_are_victims_not_the_doer():
    (one,) = incidents("Three soldiers were attacked at a checkpoint in Kidal on Tuesday; "
                       "two of them died.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"



def test_the_sides_are_of_the_country_the_event_is_in():
    # Read with Mali as the country, an attack in Niger is among Niger's forces.
    (one,) = incidents("Gunmen attacked a police post in Niamey, Niger, on Tuesday, killing "
                       "two officers.")
    assert (one.actor1, one.actor2) == ("Unidentified Armed Group (Niger)",
                                        "Police Forces of Niger")

# --------------------------------------------------------------- types


def test_a_bombing_with_hostages_taken_is_an_explosion():
    (one,) = incidents("A car bomb exploded outside a hotel in Kidal on Tuesday, killing five "
                       "people. The attackers also took two hostages.")
    assert one.event_type == "Explosions/Remote violence"


def test_aircraft_as_a_target_make_no_air_strike():
    (one,) = incidents("Gunmen attacked aircraft parked at the airport in Kidal on Tuesday, "
                       "killing two guards.")
    assert one.sub_event_type != "Air/drone strike"


def test_a_region_that_has_seen_repeated_clashes_is_a_trend_not_a_battle():
    """The closing line about the region's clashes is no event: the gunmen's attack on
    residents stays an attack on civilians, and the police who confirmed it are no side."""
    (one,) = incidents("Gunmen opened fire on residents of a village near Niono on Tuesday, "
                       "killing 14 people. A police spokesman confirmed the attack. The "
                       "region has seen repeated clashes between herders and farmers.")
    assert (one.event_type, one.actor2) == ("Violence against civilians", "Civilians (Mali)")


def test_a_bare_strike_that_kills_is_an_air_strike_and_a_walk_out_is_none():
    found = incidents("Gunmen killed 11 people in Niono on Tuesday. Separately, two people "
                      "were killed in a strike on a house in Bourem.")
    assert [(i.sub_event_type, where(i)) for i in found] == [
        ("Attack", "Niono"), ("Air/drone strike", "Bourem")]
    found = incidents("Teachers began a strike on Tuesday in Niono. Gunmen killed 11 people "
                      "in Bourem on Tuesday.")
    assert [(i.sub_event_type, where(i)) for i in found] == [("Attack", "Bourem")]
    assert incidents("A general strike hit Niono on Tuesday.") == []


def test_the_storys_air_force_flies_its_unattributed_strikes():
    """"Separately, ... a strike on a house": the strike the story attributes to French
    aircraft sets whose the other one is, not Mali's own."""
    found = incidents("A French air strike hit a camp near Niono on Tuesday, killing 12 "
                      "militants. Separately, two people were killed in a strike on a house "
                      "in Bourem.")
    assert [(i.actor1, where(i)) for i in found] == [
        ("Military Forces of France", "Niono"), ("Military Forces of France", "Bourem")]


def test_a_foreign_jet_named_with_its_kind_is_that_states_air_strike():
    (one,) = incidents("A French fighter jet bombed a convoy near Niono on Tuesday, killing "
                       "9 people.")
    assert (one.sub_event_type, one.actor1) == ("Air/drone strike", "Military Forces of France")


def test_a_gang_named_as_the_doer_is_the_actor():
    (one,) = incidents("Members of the Ban Kalan gang opened fire on villagers in Niono on "
                       "Tuesday, killing 5 people.")
    assert one.actor1 == "Ban Kalan"


def test_suicide_bombers_who_killed_only_themselves_are_the_toll():
    (one,) = incidents("Two men, said to be brothers, blew themselves up outside a police "
                       "station in Niono on Tuesday. No one else was hurt.")
    assert (one.sub_event_type, one.fatalities) == ("Suicide bomb", 2)


def test_one_person_listed_after_a_count_adds_one():
    """"eleven soldiers and a captain": twelve dead; and an ambush on them fought with
    grenades is a battle, not a grenade attack."""
    (one,) = incidents("Rebels ambushed an army patrol near Niono on Tuesday with grenades "
                       "and rifles, killing eleven soldiers and a captain.")
    assert (one.event_type, one.sub_event_type, one.fatalities) == ("Battles", "Armed clash", 12)


def test_militants_shot_dead_by_police_are_a_battle_with_the_police():
    (one,) = incidents("Three militants were shot dead by police in Niono on Tuesday as they "
                       "drove at the gate of the town hall.")
    assert (one.event_type, one.actor2, one.fatalities) == (
        "Battles", "Police Forces of Mali", 3)


def test_militants_the_police_killed_are_a_battle_not_an_attack_on_civilians():
    """The police are the doer ("killed by security forces") and the dead are militants: a
    battle, the police named as such rather than as the military. The attack was the
    militants', thwarted, so they go first (the corpus's coders f and g)."""
    (one,) = incidents("Three militants gunned down by police in Mali\n\nAn attack on the "
                       "party headquarters in Niono was thwarted by police on Tuesday. The "
                       "militants were armed with rifles. They were confronted and killed by "
                       "security forces as they tried to break through the cordon.")
    assert (one.event_type, one.actor1, one.actor2, one.fatalities) == (
        "Battles", "Unidentified Armed Group (Mali)", "Police Forces of Mali", 3)
    # A raid of the police's own, fought, keeps them first.
    (two,) = incidents("Police stormed a militant hideout in Niono on Tuesday, killing three "
                       "militants in a shootout.")
    assert (two.event_type, two.actor1, two.actor2, two.fatalities) == (
        "Battles", "Police Forces of Mali", "Unidentified Armed Group (Mali)", 3)


def test_attackers_killed_by_the_fire_they_drew_are_one_battle_with_their_attack():
    """An attack that killed no one, then the forces' fire killing only attackers: one
    clash, its dead the attackers, the attackers first."""
    (one,) = incidents("Militants attacked a police post in Niono on Tuesday. Three of the "
                       "attackers were killed when police returned fire.")
    assert (one.event_type, one.actor1, one.actor2, one.fatalities) == (
        "Battles", "Unidentified Armed Group (Mali)", "Police Forces of Mali", 3)
    # An attack that took or hurt others than the forces stays its own event.
    found = incidents("Gunmen raided Niono on Tuesday and abducted ten women. Troops later "
                      "killed three of the gunmen.")
    assert [(i.sub_event_type, i.fatalities) for i in found] == [
        ("Abduction/forced disappearance", 0), ("Armed clash", 3)]
    found = incidents("Suicide bombers struck a market in Niono on Tuesday, wounding 20 "
                      "people. Soldiers killed two militants.")
    assert [(i.sub_event_type, i.actor1) for i in found][0] == (
        "Suicide bomb", "Unidentified Armed Group (Mali)")
    # So does one on a village, told with no one hurt.
    found = incidents("Gunmen raided a village near Niono on Tuesday. Troops later killed three "
                      "of the gunmen.")
    assert len(found) == 2
    # Civilians killed in the attack keep it apart from the forces' later fight.
    found = incidents("Gunmen attacked Niono on Tuesday, killing five villagers. Soldiers "
                      "later killed three gunmen.")
    assert [(i.event_type, i.fatalities) for i in found] == [
        ("Violence against civilians", 5), ("Battles", 3)]


def test_gunmen_firing_on_police_stations_fight_the_police_under_a_siege_of_words():
    """Police officers hurt in an attack on their stations make it a battle with them, though
    a bystander died; "placed the society under siege" is a figure of speech, no siege that
    the police laid."""
    (one,) = incidents("Gunmen besieged and fired at police stations in Niono on Tuesday, "
                       "injuring two police officers and a civilian, killing another man. The "
                       "minister called the attacks an assault on the state and said criminals "
                       "had placed the society under siege.")
    assert (one.event_type, one.actor1, one.actor2) == (
        "Battles", "Unidentified Armed Group (Mali)", "Police Forces of Mali")
    # Shoppers killed beside a police station, one policeman hurt: an attack on them.
    (two,) = incidents("Gunmen opened fire at a market next to a police station in Niono on "
                       "Tuesday, killing eight shoppers and injuring a policeman.")
    assert (two.event_type, two.actor2) == ("Violence against civilians", "Civilians (Mali)")


def test_a_crash_that_kills_is_no_attack():
    assert incidents("A military helicopter crashed into a hillside near Niono on Tuesday, "
                     "killing four crew.") == []


def test_the_dead_of_a_crash_told_after_an_attack_are_not_its_toll():
    (one,) = incidents("Gunmen attacked a market in Niono on Tuesday, killing three people. "
                       "A minister died in a helicopter crash near Ségou. Five others died in "
                       "the crash.")
    assert (one.fatalities, where(one)) == (3, "Niono")


def test_an_explosion_at_a_plant_is_an_accident():
    assert incidents("Several chemical explosions at a fertiliser plant in Niono on Tuesday "
                     "killed three workers.") == []
    assert incidents("A gas explosion in a house in Niono on Tuesday killed two people.") == []


def test_a_bomb_threat_is_no_bombing_and_open_fire_is_an_attack():
    (one,) = incidents("A man began to open fire in a school in Niono on Tuesday, killing 9 "
                       "pupils. Police also reported a bomb threat at a nearby building.")
    assert (one.event_type, one.sub_event_type) == ("Violence against civilians", "Attack")
    (one,) = incidents("Gunmen began to open fire on a crowd in Niono on Tuesday.")
    assert one.sub_event_type == "Attack"


def test_firefighters_are_no_firefight():
    (one,) = incidents("Gunmen attacked a bus near Bourem on Tuesday, killing three "
                       "passengers. Firefighters put out the blaze.")
    assert (one.event_type, one.actor2) == ("Violence against civilians", "Civilians (Mali)")


def test_an_island_the_gazetteer_lacks_holds_its_own_event():
    """The camp on the island is one event, the bomb in the town hours earlier another:
    the island's name is kept, its toll not mixed with the town's."""
    found = incidents("A gunman shot dead 12 people at a camp on the island of Sanké in Mali "
                      "on Tuesday. Hours earlier, a bomb in Niono killed 5 people.")
    assert sorted((i.fatalities, where(i)) for i in found) == [(5, "Niono"), (12, "Sanké")]


def test_a_group_that_is_claiming_responsibility_is_named_whole():
    (one,) = incidents("Five workers were kidnapped near Niono on Tuesday. A group called the "
                       "Movement for the Emancipation of the Delta is claiming responsibility.")
    assert one.actor1 == "Movement for the Emancipation of the Delta"


def test_each_story_of_a_briefs_page_is_coded_in_its_own_country():
    from incimap.geo.extract import extract

    page = ("News briefs for Thursday\n\nAttack in Somalia\n\nAl-Shabaab militants attacked "
            "a base in Kismayo on Monday, killing four soldiers.\n\nBombing in Niger\n\nA "
            "bomb exploded in Niamey on Monday, killing four people.\n\nGunmen kill five in "
            "Mali\n\nGunmen killed five herders in Tessalit on Monday.\n")
    found = {where(i): (i.actor1, i.actor2) for i in extract(page, published=PUBLISHED).incidents}
    assert found["Niamey"] == ("Unidentified Armed Group (Niger)", "Civilians (Niger)")
    # The page's one group is Somalia's story's, not the gunmen's of another story.
    assert found["Tessalit"] == ("Unidentified Armed Group (Mali)", "Civilians (Mali)")


def test_a_string_of_blasts_on_one_night_is_the_event_not_a_trend():
    """"A string of ... explosions" is a trend unless a day makes it one night's."""
    (one,) = incidents("A string of at least three explosions in Niono early on Tuesday has "
                       "left at least 88 people dead.")
    assert one.fatalities == 88
    assert incidents("A string of explosions has hit towns of the region, leaving 88 dead.") == []


def test_a_section_label_is_no_new_story():
    """"Responsibility" heads a section of the article: the claim in it is the story's."""
    (one,) = incidents("Blasts kill 12 in Niono\n\nTwo car bombs exploded in Niono on Tuesday, "
                       "killing 12 people.\n\nResponsibility\n\nA group calling itself the "
                       "Azawad Brigades has claimed responsibility for the attacks.")
    assert one.actor1 == "Azawad Brigades"


def test_a_story_headlined_as_an_accident_reports_no_killing():
    found = incidents("News briefs\n\nGunmen kill five in Niono\n\nGunmen attacked Niono on "
                      "Tuesday, killing five people.\n\n16 killed in motor accident\n\nIn "
                      "Bourem, 16 pupils on their way to school have been killed.")
    assert [where(i) for i in found] == ["Niono"]


def test_a_group_that_struck_from_the_air_is_the_doer():
    """Air power is a state's unless a group is written as the strike's doer."""
    (one,) = incidents("The paramilitary Azawad Liberation Army (ALA) killed at least 30 "
                       "people in a drone strike on a camp near Niono on Tuesday.")
    assert (one.sub_event_type, one.actor1) == (
        "Air/drone strike", "ALA: Azawad Liberation Army")


def test_a_stabbing_is_an_attack():
    (one,) = incidents("A man began stabbing passers-by in the market of Niono on Tuesday.")
    assert one.sub_event_type == "Attack"


def test_a_school_shooting_ended_by_a_police_siege_is_an_attack_on_civilians():
    (one,) = incidents("Eight people have been killed in a school shooting in Niono. Police "
                       "arrested the shooter on Tuesday after a siege at the school.")
    assert (one.event_type, one.actor1, one.fatalities) == (
        "Violence against civilians", "Unidentified Armed Group (Mali)", 8)


def test_a_warning_of_a_bomb_is_no_bombing():
    assert incidents("A passenger on a bus to Niono on Tuesday found a note warning that a "
                     "bomb would explode on board.") == []


def test_a_doer_that_could_not_be_identified_still_opened_fire():
    """"not be" hedges the words after it, but not past another clause's verb."""
    (one,) = incidents("Gunmen who could not be identified opened fire on a bus in Niono on "
                       "Tuesday.")
    assert one.sub_event_type == "Attack"


def test_an_office_holder_who_dies_after_being_shot_is_one_dead_at_his_town():
    """"Mayor of X dies after being shot": one dead; the report names no region or
    country, so its one town is where."""
    (one,) = incidents("Mayor of Niono dies after being shot\n\nThe mayor of Niono was shot "
                       "twice in the back on Tuesday in front of his office.")
    assert (one.sub_event_type, one.fatalities, where(one)) == ("Attack", 1, "Niono")


def test_the_forces_returning_fire_on_their_attackers_are_one_clash():
    """Five soldiers, then four attackers killed by the soldiers' fire: one battle of nine."""
    found = incidents("Militants attacked a check post near Niono overnight, killing five "
                      "soldiers, the army said on Tuesday. Security forces returned fire and "
                      "killed four militants.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Battles", 9)]


def test_burning_homes_is_an_attack_and_a_community_is_a_village():
    (one,) = incidents("Gunmen burned homes in Tamani community in Mali on Tuesday night.")
    assert (one.sub_event_type, where(one)) == ("Attack", "Tamani")


def test_a_state_run_agency_is_no_state():
    from incimap.geo.extract import extract

    found = extract("Gunmen killed two people in Niono on Tuesday, Mali's state-run news "
                    "agency reported.", published=PUBLISHED, country="ML")
    assert not [m for m in found.mentions if "state" in m.surface]


def test_the_scenes_day_dates_the_event_told_next():
    """"On Monday night, a gunman entered ... He opened fire, killing eight": the day of
    the scene the next sentence's killing happened in (published Thursday)."""
    (one,) = incidents("On Monday night, a gunman entered the library of a school in Niono. "
                       "He opened fire with a rifle, killing eight people.")
    assert one.event_date == "2025-06-09"


def test_a_group_that_did_not_claim_the_attack_is_not_its_doer():
    (one,) = incidents("Gunmen killed eight people in Niono on Tuesday. The Azawad Front sent a "
                       "message praising the operation, but it did not claim responsibility.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_the_recent_offensive_a_statement_refers_to_lends_no_toll():
    (one,) = incidents("A gunman killed eight people in Niono on Tuesday. A spokesman said it "
                       "was a reaction to the recent army offensive in Kidal, which killed at "
                       "least 58 civilians.")
    assert (one.fatalities, where(one)) == (8, "Niono")


def test_policemen_shot_dead_in_a_headline_are_the_police():
    """"Two policemen shot dead": the counted noun ends at "policemen", so the dead are
    the police and the attack on them a battle."""
    (one,) = incidents("Two policemen shot dead in Niono\n\nGunmen on a motorcycle fled after "
                       "the shooting on Tuesday.")
    assert (one.event_type, one.actor2, one.fatalities) == (
        "Battles", "Police Forces of Mali", 2)


def test_a_mine_that_went_off_is_an_explosion():
    (one,) = incidents("Four children were playing near their home in Niono on Tuesday when an "
                       "old mine went off.")
    assert one.sub_event_type == "Remote explosive/landmine/IED"


def test_foreign_troops_named_by_their_demonym_are_that_states():
    (one,) = incidents("French troops raided a village near Niono on Tuesday, killing five "
                       "people, residents said.")
    assert one.actor1 == "Military Forces of France"


def test_a_foreign_drone_strike_that_hurt_no_one_has_no_target_actor():
    (one,) = incidents("A French drone strike on a fuel depot near Niono sparked a fire on "
                       "Tuesday, the governor said. No one was hurt.")
    assert (one.actor1, one.actor2) == ("Military Forces of France", "")


def test_the_police_who_only_report_a_clash_are_no_side_of_it():
    (one,) = incidents("Clashes between rival communities near Niono left three people dead on "
                       "Tuesday, police said.")
    assert "Police" not in one.actor2


def test_a_place_the_gazetteer_lacks_before_in_and_a_region_is_kept():
    (one,) = incidents("Gunmen abducted 20 pupils from a school in Sanké, in Mali's Ségou "
                       "region, on Tuesday.")
    assert where(one) == "Sanké"


def test_a_time_zone_after_a_clock_time_is_no_place():
    from incimap.geo.extract import extract

    found = extract("A bomb exploded on Tuesday just after 7:00 p.m. AST (2300 UTC) outside "
                    "a bar in Niono, wounding 10.", published=PUBLISHED, country="ML")
    assert [m.surface for m in found.mentions] == ["Niono"]


def test_one_officer_killed_makes_an_attack_on_the_police_a_battle():
    (one,) = incidents("Gunmen killed a police officer and wounded two others in Niono on "
                       "Tuesday.")
    assert (one.event_type, one.actor2, one.fatalities) == (
        "Battles", "Police Forces of Mali", 1)


def test_grenades_thrown_at_the_police_are_a_battle():
    (one,) = incidents("Attackers threw grenades at a police post in Niono on Tuesday, "
                       "wounding three policemen.")
    assert (one.event_type, one.actor2) == ("Battles", "Police Forces of Mali")


def test_a_bomb_set_off_in_a_gunfight_with_soldiers_is_a_battle():
    found = incidents("Gunmen tried to storm the embassy in Niono on Tuesday. There was an "
                      "exchange of gunfire and a car bomb exploded, killing two soldiers.")
    assert (found[0].event_type, found[0].fatalities) == ("Battles", 2)


def test_a_roadside_bomb_that_kills_soldiers_stays_an_explosion():
    (one,) = incidents("A roadside bomb killed two soldiers near Niono on Tuesday.")
    assert one.sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize("text, dead", [
    ("Two suicide bombers detonated their vests at a mosque in Niono on Tuesday, killing "
     "themselves and 15 others.", 17),
    ("A suicide bomber detonated his vest at a mosque in Niono on Tuesday, killing himself "
     "and 15 others.", 16),
])
def test_bombers_killing_themselves_and_others_are_among_the_dead(text, dead):
    (one,) = incidents(text)
    assert (one.sub_event_type, one.fatalities, one.actor2) == (
        "Suicide bomb", dead, "Civilians (Mali)")


def test_one_person_after_a_count_of_people_adds_one():
    (one,) = incidents("A car bomb exploded in Niono on Tuesday, killing 9 people and the "
                       "driver.")
    assert one.fatalities == 10


def test_a_group_that_says_it_is_not_responsible_is_no_doer():
    (one,) = incidents("A roadside bomb killed four soldiers near Niono on Tuesday. The Azawad "
                       "Front has stated that it is not responsible for the blast.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_no_one_knowing_who_planted_the_bomb_leaves_it_unclaimed():
    (one,) = incidents("Gunmen killed four soldiers near Niono on Tuesday. It is not known who "
                       "the gunmen were. The Azawad Liberation Front has fought the army in the "
                       "region.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_a_night_of_rioting_into_the_next_morning_is_one_event_where_it_took_place():
    """"has taken place in X" is where it happened, not where anyone was taken; and a night
    running into the next morning is one event, not two."""
    found = incidents("A night of rioting on Monday night and into Tuesday morning has taken "
                      "place in Niono, with mobs attacking police and setting cars alight.")
    assert [(i.event_type, where(i), i.event_date) for i in found] == [
        ("Riots", "Niono", "2025-06-09")]


def test_cars_hijacked_to_burn_are_no_abduction():
    found = incidents("Rioters attacked police in Niono on Tuesday. Cars were hijacked and set "
                      "alight in Niono.")
    assert [i.event_type for i in found] == ["Riots"]


def test_the_provincial_capital_is_the_city_not_the_province():
    found = incidents("Gunmen burned a school in Niono, in Ségou Region, on Monday. On Tuesday "
                      "a bomb exploded near a tea shop in the regional capital Ségou, killing "
                      "one.")
    bomb = [i for i in found if i.sub_event_type == "Remote explosive/landmine/IED"]
    assert [(where(i), i.location.feature_type) for i in bomb] == [("Ségou", "city")]


def test_a_shell_that_hit_a_home_is_shelling():
    (one,) = incidents("A young girl was killed and her mother wounded when a shell hit their "
                       "home in Niono on Tuesday.")
    assert (one.sub_event_type, one.fatalities) == ("Shelling/artillery/missile attack", 1)


def test_a_village_chief_and_two_of_his_sons_are_three_dead():
    (one,) = incidents("Gunmen killed the chief of Tamani village and two of his sons in an "
                       "overnight raid near Niono, residents said on Tuesday.")
    assert one.fatalities == 3


def test_militants_storming_a_police_station_are_a_battle_with_the_police():
    (one,) = incidents("Militants stormed a police station in Niono on Tuesday and freed 30 "
                       "prisoners.")
    assert (one.event_type, one.actor2) == ("Battles", "Police Forces of Mali")


def test_a_strike_that_killed_a_rebel_commander_is_on_a_group():
    (one,) = incidents("A drone strike by the army killed a senior rebel commander near Niono "
                       "on Tuesday.")
    assert (one.actor1, one.actor2) == (
        "Military Forces of Mali", "Unidentified Armed Group (Mali)")


# --------------------------------------------------------------- roles


def roles(text: str) -> dict[str, str]:
    return {m.surface: m.role for m in read(text).mentions}


def test_where_a_witness_phoned_from_is_not_where_victims_came_from():
    found = roles("Gunmen attacked a village near Kidal on Tuesday, killing 9 people. A "
                  "resident who phoned from Menaka said the gunmen came on motorbikes.")
    assert found["Menaka"] == "context"


def test_where_residents_fled_to_is_their_destination_not_victims_from():
    found = roles("Gunmen attacked a village near Kidal on Tuesday, killing 9 people, said "
                  "residents who fled from the village to Menaka.")
    assert found["Menaka"] == "destination"


def test_bandits_struck_a_village_makes_it_the_event_place():
    found = roles("The bandits struck Ansongo village at night.")
    assert found["Ansongo village"] == "event"


def test_carried_out_in_a_town_is_not_taken_to():
    found = roles("Security forces carried out air strikes on rebel positions in Kidal on "
                  "Tuesday, killing 15.")
    assert found["Kidal"] == "event"


# --------------------------------------------------------------- confidence


def test_every_record_and_field_has_a_confidence_between_0_and_1(seed_extraction):
    for inc in seed_extraction.incidents:
        assert 0 <= inc.confidence <= 1
        assert set(inc.field_confidence) == {"location", "date", "fatalities", "event_type",
                                             "actor1"}
        assert all(0 <= v <= 1 for v in inc.field_confidence.values())


def test_a_named_place_is_more_confident_than_the_province_fallback(seed_extraction):
    tunnel = [i for i in seed_extraction.incidents if where(i) == "Mushkaf Tunnel"]
    fallback = [i for i in seed_extraction.incidents if i.geo_precision == 3]
    assert tunnel and fallback
    assert min(i.field_confidence["location"] for i in tunnel) > max(
        i.field_confidence["location"] for i in fallback)


def test_an_explicit_date_is_more_confident_than_the_publication_default():
    dated, = incidents("Gunmen killed 11 people in Kidal on Tuesday.")
    default, = incidents("Gunmen killed 11 people in Kidal.")
    assert dated.field_confidence["date"] > default.field_confidence["date"]


def test_a_toll_beside_the_event_is_more_confident_than_one_far_from_it():
    near, = incidents("Gunmen attacked a market in Kidal on Tuesday, killing 11 people.")
    far, = incidents("Gunmen attacked a market in Kidal on Tuesday.\n\nThe governor visited "
                     "the town.\n\nOfficials said 11 people died.")
    assert near.fatalities == far.fatalities == 11
    assert near.field_confidence["fatalities"] > far.field_confidence["fatalities"]


def extract_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incimap.geo", "extract", *args],
                          capture_output=True, text=True, timeout=180)


def test_extract_json_and_table_show_confidence_and_the_filter_drops_doubtful_records():
    out = extract_cli("-f", "json")
    assert out.returncode == 0, out.stderr
    every = json.loads(out.stdout)["incidents"]
    assert all(0 <= i["confidence"] <= 1 and i["field_confidence"] for i in every)
    cut = sorted(i["confidence"] for i in every)[len(every) // 2]
    kept = json.loads(extract_cli("-f", "json", "--min-confidence", str(cut)).stdout)
    assert {i["id"] for i in kept["incidents"]} == {i["id"] for i in every
                                                   if i["confidence"] >= cut}
    assert 0 < len(kept["incidents"]) < len(every)
    table = extract_cli("-f", "table").stdout
    assert "confidence 0." in table and "field confidence: location" in table


def test_min_confidence_outside_0_1_is_a_one_line_error():
    out = extract_cli("--min-confidence", "2")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_the_table_shows_month_dates_as_months_and_each_figure_once():
    from incimap.geo.cli.extract_cmd import table

    result = read("Gunmen killed 11 people in Kidal on Tuesday. Gunmen killed 11 people in "
                  "Kidal on Tuesday.\n\nIn March, gunmen killed 20 people in Tessalit.")
    text = table(result)
    assert "2025-03 (precision 3)" in text and "2025-03-01" not in text
    assert text.count("fatalities: 11 people") == 1


def test_the_incident_row_and_map_feature_carry_the_confidence(seed_extraction):
    # Export columns and map styling are wired at merge; the value is already there.
    from incimap.geo.layers import _incident_row
    from incimap.maps.features import incident_feature

    for inc in seed_extraction.incidents:
        assert _incident_row(inc)["confidence"] == inc.confidence
        assert incident_feature(inc, "automatic")["properties"]["confidence"] == inc.confidence


def geo_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incimap.geo", *args], capture_output=True,
                          text=True, timeout=300)


def test_export_and_map_keep_only_confident_incidents(tmp_path):
    every = json.loads(extract_cli("-f", "json").stdout)["incidents"]
    cut = sorted(i["confidence"] for i in every)[len(every) // 2]
    want = sum(i["confidence"] >= cut for i in every)
    assert 0 < want < len(every)
    out = geo_cli("export", "-o", "-", "--no-route", "--min-confidence", str(cut))
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["features"]) == want
    page = tmp_path / "map.html"
    out = geo_cli("map", "-o", str(page), "--no-route", "--no-curated", "--all-reports",
                  "--min-confidence", str(cut))
    assert out.returncode == 0, out.stderr
    assert f"{want} incidents" in out.stderr


def test_the_confidence_filter_keeps_unscored_curated_records(seed_extraction):
    from incimap.geo.confidence import at_least
    from incimap.geo.curated import load_curated
    from incimap.seeds import CURATED_INCIDENTS

    curated = load_curated(CURATED_INCIDENTS)
    assert curated and all(i.confidence is None for i in curated)
    kept = at_least([*seed_extraction.incidents, *curated], 1.0)
    assert kept == curated


def test_a_reporter_in_a_place_is_credited_not_the_place():
    from incimap.geo.reader.figures import parse_figures

    (figure,) = parse_figures("Several were injured, police in Menaka said.")
    assert figure.claimed_by == "police in Menaka"


# --------------------------------------------------------------- sub-event types


def test_a_thrown_grenade_is_a_grenade_explosion():
    (one,) = incidents("Militants threw a grenade at a bus in Kidal on Tuesday, killing one "
                       "person and injuring 12 others.")
    assert (one.event_type, one.sub_event_type) == ("Explosions/Remote violence", "Grenade")


def test_grenades_thrown_after_a_car_bomb_leave_it_a_bombing():
    (one,) = incidents("Insurgents blew up a car bomb at a hotel in Kidal on Tuesday, killing "
                       "one person. They also threw grenades at two shops.")
    assert one.sub_event_type == "Remote explosive/landmine/IED"


def test_a_question_whether_it_was_a_suicide_bomber_is_no_suicide_bomb():
    (one,) = incidents("A bomb exploded outside a hotel in Kidal on Tuesday, killing two "
                       "people. Asked if it was the work of a suicide bomber, the police chief "
                       "refused to speculate.")
    assert one.sub_event_type == "Remote explosive/landmine/IED"


def test_a_denied_suicide_bomber_is_no_suicide_bomb():
    (one,) = incidents("A car bomb exploded in Kidal on Tuesday, killing nine people. The "
                       "blast did not appear to be set off by a suicide bomber.")
    assert one.sub_event_type == "Remote explosive/landmine/IED"


def test_a_rocket_launched_at_a_town_is_a_missile_attack():
    (one,) = incidents("A woman was killed in Kidal on Tuesday by a rocket launched by "
                       "militants from Tessalit.")
    assert one.sub_event_type == "Shelling/artillery/missile attack"


# --------------------------------------------------------------- dates


def test_month_of_year_keeps_its_year():
    found = incidents("Gunmen killed 11 people in Kidal on Tuesday.\n\nIn February of 2023, "
                      "gunmen shot dead 20 miners in Tessalit.")
    assert [(i.event_date, i.fatalities) for i in found] == [(TUESDAY, 11), ("2023-02-01", 20)]


# --------------------------------------------------------------- killing words


def test_murdered_counts_the_dead():
    (one,) = incidents("Gunmen murdered three traders in Kidal on Tuesday.")
    assert (one.fatalities, one.sub_event_type) == (3, "Attack")


def test_found_slain_counts_the_dead():
    (one,) = incidents("Three traders were found slain in Kidal on Tuesday.")
    assert one.fatalities == 3


def test_an_assassinated_official_is_one_dead():
    (one,) = incidents("A local official was assassinated in Kidal on Tuesday.")
    assert (one.fatalities, one.event_type) == (1, "Violence against civilians")


# --------------------------------------------------------------- issue 10, real news


def test_a_headline_victim_without_was_is_one_dead():
    # The body never counts the dead: "was shot ... declared dead" names no one counted.
    found = incidents("Malian mayor assassinated\n\nThe mayor of Kidal was shot in his car "
                      "on Tuesday and was declared dead at the hospital.")
    assert [(i.fatalities, i.event_date) for i in found] == [(1, TUESDAY)]


def test_a_headline_named_victim_shot_to_death_is_one_dead():
    found = incidents("Football player Traore shot to death\n\nPolice are looking for the man who "
                      "shot the Kidal striker in a drive-by shooting on Tuesday.")
    assert [i.fatalities for i in found] == [1]


def test_a_body_discovered_is_one_dead_and_an_attack():
    (one,) = incidents("Police in Kidal on Tuesday discovered the body of a ten-year-old girl "
                       "in an apartment.")
    assert (one.fatalities, one.sub_event_type, where(one)) == (1, "Attack", "Kidal")


def test_bodies_have_been_found_is_an_attack():
    (one,) = incidents("Five bodies have been found in Kidal on Tuesday.")
    assert (one.fatalities, one.sub_event_type) == (5, "Attack")


def test_people_found_dead_are_the_dead():
    (one,) = incidents("Three herders were found dead in Kidal on Tuesday.")
    assert (one.fatalities, one.event_date) == (3, TUESDAY)


def test_took_responsibility_is_a_claim():
    (one,) = incidents("A bomb exploded in Kidal on Tuesday, killing 5 people. The militant "
                       "group Ansar Dine took responsibility for the attack.")
    assert one.actor1 == "Ansar Dine"


def test_the_group_that_took_responsibility_beats_one_named_in_passing():
    (one,) = incidents("A bomb exploded in Kidal on Tuesday, killing 5 people, after JNIM "
                       "fighters shelled a nearby base. The Macina Liberation Front took "
                       "responsibility for the bombing.")
    assert one.actor1 == "Macina Liberation Front"


def test_accepted_responsibility_is_a_claim():
    (one,) = incidents("A bomb exploded in Kidal on Tuesday, killing 5 people. Ansar Dine has "
                       "accepted responsibility for the attack.")
    assert one.actor1 == "Ansar Dine"


def test_no_group_has_claimed_still_reports_the_bombing():
    # "has claimed" is no tally ("has claimed 40,000 lives"): the bombing is the story.
    (one,) = incidents("No group has claimed the bombing in Kidal on Tuesday, which killed "
                       "5 people.")
    assert (one.fatalities, one.actor1) == (5, "Unidentified Armed Group (Mali)")


def test_a_conflict_that_has_claimed_lives_is_a_tally():
    found = incidents("Gunmen killed 11 people in Kidal on Tuesday. The conflict has claimed "
                      "more than 4,000 lives.")
    assert [i.fatalities for i in found] == [11]


def test_a_car_bomb_is_no_air_strike():
    (one,) = incidents("A car bomb exploded near an army base in Kidal on Tuesday, killing "
                       "seven soldiers, as military aircraft flew over the town.")
    assert one.sub_event_type == "Remote explosive/landmine/IED"


def test_a_junta_air_strike_is_the_states_military():
    (one,) = incidents("The junta's aircraft carried out an airstrike on a market in Kidal on "
                       "Tuesday, killing 20 people.")
    assert (one.sub_event_type, one.actor1) == ("Air/drone strike", "Military Forces of Mali")


def test_attacks_days_apart_are_separate_incidents():
    found = incidents("Gunmen killed 11 people in Kidal on Tuesday.\n\nOn Sunday, gunmen "
                      "killed four herders in Tessalit.")
    assert sorted((i.event_date, i.fatalities) for i in found) == [
        ("2025-06-08", 4), (TUESDAY, 11)]


def test_several_is_shown_as_several_not_as_a_noun():
    from incimap.geo.cli.extract_cmd import figure_text

    (one,) = incidents("A bomb exploded in Kidal on Tuesday, claiming the lives of several.")
    assert one.fatalities == 3
    assert [figure_text(f) for f in one.figures] == ["several (counted as 3)"]


def test_a_present_perfect_toll_with_its_blast_is_the_event():
    # News tells its own event in the present perfect: the place is the event's.
    (one,) = incidents("Seventeen people have been killed and fourteen injured today in a car "
                       "bomb blast in the Malian town of Kidal.")
    assert (one.fatalities, where(one)) == (17, "Kidal")


def test_a_present_perfect_toll_since_a_date_is_a_tally():
    found = incidents("Gunmen killed 11 people in Kidal on Tuesday. More than 300 people have "
                      "been killed in attacks in Tessalit since the unrest began.")
    assert [(i.fatalities, where(i)) for i in found] == [(11, "Kidal")]


def test_the_first_attack_since_an_old_one_is_a_comparison():
    # The clause after "since" recalls an earlier event: it dates nothing of this one.
    found = incidents("A bomb exploded in Kidal on Tuesday, killing 9 people. It was the first "
                      "bombing since Ansar Dine militants attacked Tessalit three weeks ago.")
    assert [(i.event_date, i.fatalities, i.actor1) for i in found] == [
        (TUESDAY, 9, "Unidentified Armed Group (Mali)")]


def test_a_lone_victim_also_killed_far_away_is_its_own_site():
    found = incidents("A car bomb killed 17 people in Kidal on Tuesday.\n\nA police officer "
                      "was also killed in Kayes.")
    assert [(i.fatalities, where(i)) for i in found] == [(17, "Kidal"), (1, "Kayes")]


# --------------------------------------------------------------- pages of several stories


BRIEFS = ("News briefs for Thursday\n\nTraders rally in Kidal\n\nHundreds of traders held a "
          "protest in Kidal on Monday against new market taxes.\n\nGunmen kill five in "
          "Tessalit\n\nGunmen killed five herders in Tessalit.\n\nRains expected\n\nForecasters "
          "expect heavy rains in the south next week.")


def test_each_story_of_a_briefs_page_has_its_own_date():
    # The second story names no day: the page's date (a week), never the first story's.
    by_place = {where(i): (i.event_date, i.time_precision) for i in incidents(BRIEFS)}
    assert by_place["Tessalit"] == ("2025-06-12", 2)
    assert by_place["Kidal"] == ("2025-06-09", 1)


def test_a_briefs_page_lists_its_stories_in_page_order():
    assert [where(i) for i in incidents(BRIEFS)] == ["Kidal", "Tessalit"]


def test_a_story_that_names_only_its_country_keeps_its_event_on_a_briefs_page():
    text = ("Briefs for Sunday\n\nThousands flee fighting in Mali\n\nThousands of civilians "
            "fled their homes on Saturday amid fierce fighting between local militias and "
            "rebels in Mali.\n\nBlast kills 8 at a market\n\nAn explosion rocked a market "
            "in Niono on Friday and killed at least 8 people.")
    assert [(i.event_type, where(i), i.fatalities) for i in incidents(text)] == [
        ("Battles", "Mali", 0), ("Explosions/Remote violence", "Niono", 8)]


def test_an_article_with_one_headline_is_one_story():
    from incimap.geo.reader.document import Document

    doc = Document("Gunmen kill five in Tessalit\n\nThursday, June 12, 2025\n\nGunmen killed "
                   "five herders in Tessalit on Monday.\n\nThe army said it sent troops.")
    assert doc.story_starts == [0]


# --------------------------------------------------------------- places


def test_a_misspelt_town_after_city_of_is_found():
    # "the northern city of Kidall": "of" after a settlement noun is as good as "in".
    (one,) = incidents("Rockets were fired at the northern city of Kidall on Tuesday, killing "
                       "a woman.")
    assert where(one) == "Kidal"


def test_a_misspelt_word_before_a_site_noun_names_the_site_not_a_town():
    (one,) = incidents("Three herders were found dead in Tessalits scrapyard in Kidal on "
                       "Tuesday.")
    assert where(one) == "Kidal"


def test_a_name_with_an_apostrophe_is_found():
    # The scan's name keys drop the apostrophe the text keeps ("N'Djamena", "Sana'a").
    found = read("Rebels attacked N'Djamena on Tuesday, killing 5 people.").mentions
    assert [(m.surface, m.place.country) for m in found if m.place] == [("N'Djamena", "TD")]


def test_a_possessive_is_still_no_apostrophe_name():
    found = read("Kidal's mayor said gunmen killed 5 people in Kidal.").mentions
    assert [m.surface for m in found] == ["Kidal", "Kidal"]


# --------------------------------------------------------------- battles


def test_an_attack_repelled_by_the_army_is_a_battle_against_an_unnamed_group():
    (one,) = incidents("Rebels attacked Kidal on Tuesday. The attack was repelled by the army.")
    assert (one.event_type, one.actor1, one.actor2) == (
        "Battles", "Unidentified Armed Group (Mali)", "Military Forces of Mali")


def test_a_groups_name_drops_a_leading_and_and_its_possessive():
    (one,) = incidents("And The Kidal Liberation Front's attack on Kidal on Tuesday killed 5 "
                       "people.")
    assert one.actor1 == "Kidal Liberation Front"


def test_a_capital_named_after_a_comma_is_the_event_place():
    (one,) = incidents("Fighting between rebels and soldiers continued on Tuesday in Mali's "
                       "capital, Bamako.")
    assert where(one) == "Bamako"


def test_troops_moving_in_to_an_area_is_an_incursion_there():
    # "moved in to" is no transfer ("the injured were moved to ..."): the troops enter.
    found = incidents("Gunmen and civilians have been killed during army raids in the north. "
                      "Malian troops moved in to the Tessalit area early on Tuesday morning.")
    assert [(i.event_date, where(i)) for i in found][:1] == [(TUESDAY, "Tessalit")]


def test_separate_incidents_keep_their_own_toll():
    found = incidents("A suicide bomber killed 16 people in Kidal on Tuesday. In two separate "
                      "incidents in the east, roadside bombs also killed at least four people.")
    assert [i.fatalities for i in found] == [16, 4]


def test_an_unrelated_raid_keeps_its_own_type_and_toll():
    found = incidents("Gunmen killed 5 people in Kidal on Tuesday.\n\nIn an unrelated police "
                      "raid, two would-be suicide bombers were also killed.")
    assert [(i.sub_event_type, i.fatalities) for i in found][:1] == [("Attack", 5)]


def test_the_body_of_a_man_is_one_dead():
    (one,) = incidents("Police are to carry out DNA tests on the body of a man killed in Kidal "
                       "on Tuesday.")
    assert one.fatalities == 1


def test_a_threat_to_kill_counts_no_dead():
    (one,) = incidents("Gunmen kidnapped five workers in Kidal on Tuesday and said they intend to "
                       "kill five of them in two days.")
    assert (one.sub_event_type, one.fatalities) == ("Abduction/forced disappearance", 0)


def test_a_couple_found_slain_is_two_dead():
    (one,) = incidents("The bodies of an elderly couple have been found in a scrapyard in Kidal "
                       "on Tuesday.")
    assert one.fatalities == 2


def test_soldiers_captured_are_a_strategic_development():
    # ACLED's abduction sub-event is for civilians; captured soldiers are no attack.
    (one,) = incidents("Three soldiers were captured near Kidal on Tuesday, a rebel spokesman "
                       "said.")
    assert (one.event_type, one.sub_event_type) == ("Strategic developments", "Other")


def test_one_has_since_died_is_no_tally():
    # "since" after "has" means "after it", not a span: the sentence is the story.
    (one,) = incidents("Gunmen attacked a bus near Kidal on Tuesday and shot three passengers, "
                       "but one has since died.")
    assert where(one) == "Kidal"


def test_a_strike_in_another_country_is_its_own_incident():
    # A later paragraph abroad is another event, and the reading stays abroad until the
    # article's own country is named again.
    found = incidents("A suicide bomber killed three people in Kidal on Tuesday.\n\n"
                      "Across the border in Niger, a drone strike killed five rebels on Monday.\n\n"
                      "This is the second drone strike in the area; on Saturday, seven people "
                      "were killed in another such attack.")
    assert (found[0].sub_event_type, found[0].fatalities, where(found[0])) == (
        "Suicide bomb", 3, "Kidal")
    assert any(i.sub_event_type == "Air/drone strike" and i.location
               and i.location.country == "NE" for i in found)


def test_a_riot_named_only_at_country_level_is_kept():
    # A riot is an event even when the report names no place finer than the country.
    found = incidents("A riot broke out at the main prison in Mali on Tuesday.")
    assert [(i.event_type, where(i), i.location.geo_precision) for i in found] == [
        ("Riots", "Mali", 3)]


def test_rioting_without_a_demonstration_is_mob_violence():
    (riot,) = incidents("Inmates rioted at the prison in Kidal on Tuesday.")
    assert (riot.sub_event_type, riot.actor1) == ("Mob violence", "Rioters (Mali)")


def test_a_protest_that_turned_into_a_riot_is_a_violent_demonstration():
    (riot,) = incidents("A protest over fuel prices in Kidal turned into a riot on Tuesday.")
    assert riot.sub_event_type == "Violent demonstration"


def test_a_police_siege_is_a_battle_the_police_fight():
    # A siege or shoot-out with wanted men is a battle, not an attack; the besieging
    # forces are its first actor.
    found = incidents("The body of a wanted man was found in Kidal on Tuesday. After a "
                      "ten-hour siege, police officers stormed the house where he was hiding.")
    assert (found[0].sub_event_type, found[0].actor1) == ("Armed clash", "Police Forces of Mali")


def test_a_variant_spelling_in_the_x_district_is_placed():
    # "in the <Name> district": the name is a place even after "the", so a spelling the
    # gazetteer lacks is matched to the country's close one (Menaka).
    (one,) = incidents("Gunmen killed five people in the Menakka district on Tuesday.")
    assert where(one) == "Ménaka"


def test_the_claimant_is_the_group_a_claim_names_first():
    # "The X Brigades, military wing of Y, took responsibility": X claimed, though the
    # article named Y before.
    found = incidents("Liberation Front fighters have long been active around Kidal.\n\n"
                      "Gunmen killed five people in Kidal on Tuesday. The Ansar Brigades, "
                      "military wing of the Liberation Front, took responsibility for the attack.")
    assert found[0].actor1 == "Ansar Brigades"


def test_the_longest_group_name_wins_in_a_claim():
    from incimap.geo.reader.actors import _first_named

    groups = {"Ansar": "Ansar", "Ansar Dine": "Ansar Dine"}
    assert _first_named("Ansar Dine claimed responsibility.", groups) == "Ansar Dine"


def test_counts_that_add_up_to_the_toll_are_its_parts():
    # Two site counts (5 + 1) within the toll of 8 are parts of it, not lower estimates.
    (one,) = incidents("Two bombs killed eight people in Kidal on Tuesday. Five victims died at "
                       "the market. At the station one person was killed.")
    assert one.fatalities == 8


def test_a_lower_estimate_is_still_the_toll():
    # One smaller count is a competing estimate: ACLED takes the lowest.
    (one,) = incidents("A bomb killed 20 people in Kidal on Tuesday, officials said. Police "
                       "said 12 people were killed.")
    assert one.fatalities == 12


def test_a_forces_spokesman_makes_no_state_the_doer():
    # "a French army spokesman said": the army's spokesman speaks; the army did not fire.
    (one,) = incidents("A rocket hit a house in Kidal on Tuesday, killing two people, a French "
                       "army spokesman said.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_a_report_naming_only_the_country_still_has_its_event():
    # With no finer place and no toll, the one event reported stands at country precision.
    found = incidents("A suicide bomber attacked a police station in Mali on Tuesday.")
    assert [(i.sub_event_type, where(i), i.event_date) for i in found] == [
        ("Suicide bomb", "Mali", TUESDAY)]


def test_a_country_only_offensive_beside_a_real_event_is_no_incident():
    # The fallback is only for a report with no other event.
    found = incidents("Gunmen killed five people in Kidal on Tuesday. The army has an offensive "
                      "under way across Mali.")
    assert [where(i) for i in found] == ["Kidal"]


def test_a_past_month_in_a_later_sentence_is_not_the_main_date():
    # "was banned in February after a series of bombings" (a June report): history.
    found = incidents("Bombs exploded across Kidal, killing two people.\n\nThe group was banned "
                      "in February after a series of bombings.")
    assert (found[0].event_date, found[0].fatalities) == (PUBLISHED.isoformat(), 2)


def test_previous_operations_without_an_article_are_background():
    # "follow previous operations which killed six": an earlier toll, not this story's.
    (one,) = incidents("Gunmen killed nine people in Kidal on Tuesday. The attacks follow "
                       "previous operations in the region which killed at least six people.")
    assert one.fatalities == 9


def test_a_royal_army_is_the_state_not_an_armed_group():
    # "The Royal Thai Army reports ...": a kingdom's army reporting is no armed group.
    (one,) = incidents("A bomb killed five people in Kidal on Tuesday. The Royal Malian Army "
                       "reports the attack as the biggest yet.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_the_lead_event_comes_before_a_later_episode():
    # The story's own (lead) event is the main one, though a later day's event follows.
    found = incidents("Gunmen killed five people in Kidal on Monday.\n\nOn Wednesday, gunmen "
                      "killed two soldiers in Gao.")
    assert [where(i) for i in found] == ["Kidal", "Gao"]


def test_an_event_with_its_own_place_comes_before_a_placeless_one():
    # A placeless event sits only at the article's region: the one the report places
    # is the better main incident.
    found = incidents("Two soldiers were killed in an ambush on Tuesday, police said.\n\n"
                      "Rioters burned shops in Kidal on Tuesday.")
    assert where(found[0]) == "Kidal"


def test_no_claim_of_responsibility_leaves_the_doer_unidentified():
    # A group only speculated about, with "no claim of responsibility", is not the doer.
    (one,) = incidents("A bomb killed five people on a bus in Kidal on Tuesday. No claim of "
                       "responsibility has yet been made, though sources speculated that "
                       "Liberation Front militants may have planted the bomb.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_the_taleban_spelling_is_the_taliban():
    # British papers' "Taleban" is the same group, under its one label.
    (one,) = incidents("A suicide bomber killed three people in Kidal on Tuesday. A news agency "
                       "attributed the attack to the Taleban.")
    assert one.actor1 == "Taliban"


def test_a_later_dated_event_elsewhere_does_not_date_the_lead():
    # The lead names Kidal and no day; "in Gao on Monday" is another event's date.
    found = incidents("A car bomb killed nine people in Kidal, officials said.\n\nSix people "
                      "were killed by a suicide bomber in Gao on Monday.")
    assert (where(found[0]), found[0].event_date) == ("Kidal", PUBLISHED.isoformat())


def test_a_later_date_at_the_lead_place_dates_the_lead():
    (one,) = incidents("A car bomb killed nine people in Kidal, officials said. The bomb "
                       "exploded in Kidal on Tuesday.")
    assert one.event_date == TUESDAY


def test_an_updated_toll_supersedes_the_first():
    # "The death toll rose to 25": the later, higher toll is no competing estimate.
    (one,) = incidents("A bomb killed 10 people in Kidal on Tuesday. The death toll rose to 25, "
                       "officials said.")
    assert one.fatalities == 25


def test_a_toll_that_has_risen_is_no_trend():
    # "has since risen to 25" is the event's updated toll, not a tally of a trend.
    (one,) = incidents("A bomb killed at least 10 people in Kidal on Tuesday. The death toll has "
                       "since risen to 25.")
    assert one.fatalities == 25


def test_an_attack_on_a_vehicle_on_its_way_is_placed_near_the_town_it_left():
    """No event place but the country: a bus "going from Ségou, Mali to Bamako" is placed
    near Ségou (precision 2), not at the middle of Mali."""
    first = incidents("Gunmen opened fire on a bus going from Ségou, Mali to Bamako on "
                      "Tuesday, killing nine passengers.")[0]
    assert where(first) == "Ségou"
    assert first.location.geo_precision == 2
    assert first.fatalities == 9


def test_an_event_place_beats_the_route():
    first = incidents("Gunmen ambushed a bus going from Ségou to Bamako near Fana on "
                      "Tuesday, killing nine passengers.")[0]
    assert where(first) == "Fana"


def test_a_compass_word_before_the_country_places_the_incident_in_that_part():
    """"in northern Mali", with no town: the north of Mali's outline, not its centre."""
    first = incidents("Gunmen killed 12 soldiers in northern Mali on Tuesday.")[0]
    assert where(first) == "northern Mali"
    assert first.location.geo_precision == 3
    assert first.location.lat > 19.0  # Mali's centre lies near 17.5 N


def test_a_corner_is_the_half_that_way_on_both_axes():
    from incimap.geo.geocode import geocode
    from incimap.geo.reader.directions import part_of

    mali = geocode("Mali").place
    south_west = part_of(mali, "sw")
    assert south_west.lat < mali.lat and south_west.lon < mali.lon
    assert part_of(geocode("Bamako").place, "n") is None  # a town has no parts


def test_dozens_of_people_were_killed_is_a_toll():
    """The verb after "of people": "Dozens of people were killed" is ACLED's 12."""
    first = incidents("Dozens of people were killed in clashes in Gao on Tuesday.")[0]
    assert first.fatalities == 12


def test_a_lower_toll_another_source_puts_is_the_lowest_credible():
    """"put the toll at 12": a toll without "death", and the lower estimate counts."""
    first = incidents("An air strike on a wedding near Gao killed 26 people on Tuesday, "
                      "local officials said, though the army put the toll at 12.")[0]
    assert first.fatalities == 12


def test_a_single_victim_then_kin_after_the_verb_add_up():
    """"killed the village chief and his two sons": one and two, three dead."""
    first = incidents("Gunmen killed the village chief and his two sons in Mopti on Tuesday.")[0]
    assert first.fatalities == 3


@pytest.mark.parametrize("text", [
    "Unknown gunmen shot dead a journalist in Kidal on Tuesday.",
    "Militants beheaded a teacher in Kidal on Tuesday.",
    "Gunmen shot and killed a priest outside his church in Kidal on Tuesday.",
    "An air strike killed a rebel commander near Kidal on Tuesday.",
])
def test_any_person_noun_after_a_killing_verb_is_one_death(text):
    """One list of person nouns serves every single-victim pattern (english.PERSON_NOUN),
    and "shot dead", "beheaded" and "shot and killed" take a single victim as "killed" does."""
    assert incidents(text)[0].fatalities == 1


def test_a_single_victim_who_died_is_one_death():
    first = incidents("A border guard died after militants opened fire on a post near Kidal on "
                      "Tuesday.")[0]
    assert first.fatalities == 1


def test_a_single_victim_and_one_relative_are_two_deaths():
    """"killed a councillor and his wife": two dead, though no number is written."""
    first = incidents("Gunmen killed a local councillor and his wife in Kidal on Tuesday.")[0]
    assert first.fatalities == 2


def test_troops_killing_fighters_is_a_battle_with_their_dead():
    """"Troops killed 12 militants": a bare "killed" whose dead are all fighters is the
    forces' fight with them (ACLED Battles), not an attack on civilians with no dead."""
    (one,) = incidents("Troops killed 12 militants near Kidal on Tuesday.")
    assert (one.event_type, one.fatalities) == ("Battles", 12)
    assert one.actor1.startswith("Military Forces") and one.actor2.startswith("Unidentified")


def test_fighters_killed_in_the_violence_told_count_with_it():
    """No response is told in "The army shelled their positions, killing 14 fighters":
    the fighters fell in the shelling, which holds their toll."""
    (one,) = incidents("The army shelled rebel positions near Kidal on Tuesday, killing 14 "
                       "fighters.")
    assert (one.sub_event_type, one.fatalities) == ("Shelling/artillery/missile attack", 14)
    assert one.actor2.startswith("Unidentified Armed Group")


def test_soldiers_killing_people_are_the_doers():
    (one,) = incidents("Soldiers killed 12 civilians in a village near Kidal on Tuesday, "
                       "witnesses said.")
    assert one.actor1.startswith("Military Forces") and one.fatalities == 12


def test_soldiers_killed_in_a_headline_are_victims_not_doers():
    first = incidents("Nine soldiers killed in ambush near Kidal\n\nGunmen ambushed an army "
                      "patrol near Kidal on Tuesday.")[0]
    assert first.event_type == "Battles" and first.actor2.startswith("Military Forces")


def test_a_headline_place_is_no_group_of_the_next_paragraphs_gunmen():
    """"... near Kidal\n\nGunmen ambushed": a name and a group noun on two lines are no
    "X gunmen" doer."""
    first = incidents("Nine soldiers killed in ambush near Kidal\n\nGunmen ambushed an army "
                      "patrol near Kidal on Tuesday.")[0]
    assert first.actor1.startswith("Unidentified Armed Group")


def test_a_suicide_car_bomber_is_a_suicide_bombing():
    first = incidents("A suicide car bomber rammed into an army base in Kidal on Tuesday, "
                      "killing seven soldiers.")[0]
    assert (first.sub_event_type, first.fatalities) == ("Suicide bomb", 7)


def test_a_toll_from_the_event_that_has_risen_is_its_fatalities():
    """"The death toll from Tuesday's bombing in X has risen to 23": a toll, though seven
    words stand between "toll" and its number."""
    first = incidents("The death toll from Tuesday's bombing in Kidal has risen to 23, "
                      "officials said.")[0]
    assert first.fatalities == 23


def test_protesters_clashing_with_police_is_a_riot_with_its_dead():
    """ACLED: a demonstration turned violent is a riot, not a battle; its dead are its own."""
    found = incidents("Hundreds of protesters clashed with police in Bamako on Tuesday; one "
                      "protester was killed.")
    assert len(found) == 1
    assert (found[0].event_type, found[0].sub_event_type) == ("Riots", "Violent demonstration")
    assert found[0].fatalities == 1


def test_sides_that_exchanged_fire_fought_a_battle():
    first = incidents("Soldiers and militants exchanged fire for three hours near Gao on "
                      "Tuesday, leaving five dead.")[0]
    assert (first.event_type, first.sub_event_type) == ("Battles", "Armed clash")
    assert first.fatalities == 5


def test_people_hacked_to_death_are_killed_in_an_attack():
    first = incidents("Two farmers were hacked to death by herders in Mopti on Tuesday.")[0]
    assert (first.event_type, first.fatalities) == ("Violence against civilians", 2)
    first = incidents("Herders hacked to death three farmers in Mopti on Tuesday.")[0]
    assert first.fatalities == 3


def test_a_crowd_marching_through_a_town_is_a_protest_there():
    first = incidents("Thousands marched peacefully through Bamako on Tuesday to demand "
                      "elections.")[0]
    assert (first.event_type, first.sub_event_type) == ("Protests", "Peaceful protest")
    assert where(first) == "Bamako"


def test_members_named_before_of_are_not_the_groups_name():
    from incimap.geo.extract import extract

    found = extract("Fighters of the Rapid Support Forces killed 20 villagers near "
                    "Mopti on Tuesday.", published=PUBLISHED).incidents
    assert found[0].actor1 == "Rapid Support Forces"


def test_the_state_is_named_by_the_country_the_places_are_in_when_none_is_given():
    """No country given, none named, only a town: its country names the state's forces."""
    from incimap.geo.extract import extract

    found = extract("Government troops clashed with rebels near Ségou on Tuesday, leaving "
                    "7 dead.", published=PUBLISHED).incidents
    assert "Military Forces of Mali" in (found[0].actor1, found[0].actor2)


# --------------------------------------------------------------- crowds and the state's force


def test_police_firing_on_protesters_is_excessive_force_with_its_dead():
    """ACLED codes the forces as actor 1 of excessive force, the protesters as actor 2."""
    found = incidents("Police opened fire on demonstrators in Kidal on Tuesday, killing three.")
    assert [(i.event_type, i.sub_event_type, i.actor1, i.actor2, i.fatalities)
            for i in found] == [("Protests", "Excessive force against protesters",
                                 "Police Forces of Mali", "Protesters (Mali)", 3)]


def test_protesters_shot_dead_by_police_is_excessive_force():
    found = incidents("Three protesters were shot dead by police in Kidal on Tuesday.")
    assert [(i.sub_event_type, i.fatalities) for i in found] == [
        ("Excessive force against protesters", 3)]


def test_a_gunmen_attack_reported_by_police_is_no_excessive_force():
    found = incidents("Police said gunmen opened fire on protesters in Kidal on Tuesday, "
                      "killing three.")
    assert "Excessive force against protesters" not in {i.sub_event_type for i in found}


def test_soldiers_firing_on_a_crowd_name_the_military():
    found = incidents("Soldiers fired on a crowd of protesters in Kidal on Tuesday, wounding 12.")
    assert [(i.sub_event_type, i.actor1) for i in found] == [
        ("Excessive force against protesters", "Military Forces of Mali")]


def test_a_headlines_clashes_are_the_riot_the_body_tells():
    found = incidents("Clashes in central Mali city kill two\n\nFighting broke out between "
                      "rioters and traders in Niono on Tuesday, leaving 2 dead and 40 injured."
                      "\n\nFarmers backing the mayor attacked the town hall in Niono.")
    assert (found[0].event_type, found[0].actor1, found[0].fatalities) == (
        "Riots", "Rioters (Mali)", 2)
    assert "Battles" not in {i.event_type for i in found}


def test_gendarmes_and_a_national_guard_are_the_states_forces():
    (one,) = incidents("Gendarmes opened fire on villagers in Niono on Tuesday, killing two.")
    assert one.actor1 == "Military Forces of Mali"
    found = incidents("The National Guard fired on rioters in Niono on Tuesday, killing two.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Riots", 2)]


def test_deaths_told_after_a_riot_are_the_riots():
    found = incidents("Protesters clashed with police in Kidal on Tuesday. Three people were "
                      "killed, a doctor said.")
    assert [(i.event_type, i.fatalities, where(i)) for i in found] == [("Riots", 3, "Kidal")]


def test_rioters_torching_shops_are_one_riot():
    found = incidents("Rioters torched shops in Kidal on Tuesday.")
    assert [i.event_type for i in found] == ["Riots"]


def test_rioters_who_took_to_the_streets_and_stabbed_are_the_riot():
    (one,) = incidents("Rioters took to the streets and began stabbing passers-by in Kidal on "
                       "Tuesday, killing five.")
    assert (one.event_type, one.actor1, one.fatalities) == ("Riots", "Rioters (Mali)", 5)
    # Another doer between is the doer: "protesters gathered when soldiers opened fire".
    (two,) = incidents("Protesters gathered and marched in Kidal on Tuesday when soldiers "
                       "opened fire, killing three.")
    assert two.actor1 == "Military Forces of Mali"
    # Or other men named between: "gathered and masked men opened fire".
    found = incidents("Protesters gathered and masked men opened fire in Kidal on Tuesday, "
                      "killing three.")
    assert "Riots" not in [i.event_type for i in found]
    # So does a clause of another time: "marched ... before unknown men opened fire".
    found = incidents("Demonstrators marched on Tuesday before unknown men opened fire in "
                      "Kidal, killing three.")
    assert [(i.event_type, i.fatalities) for i in found] == [
        ("Protests", 0), ("Violence against civilians", 3)]


def test_protesters_shot_dead_after_the_police_broke_up_their_march_are_its_dead():
    """The force that broke up a march killed the marchers told dead next, unless armed men
    are named; a riot in another town is its own event (ACLED: one per location)."""
    found = incidents("Police fired tear gas and rubber bullets at thousands of opposition "
                      "supporters who marched through Niono on Tuesday. At least two "
                      "protesters were shot dead. In the northern town of Bourem, protesters "
                      "burned tyres and blocked roads.")
    assert [(i.sub_event_type, i.actor1, where(i), i.fatalities) for i in found] == [
        ("Excessive force against protesters", "Police Forces of Mali", "Niono", 2),
        ("Violent demonstration", "Rioters (Mali)", "Bourem", 0)]
    for killers in ("Gunmen", "Unknown men", "Rival supporters"):
        found = incidents(f"Police fired tear gas at marchers in Niono on Tuesday. {killers} on "
                          "motorcycles later shot dead two protesters.")
        assert ("Violence against civilians", 2) in [(i.event_type, i.fatalities)
                                                     for i in found], killers
    # Soldiers shot dead are no marchers: not the protest's dead.
    found = incidents("Police fired tear gas at marchers in Niono on Tuesday. Two soldiers "
                      "were shot dead.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Protests", 0), ("Battles", 2)]
    # A crowd that rioted keeps its riot, its dead with it.
    (riot,) = incidents("Protesters burned tyres in Niono on Tuesday and police fired tear gas "
                        "at them. Two protesters were shot dead.")
    assert (riot.sub_event_type, riot.fatalities) == ("Violent demonstration", 2)


def test_burning_tyres_is_a_violent_demonstration():
    found = incidents("Protesters burned tyres and blocked roads in Kidal on Tuesday.")
    assert [(i.event_type, i.sub_event_type) for i in found] == [
        ("Riots", "Violent demonstration")]


def test_a_phrase_after_of_is_no_home_town():
    found = incidents("A mob lynched a man accused of theft in Kidal on Tuesday.")
    assert [where(i) for i in found] == ["Kidal"]


def test_a_person_beaten_to_death_is_one_death():
    found = incidents("Gunmen hacked a farmer to death in Kidal on Tuesday.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Violence against civilians", 1)]


def test_a_mob_beating_a_man_to_death_kills_one():
    found = incidents("A mob beat a man to death in Kidal on Tuesday.")
    assert [(i.sub_event_type, i.fatalities) for i in found] == [("Mob violence", 1)]


def test_a_doer_only_guessed_at_stays_unidentified():
    """SUSPECTED_DOER: "probably carried out by" is no attribution (ACLED keeps the
    perpetrator unidentified unless claimed or stated)."""
    (one,) = incidents("Gunmen shot dead a councillor in Kidal on Tuesday. No group has "
                       "claimed it, but officials said it was probably carried out by the "
                       "Azawad Liberation Front.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_a_doer_guessed_at_in_the_event_sentence_stays_unidentified():
    (one,) = incidents("A councillor was shot dead in Kidal on Tuesday in an attack probably "
                       "carried out by the Azawad Liberation Front.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_an_unknown_name_guessed_at_as_the_doer_is_no_group():
    """doer_names reads any name after "carried out by"; named_doer drops it after
    "probably"."""
    (one,) = incidents("A councillor was shot dead in Kidal on Tuesday in an attack probably "
                       "carried out by Ansar Tamasheq.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_fighters_believed_to_be_from_a_group_are_not_that_group():
    (one,) = incidents("A force of 300 rebels believed to be from the Azawad Liberation Front "
                       "attacked an army base in Kidal on Tuesday, killing 12 soldiers.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_a_stated_doer_is_still_named():
    (one,) = incidents("The attack in Kidal on Tuesday, which killed 12 soldiers, was carried "
                       "out by the Azawad Liberation Front.")
    assert one.actor1 == "Azawad Liberation Front"


def test_a_count_opening_a_sentence_is_no_group_name():
    """"Six militants were killed": doer_names drops the count, so no group is called
    "Six"."""
    found = incidents("A suicide bomber drove a car into an army checkpoint in Tessalit on "
                      "Tuesday, killing 12 soldiers. Six militants were killed in the "
                      "exchange of fire that followed.")
    assert found and all("Six" not in (i.actor1, i.actor2) for i in found)


def test_a_hyphenated_name_with_a_groups_word_is_a_group():
    (one,) = incidents("The bombings in Niono on Tuesday, which killed 3 people, are being "
                       "blamed on the Jamaat-ul-Mujahideen group.")
    assert one.actor1 == "Jamaat-ul-Mujahideen"


def test_a_national_liberation_army_is_a_group_not_the_state():
    (one,) = incidents("The National Liberation Army (NLA) bombed a pipeline near Niono on "
                       "Tuesday, killing two guards.")
    assert one.actor1 == "NLA: National Liberation Army"


def test_a_stance_against_a_group_does_not_name_it_the_doer():
    (one,) = incidents("Gunmen shot dead an anti-Hamas preacher in Niono on Tuesday.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_two_more_people_who_died_later_add_to_the_toll():
    (one,) = incidents("A bomb killed nine people in Niono on Tuesday. Two more people died "
                       "later in hospital.")
    assert one.fatalities == 11


def test_a_count_before_an_army_is_no_group_name():
    """"Two Malian Army soldiers were killed": the count is not part of a name, and the
    state's army is the victim, not a group."""
    (one,) = incidents("Two Malian Army soldiers were killed when gunmen opened fire on them "
                       "in Kidal on Tuesday.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_soldiers_killed_make_a_battle_though_civilians_were_hurt():
    """The dead say whom the attack was on; two civilians hurt do not make it an attack on
    civilians."""
    (one,) = incidents("Gunmen shot dead two soldiers outside an army base in Kidal on "
                       "Tuesday. Two civilians were hurt.")
    assert (one.event_type, one.actor2) == ("Battles", "Military Forces of Mali")


def test_foreign_troops_that_shell_are_the_doer():
    (one,) = incidents("French troops shelled a village near Kidal on Tuesday, killing four "
                       "people.")
    assert one.actor1 == "Military Forces of France"


def test_foreign_troops_based_nearby_are_not_the_doer():
    (one,) = incidents("A car bomb exploded in Kidal on Tuesday, killing four people. Many "
                       "French troops fighting rebels are based in the town.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_other_people_killed_add_to_the_one_named():
    """OTHER_PEOPLE_AFTER: "at least nine other people" are on top of the minister killed,
    whatever the qualifier."""
    (one,) = incidents("A suicide car bomb killed a minister outside a hotel in Kidal on "
                       "Tuesday. At least nine other people were killed in the explosion.")
    assert one.fatalities == 10


def test_a_nations_people_are_counted_like_people():
    """"55 Malians were killed": the demonym is the counted noun, and a total that a later
    family's four dead do not lower."""
    (one,) = incidents("As many as 55 Malians were killed in a raid on Kidal on Tuesday, "
                       "twenty of them children. A woman said her four children were killed.")
    assert one.fatalities == 55


def test_riot_police_make_no_riot():
    """"riot police" are the forces' gear, not a riot: dispersing a peaceful march stays a
    protest with intervention."""
    (one,) = incidents("Riot police dispersed a peaceful march in Kidal on Tuesday.")
    assert one.event_type == "Protests"


def test_stone_throwing_crowd_fired_on_is_a_violent_demonstration():
    """ACLED keeps excessive force for peaceful crowds: fired on after throwing stones,
    a crowd's protest is a violent demonstration against the police."""
    (one,) = incidents("Police opened fire on stone-throwing protesters in Kidal on "
                       "Tuesday, killing three.")
    assert (one.event_type, one.sub_event_type, one.actor1, one.actor2, one.fatalities) == (
        "Riots", "Violent demonstration", "Rioters (Mali)", "Police Forces of Mali", 3)


def test_clashes_told_beside_a_riot_are_the_riots():
    found = incidents("Three dead in Kidal clashes\n\nThree people died on Tuesday in protests "
                      "in Kidal. Police opened fire on stone-throwing youths.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Riots", 3)]


def test_another_sources_figure_is_a_count_of_the_dead():
    """"X put the figure at 23": a lower count of the same dead (ACLED takes the lowest)."""
    (one,) = incidents("At least 33 people were killed in a bombing in Kidal on Tuesday. "
                       "Another agency put the figure at 23.")
    assert one.fatalities == 23


def test_a_group_named_after_an_army_is_not_the_states_army():
    """"the Azawad Liberation Army attacked" is no state doer (only a nation's army is)."""
    (one,) = incidents("Rebels believed to be from the Azawad Liberation Army attacked a base "
                       "in Kidal on Tuesday, killing 12 soldiers.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_a_separate_attack_elsewhere_is_its_own_event_without_a_toll():
    """"In a separate attack ... in <a far town>": another site, though no number is told."""
    found = incidents("Gunmen killed 17 people in Kidal on Tuesday. In a separate attack, "
                      "the police chief was murdered by armed men in Kayes.")
    assert [where(i) for i in found] == ["Kidal", "Kayes"]


def test_fighting_to_end_something_is_no_battle():
    """"has fought to end the cartels" is striving, not combat."""
    (one,) = incidents("Gunmen killed 17 patients at a clinic in Kidal on Tuesday. The "
                       "president has fought to end the gangs.")
    assert one.event_type == "Violence against civilians"


def test_each_person_listed_as_killed_counts():
    """LISTED_PERSON: "killed a tourist, a French woman and the bomber" is three dead."""
    (one,) = incidents("A bomb exploded at a market in Kidal on Tuesday. The explosion killed "
                       "a tourist, a French woman and the person who carried the bomb.")
    assert one.fatalities == 3


def test_a_town_inside_the_named_province_is_the_same_site():
    """A province's point can sit far from its towns: a town of that province told in the
    next sentence is no second site."""
    found = incidents("Sixteen policemen killed in attack in Koulikoro region\n\nSixteen "
                      "policemen were killed on Tuesday by gunmen in Nara, in the Koulikoro "
                      "region.")
    assert len(found) == 1


def test_explosives_found_are_no_explosion():
    (one,) = incidents("Gunmen attacked a police post in Kidal on Tuesday, killing two "
                       "policemen. Police later found explosives in their truck.")
    assert one.event_type != "Explosions/Remote violence"


def test_a_date_told_as_time_gone_by_is_no_story_date():
    """PAST_REFERENCE: after a lead with no date, "two weeks ago" is an earlier event."""
    found = incidents("A suicide bomber killed nine tourists at a temple in Kidal. Less than "
                      "two weeks ago a gunman opened fire on workers at an airfield.")
    assert found[0].event_date == PUBLISHED.isoformat()


def test_two_more_dying_on_the_way_add_to_the_toll():
    (one,) = incidents("Gunmen attacked a police post in Kidal on Tuesday. Fourteen policemen "
                       "died at the scene, with two more dying on the way to hospital.")
    assert one.fatalities == 16


def test_a_people_named_as_doer_is_no_group():
    """"launched by Tuareg fighters": a people, not an armed group's name."""
    (one,) = incidents("A rocket launched by Tuareg fighters hit a market in Kidal on Tuesday, "
                       "killing a woman.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_a_claim_told_with_other_news_is_the_storys():
    """A claim of "the attack" names the story's doer though its sentence also recalls an
    older event (and so belongs to that event's draft)."""
    found = incidents("A rocket hit a house in Kidal on Tuesday, killing a woman.\n\nThe Azawad "
                      "Liberation Front took responsibility for the attack, citing an army raid "
                      "on Kayes last month in which 19 people were killed.")
    assert found[0].actor1 == "Azawad Liberation Front"


def test_a_country_s_people_in_the_singular_are_counted():
    """NATIONALS: "One Briton was killed" is one dead (a noun for a national, capitalised)."""
    (one,) = incidents("A gunman opened fire on tourists in Kidal on Tuesday. One Briton was "
                       "killed and five others were injured.")
    assert one.fatalities == 1


def test_killing_another_man_is_one_death():
    (one,) = incidents("Gunmen fired at a police station in Kidal on Tuesday, injuring two "
                       "officers and killing another man.")
    assert one.fatalities == 1


def test_arrests_at_a_march_are_a_protest_with_intervention():
    """_fold_arrests: arrests at a demonstration are part of it, ACLED's protest with
    intervention, not a separate arrest event."""
    found = incidents("Thousands marched through Kidal on Tuesday. Police arrested 20 "
                      "protesters at the march.")
    assert [(i.event_type, i.sub_event_type) for i in found] == [
        ("Protests", "Protest with intervention")]


def test_a_counted_arrest_named_only_by_its_country_is_an_event():
    """A report whose one event is a mass arrest placed only in the country still has it."""
    found = incidents("At least 200 monks have been arrested in Mali during night raids on "
                      "monasteries.")
    assert len(found) == 1


def test_government_forces_firing_on_protesters_is_excessive_force():
    (one,) = incidents("Government forces fired on protesters in Kidal on Tuesday, killing "
                       "three people.")
    assert (one.sub_event_type, one.fatalities) == ("Excessive force against protesters", 3)


@pytest.mark.parametrize("text", [
    "Fighting broke out between rioters and local militias in Kidal on Tuesday.",
    "Clashes between police and protesters in Kidal on Tuesday left two dead.",
])
def test_a_clash_between_a_crowd_and_others_is_a_riot(text):
    """BETWEEN: what a clash word says it was fought between; a crowd among them makes it
    a demonstration turned violent, not a battle."""
    found = incidents(text)
    assert [i.event_type for i in found] == ["Riots"]


def test_demonstrators_laying_siege_is_their_riot():
    found = incidents("Demonstrators who have laid siege to the town hall in Kidal since "
                      "Tuesday refused to leave.")
    assert all(i.event_type != "Battles" for i in found)


def test_a_name_the_text_calls_a_town_is_kept_by_the_classifier():
    """The span classifier may doubt a small town; "the town of X" says what it is."""
    found = incidents("A bomb exploded on Tuesday near a garden in the town of Tessalit (in "
                      "the Kidal region), police said.")
    assert [where(i) for i in found] == ["Tessalit"]


def test_a_headlines_more_is_not_added_to_the_bodys_toll():
    found = incidents("Two more killed in bombing in Kidal\n\nA bomb in Kidal on Tuesday "
                      "claimed the lives of two people, one of them a police officer, and "
                      "injured up to 14 other people.")
    assert [i.fatalities for i in found] == [2]


def test_one_of_them_is_part_of_the_count():
    """OF_THEM_AFTER: "two people, one of them a police officer" is two dead, not one."""
    (one,) = incidents("A bomb exploded in Kidal on Tuesday, killing two people, one of them "
                       "a police officer.")
    assert one.fatalities == 2


def test_a_count_after_an_injuring_verb_is_no_subset():
    """LEAD_IN_CLAUSE: "..., one of them an officer, and injured 14" ends the lead-in: the
    14 are hurt, not a part of the dead."""
    from incimap.geo.reader.figures import parse_figures

    found = parse_figures("The blast killed two people, one of them an officer, and injured "
                          "up to 14 other people.")
    assert ("injured", 14) in [(f.kind, f.value) for f in found]


def test_a_claimant_before_a_relative_clause_is_the_doer():
    """_NAME_BEFORE: "The X (ACR), who are linked to Y, have claimed": X claimed, not Y."""
    (one,) = incidents("A bomb hit a bus in Kidal on Tuesday, killing four. The Sahel Freedom "
                       "Hawks (SFH), who are linked to the Azawad Liberation Front, have claimed "
                       "responsibility for the attack.")
    assert one.actor1 == "SFH: Sahel Freedom Hawks"


def test_the_one_town_a_report_names_in_its_region_places_an_unplaced_attack():
    """_lone_town: an attack told with no place of its own, in a report that names one town
    of its region, is placed near that town (precision 2), not at the region's centre."""
    text = ("Gunmen killed two soldiers on Tuesday. The soldiers had bought food in Nara "
            "earlier in the evening. As they collected it at the gate of their camp they "
            "were shot from a parked car. Officials in the Koulikoro region condemned the "
            "attack.")
    (one,) = incidents(text)
    assert (where(one), one.location.geo_precision) == ("Nara", 2)
    # Two towns: which one is not said, so the region it is.
    (two,) = incidents(text.replace("in Nara", "in Nara and Banamba"))
    assert where(two) == "Koulikoro"


def test_the_one_town_places_an_attack_told_with_no_place_at_all():
    """The same when nothing in the report is an event place: the region is only the
    article's focus."""
    (one,) = incidents("Gunmen killed two soldiers on Tuesday. The soldiers had bought food "
                       "in Nara earlier in the evening. As they collected it at the gate of "
                       "their camp they were shot from a parked car. The Koulikoro region "
                       "is mourning them.")
    assert (where(one), one.location.geo_precision) == ("Nara", 2)
    # A town the roles gave another part (the soldiers' home town) is no scene.
    (two,) = incidents("Gunmen killed two soldiers on Tuesday. The soldiers were natives of "
                       "Nara. The Koulikoro region is mourning them.")
    assert where(two) == "Koulikoro"


def test_an_unknown_village_named_as_the_site_beats_the_one_town():
    """A site the gazetteer lacks is still the site: "the village of X" keeps the incident,
    placed at its division, however lone the other town is."""
    (one,) = incidents("Gunmen attacked the village of Tumbarwa in the Koulikoro region on "
                       "Tuesday, killing 12 people. The gunmen had bought fuel in Nara.")
    assert where(one) == "Tumbarwa"
    # And when the report names no event place but it.
    (two,) = incidents("Gunmen attacked the village of Tumbarwa on Tuesday, killing 12 "
                       "people. The gunmen had bought fuel in Nara. The Koulikoro region is "
                       "mourning them.")
    assert where(two) == "Tumbarwa"


def test_a_town_measured_from_is_no_rival_to_the_one_town():
    """"east of the capital, X": the report places the event away from X, so the other town
    it names is the one; alone, the town measured from is still the nearest place."""
    (one,) = incidents("Gunmen killed four tourists in Mali on Tuesday. The police chief of "
                       "Kidal said they were robbed at gunpoint. The attack took place east of "
                       "the capital, Bamako.")
    assert (where(one), one.location.geo_precision) == ("Kidal", 2)
    (two,) = incidents("Gunmen killed four tourists in Mali on Tuesday. The attack took place "
                       "north of Kidal.")
    assert where(two) == "Kidal"
    # "east of the Malian capital, Bamako" measures too; "in the north of Bamako" is in it.
    (three,) = incidents("Gunmen killed four tourists in Mali on Tuesday. The police chief of "
                         "Kidal said they were robbed. The attack took place east of the Malian "
                         "capital, Bamako.")
    assert where(three) == "Kidal"
    (four,) = incidents("Gunmen killed four tourists in Mali on Tuesday. The police chief of "
                        "Kidal said they had been staying in the north of Bourem.")
    assert where(four) != "Kidal"


def test_the_battle_between_two_sides_is_a_battle_and_its_bare_blasts_are_its_fire():
    """"The battle between X and Y" is a fight; "Explosions were reported" names no bomb, so
    beside it the blasts are the battle's; the state's forces written first go first."""
    (one,) = incidents("Explosions were reported in Niono on Saturday. The battle between the "
                       "Malian military and the rebels lasted twelve hours.")
    assert (one.event_type, one.sub_event_type, one.actor1, one.actor2) == (
        "Battles", "Armed clash", "Military Forces of Mali", "Unidentified Armed Group (Mali)")
    # Blasts that killed shoppers are a bombing, whatever fight followed.
    (three,) = incidents("Two blasts struck a crowded market in Niono on Tuesday, killing 10 "
                         "shoppers. Police later exchanged fire with the suspects.")
    assert (three.sub_event_type, three.actor2) == ("Remote explosive/landmine/IED",
                                                    "Civilians (Mali)")
    # A battle of words or in court is no fight.
    assert incidents("A legal battle between two families over land in Niono erupted on "
                     "Tuesday.") == []
    # A bomb named is a bombing still.
    (two,) = incidents("A roadside bomb exploded in Niono on Saturday, killing two soldiers. "
                       "The battle between the Malian military and the rebels lasted hours.")
    assert two.sub_event_type == "Remote explosive/landmine/IED"


def test_the_forces_searching_for_the_abducted_are_not_the_abductors():
    (one,) = incidents("Gunmen stormed a school in Niono on Tuesday and abducted 40 pupils. "
                       "Security forces had launched a search and rescue operation in the "
                       "surrounding forest.")
    assert (one.sub_event_type, one.actor1) == ("Abduction/forced disappearance",
                                                "Unidentified Armed Group (Mali)")


def test_the_side_written_first_in_a_clash_is_actor1():
    (one,) = incidents("The Malian army clashed with militants in Niono on Tuesday, killing "
                       "two soldiers.")
    assert (one.actor1, one.actor2) == ("Military Forces of Mali",
                                        "Unidentified Armed Group (Mali)")
    (three,) = incidents("Police officers clashed with militants in Niono on Tuesday, killing "
                         "three of them.")
    assert three.actor1 == "Police Forces of Mali"
    # Rebels written as the attackers began it, whoever a later sentence names first.
    (four,) = incidents("Rebels attacked an army base in Kidal on Tuesday, killing two "
                        "soldiers. The clashes between the army and the rebels lasted hours.")
    assert four.actor1 == "Unidentified Armed Group (Mali)"
    # The army's own offensive stays the army's, an assault it repelled on the way.
    found = incidents("The army launched an offensive near Kidal on Tuesday, after troops "
                      "repelled an assault on a checkpoint. Five militants were killed.")
    assert (found[0].fatalities, found[0].actor1) == (5, "Military Forces of Mali")
    (two,) = incidents("Militants clashed with the Malian army in Niono on Tuesday, killing "
                       "two soldiers.")
    assert (two.actor1, two.actor2) == ("Unidentified Armed Group (Mali)",
                                        "Military Forces of Mali")


def test_two_armed_groups_fight_each_other_not_the_state():
    """Fighters of one named group killed by another: a battle between the two, the state
    named only when its forces are."""
    (one,) = incidents("Fighters of the Macina Liberation Front clashed with the Azawad "
                       "Liberation Front near Niono on Tuesday. Twelve fighters were killed.")
    assert (one.event_type, one.actor1, one.actor2) == (
        "Battles", "Macina Liberation Front", "Azawad Liberation Front")
    (two,) = incidents("Soldiers clashed with fighters of the Azawad Liberation Front near "
                       "Niono on Tuesday, weeks after the Macina Liberation Front left the area. "
                       "Twelve fighters were killed.")
    assert (two.actor1, two.actor2) == ("Military Forces of Mali", "Azawad Liberation Front")
    (three,) = incidents("Police officers clashed with fighters of the Azawad Liberation Front "
                         "near Niono on Tuesday, weeks after the Macina Liberation Front left "
                         "the area. Twelve fighters were killed.")
    assert (three.actor1, three.actor2) == ("Police Forces of Mali", "Azawad Liberation Front")


@pytest.mark.parametrize("word", ["Unidentified", "Unknown", "Masked", "Hooded"])
def test_gunmen_said_to_be_unknown_are_no_group(word):
    (one,) = incidents(f"{word} gunmen stormed a church in Niono on Tuesday, killing 12 "
                       "worshippers.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_the_claimant_beats_a_group_only_named_as_the_target():
    (one,) = incidents("Gunmen attacked a camp of the Azawad Liberation Front near Niono on "
                       "Tuesday, killing 12 fighters. The Macina Liberation Front claimed "
                       "responsibility for the raid.")
    assert (one.event_type, one.actor1, one.actor2) == (
        "Battles", "Macina Liberation Front", "Azawad Liberation Front")
    # The state's forces named as the ones attacked are the other side.
    (two,) = incidents("Militants of the Macina Liberation Front attacked an army post near "
                       "Niono on Tuesday, killing 12 soldiers, in an area the Azawad Liberation "
                       "Front once held.")
    assert (two.actor1, two.actor2) == ("Macina Liberation Front", "Military Forces of Mali")


# --------------------------------------------------------------- cues of new reports


def test_a_place_a_village_is_called_is_kept_though_the_gazetteer_lacks_it():
    (one,) = incidents("A bomb killed five people on Tuesday at a market in a village "
                       "called Tinkarout, in northern Mali.")
    assert where(one) == "Tinkarout"


def test_an_unknown_town_is_placed_at_the_division_written_after_it():
    # (Not at the region the story names most.)
    found = incidents("A roadside bomb killed four soldiers on Tuesday in the town of "
                      "Tinkarout, Gao Region. The convoy had come from Kidal Region, where the "
                      "army has its base; officials in Kidal Region said the soldiers were on "
                      "patrol.")
    assert (where(found[0]), found[0].location.admin1) == ("Tinkarout", "Gao")


def test_a_town_named_so_is_the_town_not_a_person():
    (one,) = incidents("A bomb killed five people on Tuesday at a town named Niono.")
    assert where(one) == "Niono"


def test_people_seized_by_gunmen_are_abducted():
    found = incidents("Three aid workers were seized by gunmen outside a bank in Mali's "
                      "capital Bamako on Tuesday.")
    assert (found[0].sub_event_type, where(found[0])) == ("Abduction/forced disappearance",
                                                          "Bamako")


def test_a_country_after_according_to_is_the_sources_not_the_events():
    found = incidents("A plane was attacked on Tuesday according to Niger officials, over "
                      "northern Mali, killing four crew.")
    assert found[0].location.country == "ML"


def test_an_aircraft_shot_down_by_a_missile_is_a_missile_attack():
    (one,) = incidents("A military helicopter was downed by a missile near Kidal on Tuesday, "
                       "killing its four crew.")
    assert (one.event_type, one.sub_event_type) == ("Explosions/Remote violence",
                                                    "Shelling/artillery/missile attack")


def test_a_missile_attack_is_a_missile_attack():
    (one,) = incidents("A missile attack on a market in Kidal on Tuesday killed six people.")
    assert one.sub_event_type == "Shelling/artillery/missile attack"


def test_the_blast_of_a_gunmans_shotgun_is_no_bomb():
    (one,) = incidents("A gunman fired a shotgun in a church in Segou on Tuesday, killing two "
                       "people. A worshipper shielding others from the gunman caught the blast.")
    assert (one.event_type, one.sub_event_type) == ("Violence against civilians", "Attack")


def test_rival_supporters_clashing_are_mob_violence():
    (one,) = incidents("There were violent clashes in Segou on Tuesday between supporters of "
                       "the two candidates.")
    assert (one.event_type, one.sub_event_type, one.actor1) == ("Riots", "Mob violence",
                                                                "Rioters (Mali)")


def test_soldiers_clashing_with_supporters_is_a_battle():
    (one,) = incidents("Soldiers clashed with supporters of the rebel leader in Segou on "
                       "Tuesday, killing four.")
    assert one.event_type == "Battles"


def test_protesters_armed_with_sticks_and_stones_riot():
    (one,) = incidents("Protesters armed with sticks and stones confronted police in Segou on "
                       "Tuesday.")
    assert (one.event_type, one.sub_event_type) == ("Riots", "Violent demonstration")


def test_killing_the_suspect_adds_the_killer_to_his_dead():
    (one,) = incidents("A gunman killed three people in a school in Segou on Tuesday. Police "
                       "returned fire, killing the suspect.")
    assert one.fatalities == 4


def test_some_of_a_counted_group_died():
    # "Three of the 12 passengers died": the verb after the total's noun counts the three.
    (one,) = incidents("Gunmen attacked a bus near Kidal on Tuesday. Three of the 12 passengers "
                       "died.")
    assert one.fatalities == 3


def test_a_gunmans_bomb_is_still_a_bomb():
    (one,) = incidents("A gunman hid explosives in a bar in Segou on Tuesday; the blast killed "
                       "four people.")
    assert one.event_type == "Explosions/Remote violence"


def test_one_of_the_victims_is_part_of_the_toll_not_a_lower_estimate():
    (one,) = incidents("Gunmen killed five people in Kidal on Tuesday. One of the people "
                       "killed was a teacher.")
    assert one.fatalities == 5


def test_attackers_in_military_fatigues_are_not_the_military():
    (one,) = incidents("Gunmen attacked a village near Segou on Tuesday, killing 12 people. "
                       "Witnesses said the gunmen wearing army uniforms raided the village.")
    assert one.actor1 == "Unidentified Armed Group (Mali)"


def test_the_police_who_suspect_are_no_side():
    (one,) = incidents("Soldiers opened fire on villagers near Segou on Tuesday, killing 12 "
                       "people. Police suspect the soldiers were drunk when they opened fire.")
    assert one.actor1 == "Military Forces of Mali"


def test_a_missile_from_an_unmanned_aerial_vehicle_is_a_drone_strike_by_its_state():
    (one,) = incidents("An American unmanned aerial vehicle fired two missiles at a camp near "
                       "Kidal on Tuesday, killing six fighters.")
    assert (one.sub_event_type, one.actor1) == ("Air/drone strike",
                                                "Military Forces of the United States")


@pytest.mark.parametrize(("country", "name"), [
    ("Mali", "Military Forces of Mali"),
    ("Philippines", "Military Forces of the Philippines"),
    ("Central African Republic", "Military Forces of the Central African Republic"),
    ("United Kingdom", "Military Forces of the United Kingdom"),
])
def test_a_states_forces_are_named_as_acled_names_them(country, name):
    from incimap.geo.reader.actors import forces_of

    assert forces_of("Military", country) == name


def test_us_drones_are_the_united_states():
    (one,) = incidents("US drones struck a camp near Kidal on Tuesday, killing ten militants.")
    assert one.actor1 == "Military Forces of the United States"
