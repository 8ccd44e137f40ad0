"""The reader's English: every word list and word pattern the stages lean on. Plain
English, no model to download.

Kept in one place so a newcomer can see (and extend) every word that steers the
reader: what is not a place, what a feature hint is, what an event looks like. The
patterns are built here from the lists; the stages only use them. Sections follow the
stages (``reader.pipeline``).
"""

from __future__ import annotations

import re


class _Lazy:
    """A pattern compiled on first use: the module defines some 160, and a single
    ``incimap geocode`` needs none of them (compiling all costs about 60 ms a start)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def __getattr__(self, name: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"_Lazy({self.pattern!r})"


def lazy_regex(pattern: str, flags: int = 0) -> _Lazy:
    """``re.compile``, deferred to the pattern's first use."""
    return _Lazy(pattern, flags)

MONTHS = frozenset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Religious and calendar words that are also GeoNames places somewhere.
CALENDAR_AND_FAITH = frozenset("""ramadan ramazan eid muharram christmas easter islam
christianity hinduism buddhism judaism allah god""".split())

# Ethnic and national names that GeoNames also lists as villages, and demonyms that
# the suffix rule in ``reader.places`` cannot derive.
DEMONYMS = frozenset("""baloch baluch balochi baluchi pashtun pakhtun pathan punjabi punjabis
sindhi sindhis hazara hazaras kurd kurds kurdish arab arabs tamil tamils tuareg fulani hausa
yoruba igbo somali somalis amhara oromo tigrayan uyghur uighur rohingya shia shiite sunni
alawite druze yazidi chinese pakistani pakistanis afghan afghans indian indians iranian
iranians american americans british french german russian ukrainian nigerian malian syrian
iraqi yemeni sudanese ethiopian kenyan colombian mexican turkish israeli palestinian
bengali bangladeshi sri lankan nepali burmese filipino""".split())

# Common English words that are also place names (Security, Colorado; Reading; Mobile;
# Nice; Bath). Rejected when capitalised only because they open a sentence or a
# heading, or when the article also uses them in lower case.
COMMON_WORDS = frozenset("""a about above across after again against all almost along also
although always among an and another any anyone are around as at away back be because been
before behind being below beneath beside besides between beyond both but by can could did do
does down during each early earlier either else even ever every few for from further had has
have he her here hers him his how however i if in inside into is it its just last late later
least less like little many may meanwhile might more most much must near nearly neither never
new next no none nor not now of off often on once one only or other others otherwise our out
outside over own per perhaps several she should since so some such than that the their them
then there these they this those though through throughout thus to today tomorrow too toward
towards under unless until up upon us very was we were what whatever when where whether which
while who whom whose why will with within without would yesterday yet you your
police army security special railway railways government officials official authorities
estimates estimate another analyst analysts people passengers passenger soldiers troops
militants insurgents gunmen attackers rescue rescued president prime minister ministry
spokesman spokesperson spokeswoman witnesses witness residents resident doctors doctor
hospital hospitals sources source reports report media news agency agencies state states
national federal provincial local district province region city town village station
train trains bus buses border borders forces force military commander commanders chief
chiefs leader leaders group groups several many most some both these those reading mobile
nice bath split orange lincoln victoria aurora paradise hope unity liberty union independence
freedom concord friendship harmony progress enterprise commerce industry justice mercy
providence truth welcome fairview pleasant mount river lake bay island islands sea ocean
north south east west central northern southern eastern western upper lower middle
great little old new saint san santa""".split())

# Words after a name that say what kind of feature it is ("Bolan district").
HINT_AFTER = {
    "railway station": "station", "train station": "station", "station": "station",
    "railway stn": "station", "jn": "station", "country": "country",
    "junction": "station", "tunnel": "tunnel", "pass": "pass", "district": "district",
    "province": "province", "state": "province", "region": "region", "area": "region",
    "valley": "region", "division": "region", "county": "district", "governorate": "province",
    "city": "city", "town": "town", "village": "village", "tehsil": "district",
    "oblast": "province", "prefecture": "province", "municipality": "district",
    # Nigeria's second-level divisions: "Bassa local government area", "Bassa LGA".
    "local government area": "district", "local government": "district", "lga": "district",
}

# The same words before a name ("the state of Washington", "the city of Victoria"); not a
# title ("head of state of", "Secretary of State of").
HINT_BEFORE = lazy_regex(r"(?<!head of )(?<!secretary of )(?<!department of )"
                         r"\b(state|province|city|town|village|district|county|governorate|"
                         r"prefecture|region)\s+(?:of|called|named|known\s+as)\s+$|"
                         # "the provincial capital Yala": the city, not its province
                         r"\b(?:provincial|regional|state|district)\s+(capital)\s+$", re.I)
HINT_BEFORE_ONLY = {"capital": "city"}

# Titles written after a place ("Kalat Commissioner", "Quetta police chief").
TITLE_AFTER = frozenset("""commissioner governor mayor deputy chief minister police
inspector superintendent administrator assembly council president secretary premier
senator""".split())

# Words before a name that mark a person ("Mr Sharif", "named Allahditta").
PERSON_BEFORE = frozenset("""mr mrs ms dr sir president premier minister general gen
colonel col major maj captain capt lieutenant lt sergeant sgt named called spokesman
spokesperson spokeswoman analyst officer judge senator imam mullah sheikh maulana""".split())

# Qualifiers that may sit between "the" and a region name.
DIRECTIONS = frozenset("""northern southern eastern western central northeastern
northwestern southeastern southwestern north-eastern north-western south-eastern
south-western restive remote troubled mountainous neighbouring neighboring""".split())

ALL_CAPS_PLACES = frozenset("""us usa uk uae drc car kp kpk fata ajk""".split())

# --- events -----------------------------------------------------------------------------
# (pattern, class, event_type, sub_event_type, priority). The class groups what one
# incident record holds: "violence" by armed groups against people or property,
# "operation" the security forces' response, and the non-violent kinds. Within a
# class the highest priority names the incident's type (a hostage-taking that began
# with a bomb on the tracks is coded by the hostage-taking, ACLED-style).


def _p(words: str):
    return lazy_regex(r"\b(?:" + words + r")", re.I)


# A siege or shoot-out with wanted men is a battle that the besieging forces fight
# ("after a 16-hour siege, police stormed the house"): they are its first actor. Not
# "stand-off": as often a political deadlock as an armed one; nor "under siege", said of a
# society or a city with no one laying it ("said the city was under siege").
SIEGE = _p(r"(?<!under\s)sieges?\b|shoot-?outs?\b")

EVENT_PATTERNS = (
    # A hijacking or a siege with hostages is the event even when it began with a bomb.
    # Not cars taken to burn ("Cars were hijacked and set alight").
    (_p(r"(?<!cars\swere\s)(?<!vehicles\swere\s)hijack\w*(?!\s+(?:vehicles|cars|trucks|"
        r"lorries)\b)|held\s+hostage|holding\s+(?:\w+\s+)?(?:passengers|hostages|people)"),
     "violence", "Violence against civilians", "Abduction/forced disappearance", 5),
    # Other abduction words rank below explosions ("a car bomb ... also took two hostages"
    # is a bombing) and above a plain attack ("attacked the village and kidnapped 20").
    # People "snatched by kidnappers" are taken too (a town or a cache seized is not).
    (_p(r"took\s+\w+\s+(?:\w+\s+)?hostages?|taken\s+hostage|abduct\w*|kidnap\w*|"
        r"hostages?|(?:were|was|been)\s+(?:seized|snatched)\s+by\s+(?:[\w-]+\s+){0,2}?"
        r"(?:gunmen|militants|men|kidnappers|rebels|pirates|fighters|bandits|insurgents|"
        r"assailants|attackers)\b"), "violence", "Violence against civilians",
     "Abduction/forced disappearance", 2.5),
    # Soldiers captured are no civilians abducted: ACLED codes the capture as a strategic
    # development (above a plain attack, below a bombing or a hijacking).
    (_p(r"(?:soldiers?|troops|servicem[ae]n|service\s+members)\s+(?:(?:were|was|have\s+been|"
        r"has\s+been|had\s+been)\s+)?(?:captured|taken\s+prisoner)"), "violence",
     "Strategic developments", "Other", 2.6),
    # "a suicide car bomber", "suicide truck bombs": the vehicle between the words.
    (_p(r"suicide\s+(?:(?:car|truck|lorry|vehicle|motorcycle|motorbike)\s+)?(?:bomb\w*|attack\w*|vest)|blew\s+(?:himself|herself|themselves)\s+up|"
        r"driver\s+detonated|detonated\s+(?:his|her|their)\s+(?:vest|belt)"), "violence",
     "Explosions/Remote violence", "Suicide bomb", 4),
    # Not "explosives" alone: found or seized, they are no explosion ("explosives-laden" is).
    # Not a threat, a hoax or the squad that defuses one ("a bomb threat").
    (_p(r"detonat\w*|explosi(?!ves\b(?!-))\w+|explod\w*|blasts?\b|"
        r"bomb(?:s|ing|ings|ed)?\b(?!\s+(?:threats?|scares?|hoax(?:es)?|squads?|disposal|"
        r"alerts?|warnings?)\b)|"
        r"\bIEDs?\b|"
        r"landmines?|roadside\s+bomb|mines?\s+went\s+off"),
     "violence", "Explosions/Remote violence",
     "Remote explosive/landmine/IED", 3),
    # ACLED's own sub-event, below a bomb ("a car bomb ... also threw grenades" is a
    # bombing) and above a plain attack; a rocket-propelled grenade is no hand grenade.
    (_p(r"(?<!propelled\s)(?:hand\s+)?grenades?\b"),
     "violence", "Explosions/Remote violence", "Grenade", 2.8),
    # Only aircraft that strike: "aircraft" alone (a target, "anti-aircraft") is no cue.
    (_p(r"air\s*strikes?|drone\s+strikes?|airstrikes?|air\s+raids?|glide\s+bombs?|"
        r"(?<!anti-)(?:aircraft|jets?|helicopters?|gunships?)\s+(?:bombed|struck|fired|attacked|"
        r"dropped|hit|targeted)|"
        r"warplanes?|(?:shahed|kamikaze)\s+drones?|drones?\s+(?:hit|struck|attack)|"
        # "missiles fired by an unmanned aircraft": from the air
        r"unmanned\s+(?:aerial\s+vehicles?|aircraft|drones?)|\bUAVs?\b|"
        # A bare "strike" that hits or kills is from the air ("the strike hit a school", "a
        # strike on a house"); not a walk-out ("a strike on Monday") nor a missile's.
        r"(?<!missile\s)(?<!rocket\s)(?<!hunger\s)(?<!general\s)strikes?\s+(?:hit|hits|struck|"
        r"killed|kills|targeted|destroyed|flattened|on\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:house|"
        r"home|building|school|hospital|tent|car|vehicle|convoy|mosque|apartment|camp)s?\b)"),
     "operation", "Explosions/Remote violence", "Air/drone strike", 4),
    # A rocket is a missile attack wherever it is fired from or lands ("a Qassam rocket").
    # ("a shell hit their home": a shell that hit, landed or fell.)
    (_p(r"shell(?:ing|ed)|shells?\s+(?:hit|landed|struck|fell|exploded)|mortar|artillery|"
        r"rockets?\b(?!-propelled)|missiles?\s+(?:were\s+|"
        r"was\s+)?(?:fired|launched|landed|struck|hit)|missile\s+attacks?|"
        # "a helicopter downed by a missile", "hit by a missile"
        r"(?:(?:was|were)\s+)?(?:shot\s+down|downed|hit|struck)\s+by\s+(?:an?\s+)?"
        r"(?:[\w-]+\s+){0,2}?missiles?\b"),
     "violence",
     "Explosions/Remote violence", "Shelling/artillery/missile attack", 3),
    (_p(r"ambush\w*|attack(?:ed|s|ing)?\b|assault(?:ed)?\b|shot\s+dead|gunned\s+down|"
        r"open(?:ed|s|ing)?\s+fire|fired\s+(?:on|upon|at)\b|massacre\w*|stormed|raided|fatally\s+shot|beheaded|torched|"
        r"(?:bandits|gunmen|militants|attackers|assailants|insurgents|rebels)\s+struck|"
        r"set\s+(?:on\s+)?fire|stabb(?:ed|ing)|burn(?:ed|t)\s+(?:down\s+)?(?:\w+\s+)?(?:homes|houses|"
        r"huts|shops|churches|mosques|villages?)\b|assassinat\w*|murder(?:ed|s)?\b|slain|"
        r"shot\s+to\s+death|(?:was|were|being)\s+shot\b|"
        r"(?:hacked|beaten|burn(?:ed|t)|clubbed|stoned)\s+to\s+death|burn(?:ed|t)\s+alive|"
        r"(?:beat|hacked|stabbed|stoned|clubbed|kicked)\s+(?:[\w-]+\s+){1,3}?to\s+death"),
     "violence", "Violence against civilians", "Attack", 2),
    # A mass shooting is the event, above the police siege that ends it ("arrested the
    # shooter after a siege").
    (_p(r"(?:mass|school|campus|mall|drive-?by|random)\s+shootings?\b|shooting\s+(?:spree|"
        r"rampage)|(?:gun|killing)\s+rampage|(?:shooting|killing)\s+spree"),
     "violence", "Violence against civilians", "Attack", 2.7),
    # Weak: "killed" alone says someone died, not who did what; it counts only when
    # nothing stronger names the event or its figures belong to violence.
    (_p(r"killed|killing|died|dead\b"), "violence", "Violence against civilians", "Attack", 0),
    (_p(r"(?:seized|captured|overran|over-ran|took\s+control\s+of)\s+(?:the\s+)?"
        r"(?:(?-i:[A-Z])|(?:town|city|village|base|district|territory|area|province)\b)"),
     "violence", "Battles", "Non-state actor overtakes territory", 3),
    # A body found is a killing: "discovered the body of", "bodies have been found".
    (_p(r"bod(?:y|ies)\s+(?:of\s+[\w\s]{1,30}?)?(?:was|were|(?:has|have|had)\s+been)\s+"
        r"(?:found|discovered|recovered)|found\s+dead|tortur\w+|(?:found|discovered|"
        r"recovered)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?bod(?:y|ies)\s+of\b"),
     "violence", "Violence against civilians", "Attack", 2),
    # Above a plain attack: the storming that ends a siege is part of it.
    (SIEGE, "operation", "Battles", "Armed clash", 2.5),
    (_p(r"counter[-\s]?operation|security\s+operation|military\s+operation|operations?\b|"
        r"crackdown|offensive|clash\w*|gun\s*fight\w*|gun\s*battle|exchange\s+of\s+(?:gun)?fire|"
        # "The battle between the army and the rebels": the fight itself, between armed
        # sides (not "a legal battle between two families", "battled cancer").
        r"battl(?:es?|ed|ing)\s+between\s+(?=[^.;]{0,40}?\b(?:army|military|troops|soldiers|"
        r"forces|police|rebels|militants|insurgents|fighters|militias?|gunmen|jihadists)\b)|"
        r"battl(?:es?|ed|ing)\s+(?:raged|erupted|broke\s+out)|"
        r"exchang(?:ed|ing)\s+(?:heavy\s+)?fire|trad(?:ed|ing)\s+fire|fire\s*fights?\b|"
        # Not striving: "has fought to end the cartels" (but "fought to the death").
        r"retaliat\w*|rescued|rescue\s+operation|engag(?:ed|ement)|"
        r"(?:fought|fighting)(?!\s+to\s+(?!the\b|a\b|an\b)\w)|"
        # An attack "repelled by the army" was fought off: a battle.
        r"repel(?:led|s)?\b|repulsed|"
        # "troops moved in to the X area": an incursion.
        r"(?:troops|soldiers|forces|tanks)\s+(?:moved|pushed|rolled|went)\s+in(?:to)?\b"),
     "operation", "Battles", "Armed clash", 2),
    # ACLED counts burning tyres and vandalism as a demonstration turned violent.
    # Not the forces' gear: "riot police" break up peaceful crowds too.
    (_p(r"turn(?:ed|s)?\s+violent|riot(?!\s+(?:police|gear|squads?|control|shields?|troops|"
        r"officers|units?)\b)\w*|burn(?:ed|ing|t)\s+(?:\w+\s+)?(?:tyres|tires)|"
        r"vandali[sz]\w*|(?:bottles|stones|bricks|rocks|missiles|petrol\s+"
        r"bombs)\s+(?:were|was)\s+thrown|thr(?:ew|own)\s+(?:bottles|stones|bricks|rocks)|"
        r"stone-?\s?(?:throwing|throwers|pelting)|"
        # A crowd's weapons ("protesters armed with sticks and stones"); not a militia's
        # machetes or guns.
        r"armed\s+with\s+(?:\S+\s+){0,2}?(?:sticks|stones|rocks|clubs|crowbars|bricks|"
        r"iron\s+bars)\b"),
     "demonstration", "Riots", "Violent demonstration", 3),
    (_p(r"mob\b|lynch\w*"), "demonstration", "Riots", "Mob violence", 3),
    (_p(r"(?:police|officers|security\s+forces)\s+(?:used|fired)\s+(?:batons|tear\s*gas|"
        r"water\s+cannon|rubber\s+bullets)|dispersed"), "demonstration", "Protests",
     "Protest with intervention", 2),
    # "Thousands marched through the capital": a crowd marching is a demonstration.
    (_p(r"protest\w*|demonstrat\w*|rall(?:y|ies)|sit-in|(?:thousands|hundreds|crowds?|"
        r"supporters|residents|women|students|workers)\s+(?:\w+\s+){0,2}?march(?:ed|ing)\b"),
     "demonstration", "Protests", "Peaceful protest", 1),
    (_p(r"arrest\w*|detained"), "arrest", "Strategic developments", "Arrests", 1),
)

# A battle word that, after a protest word in the sentence, is the protest turning
# violent ("demonstrators clashed with police"): a riot, not a battle (reader.triggers).
PROTEST_CLASH = _p(r"clash\w*|scuffl\w*|fought|fighting")
# Crowds that fight each other ("rival supporters clashed", "fans fought"), and the armed
# sides whose presence makes a clash theirs (reader.triggers).
CROWD_SIDES = _p(r"(?:supporters|fans|partisans|youths)\b")
ARMED_SIDES = _p(r"(?:police|policemen|troops|soldiers|army|military|security\s+forces|"
                 r"militants?|rebels?|gunmen|militias?|insurgents?|fighters)\b")
# "clashes between rioters and ...", "... between police and protesters": what a clash word
# says it was fought between.
BETWEEN = lazy_regex(r"\s+(?:[\w-]+\s+){0,3}?between\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                     r"(?:and\s+(?:the\s+)?)?$", re.I)

# The state's forces using violence on a demonstration ("police opened fire on protesters",
# "demonstrators were shot dead by troops"): ACLED's excessive force against protesters,
# one protest event with its dead. The force is written before the violence word, with
# no verb of saying between ("Police said gunmen opened fire" is another doer), or just
# after it as the agent ("by police"; matched at the word's end, so no "^").
FORCE_ON_CROWD_BEFORE = lazy_regex(
    r"\b(?:police(?:men)?|(?:police\s+)?officers|(?:security|government|state)\s+forces|"
    r"troops|soldiers|army|military|gendarmes?|gendarmerie|national\s+guard)\b(?:(?!\b(?:said|"
    r"says|say|told|"
    r"reported|according|"
    r"gunmen|militants|attackers|assailants)\b)[^.;])*$", re.I)
FORCE_ON_CROWD_AFTER = lazy_regex(
    r"\s+(?:dead\s+|to\s+death\s+)?by\s+(?:the\s+)?(?:[\w-]+\s+)?(?:police(?:men)?|"
    r"security\s+forces|troops|soldiers|army|military|gendarmes?|gendarmerie)\b", re.I)
EXCESSIVE_FORCE = "Excessive force against protesters"
FORCE_ON_CROWD_SUBS = ("Protest with intervention", EXCESSIVE_FORCE)

# Who a crowd's dead are ("two protesters were shot dead"), and who else may have killed
# them ("gunmen opened fire on the marchers": an attack, not the police's force).
CROWD_PEOPLE = frozenset({"protesters", "protester", "demonstrators", "demonstrator",
                          "marchers", "marcher", "rioters", "rioter", "mourners"})
ARMED_DOER = lazy_regex(r"\b(?:militants?|gunm[ae]n|attackers?|assailants?|insurgents?|rebels?|"
                        r"bandits?|terrorists?|militia(?:men|s)?|men|supporters|thugs)\b", re.I)
# A crowd as the doer of a violence word ("rioters torched shops", "a mob beat him to
# death"): the riot's own violence, not an armed group's attack.
# Never passive: "protesters were shot dead" are the victims.
# ("Rioters poured into the streets and began beating passers-by": a clause of theirs between,
# but no other doer nor a clause of another time.)
CROWD_DOER_BEFORE = lazy_regex(r"\b(?:rioters|protesters|demonstrators|mobs?|crowds?|youths|"
                               r"marchers)\s+(?:(?!(?:were|was|been|being|police|soldiers|troops|"
                               r"army|security|gunmen|militants|forces|officers|gendarmes|men|"
                               r"assailants|attackers|when|as|after|before|while|"
                               r"said|says|say)\b)[\w-]+\s+){0,6}?$", re.I)
PASSIVE_START = lazy_regex(r"(?:was|were|been)\b", re.I)

# Words just before an event word that deny or question it: "did not appear to be set by a
# suicide bomber", "asked if it was the work of a suicide bomber". The word is no cue then.
HEDGED_BEFORE = lazy_regex(r"\b(?:(?:not|never)\s+(?:\w+\s+){0,2}?(?:be|been|a|an)|"
                            # "a note warning that a bomb would explode": a threat
                            r"warn(?:ed|ing|s)?\s+(?:that\s+)?(?:an?|the)(?=\s+(?:[\w-]+\s+)?$)|"
                            r"(?:would|could|might)(?=\s+$)|"
                            r"(?:if|whether)\s+(?:it|this|that|the\s+\w+)\s+(?:was|were|is|"
                            r"had\s+been))\s+(?:(?![\w-]+ed\s)[\w-]+\s+){0,4}?$", re.I)
# (Not past the verb of another clause: "gunmen who could not be identified opened fire".)

# An explosion that is an accident, not an attack: "chemical explosions", "a gas
# explosion", "an explosion at a fertiliser plant" (reader.triggers).
ACCIDENT_BEFORE = lazy_regex(r"\b(?:chemical|gas|gas-cylinder|cylinder|industrial|boiler|"
                             r"methane|coal-?mine|mine|fireworks?|fuel|pipeline|tanker|"
                             r"transformer)\s+(?:[\w-]+\s+)?$", re.I)
ACCIDENT_AFTER = lazy_regex(r"\w*\s+(?:at|in|hit|rocked|ripped\s+through)\s+(?:an?|the)\s+"
                            r"(?:[\w-]+\s+){0,4}?(?:chemical|gas|fuel|fertili[sz]er|nitrogen|"
                            r"fireworks?|power|petrochemical|oil)\s+(?:plant|factory|depot|"
                            r"refinery|works|warehouse|storage)", re.I)

# Mishaps: a sentence that tells of one says its dead died in it, not at anyone's hands
# ("helicopter crashes into TV tower, killing four"), so "killed" alone is no cue there.
MISHAP = _p(r"crash(?:es|ed|ing)?\b|collid\w+|collision|derail\w*|capsiz\w+|accidents?\b|"
            r"earthquake|landslides?|floods?\b|flooding|stampede|caught\s+fire|"
            r"lightning|drown\w*|(?:chemical|gas|boiler|industrial)\s+(?:explosions?|blasts?|"
            r"leaks?)|(?:explosions?|blasts?|fires?)\s+(?:at|in)\s+(?:an?|the)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:plant|factory|refinery|depot|warehouse|mine)\b")
# A sentence that says no one's death is on record ("bodies were seen on the roof, but
# no casualties have been reported"): its dead are unconfirmed, not a toll.
# (Not of one side: "no casualties were reported among the attackers".)
NONE_REPORTED = lazy_regex(r"\bno\s+(?:casualties|deaths|fatalities)\s+(?:have\s+|has\s+|had\s+)?"
                           r"(?:yet\s+)?(?:been\s+|were\s+|was\s+)?(?:officially\s+|yet\s+|"
                           r"immediately\s+)?(?:reported|confirmed)\b(?!\s+(?:among|on|from|in\s+the\s+"
                           r"ranks))", re.I)
# An explosion told bare ("Blasts were heard"): no bomb, device or mine named, so in
# a battle it is the battle's fire (reader.incidents).
BARE_EXPLOSION = _p(r"explosions?|blasts?|explod\w*")
# A firearm's shot: "the blast of the gunman's shotgun" is no bomb's blast, where no bomb
# is named (a lone gunman's: "gunmen" set off bombs too).
FIREARM = _p(r"shotguns?|rifles?|pistols?|handguns?|gunshots?|gunman\b|shootings?\b")
BOMB_NAMED = _p(r"bomb\w*|explosives?|devices?|grenades?|IEDs?|mines?|detonat\w*|dynamite|"
                r"shells?|rockets?|missiles?|mortars?")
# Words of a fight with guns beside a bomb: the attack on the forces is a battle.
GUNFIGHT = _p(r"ambush\w*|stormed|gun\s*fight\w*|gun\s*battle|exchange\s+of\s+(?:gun)?fire|"
              r"fire\s*fights?\b|shoot-?outs?")

# Who a figure counts, by class of people: fighters fall in battles, the rest are victims.
COMBATANTS = frozenset("""militants militant insurgents insurgent attackers attacker gunmen
gunman terrorists terrorist fighters fighter rebels rebel jihadists jihadist assailants
assailant bombers bomber soldiers soldier troops security personnel policemen police officers
guards policeman officer guard captain lieutenant sergeant corporal colonel""".split())
# Posts of the state's forces: an attack on one with no one counted is on the forces.
STATE_TARGET = lazy_regex(r"\b(?:police\s+(?:station|post|checkpoint|headquarters|base)|"
                          r"(?:army|military)\s+(?:base|post|camp|checkpoint|barracks|convoy|"
                          r"patrol)|barracks|check\s*post)s?\b", re.I)
# The state's own dead among COMBATANTS (reader.incidents: an attack on them).
STATE_FORCE_DEAD = frozenset("""soldiers soldier troops personnel policemen policeman police
officers officer guards guard""".split())
ARMED_GROUP_WORDS = frozenset("""army liberation front taliban taleban tehreek tehrik lashkar jaish
jamaat jama'at brigade brigades militia militias mujahideen shabaab haram iswap hamas
hezbollah hizbullah qaeda qaida isis isil daesh nusrat""".split())
ARMED_GROUP_PHRASES = ("islamic state", "boko haram", "al-shabaab", "support forces",
                       "democratic forces", "defence forces of", "dawlah islamiyah")
# Words of a state's own units: "the 103rd Infantry Brigade" is not an armed group.
STATE_UNIT_WORDS = frozenset("""infantry battalion division regiment marine marines navy police
army's corps paratroopers rangers security government national""".split())

# Words that make a name with a state's word ("National Liberation Army") an insurgency's.
INSURGENT_WORDS = frozenset("""liberation revolutionary resistance rebel""".split())

# Names of movements that GeoNames also lists as villages.
GROUP_NAMES = frozenset("""taliban taleban mujahideen hezbollah hizbullah hamas houthis houthi
shabaab wagner""".split())

# Words that may govern "of <place>" without making it an organisation's name
# ("the Governor of Borno State", "the capital of Sindh"): a university or bank of a
# place is an organisation, a governor or capital of a place is not.
OF_PLACE_HEADS = frozenset("""governor governors mayor capital city town province district
state republic kingdom region department people outskirts north south east west centre
center heart chief minister commissioner president prime secretary council assembly
government""".split())

# Verbs that make a capital stand for its government ("Islamabad accuses Kabul of ...").
METONYMY_VERBS = frozenset("""accuses accused denies denied insists insisted rejects rejected
condemns condemned blames blamed urges urged demands demanded warns warned announced vowed
maintains maintained responded retaliated""".split())

# Words that GeoNames lists as places but that never name one on their own in news
# text: directions and articles that only occur inside longer names ("Lanao del Sur").
NOT_ALONE = frozenset("""sur norte nord sud este oeste ouest north south east west central
upper lower new old san santa saint st el la le al del de du des los las""".split())

# Nouns after a name that make it a people's or group's name ("Kuki militants").
GROUP_NOUNS = frozenset("""militants militant rebels rebel insurgents insurgent separatists
fighters tribesmen tribe tribes clan clans militia militias gunmen""".split())

# Regular English demonym endings -> what the place's name ends with instead: "Ohioan"
# (Ohio), "Minnesotan", "Texan" (Texas), "Floridian", "Dagestani", "Abkhaz" (Abkhazia).
DEMONYM_ENDINGS = (("ian", ("ia", "", "a")), ("an", ("a", "", "as")), ("n", ("",)),
                   ("i", ("",)), ("z", ("zia",)))
# What a demonym may stand for when no country table lists it.
DEMONYM_OF_FEATURES = frozenset({"province", "region", "country"})

# Compass words before a country or province ("in southern Thailand", "north-west
# Pakistan"): the part of it an incident is placed at (reader.directions).
DIRECTION_PARTS = {
    "north": "n", "northern": "n", "south": "s", "southern": "s", "east": "e",
    "eastern": "e", "west": "w", "western": "w", "central": "c",
    "northeast": "ne", "northeastern": "ne", "northwest": "nw", "northwestern": "nw",
    "southeast": "se", "southeastern": "se", "southwest": "sw", "southwestern": "sw",
}
DIRECTION_NAMES = {"n": "northern", "s": "southern", "e": "eastern", "w": "western",
                   "c": "central", "ne": "north-eastern", "nw": "north-western",
                   "se": "south-eastern", "sw": "south-western"}
DIRECTION_BEFORE = lazy_regex(
    r"\b(?P<dir>(?:north|south)[- ]?(?:east|west)(?:ern)?|(?:north|south|east|west)(?:ern)?"
    r"|central)\s+(?:parts?\s+of\s+)?$", re.I)
# A town named as a reference point, not as a site: "east of the capital, Bamako", "25 km
# from X", "north of X" (reader.incidents: such a town is not where it happened).
# ("in the north of X" is inside X, no reference point.)
REFERENCE_BEFORE = lazy_regex(
    r"(?<!the\s)\b(?:(?:north|south)[- ]?(?:east|west)|north|south|east|west|kilomet(?:re|er)s?|"
    r"km|miles?)\s+(?:of|from)\s+(?:the\s+)?(?:(?:[\w-]+\s+)?(?:capital|city|town)\s*,?\s+)?$",
    re.I)

# Nouns for a country's people that are no adjective ("one Briton", "two Frenchmen").
NATIONALS = frozenset("""briton frenchman frenchmen frenchwoman frenchwomen englishman
englishmen scot welshman welshmen irishman irishmen dutchman dutchmen dane swede finn pole turk
kurd thai""".split())

# Demonyms that name a state's forces ("Russian aircraft").
# Countries whose English name takes "the" ("the Philippines", "the Central African
# Republic"), as ACLED writes them in an actor's name.
NAME_WITH_THE = lazy_regex(r"(?:United\s|.*\bRepublic\b|.*\bIslands$|(?:Philippines|Netherlands|"
                           r"Bahamas|Maldives|Comoros|Seychelles|Gambia)$)")
# Short names written before the forces ("US drones", "UK jets").
STATE_SHORT_NAMES = {"US": "United States", "U.S.": "United States", "UK": "United Kingdom"}
STATE_DEMONYMS = {
    "russian": "Russia", "ukrainian": "Ukraine", "israeli": "Israel", "american": "United States",
    "pakistani": "Pakistan", "indian": "India", "afghan": "Afghanistan", "iranian": "Iran",
    "syrian": "Syria", "turkish": "Turkey", "saudi": "Saudi Arabia", "sudanese": "Sudan",
    "nigerian": "Nigeria", "chinese": "China", "french": "France", "british": "United Kingdom",
    "iraqi": "Iraq", "yemeni": "Yemen", "egyptian": "Egypt", "ethiopian": "Ethiopia",
    "kenyan": "Kenya", "somali": "Somalia", "malian": "Mali", "myanmar": "Myanmar",
    "burmese": "Myanmar", "colombian": "Colombia", "mexican": "Mexico", "rwandan": "Rwanda",
    "congolese": "DR Congo", "lebanese": "Lebanon", "jordanian": "Jordan",
    "emirati": "United Arab Emirates",
}

# --- actor classes (ACLED's inter codes) ------------------------------------------------
# Words of an actor's name that give its ACLED class, tried in this order: the first class
# with a word or phrase in the name wins. Civilians, protesters and rioters come first, as
# ACLED names them by what they are ("Civilians (Pakistan)"); the named armed groups come
# before the state, so "Liberation Army" is not read as an army.
ACTOR_CLASS_WORDS: tuple[tuple[int, frozenset[str], tuple[str, ...]], ...] = (
    (7, frozenset("""civilians civilian passengers passenger hostages villagers residents
students journalists worshippers pilgrims farmers workers refugees travellers travelers
commuters""".split()), ()),
    (6, frozenset("protesters protestors demonstrators".split()), ()),
    (5, frozenset("rioters mob".split()), ()),
    (8, frozenset("peacekeepers peacekeeping mercenaries contractors".split()),
     ("united nations", "private security")),
    (1, frozenset(), ("military forces of", "police forces of", "government of",
                      "state forces")),
    (4, frozenset("tribesmen".split()),
     ("ethnic militia", "communal militia", "clan militia", "tribal militia")),
    (3, frozenset("militia militias gunmen".split()), ("unidentified armed group",)),
    (2, frozenset("""rebels rebel insurgents insurgent separatists separatist militants
militant""".split()) | GROUP_NAMES, ("liberation army", "liberation front", *ARMED_GROUP_PHRASES)),
    (1, frozenset("""forces army military police soldiers troops navy policemen
gendarmerie""".split()), ("air force", "security forces")),
)
# --- coding rules (reader.incidents) ----------------------------------------------------
# Background: a clause recalling an earlier event ("In a similar attack", "years ago") is
# history, not the story; it opens no incident and lends it no date, toll or actor. (A
# past year on its own, "In 2021", "Last year", is read from the dates: reader.background.)
BACKGROUND_CUE = lazy_regex(
    r"\b(?:in\s+)?(?:an?|the)\s+(?:similar|earlier|previous|prior|last|deadliest|worst)\s+"
    r"(?:attack|incident|bombing|massacre|assault|ambush|raid|strike|explosion|blast)\b|"
    # "referring to the recent Israeli offensive": another, earlier event.
    r"\bthe\s+recent\s+(?:[\w-]+\s+)?(?:attack|bombing|massacre|assault|raid|offensive|"
    r"operation|war)\b|"
    # "The attacks follow previous operations which killed six": no article needed.
    r"\b(?:similar|earlier|previous|prior)\s+(?:attacks|incidents|bombings|massacres|assaults|"
    r"ambushes|raids|strikes|explosions|blasts|operations|clashes)\b|"
    r"\b(?:years?|decades?)\s+(?:ago|earlier|before)\b|\bin\s+(?:the\s+)?(?:past|history)\b|"
    r"\bon\s+this\s+day\b|"
    # "the first since the assassination of X in February": a comparison with the past.
    r"\b(?:first|deadliest|worst|biggest|largest|bloodiest)\s+(?:[\w-]+\s+){0,3}?since\b", re.I)
# "a 2019 bombing": an event named by its year (background when that year is past).
YEAR_NAMED_EVENT = lazy_regex(r"\b(?:a|an|the|its|their)\s+((?:19|20)\d\d)\s+(?:[\w-]+\s+)?"
                               r"(?:attack|bombing|massacre|assault|ambush|raid|strike|"
                               r"explosion|blast|shooting|siege|hijacking)s?\b", re.I)

# An updated toll supersedes the earlier, lower one ("killed 10 ... the death toll has
# since risen to 25"): it is no competing estimate.
TOLL_UPDATED = lazy_regex(r"\b(?:toll|number\s+of\s+(?:dead|deaths|people\s+killed))\s+"
                          r"(?:(?:from|of|in)\s+(?:[\w’'-]+\s+){1,6}?)?"  # "from the blast"
                          r"(?:has\s+|had\s+|have\s+)?(?:since\s+|now\s+|later\s+)?"
                          r"(?:rose|risen|climbed|increased|jumped|reached|grown|grew|mounted)"
                          r"\s+to\b|\btoll\s+(?:now\s+)?stands\s+at\b", re.I)

# Who a fatality figure counts, when it counts everyone: a total, against which a
# figure of soldiers or civilians is a sub-group, not a competing estimate.
TOTAL_WHO = frozenset("""people persons person dead victims lives others individuals
total""".split())
# Nouns that count the dead of every group at once ("28 bodies", "56 fatalities").
GENERIC_DEAD_WHO = frozenset("bodies deaths fatalities casualties".split())
# A sentence adding victims to those already told: "Two civilians also died".
# A killer who then killed himself ("killed six before turning the gun on himself"):
# ACLED counts him among the dead, beside the victims the sentence counts. A suicide
# bomber's "blew himself up" is not meant: bombing tolls are coded as reported.
KILLER_KILLED_HIMSELF = lazy_regex(
    r"\b(?:turn(?:s|ed|ing)?\s+(?:the|his|her|a)\s+(?:gun|weapon|rifle|pistol|firearm)s?\s+"
    r"on\s+(?:him|her)self|(?:killed|killing|shot|shooting)\s+(?:him|her)self|"
    r"and\s+(?:then\s+)?(?:him|her)self|t(?:ook|aking)\s+(?:his|her)\s+own\s+life|"
    r"(?:committed|committing)\s+suicide)\b", re.I)
# Suicide bombers who killed only themselves ("Two men ... blew themselves up"; "the
# bombers both died"): ACLED counts the perpetrators, so a bombing with no other dead
# counts them (reader.incidents). "n": their count; "self": one or more.
SELF_DETONATED = lazy_regex(
    r"\b(?:(?P<n>a|an|one|two|three|four|five|six|\d+)\s+)?(?:[\w-]+\s+){0,2}?(?:bombers?|"
    r"attackers?|assailants?|m[ae]n|wom[ae]n|militants?)\b,?\s+(?:[\w'’-]+,?\s+){0,4}?blew\s+"
    r"(?P<self>himself|herself|themselves)\s+up", re.I)
# Bombers "killing themselves and 15 others": they are among the dead, as many as the
# sentence counts ("Two suicide bombers").
KILLERS_KILLED_THEMSELVES = lazy_regex(r"\b(?:killed|killing)\s+themselves\b", re.I)
KILLERS_COUNT = lazy_regex(r"\b(\d+|two|three|four|five|six)\s+(?:suicide\s+)?(?:bombers|"
                           r"attackers|gunmen|assailants|militants)\b", re.I)
# ... unless the sentence's count already holds him ("seven, including the gunman").
KILLER_COUNTED = lazy_regex(r"\b(?:including|among\s+them|counting)\s+(?:the\s+)?"
                            r"(?:gunman|shooter|attacker|killer|assailant|perpetrator)\b", re.I)

ADDED_VICTIMS = lazy_regex(r"\balso\s+(?:died|perished|lost\s+their\s+lives|(?:were|was)\s+"
                           r"(?:killed|shot\s+dead))\b", re.I)

# The state's forces as the doer ("the junta's aircraft", "security forces opened fire").
STATE_DOER = lazy_regex(
    r"\b(?:the\s+)?(?:junta|army|military|armed\s+forces|security\s+forces|troops|"
    r"soldiers|air\s+force|government\s+forces|gendarmes|gendarmerie|national\s+guard)"
    r"(?:[’']s?)?\s+(?:(?!(?:were|was|been|being|are|is)\b)\w+\s+){0,3}?"
    r"(?:carried\s+out|launched|bombed|shelled|struck|opened\s+fire|attacked|fired|"
    # Not a search for the victims ("security forces launched a search and rescue
    # operation"): the forces answer the violence, they do not do it.
    r"raided|conducted)\b(?!\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:search|rescue|manhunt|hunt|"
    r"investigation|probe|inquiry)\b)|\b(?:by|from)\s+(?:the\s+)?(?:junta|army|military|"
    r"security\s+forces|troops|air\s+force|government\s+forces)\b|"
    # "Soldiers killed 12 civilians", never "soldiers killed in an ambush" (a headline's
    # victims): the killing verb takes an object.
    r"\b(?<!\d\s)(?:the\s+)?(?:junta|army|military|armed\s+forces|security\s+forces|troops|"
    r"soldiers|government\s+forces)(?:[’']s?)?\s+"
    r"(?:(?!(?:were|was|been|being|are|is|who|that|and)\b)\w+\s+){0,2}?"
    r"(?:killed|shot(?:\s+dead)?|executed|massacred|tortured|beat|burned|torched|raped|"
    r"abducted)\s+(?!(?:in|as|when|after|by|during|on|at|near|while|and|or|to|for|from|"
    r"with|inside|outside|over|last|this|early|late|yesterday|today)\b)", re.I)

# A group named as the doer: "X claimed responsibility", "carried out by X", "X militants
# attacked". The name is a run of capitalised words; group 1 holds it.
# Possessive, from word starts only: a long letter run is read once, not once per letter.
_NAME = (r"(?<![\w’'-])((?-i:[A-Z][\w’'-]++(?:\s+(?:(?:al|of|the|ul|e|wal|de|for)\s+(?:the\s+)?)?"
         r"[A-Z][\w’'-]++){0,4}))")
# (cue, side, name pattern). Each cue starts with a fixed string, which the regex engine
# finds fast (a case-blind alternation is tried at every character); the name is then
# read just before or just after it.
# "The X Falcons (TAK), who are linked to the PKK, have claimed": the acronym and a
# relative clause may stand between the claimant and its verb.
_NAME_BEFORE = lazy_regex(_NAME + r"(?:\s*\([A-Z][A-Za-z]{1,7}\))?(?:\s*,\s+(?:who|which|that)\s"
                          r"[^,;.]{0,80},)?\s+(?:(?:has|have|had|is|are|was|were)\s+)?$")
_NAME_AFTER = lazy_regex(r"\s*(?:the\s+)?" + _NAME, re.I)
# The force's word in a state-doer match ("the Army attacked" -> "Army"), and a capitalised
# word just before it ("Liberation Army": a group's name, unless a nation's).
FORCE_HEAD = lazy_regex(r"(?:the\s+)?(\w+)", re.I)
NAME_WORD_BEFORE = lazy_regex(r"([A-Z][\w-]*)\s+$")
DOER_BY_VERB = lazy_regex(r"\b(?:carried\s+out|claimed|launched|perpetrated|committed)\s+$",
                          re.I)
# A doer only guessed at ("probably carried out by", "rebels believed to be from X") is no
# attribution: ACLED keeps the perpetrator unidentified unless claimed or stated.
SUSPECTED_DOER = lazy_regex(r"\b(?:probably|possibly|likely|perhaps|presumably|allegedly|"
                            r"(?:believed|thought|suspected|presumed)\s+to\s+(?:have\s+been|be))"
                            r"\s+(?:\w+\s+){0,2}?(?:by|from|of|with|members\s+of|part\s+of)?"
                            r"\s*(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
# On one line: a headline's last word is no name of the next paragraph's "Gunmen".
_GROUP_NOUN_BEFORE = lazy_regex(_NAME + r"[ \t]+(?i:m|f|r|g|i|j)$")
DOER_PATTERNS = (
    (lazy_regex(r"claim(?:ed|s|ing)\s+(?:responsibility|the\s+attack|it)\b|(?:took|accepted|assumed|"
                r"admitted)\s+(?:full\s+)?responsibility\b"), "before", _NAME_BEFORE),
    (lazy_regex(r"by\b"), "after", _NAME_AFTER),  # after DOER_BY_VERB only
    # "ilitants" etc.: the group noun without its first letter, which may be a capital.
    # "the Gran Grif gang opened fire": a gang named as the doer is a group too.
    (lazy_regex(r"(?:ilitants|ighters|ebels|unmen|nsurgents|ihadists|ang(?:\s+members)?)\s+"
                r"(?:\w+\s+)?"
                r"(?:attacked|ambushed|stormed|raided|struck|killed|opened\s+fire|abducted|"
                r"kidnapped|bombed)\b"), "before", _GROUP_NOUN_BEFORE),
)

# Verbs of saying beside a date give the day of the saying, not of the event: "Police on
# Monday said" (after the date), "..., the governor said on Tuesday" (before it).
SAYING = ("said", "says", "told", "reported", "announced", "added", "confirmed", "stated")
REPORTED_AFTER = lazy_regex(r"^\s+(?:" + "|".join(SAYING) + r")\b", re.I)
REPORTED_BEFORE = lazy_regex(r"\b(?:" + "|".join(SAYING + ("tweeted", "posted", "wrote",
                                                            "statement", "briefing"))
                              + r")\b[^.;]{0,12}$", re.I)

# The source's place, not the event's ("according to Malian officials", "according to
# Bamako police").
ACCORDING_TO_BEFORE = lazy_regex(r"\baccording\s+to\s+(?:the\s+)?$", re.I)

# Verbs of speaking before "from <place>": where a witness spoke from, not where victims
# came from ("a resident who phoned from X").
SPOKE_FROM = lazy_regex(r"\b(?:phoned|called|calling|telephoned|spoke|speaking|wrote|"
                         r"writing|reported|reporting|told\s+\w+)\s+(?:\w+\s+)?from\s+"
                         r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)

# Where people fled to: the end of their flight, not where victims came from.
FLED_TO = lazy_regex(r"\b(?:fled|flee|fleeing|escaped|escaping|sought\s+refuge|took\s+refuge|"
                      r"ran\s+away)\b(?:\s+[\w’'-]+){0,5}?\s+(?:to|into|towards|in)\s+"
                      r"(?:the\s+)?(?:[\w’'-]+\s+){0,1}$", re.I)

# --- places the gazetteer lacks (reader.unknown) ----------------------------------------
# Feature words that make a capitalised name a place even when no gazetteer has it: only
# settlement and area words, written in lower case beside the name. Word -> feature hint.
UNKNOWN_FEATURE_AFTER = {
    "village": "village", "hamlet": "village", "settlement": "village",
    "town": "town", "district": "district", "province": "province", "region": "region",
    "area": "region", "valley": "region", "refugee camp": "place", "idp camp": "place",
    "displacement camp": "place", "camp for displaced": "place", "island": "place",
    "community": "village",  # Nigerian usage: "stormed Yelwata community"
}
# "the village of X": the same words before "of" (no "area of": "an area of 30 km").
UNKNOWN_FEATURE_OF = {
    "village": "village", "hamlet": "village", "settlement": "village", "town": "town",
    "city": "city", "district": "district", "province": "province", "region": "region",
    "island": "place",
}
# "a hamlet called X", "an area known as X": the words of "the village of X" and a few
# more, naming the place that follows ("a man named X" is no place).
UNKNOWN_FEATURE_CALLED = {**UNKNOWN_FEATURE_OF, "area": "region", "valley": "region",
                          "beach": "place", "neighbourhood": "place", "neighborhood": "place",
                          "suburb": "place", "camp": "place", "locality": "place"}
# Sites named for a place ("near the X market"): the name is a place, the hint is vague.
UNKNOWN_SITE_AFTER = frozenset("""market checkpoint bridge junction motor-park""".split())
# Prepositions that, with a known division or country after a comma, make the name a place
# ("in X, <state>").
UNKNOWN_PLACE_BEFORE = frozenset("""in near at outside around""".split())
# Adjectives of continents and wide regions ("the South African region", "the European
# region"): no demonym table lists them, and they never name a place the gazetteer lacks.
REGION_ADJECTIVES = frozenset("""african european asian american arabian latin oceanian
caribbean atlantic pacific mediterranean""".split())
# Words that describe a village or district, capitalised only when they open a sentence
# ("Entire villages", "Remote districts").
FEATURE_ADJECTIVES = frozenset("""entire whole rural remote nearby neighbouring neighboring
local border frontier tribal mountain mountainous hill coastal farming fishing mining small
large big tiny poor isolated surrounding affected""".split())
# Number words open a count, not a name ("Three village volunteers were killed").
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
sixty seventy eighty ninety hundred hundreds thousand thousands dozen dozens scores""".split())

# --- sentences (reader.document) ------------------------------------------------------
ABBREVIATIONS = ("mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "col.", "lt.", "capt.", "sgt.",
                  "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "no.", "vs.",
                  "u.s.", "u.k.", "e.g.", "i.e.", "approx.", "govt.", "jr.", "sr.")

# A time zone after "a.m."/"p.m." ("7:00 p.m. AST (2300 UTC)"): no sentence ends there.
CLOCK_ZONE = lazy_regex(r"\s+[A-Z]{2,5}\b")

# Section labels inside one article ("Responsibility", "Casualty reports", "International
# reaction"): a label made only of these words opens no new story (reader.document).
SECTION_WORDS = frozenset("""responsibility reaction reactions response responses background
casualties casualty reports investigation investigations aftermath victims analysis
international domestic official history timeline claims details update updates related
condemnation arrests suspects context impact consequences world political and the of""".split())

# --- place names (reader.places) ------------------------------------------------------
# Division words written after a name, or after a list of names in the plural ("Clarke
# and Oconee counties", "the Kalat and Mastung districts"): each name is looked up with the
# word, as "Oconee County". Plural -> the singular a division's name carries.
DIVISION_AFTER = {
    "county": "county", "counties": "county", "parish": "parish", "parishes": "parish",
    "district": "district", "districts": "district", "province": "province",
    "provinces": "province", "state": "state", "states": "state",
    "governorate": "governorate", "governorates": "governorate", "oblast": "oblast",
    "oblasts": "oblast", "prefecture": "prefecture", "prefectures": "prefecture",
}
_LISTED_NAME = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
# From the end of a name: more names joined by commas and "and"/"or", then the word.
DIVISION_AFTER_LIST = lazy_regex(
    r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)" + _LISTED_NAME + r")*"
    r"\s+(?P<word>(?i:" + "|".join(sorted(DIVISION_AFTER, key=len, reverse=True)) + r"))\b")
# Press abbreviations of a division word at the end of a name ("Loudon Co.").
DIVISION_ABBREVIATIONS = {"co.": "county", "co": "county"}
HINTS_LONGEST_FIRST = sorted(HINT_AFTER, key=len, reverse=True)
# "Allahditta, 49,": a person's age after the name.
AGE_AFTER_NAME = lazy_regex(r"^,\s*(?:aged\s+)?\d{1,3}\s*[,)]")
NUMBER_AFTER = lazy_regex(r"^\s+\d+\b(?!\s*(?:km|kilomet|mile|people|%))")
METONYMY_AFTER = lazy_regex(r"^\s+(?:(?:has|have|had|is|was)\s+)?(?:{})\b".format(
    "|".join(sorted(METONYMY_VERBS))))
GROUP_AFTER = lazy_regex(r"^[’'\s-]*\s(?:{})\b".format("|".join(sorted(GROUP_NOUNS))))
LOWER_START = lazy_regex(r"\s(?=[a-z])(?!(?:of|de|del|della|des|du|da|do|di|dos|das|la|le|"
                         r"les|al|el|e|i|y|van|von|der|den|am|an|upon|on|sur|the|and|ul|"
                         r"bin|ibn|aan|op|im|bei|ob|pri|nad|pod)\b)")
METONYMY_OBJECT = lazy_regex(r"^\s+(?:of|to|for|over)\b")
# Titles news abbreviates before a name ("Sgt. Jones", "Sen. Smith", "Gov. Brown").
TITLE_ABBREVIATIONS = frozenset("""sen sens rep reps gov govs lt sgt cpl pvt spc gen col maj
capt cmdr adm det insp supt atty pres prof rev dr mr mrs ms""".split())
# Words that head the name of a place's public body ("Ohio Supreme Court", "Denver District
# Attorney", "Kanawha County Emergency Services"): the place in front is still a place.
PUBLIC_BODIES = frozenset("""police sheriff sheriff's sheriff’s department departments council
court courts supreme circuit superior school schools board commission government ministry
legislature senate fire emergency health airport bureau public municipal library
libraries parks community manager director""".split())
# Words that head an organisation's name: "University of X" is the organisation, while
# "James Mitchell of Charleston" is a person from Charleston.
ORGANISATION_HEADS = frozenset("""university college institute institution academy school
bank church cathedral museum library department ministry board council association society
league club federation foundation union corporation company party army front movement
bureau office court hospital center centre agency authority commission committee
organization organisation service services fund trust alliance coalition network
conference order embassy consulate forces force guard guards navy command brigade brigades
regiment corps battalion liberation resistance government""".split())
# "I'm", "I’ll": a contraction the scan can take for a one-letter-and-more name.
CONTRACTION = lazy_regex(r"[’'](?:m|s|d|re|ll|ve)$", re.I)
SPEECH_AFTER = lazy_regex(r"\s(?:said|says|added|asked|explained|told|wrote|replied)\b")
TWO_LETTER_PLACES = lazy_regex(r"(?<![\w.’'-])({})(?![\w’']|\.\w)".format(
    "|".join(sorted(w.upper() for w in ALL_CAPS_PLACES if len(w) == 2))))
COMPASS = frozenset("""north south east west northeast northwest southeast southwest
north-east north-west south-east south-west""".split())
NAME_LINK_WORDS = {"of": "of", "and": "and", "de": "of", "del": "of", "la": "of", "el": "of"}

# --- places the gazetteer lacks: patterns (reader.unknown) ----------------------------
# A capitalised name of one to three words (a longer run is left out: _run_before).
# The Arabic article, written in lower case and joined to the next word of a name ("Kafr
# al-Zayt", "Bir al-Sabil"): the name goes on through it.
NAME_ARTICLES = frozenset("""al el ad ash as an ar at az ul wal""".split())
UNKNOWN_NAME = (r"(?<![\w’'-])(?P<name>[A-Z][a-z][\w’'-]*(?: (?:(?:"
                + "|".join(sorted(NAME_ARTICLES)) + r")-)?[A-Z][a-z][\w’'-]*){0,2})")
UNKNOWN_AFTER = lazy_regex(UNKNOWN_NAME + r" (?P<hint>{})\b".format(
    "|".join(sorted(map(re.escape, UNKNOWN_FEATURE_AFTER), key=len, reverse=True))))
UNKNOWN_OF = lazy_regex(r"\b(?P<hint>(?i:{})) of (?:the )?".format(
    "|".join(sorted(UNKNOWN_FEATURE_OF))) + UNKNOWN_NAME + r"(?![\w’'-]| [A-Z])")
UNKNOWN_CALLED = lazy_regex(r"\b(?P<hint>(?i:{})) (?:called|named|known as) ".format(
    "|".join(sorted(UNKNOWN_FEATURE_CALLED))) + UNKNOWN_NAME + r"(?![\w’'-]| [A-Z])")
UNKNOWN_SITE = lazy_regex(r"\b(?i:{}) the ".format("|".join(sorted(UNKNOWN_PLACE_BEFORE)))
                          + UNKNOWN_NAME + r" (?:{})\b".format(
                              "|".join(sorted(UNKNOWN_SITE_AFTER))))
UNKNOWN_IN = lazy_regex(r"\b(?i:{}) ".format("|".join(sorted(UNKNOWN_PLACE_BEFORE)))
                        + UNKNOWN_NAME + r", (?:in\s+)?")  # "in X, in Nigeria's Kaduna state"
# Words that never begin or make up an unknown place's name: people, bodies, calendar.
NOT_IN_UNKNOWN = (MONTHS | WEEKDAYS | CALENDAR_AND_FAITH | DEMONYMS | GROUP_NAMES
                  | PERSON_BEFORE | TITLE_AFTER | ORGANISATION_HEADS | PUBLIC_BODIES
                  | TITLE_ABBREVIATIONS | NUMBER_WORDS | REGION_ADJECTIVES)
PLAIN_WORDS = COMMON_WORDS | DIRECTIONS | NOT_ALONE

# --- spelling variants (reader.resolution) --------------------------------------------
# "N'Djamena", "Sana'a": a capitalised word with an apostrophe inside (not "Kidal's"). The
# scan's name keys drop the apostrophe, so such a word is looked up on its own.
APOSTROPHE_NAME = lazy_regex(r"(?<![\w’'-])[A-Z]\w*[’'][A-Za-z]\w+")
LOCATIVE = frozenset({"in", "at", "near", "to", "from", "outside", "towards", "toward", "into"})
# "the southern city of Sderoth": "of" after a settlement noun is as good as "in".
SETTLEMENT_OF = frozenset("""city town village district province""".split())

# --- roles (reader.roles) -------------------------------------------------------------
ONE_WORD = r"(?:[\w’'-]+\s+)"  # one word and its space
BASED = lazy_regex(r"^\s*[-–]\s*based\b", re.I)
BASED_IN = lazy_regex(r"\bbased\s+(?:in|at)\s+(?:the\s+)?" + ONE_WORD + r"{0,2}$", re.I)
FROM_BEFORE = lazy_regex(r"\bfrom\s+(?:the\s+)?" + ONE_WORD + r"{0,2}$", re.I)
# "from Delhi, India to Lahore, Pakistan": each end may carry its country or province.
_END_CONTAINER = r"(?:\s*,\s*[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})?"
TO_NEXT = lazy_regex(r"^" + _END_CONTAINER + r"\s*(?:to|towards|for)\s+(?:the\s+)?[A-Z]")
FROM_X_TO = lazy_regex(r"\bfrom\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}" + _END_CONTAINER
                       + r"\s+(?:to|towards)\s+(?:the\s+)?$")
BOUND_FOR = lazy_regex(r"\b(?:bound\s+for|en\s+route\s+to|heading\s+(?:to|for)|headed\s+"
                       r"(?:to|for)|on\s+(?:its|their|his|her)\s+way\s+to|travel(?:l)?ing\s+to|"
                       r"destined\s+for)\s+(?:the\s+)?" + ONE_WORD + r"{0,1}$", re.I)
JOURNEY = lazy_regex(r"\b(?:train|express|bus|coach|flight|plane|convoy|vehicle|truck|lorry|"
                     r"car|ferry|boat|ship|travel\w*|journey|way|route|bound|trip|passengers?|"
                     r"headed|heading|driving|sailing|flying|marched|walked)\b", re.I)
LEFT_FROM = lazy_regex(r"\b(?:left|departed(?:\s+from)?|leaving|set\s+off\s+from)\s+(?:the\s+)?$",
                       re.I)
PEOPLE = (r"(?:passengers?|people|persons?|residents?|workers?|labou?rers?|miners?|victims?|"
          r"pilgrims?|men|man|women|woman|children|child|students?|villagers?|travell?ers?|"
          r"citizens?|nationals?|migrants?|tourists?|worshippers?|civilians?|famil(?:y|ies)|"
          r"farmers?|drivers?|teachers?|traders?|soldiers?|officers?|personnel|youths?|boys?|"
          r"girls?|who\s+(?:were|was|came|hailed))")
# The words between "of" and the place are the place's own ("of the eastern Punjab"), never
# a phrase with its own preposition ("a man accused of theft in X": X is the event's).
VICTIMS_FROM = lazy_regex(r"\b" + PEOPLE + r"\s+" + ONE_WORD + r"{0,3}?(?:from|of)\s+(?:the\s+)?"
                          r"(?:(?!(?:in|at|near|on|inside|outside)\s)[\w’'-]+\s+){0,2}$", re.I)
NATIVE_OF = lazy_regex(r"\b(?:natives?\s+of|residents?\s+of|hail(?:ed|ing)\s+from|hometown\s+"
                       r"(?:of|in)|home\s+town\s+(?:of|in)|originally\s+from|belong(?:ed|ing)?\s+"
                       r"to|was\s+from|were\s+from|came\s+from|native)\s+(?:the\s+)?"
                       + ONE_WORD + r"{0,2}$", re.I)
# "troops moved in to the X area" enter it: an incursion, not a transfer.
# ("has taken place in X" is where it happened.)
TAKEN_TO = lazy_regex(r"\b(?:moved(?!\s+in\b)|taken(?!\s+place\b)|shifted|rushed|evacuated|"
                      r"transported|brought|airlifted|transferred|flown|referred|relocated|driven|carried|treated|"
                      r"admitted|hospitali[sz]ed|then\s+on)\b(?!\s+out\b)(?:(?!\bfrom\b)[^.;:!?]){0,100}?\b(?:to|into|"
                      r"in|at)\s+(?:the\s+)?" + ONE_WORD + r"{0,3}$", re.I)
PERSON_FROM = lazy_regex(r"(?:\b(?:an?|the)\s+(?:[\w-]+\s+){0,2}?[a-z][\w-]*|\b\d{1,3}\s*,)"
                         r"\s+from\s+(?:the\s+)?$")
CARE_AT = lazy_regex(r"\b(?:hospital|clinic|morgue|mortuary|camp|shelter|infirmary|"
                     r"medical\s+(?:centre|center|facility))\s+(?:at|in|of)\s+(?:the\s+)?"
                     + ONE_WORD + r"{0,2}$", re.I)
AT_PLACE = lazy_regex(r"\b(?:in|at|near|around|outside|inside|on|across|close\s+to|"
                      r"(?:marched|marching|paraded)\s+(?:\w+\s+)?through|"
                      r"outskirts\s+of|areas?\s+of|districts?\s+of|villages?\s+of|towns?\s+of|"
                      r"city\s+of|province\s+of|region\s+of|parts\s+of|vicinity\s+of|"
                      r"neighbou?rhoods?\s+of|suburbs?\s+of|between|along|within)\s+"
                      r"(?:the\s+)?" + ONE_WORD + r"{0,3}$|"
                      # "in East Timor's capital, Dili": the capital named after a comma.
                      r"\b(?:in|at|near|on)\s+(?:the\s+)?" + ONE_WORD + r"{0,3}?(?:capital|"
                      r"city|town|village),\s+$|\b(?:seized|captured|overran|attacked|"
                      r"ambushed|bombed|shelled|raided|stormed|struck|hit|targeted)\s+(?:the\s+)?"
                      r"(?:(?:town|city|village|district|province|region)\s+of\s+)?$", re.I)
# A place opening its sentence as the thing struck ("Maiduguri was hit by ...").
HIT_AFTER = lazy_regex(r"^\s+(?:was|were|has\s+been|have\s+been|is|are)\s+(?:\w+\s+)?(?:hit|"
                       r"struck|attacked|rocked|shaken|targeted|bombed|shelled|raided|stormed)\b",
                       re.I)
CONTAINER_GAP = lazy_regex(r"^(?:,\s*(?:in\s+)?|\s+(?:of|in)\s+|[’']s?\s+)(?:the\s+)?"
                           r"(?:[a-z]+\s+){0,2}$")
AND_GAP = lazy_regex(r"^\s*(?:,\s*)?(?:and|or)\s+(?:then\s+)?(?:on\s+)?(?:to\s+)?(?:the\s+)?$")

# --- background and tallies (reader.background) ---------------------------------------
AGGREGATE = lazy_regex(r"\b(?:has|have)\s+(?:\w+\s+){0,2}(?:displaced|surged|risen|"
                       r"carried\s+out|left\s+\d)|\bsince\s+(?:19|20)\d\d|"
                       r"\bsince\s+(?:January|February|March|April|May|June|July|August|"
                       r"September|October|November|December|the\s+start)|\bso\s+far\s+this|"
                       r"\bper\s+cent|\bpercent\b|\bin\s+recent\s+(?:years|months)|"
                       # "150 were killed over the last seven days": many days' dead.
                       r"\b(?:over|during|throughout)\s+the\s+(?:past|last)\s+(?:[\w-]+\s+)?"
                       r"(?:days|weeks|months|years)\b|"
                       r"\bone\s+of\s+(?:several|many|a\s+series|a\s+number|dozens)|"
                       # "The state has seen repeated clashes": a trend, not an event.
                       r"\b(?:has|have)\s+(?:long\s+)?(?:seen|witnessed|experienced|suffered)\s+"
                       r"(?:\w+\s+)?(?:repeated|frequent|recurring|regular|numerous|deadly\s+"
                       r"waves)\b", re.I)
# "a spate of attacks" is a trend, unless a day says it is one night's ("A string of three
# explosions early Saturday morning has left 88 dead": the event).
SERIES = lazy_regex(r"\ba\s+(?:string|wave|spate|series)\s+of\s+\w+", re.I)
ONE_DAY = lazy_regex(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
                     r"tonight|yesterday|last\s+night|this\s+morning)\b", re.I)
# News tells its own event in the present perfect ("Seventeen people have been killed today
# in a car bomb blast"): a toll so told is a tally only beside a span or a war ("have been
# killed in attacks since April", "The insurgency has killed 40,000"). "has claimed 40,000
# lives" is a toll; "No group has claimed the bombing" is not.
PERFECT_TOLL = lazy_regex(r"\b(?:has|have)\s+(?:\w+\s+){0,2}(?:killed|died|been\s+killed|"
                          r"claimed\s+(?:[\w,]+\s+){0,4}?lives\b)", re.I)
# ("one has since died" is no span: "since" there means "after it".)
TALLY_SPAN = lazy_regex(r"\b(?:(?<!has\s)(?<!have\s)since|so\s+far|to\s+date|in\s+recent|"
                        r"insurgency|conflict|war|rebellion|uprising)\b|\b(?:this|last|a|per|each|every)\s+year\b|"
                        r"\b(?:over|in|during)\s+the\s+(?:past|last)\s|\bin\s+its\s+\w+\s+year\b",
                        re.I)
# "this year"/"last year" is a tally unless a month dates it ("In October last year").
# \b: tried only at word starts, else a long letter run is rescanned from each letter.
YEAR_TALLY = lazy_regex(r"\b(\w+)\s+(?:this|last)\s+year\b", re.I)
MONTH_NAME = lazy_regex(r"^(?:january|february|march|april|may|june|july|august|september|"
                        r"october|november|december)$", re.I)

# --- event words in one pass (reader.triggers) ----------------------------------------
# All event patterns in one alternation, one named group each: one pass per sentence.
EVENT_RE = lazy_regex("|".join(f"(?P<e{i}>{p.pattern})"
                               for i, (p, *_) in enumerate(EVENT_PATTERNS)), re.I)

# --- dates (reader.dates) -------------------------------------------------------------
MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAY_NUMBERS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
MONTH_FULL = (r"(?:January|February|March|April|May|June|July|August|September|October|"
              r"November|December)")
_MONTH_ANY = (r"(?:January|February|March|April|May|June|July|August|September|October|"
              r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
              r"Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PREP = r"(?:(?:[Oo]n|[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Tt]hrough|[Oo]f)\s+)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|midday|noon))"
_WHEN_IN = r"(?:(?:early|late|mid|the\s+(?:start|end|beginning|middle)\s+of)[\s-]+)"

# Each entry: kind, compiled pattern. Order matters only for equal spans.
DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", lazy_regex(rf"\b{_PREP}?(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])\b")),
    ("dmy", lazy_regex(
        rf"\b{_PREP}?(?:(?:the\s+)?(?:{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+"
        rf"(?P<mon>{_MONTH_ANY})(?:,?\s+(?P<y>{_YEAR}))?\b")),
    ("mdy", lazy_regex(
        rf"\b{_PREP}?(?:(?:{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_ANY})\s+(?P<d>{_DAY})\b"
        rf"(?:,?\s+(?P<y>{_YEAR}))?(?!\s*(?:%|per\s?cent|people|km))")),
    ("month_year", lazy_regex(
        rf"\b{_PREP}?{_WHEN_IN}?(?P<mon>{MONTH_FULL})(?:,?\s+|\s+of\s+)(?P<y>{_YEAR})\b")),
    ("month_rel", lazy_regex(
        rf"\b{_PREP}?{_WHEN_IN}?(?P<mon>{MONTH_FULL})\s+(?P<rel>last\s+year|this\s+year|"
        rf"of\s+last\s+year|of\s+this\s+year)\b")),
    ("month_bare", lazy_regex(
        rf"\b(?:(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Tt]hrough|[Oo]f|[Ll]ast|"
        rf"[Tt]his)\s+{_WHEN_IN}?|{_WHEN_IN}|(?:[Ii]n\s+)?(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)"
        rf"(?P<mon>{MONTH_FULL})\b(?!\s+\d)")),
    ("weekday", lazy_regex(
        rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+|(?:(?:[Ee]arly|[Ll]ate)\s+)?(?:[Oo]n\s+)?)?"
        rf"(?P<wd>{_WEEKDAY})(?:['’]s)?{_PART_OF_DAY}?\b")),
    ("day_word", lazy_regex(
        r"\b(?P<w>the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+morning|"
        r"this\s+afternoon|this\s+evening|last\s+night|earlier\s+today)\b", re.IGNORECASE)),
    ("ago", lazy_regex(
        r"\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE)),
    ("period", lazy_regex(
        r"\b(?P<w>(?:earlier\s+|later\s+|(?:at\s+|over\s+)?the\s+(?:start|end|beginning)\s+of\s+)?"
        r"(?:last|this|the\s+past|the\s+previous)\s+(?:week|weekend|month|year)|"
        r"(?:at|over|during)\s+the\s+weekend|earlier\s+(?:this\s+)?(?:week|month|year))\b",
        re.IGNORECASE)),
    ("year", lazy_regex(
        rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Tt]hroughout|(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]?)\s*"
        rf"(?:(?:early|late|mid)[\s-]+)?(?P<y>{_YEAR})\b(?!\s*(?:%|people|-\d))")),
]
# "the drug lord, who was arrested in El Paso in 2024": background, not an event.
IN_BACKGROUND_CLAUSE = lazy_regex(
    r"\b(?:who|which)\s+(?:was|were|had\s+been|has\s+been)\b[^.;]{0,80}$", re.I)
# A date on the release of people taken ("taken on Monday ... were freed on Friday"): the
# release's, not the taking's; unless troops or a raid freed them (a rescue is an event).
RELEASED_BEFORE = lazy_regex(r"\b(?:were|was|been)\s+(?:released|freed|set\s+free)\b"
                             r"[^.;]{0,12}$", re.I)
RESCUE_WORDS = lazy_regex(r"\b(?:rescu\w*|raid\w*|troops|soldiers|commandos|stormed|"
                          r"operation)\b", re.I)
# Cheap gate for the date reader: a digit, a month or weekday, or a relative word.
MAYBE_DATE = lazy_regex(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|"
                        r"wed|thu|fri|sat|sun)[a-z]*\b|\b(?:yesterday|today|tonight|ago|"
                        r"week|weekend|month|year|morning|night|evening|afternoon)\b", re.I)

# --- numbers (reader.quantities) ------------------------------------------------------
NUMBER_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
NUMBER_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
NUMBER_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals: ACLED codes "tens" 10, "dozens" 12, "hundreds" 100.
VAGUE_PLURALS = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "millions": 1_000_000,
}
# Unspecified small plurals; ACLED codes an unknown plural number as 3.
FEW_WORDS = {("several",): "several", ("a", "few"): "a few", ("a", "handful"): "a handful",
             ("a", "couple"): "a couple"}
FEW_VALUES = {"several": 3, "a few": 3, "a handful": 3, "a couple": 2}
# Qualifiers, longest first; value is the normalised form.
QUANTITY_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
                (
                    (("at", "least"), "at least"),
                    (("no", "fewer", "than"), "at least"),
                    (("no", "less", "than"), "at least"),
                    (("not", "less", "than"), "at least"),
                    (("a", "minimum", "of"), "at least"),
                    (("more", "than"), "more than"),
                    (("upwards", "of"), "more than"),
                    (("in", "excess", "of"), "more than"),
                    (("over",), "over"),
                    (("well", "over"), "over"),
                    (("just", "over"), "over"),
                    (("nearly",), "nearly"),
                    (("almost",), "nearly"),
                    (("close", "to"), "nearly"),
                    (("just", "under"), "nearly"),
                    (("about",), "about"),
                    (("around",), "about"),
                    (("roughly",), "about"),
                    (("approximately",), "about"),
                    (("some",), "about"),
                    (("an", "estimated"), "about"),
                    (("estimated",), "about"),
                    (("up", "to"), "up to"),
                    (("as", "many", "as"), "up to"),
                    (("at", "most"), "up to"),
                    (("fewer", "than"), "fewer than"),
                    (("less", "than"), "fewer than"),
                ),
                key=lambda q: -len(q[0]),
    )
)
CEILING_QUALIFIERS = {"nearly", "up to", "fewer than"}
# Verbs after which "over" is a particle, not a qualifier ("took over 3 towns").
OVER_PARTICLE_VERBS = {"take", "took", "taken", "taking", "takes", "hand", "handed",
                       "handing", "turned", "turn", "won", "win"}
YEAR_PREPOSITIONS = {
    "in", "since", "of", "by", "until", "till", "from", "during", "before", "after",
    "year", "early", "late", "mid", "summer", "winter", "spring", "autumn", "fall",
    "between", "and", "to", "through", "circa", "c", "the", "a", "its", "their", "this",
}
NAME_NUMBER_PREFIXES = {
    "flight", "route", "highway", "no", "article", "resolution", "section", "chapter",
    "room", "gate", "platform", "block", "sector", "phase", "camp", "unit", "brigade",
    "battalion", "division", "regiment", "corps", "battalions", "page", "number", "level",
    "zone", "ward", "house", "plot", "street", "road", "kilometre", "km", "mile", "grade",
    "class", "channel", "covid", "g", "tv", "france",
}
MEASURE_AFTER = lazy_regex(
    r"\s*-?\s*(?:km/h|kph|mph|sq\s*km|km|kms|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|m\b|cm|mm|"
    r"kg|kgs|kilos?|kilograms?|grams?|tonnes?|tons?|lbs?|pounds?\b(?!\s+of)|feet|foot|ft|"
    r"inch(?:es)?|yards?|acres?|hectares?|litres?|liters?|gallons?|barrels?|"
    r"hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|nights?|weeks?|months?|years?|"
    r"decades?|centur(?:y|ies)|storey|story|calibre|caliber|mm\b|degrees?|°)\b",
)
PERCENT_AFTER = lazy_regex(r"\s*(?:%|per\s?cent\b|percent\b|pc\b|percentage points?\b)")
TIME_AFTER = lazy_regex(
    r"(?::\d)|\s*(?:[ap]\.?\s?m\b\.?|o['’]clock\b|GMT\b|UTC\b|IST\b|PKT\b|WAT\b|EAT\b|CAT\b|"
    r"local\s+time\b|hrs\b|h\d\d)"
)
MONEY_BEFORE = lazy_regex(
    r"(?:[$£€¥₹₦₨]|\bRs\.?|\bUSD|\bUS\$|\bPKR|\bINR|\bEUR|\bGBP|\bNGN|\bKES|\bKSh|\bCFA|"
    r"\bCOP|\bAfs|\bTk)\s*$"
)
MONEY_AFTER = lazy_regex(
    r"\s*(?:(?:million|billion|thousand|crore|lakh|m|bn|k)\s+)?(?:US\s+)?(?:dollars?|"
    r"rupees?|naira|euros?|pounds?\s+sterling|francs?|pesos?|shillings?|cedis?|rand|yuan|"
    r"dirhams?|riyals?|afghanis?|takas?|USD|PKR|INR|CFA)\b"
)
# Qualifiers that are words standing for a number ("several", "dozens"), not modifiers
# of a written number ("at least"): the count is ACLED's conservative reading.
VAGUE_QUALIFIERS = frozenset({"dozens", "several", "scores", "hundreds", "tens", "thousands",
                              "a few", "many", "numerous", "a handful", "a couple"})

# --- what a figure counts (reader.figures) --------------------------------------------
VERB_CUES: tuple[tuple[str, str], ...] = (
    # verbs or phrases that directly precede the number: "killed 20 miners"
    # "killing themselves and 15 others": the others after the bombers (who are added)
    (r"(?:killed|killing|kills|kill|massacred|slaughtered|executed|beheaded|murdered|"
    r"(?:killed|killing)\s+(?:himself|herself|themselves)\s+and|"
    r"murdering|assassinated|assassinating|shot\s+to\s+death|stabbed\s+to\s+death|"
    r"shot\s+dead|shooting\s+dead|shoot\s+dead|gunned\s+down|gunning\s+down|"
    r"(?:hacked|beat|clubbed|stoned)\s+to\s+death|"
    r"shot\s+and\s+killed|claimed\s+the\s+lives\s+of|lives\s+of|bodies\s+of|"
    # "the dead included four children": the list names the dead
    r"(?:dead|killed|victims)\s+(?:included|include|were)|"
    # "the death toll from Tuesday's bombing in the town has risen to 23"
    r"(?:death\s+)?toll\s+(?:[\w’'-]+\s+){0,8}?(?:to|at|of|reached|hit|stood|is|was)|"
    # "Reuters put the figure at twenty-three": another source's count of the dead
    r"put(?:s|ting)?\s+the\s+(?:figure|number|count)\s+at)",
     "fatalities"),
    (r"(?:wounded|wounding|wounds|injured|injuring|injures|hurt|maimed)", "injured"),
    (r"(?:kidnapped|kidnapping|kidnap|abducted|abducting|abduct|seized|captured|"
    r"capturing|holding|held|took|taking|taken)", "hostages"),
    (r"(?:rescued|rescuing|rescue|freed|freeing|free|released|releasing|evacuated|"
    r"evacuating|recovered)", "rescued"),
    (r"(?:arrested|arresting|detained|detaining|apprehended|nabbed)", "arrested"),
    (r"(?:carrying|carried|carries|aboard)", "total"),
)
# "intend to kill five", "threatened to behead two": a threat counts no dead.
THREAT_BEFORE = lazy_regex(r"\b(?:intends?|intended|threaten(?:s|ed)?|vow(?:s|ed)?|plans?|planned|"
                           r"want(?:s|ed)?|will|attempt(?:s|ed)?|tried|"
                           r"trying)\s+(?:to\s+)?(?:\w+\s+)?\w+\s*$", re.I)
VERB_BEFORE = [  # "killing a total of 15 people": the verb still counts them
    (lazy_regex(rf"\b{pattern}(?:\s+a\s+total\s+of)?\s*$", re.IGNORECASE), kind)
    for pattern, kind in VERB_CUES
]
# A single victim opening the list after the verb: "killing [a policeman and] two civilians".
# ("killed the village chief and his two sons": a kin word may follow "and").
# ("killed the chief of Tamani village and two of his sons": the one's place may follow.)
ONE_THEN_AND = lazy_regex(r"\b(?:a|an|the|one)\s+(?:[a-z]+\s+)?([a-z]+)(?:\s+of\s+(?:the\s+)?"
                          r"[A-Z][\w’'-]*(?:\s+[a-z]+)?)?\s+and\s+(?:his\s+|her\s+|their\s+)?$",
                          re.IGNORECASE)
# After the counted noun: "27 militants were killed", "10 people ... were reported dead".
_AUX = (r"(?:(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|later|all|"
        r"allegedly|reported|confirmed|feared|believed|said|thought|to|who|that|which|"
        r"subsequently|eventually|then|since|already|now|still|either|both|found)\s+)*")
AFTER_CUES: tuple[tuple[str, str], ...] = (
    # ("Two more people expired later": a doctor's word for died.)
    (r"(?:killed|dead|died|die|dying|slain|perished|martyred|massacred|executed|beheaded|"
    r"expired|murdered|assassinated|shot\s+to\s+death|stabbed\s+to\s+death|"
    r"shot\s+dead|fatally\s+(?:shot|wounded|injured|stabbed)|lost\s+their\s+lives|"
    r"(?:hacked|beaten|burn(?:ed|t)|clubbed|stoned)\s+to\s+death|burn(?:ed|t)\s+alive|"
    r"succumbed|bodies|deaths|fatalities|gunned\s+down)\b", "fatalities"),
    (r"(?:wounded|injured|hurt|(?:sustained|received|suffered)\s+(?:\w+\s+)?(?:injuries|"
    r"wounds)|hospitali[sz]ed|injuries)\b", "injured"),
    (r"(?:taken\s+hostage|held\s+hostage|hostages?|captives?|held\s+captive|abducted|"
    r"kidnapped|missing|in\s+captivity|seized)\b", "hostages"),
    (r"(?:rescued|freed|released|evacuated|escaped)\b", "rescued"),
    (r"(?:arrested|detained|apprehended|in\s+custody)\b", "arrested"),
    (r"(?:on\s+board|aboard|on\s+the\s+(?:train|bus|plane|boat|vessel|ship|flight|vehicle))\b",
    "total"),
)
AFTER_CUE_PATTERNS = [(lazy_regex(_AUX + p, re.IGNORECASE), kind) for p, kind in AFTER_CUES]
WHO_STOP = {
    "were", "was", "are", "is", "have", "has", "had", "been", "who", "that", "which",
    "from", "in", "on", "at", "of", "and", "or", "to", "into", "for", "by", "with",
    "after", "before", "during", "as", "when", "while", "including", "aboard", "hostage",
    "dead", "killed", "wounded", "injured", "rescued", "freed", "released",
    "died", "captive", "the", "a", "an", "but", "than", "more", "others", "other", "near",
    "across", "inside", "outside", "since", "over", "under", "between", "among", "about",
    "said", "say", "says", "reported", "according", "its", "their", "his", "her", "it",
    "they", "them", "he", "she", "we", "also", "still", "all", "each", "this", "those",
    "these", "so", "far", "later", "earlier", "today", "yesterday", "such", "will",
    "would", "could", "not", "no", "be", "being", "do", "did", "does", "if",
    "arrested", "detained", "abducted", "kidnapped", "missing", "evacuated", "hurt",
    "suffered", "sustained", "received", "lost", "fled", "remain", "remained", "went",
}
GROUP_HEADS = {"members", "officers", "personnel", "troops", "workers", "residents",
               "supporters", "fighters", "employees", "staff", "soldiers", "officials"}
REPORTER_WORDS = {
    "officials", "official", "police", "officer", "officers", "spokesman", "spokesperson",
    "spokeswoman", "sources", "source", "government", "military", "army", "ministry",
    "authorities", "witnesses", "witness", "residents", "resident", "railway", "district",
    "senior", "local", "security", "provincial", "hospital", "medical", "health", "rescue",
    "interior", "state", "federal", "regional", "media", "agency", "news", "group",
    "commander", "chief", "minister", "doctors", "doctor", "medics", "villagers",
    "statement", "the", "a", "an", "rebels", "militants", "insurgents", "forces",
    "administration", "department", "deputy", "mayor", "governor", "council", "emergency",
    "services", "relatives", "survivors", "survivor", "elders", "leaders", "leader",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
# Counted nouns that count bodies of people, never the dead ("two armed groups").
COLLECTIVE_COUNTS = frozenset("""groups sides factions parties militias brigades gangs clans
tribes countries nations organisations organizations battalions units""".split())
PLURAL_HEADS = {"people", "men", "women", "children", "personnel", "police", "staff",
                "youth", "militia", "infantry", "cattle", "crew", "persons", "folk"}
COMPOUND_TAILS = ("officers", "personnel", "forces", "officials", "constables", "men",
                  "women", "workers", "staff", "members")
# Non-state fighters only (COMBATANTS also counts soldiers and police): their dead
# belong to the security response, the others' to the violence.
FIGHTERS = frozenset("""militants militant insurgents insurgent attackers attacker gunmen
terrorists fighters rebels jihadists assailants bombers""".split())

# --- armed groups and doers (reader.actors) -------------------------------------------
UNNAMED_ATTACKERS = lazy_regex(r"\b(?:militants?|insurgents?|gunmen|attackers?|assailants?|"
                                r"terrorists?|separatists?|rebels?|fighters|they|group)\b", re.I)
ACRONYM_GROUP = lazy_regex(r"\b([A-Z][A-Z0-9]{1,7})\s+(?:rebels?|militants?|fighters|insurgents?|"
                           r"gunmen|militias?)\b")
ONE_WORD_GROUPS = frozenset({"al-shabaab", "al-shabab", "hamas", "hezbollah", "hizbullah",
                             "taliban", "taleban", "isis", "isil", "daesh", "wagner",
                             "houthis",
                             "al-qaeda", "al-qaida", "iswap", "jnim"})
# Other spellings of a group's name, for its one label ("Taleban" in British papers).
GROUP_SPELLINGS = {"Taleban": "Taliban"}
# (Nor the words that say the doers are unknown: "Unidentified gunmen stormed ...".)
NOT_IN_NAMES = frozenset({"the", "a", "an", "suspected", "alleged", "rival", "militant",
                          "armed", "jihadist", "islamist", "rebel", "separatist",
                          "unidentified", "unknown", "masked", "hooded"})
POSSESSIVE = lazy_regex(r"[’']s?$")
# Words that open a sentence before a group's name ("And the X Front's attack").
NAME_LEAD_WORDS = frozenset("""and but or so then meanwhile also""".split())
# "Fighters of the Rapid Support Forces": members named before "of" are not the name.
MEMBER_NOUNS = frozenset("""fighters members militants gunmen supporters elements loyalists
rebels insurgents units""".split())
NAME_RUN = lazy_regex(r"[A-Z][\w’'-]+(?:\s+(?:(?:al|of|the|for|e|i|wal|ul|de|del)\s+)*"
                      r"[A-Z][\w’'-]+)*")
NOT_DOERS = frozenset("""police army military government officials authorities security
nobody no one group it they he she this that which who""".split())
# "took responsibility", "has accepted full responsibility": a claim as much as "claimed".
CLAIM = lazy_regex(r"\bclaim(?:ed|s|ing)?\s+(?:responsibility|the\s+attack|it)|"
                   r"\b(?:t(?:ook|akes?|aking)|accept(?:ed|s|ing)?|assum(?:ed|es|ing)|"
                   r"admit(?:ted|s|ting)?)\s+(?:full\s+)?responsibility", re.I)
NO_CLAIM = lazy_regex(r"\b(?:no\s+(?:group|one|organi[sz]ation)\s+(?:has\s+|had\s+)?"
                      r"(?:yet\s+|\w+ly\s+)?claimed|not\s+(?:yet\s+|\w+ly\s+)?claimed|"
                      r"(?:did|does|do)\s+not\s+claim|"
                      # "It is not known who planted the device"
                      r"(?:is|was|remains)\s+(?:not\s+(?:yet\s+)?known|unclear|unknown)\s+who|"
                      # "No claim of responsibility has yet been made"
                      r"no\s+(?:claim|one\s+has\s+taken|group\s+has\s+taken)\s+(?:of\s+)?"
                      r"responsibility|unclaimed)", re.I)
# After a group's name: the verb that makes it the doer (reader.actors.subject_doer).
DOER_VERB_AFTER = (r"(?:\s*\([A-Z][A-Za-z]{1,7}\))?\s+(?:[a-z]+\s+){0,2}?(?:killed|attacked|"
                   r"launched|struck|shelled|bombed|fired|carried\s+out|targeted)\b")
# Not "an anti-Taliban mayor", "a pro-government militia": a stance, not the group
# (before a group's name in reader.actors).
NOT_A_STANCE = r"(?<!anti-)(?<!pro-)"
# A group that says it did not do it ("has stated that it is not responsible", "denied
# involvement"): no doer for a sentence that only mentions it (reader.actors).
DENIAL = lazy_regex(r"\b(?:(?:is|was|were|are)\s+not\s+responsible|denie[sd]\s+(?:any\s+)?"
                    r"(?:involvement|responsibility|role)|rejected\s+(?:any\s+)?responsibility)",
                    re.I)
DOER_BEFORE = (r"(?:blamed\s+on|fired\s+by|carried\s+out\s+by|launched\s+by|claimed\s+by|by)"
               r"\s+(?:the\s+)?")
DOER_BEFORE += r"(?:[\w-]+\s+){0,2}"

# --- coding rules: patterns (reader.incidents) ----------------------------------------
# The words that say one was killed, beside "killed" itself.
SLAIN = (r"murdered|assassinated|slain|shot\s+dead|shot\s+to\s+death|"
         r"stabbed\s+to\s+death")
# "the drug lord, who was arrested in El Paso in 2024": background, not an event.
BACKGROUND_BEFORE = lazy_regex(r"\b(?:who|which|that)\s+(?:was|were|had\s+been|has\s+been)\s+$|"
                               r"\bsince\s+(?:the|his|her|their)\s+$", re.I)
# Cheap gate for the number parser: digits or number words.
NUMBERISH = lazy_regex(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                       r"twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                       r"ninety|hundreds?|thousands?|millions?|dozens?|scores?|several|few|"
                       r"half|tens|numerous|many)\b", re.I)
# A date told as time gone by ("two weeks ago", "last month"): after a lead with no date of
# its own, an earlier event, not the story's day.
PAST_REFERENCE = lazy_regex(r"\bago\b|\blast\s+(?:week|month|year)\b|\bearlier\s+this\s+"
                            r"(?:week|month|year)\b", re.I)
# "In two separate incidents, roadside bombs also killed four": not the story's toll.
SEPARATE_EVENT = lazy_regex(r"\b(?:in\s+(?:an?|two|three|several|other)\s+(?:separate|other|"
                            r"unrelated)\s+(?:[\w-]+\s+)?(?:incidents?|attacks?|raids?|"
                            r"operations?|bombings?|clash(?:es)?)|in\s+another\s+(?:incident|"
                            r"attack|raid)|separately)\b", re.I)
INCLUDED = lazy_regex(r"\binclud(?:ed|ing|es)\b|\bamong\s+(?:them|whom|those|the\s+dead)",
                      re.I)
# One person named by what they are or do: "a journalist", "the village chief". One list for
# every single-victim pattern below, so a noun one of them knows the others know too.
PERSON_NOUN = (r"(?:man|woman|boy|girl|child|baby|toddler|teenager|youth|person|victim|leader|"
               r"chief|elder|officer|soldier|policeman|policewoman|constable|guard|sentry|"
               r"commander|fighter|militant|rebel|insurgent|suspect|student|pupil|journalist|"
               r"reporter|photographer|cameraman|activist|teacher|headmaster|lecturer|professor|"
               r"doctor|nurse|medic|engineer|driver|passenger|pilot|farmer|herder|shepherd|"
               r"fisherman|worker|labourer|laborer|trader|shopkeeper|merchant|businessman|"
               r"businesswoman|owner|resident|civilian|villager|member|official|politician|"
               r"lawmaker|legislator|councillor|councilor|candidate|minister|mayor|governor|"
               r"judge|lawyer|prosecutor|priest|pastor|imam|cleric|monk|nun|missionary|"
               r"tourist|pilgrim|refugee|diplomat|employee|contractor|interpreter|translator|"
               r"aid\s+worker|bodyguard|inmate|prisoner|player|captain|lieutenant|sergeant|"
               r"corporal|colonel)")
PERSON_WORD = lazy_regex(rf"\b{PERSON_NOUN}\b", re.I)
SINGLE_VICTIM = lazy_regex(rf"\b(?:an?|one)\s+(?:[\w-]+\s+){{0,3}}?{PERSON_NOUN}\b[^.;]{{0,80}}?"
                           r"\b(?:(?:was|has\s+been)\s+(?:also\s+|reportedly\s+|later\s+)?"
                           rf"(?:found\s+)?(killed|{SLAIN}|"
                           r"beheaded|lynched|wounded|injured|abducted|kidnapped)|(died|was\s+"
                           r"killed))\b", re.I)
# One relative beside the victim: "killed a councillor and his wife" (two dead).
ONE_KIN = (r"(?:wife|husband|son|daughter|brother|sister|father|mother|nephew|niece|"
           r"cousin|uncle|aunt|grandson|granddaughter|bodyguard|driver)")
# One person as the object: "killing the driver", "gunmen shot dead a journalist".
KILLING_ONE = lazy_regex(r"\b(killing|killed|wounding|injuring|shot\s+dead|shot\s+and\s+killed|"
                         r"beheaded|murdered|assassinated|executed|lynched|stabbed\s+to\s+death)"
                         r"\s+(?:the|a|an|one|its|another)\s+(?:[\w-]+\s+){0,2}?"
                         rf"{PERSON_NOUN}\b(?P<kin>\s+and\s+(?:his|her)\s+{ONE_KIN}\b)?", re.I)
# Further people in the object's list: "killed an American tourist, a French woman and the
# bomber" (each one more).
LISTED_PERSON = lazy_regex(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the|a|an|one|his|her|their)\s+"
                           rf"(?:[\w-]+\s+){{0,2}}?{PERSON_NOUN}\b", re.I)
# One person listed after a count: "killing eleven soldiers and a captain" (one more).
_TENS = "|".join(NUMBER_TENS)
KILLED_COUNT = lazy_regex(r"\b(?:killing|killed|shot\s+dead)\s+(?:at\s+least\s+)?(?:\d+|"
                          rf"(?:(?:{_TENS})-)?(?:{'|'.join(NUMBER_UNITS)}|{_TENS}))\s+"
                          r"(?:[\w-]+\s+)?(?:[a-z]+s|people|[a-z]*men|children)\b", re.I)
# "beat a man to death", "hacked the farmer to death": the person between verb and "to death".
TO_DEATH_ONE = lazy_regex(r"\b(beat|hacked|stabbed|stoned|clubbed|burned|burnt|kicked)\s+"
                          r"(?:the|a|an|one|its)\s+(?:[\w-]+\s+){0,2}?"
                          rf"{PERSON_NOUN}\s+to\s+death\b", re.I)
# A headline drops "was": "Christian leader assassinated", "Player Smith shot to death". One
# victim when a person noun (and perhaps a name) comes right before the verb.
# "Mayor of Nagasaki dies after being shot": the office of a place, and "dies".
HEADLINE_VICTIM = lazy_regex(rf"\b{PERSON_NOUN}"
                             r"(?:\s+of\s+(?-i:[A-Z])[\w’'-]+)?"
                             r"(?:\s+(?-i:[A-Z])[\w’'-]+){0,3}\s+(?:found\s+)?"
                             rf"(killed|{SLAIN}|beheaded|lynched|kidnapped|abducted|dies|died)\b",
                             re.I)
# A headline drops the article too: "Car bombing kills boy", "Gunmen kill police officer".
HEADLINE_KILLS_ONE = lazy_regex(r"\b(kills?|wounds?|injures?)\s+(?:(?![0-9])[\w-]+\s+){0,2}?"
                                rf"{PERSON_NOUN}\b(?![’'-])", re.I)
# "discovered the body of a girl": one dead (a number or "bodies" is a figure already).
BODY_OF = lazy_regex(r"\b(found|discovered|recovered)\s+(?:the|a)\s+(?:[\w-]+\s+){0,2}?body\s+"
                     r"of\b", re.I)
# "DNA tests on the body of a man killed in ...": a body is one dead.
BODY_OF_PERSON = lazy_regex(r"\b(the)\s+body\s+of\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
                            rf"{PERSON_NOUN}\b", re.I)
# "an elderly couple were found slain", "the bodies of a couple": two dead.
# One more victim on top of the toll told: "and another died in hospital".
ANOTHER_DIED = lazy_regex(r"\banother\s+(?:[a-z]+\s+)?(?:died|succumbed|(?:was|has\s+been)\s+"
                          r"(?:killed|shot\s+dead))\b", re.I)
# Two people, each one named: "The bomber and a guard were killed" (two dead).
PAIR_KILLED = lazy_regex(rf"\b(?:the|an?|one)\s+(?:[\w-]+\s+)?(?:attacker|bomber|gunman|assailant|"
                         rf"{PERSON_NOUN})\s+and\s+(?:another|an?|one|the)\s+(?:[\w-]+\s+)?"
                         rf"{PERSON_NOUN}\s+(?:were|have\s+been)\s+(?:also\s+)?(?:killed|{SLAIN})\b|"
                         rf"\b(?:the|an?|one)\s+(?:[\w-]+\s+)?(?:attacker|bomber|gunman|assailant|"
                         rf"{PERSON_NOUN})\s+and\s+(?:another|an?|one|the)\s+(?:[\w-]+\s+)?"
                         rf"{PERSON_NOUN}\s+died\b", re.I)
# The attacker's own death at others' hands, told of him by his role ("the gunman was
# later shot dead by a guard"): one dead on top of his victims. (Killing
# himself is told with his victims' toll: figures.KILLER_KILLED_HIMSELF.)
LONE_KILLERS = frozenset({"gunman", "shooter", "killer"})
# "killing the suspect": the one who did it, named after his victims.
THE_PERPETRATOR = lazy_regex(r"\bthe\s+(?:suspect|gunman|shooter|attacker|assailant|killer)\b",
                             re.I)
ATTACKER_KILLED = lazy_regex(
    r"\bthe\s+(?:lone\s+)?(?:gunman|shooter|killer|assailant)\s+(?:was|had\s+been|has\s+been)\s+"
    r"(?:\w+\s+)?(?:killed|shot\s+dead|shot\s+and\s+killed)\b", re.I)
COUPLE_KILLED = lazy_regex(r"\bbodies\s+of\s+(?:an?|the)\s+(?:[\w-]+\s+)?couple\b|\bcouple\s+"
                           r"(?:(?:was|were|has\s+been|have\s+been)\s+)?(?:found\s+)?"
                           rf"(?:killed|{SLAIN}|dead)\b", re.I)
SINGLE_KIND = {"killing": "fatalities", "killed": "fatalities", "wounding": "injured",
               "injuring": "injured", "wounded": "injured", "injured": "injured",
               "wound": "injured", "wounds": "injured", "injure": "injured",
               "injures": "injured",
               "abducted": "hostages", "kidnapped": "hostages", "found": "fatalities",
               "discovered": "fatalities", "recovered": "fatalities"}

# --- what a figure counts: phrases (reader.figures) -----------------------------------
# (One pattern each where the figure reader asks what surrounds a number.)
PARTITIVE_OF = lazy_regex(r"\s+of\s+(?:the\s+)?(?=[a-z])")
# "one of the passengers", "two of those killed": a part of a group, counted apart from it
# (not "one of the 20 passengers": that number is the total's, read in its own right).
PART_OF_AFTER = lazy_regex(r"\s+of\s+(?:the|those|these)\s+(?=[a-z])")
OF_THE_AFTER = lazy_regex(r"\s+of\s+the\s+")
# ("Two more people died later": the noun after "more" goes too.)
OTHERS_LEAD = lazy_regex(r"^(?:others|more(?:\s+(?!(?:bodies|deaths|fatalities)\b)(?:people|"
                         r"persons|[a-z]+(?:s|men)))?|"
                         r"other\s+[a-z]+)\b")
# A one-word victim closing the list before its verb: "Four militants [and a soldier] were
# killed", "Eleven passengers [and the driver] were killed".
LISTED_ONE_TAIL = lazy_regex(r"^\s*and\s+(?:a|an|the|one)\s+[a-z]+(?=\s+(?:was|were)\b)")
INCLUDING_ASIDE = lazy_regex(
    r"^\s*,\s*(?:including|among\s+them|mostly|mainly|many\s+of\s+them)\b[^,]*,")
PLACE_ATTACHMENT = lazy_regex(
    r"^\s+(?:from|in|of|at|near|on)\s+(?:(?:the|a)\s+)?(?:[\w’'-]+\s+){0,3}"
    r"(?:province|district|state|region|village|town|city|area|county|"
    r"[A-Z][\w’'-]+)\b")
OF_TOTAL_AFTER = lazy_regex(r"\s+(?:of|out\s+of)\s+(?:the\s+|these\s+|those\s+)?"
                            r"(?:[\d,]+|[a-z]+(?:-[a-z]+)?)\s+")
OF_TOTAL_BEFORE = lazy_regex(r"\b(?:of|out\s+of)\s+(?:the|these|those|all)\s*$", re.IGNORECASE)
# "two people, one of them a police officer": a part of the count just told.
OF_THEM_AFTER = lazy_regex(r"\s+of\s+(?:them|whom|those)\b", re.IGNORECASE)
SUBSET_LEAD_IN = lazy_regex(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|"
                            r"among\s+the\s+(?:dead|injured|wounded|victims))\s+([^.;:]*)$",
                            re.IGNORECASE)
LEAD_IN_CLAUSE = lazy_regex(r"\b(?:were|was|killed|died|said|who|injur(?:ed|ing)|"
                            r"wound(?:ed|ing))\b")
TAKING_BEFORE = lazy_regex(r"\b(?:took|taking|taken|holding|held)\s*$", re.I)
HOSTAGE_NOUN = lazy_regex(r"\s*(?:hostages?|captives?|prisoners?)\b")
AND_BEFORE = lazy_regex(r"\band\s*$")
# Between two listed counts of one verb: "three soldiers and two civilians", "two, and".
LIST_JOIN = lazy_regex(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")
# "two more died", "three others died": a count on top of the toll so far, not another
# estimate of it.
MORE_AFTER = lazy_regex(r"^\s+(?:more|others?)\b(?!\s+than\b)", re.IGNORECASE)
# "nine other people": others beside those already counted, whatever the qualifier.
OTHER_PEOPLE_AFTER = lazy_regex(r"^\s+others?\b", re.IGNORECASE)
ARTICLE_LEAD = lazy_regex(r"^(?:the|a|an)\s+", re.IGNORECASE)
AGENCY_TAIL = lazy_regex(r"\s+(?:news\s+agency|agency)$")
ACCORDING_TO = lazy_regex(r"\baccording\s+to\s+([^,.;:“”\"()]+)", re.IGNORECASE)
SAID_BY_NAME = lazy_regex(r"\b(?:reported|said|stated|confirmed|claimed)\s+(?:by\s+)?((?:the\s+)?"
                          r"[A-Z][\w’'.&-]*(?:\s+(?:of\s+)?[A-Z][\w’'.&-]*)*)")
DATE_OPENER = lazy_regex(r"(?:the\s+)?(?:On|In|At|On|Monday|Tuesday|Wednesday|Thursday|"
                         r"Friday|Saturday|Sunday)\b")
SAID_BY_OFFICIALS = lazy_regex(
    r"\b(?:said|reported|according\s+to)\s+((?:(?:local|senior|government|security|police|"
    r"military|army|railway|hospital|district|provincial|state|health|medical|rescue)\s+)*"
    r"(?:officials?|police|sources|witnesses|residents|spokesm[ae]n|spokesperson|"
    r"authorities|the\s+military|the\s+army|medics|doctors|villagers))\b")
SAYING_VERB = lazy_regex(r"\b(?:said|says|reported|claimed|confirmed|stated|added|told)\b")
RELATIVE_ASIDE = lazy_regex(r",\s+(?:which|who)\b[^,]*,\s*$")

# --- numbers: phrases (reader.quantities) ---------------------------------------------
AGE_AFTER_NUMBER = lazy_regex(
    r"\s*-?\s*years?\s*-?\s*old\b|\s*years?\s+of\s+age\b|\s*-?\s*yr\s*-?\s*old")
AGE_BEFORE_NUMBER = lazy_regex(
    r"\bage[ds]?\s+(?:between\s+)?(?:(?:\d+|[a-z]+)\s*(?:and|to|or|-|–)\s*)?$", re.IGNORECASE)
OF_SUPERLATIVE = lazy_regex(
    r"\s+of\s+(?:(?:the|its|their|his|her)\s+(?:\w+est\b|most\b|few\b|first\b|"
    r"last\b)|several\b|many\b|a\s+(?:number|series|spate|string|wave)\b|dozens\b|"
    r"hundreds\b|thousands\b)")

# --- dates: phrases (reader.dates) ----------------------------------------------------
LAST_WORD = lazy_regex(r"[Ll]ast\s")

# --- actors: phrases (reader.actors) --------------------------------------------------
# "the BLA militants", "M23 rebels": a group's name and the fighters it names.
FIGHTERS_AFTER_NAME = (r"\s+(?:militants?|gunmen|fighters|insurgents?|"
                       r"rebels?|attackers?|separatists?|suicide\s+bombers?)")
# "Sudan Army", "Kenya Police": a state's own forces, not an armed group.
STATE_FORCE_NOUNS = ("army", "police", "military", "navy")
# A kingdom's forces carry its crown: "Royal Thai Army", "Royal Malaysian Police".
ROYAL_WORDS = frozenset({"royal"})
POLICE_WORD = lazy_regex(r"\bpolice(?:men)?\b", re.I)
# The police as the source of a report ("police said", "a police spokesman", "according to
# police"): no side of the event (reader.actors).
POLICE_AS_SOURCE = lazy_regex(r"\b(?:according\s+to\s+(?:the\s+)?(?:local\s+)?police|police\s+"
                              r"(?:said|say|says|reported|told|confirmed|spokes(?:man|woman|"
                              r"person)|officials?\s+said|sources?|chief\s+said|suspects?|"
                              r"suspected|believed?|blamed|have\s+blamed))\b|"
                              r"\b(?:a|the)\s+police\s+spokes(?:man|woman|person)\b", re.I)
# Attackers dressed as the forces are not the forces ("gunmen wearing army uniforms").
IN_UNIFORM = lazy_regex(r"\b(?:in|wearing|dressed\s+(?:in|as)|disguised\s+(?:in|as))\s+"
                        r"(?:[\w-]+\s+)?(?:military|army|police|security)\s+(?:fatigues|"
                        r"uniforms?|clothes|clothing|gear)\b", re.I)
# An attack the forces fought off ("An attack on the party office was thwarted by police",
# "troops repelled an assault"): the attackers began the fight, so they go first.
FOUGHT_OFF = lazy_regex(r"\b(?:thwarted|foiled|repelled|repulsed|fought\s+off|beat\s+back|"
                        r"beaten\s+back)\b", re.I)
# The armed side written as the attacker ("Rebels attacked an army base"): it began the
# fight, whoever a later "clashes between the army and the rebels" names first.
GROUP_ATTACKED = lazy_regex(r"\b(?:rebels|militants|gunmen|insurgents|fighters|attackers|jihadists|"
                            r"bandits|assailants)\s+(?:\w+\s+){0,2}?(?:attacked|ambushed|stormed|"
                            r"raided|struck|opened\s+fire|fired\s+(?:on|at))\b", re.I)
# The state's forces named first in the fight ("troops clashed with rebels", "the
# battle between the military and the rebels"): the side the corpus's coders list first
# (reader.incidents).
_FORCES = (r"(?:[\w-]+\s+)?(?:army|military|troops|soldiers|police(?:\s+officers)?|policemen|"
           r"security\s+forces|government\s+forces|gendarmes)")
STATE_FIRST_IN_FIGHT = lazy_regex(
    rf"\b(?:between|among)\s+(?:the\s+)?{_FORCES}\s+and\b|"
    rf"\b(?:the\s+)?{_FORCES}\s+(?:(?:has|have|had)\s+)?(?:clashed|fought|battled)\s+with\b",
    re.I)
MILITARY_WORD = lazy_regex(r"\b(?:soldiers|troops|army|military|security\s+forces)\b", re.I)
# Not a force's people ("an Israeli army spokesman said", "the Iraqi army colonel in
# charge"): they speak or are arrested, they are no doer.
# Weapons name their user ("Israeli drones"); ground forces only as the doer of a strike
# ("Turkish troops shelled"), not where they are ("Turkish troops ... are based there").
FOREIGN_FORCES = lazy_regex(r"(?<![\w.])([A-Z][a-z]+|U\.S\.|US|UK)\s+(?:(?:(?:ballistic|cruise|"
                            r"guided|combat|fighter|attack|military|missile)\s+)?(?:air\s*force|"
                            r"air\s*strikes?|air\s+raids?|strikes?|aircraft|jets?|warplanes?|"
                            r"drones?|unmanned\s+(?:aerial\s+vehicles?|aircraft)|UAVs?|"
                            r"helicopters?|missiles?|artillery)\b"
                            r"(?!\s+(?:spokes(?:man|woman|person)|colonel|general|officers?|"
                            r"officials?|chief|commanders?|captain|major|sources?|"
                            r"lieutenant|sergeant|radio|statement)\b)|"
                            r"(?:forces|troops|army|military)\s+(?:(?!(?:were|was|are|is)\b)"
                            r"\w+\s+){0,2}?(?:shell(?:s|ed)?|bomb(?:s|ed)?|struck|fired|launched|"
                            r"pounded|attack(?:s|ed)?|hit|targeted|carried\s+out|kill(?:s|ed)?|"
                            r"raided|stormed|opened\s+fire)\b)")

# --- incidents: phrases (reader.incidents) --------------------------------------------
IN_CONTAINER_GAP = lazy_regex(r"(?:,\s*|\s+in\s+)(?:the\s+)?")
ACTOR_WORDS = lazy_regex(r"\b(?:militants?|insurgents?|gunmen|attackers?|security forces|troops|"
                         r"soldiers|police)\b", re.I)

# --- span classifier (reader.spans) ---------------------------------------------------
# A clock time before an upper-case word makes it a time zone ("7:00 p.m. AST", "2300 UTC",
# "0700 GMT"), never a place.
CLOCK_BEFORE = lazy_regex(r"(?:\d\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{4}|\d:\d\d)\s*\(?$", re.I)
# Word classes around a candidate name, read as features by the learned recogniser.
SPAN_PLACE_BEFORE = frozenset("""in near at from to into outside across throughout around
toward towards through within inside between via""".split())
SPAN_OF_BEFORE = frozenset({"of"})
SPAN_DETERMINERS = frozenset("""the a an this that these those its their his her our""".split())
# After a name: a division word, a street word, an organisation's head.
SPAN_DIVISION_AFTER = frozenset("""county counties co parish parishes township townships twp
borough state province district region city town village""".split())
SPAN_STREET_AFTER = frozenset("""street streets st road roads rd avenue avenues ave boulevard
blvd drive drives dr lane lanes ln highway hwy way parkway pkwy route court ct place pl
circle pike square trail""".split())
# A numbered road: "Interstate 395", "Route 30", "KY 90" (the number follows the word).
SPAN_ROAD_WORDS = frozenset("""interstate highway hwy route road rd freeway expressway
turnpike i sr cr fm us""".split())
SPAN_ROAD_NUMBER_AFTER = lazy_regex(r"[\s-]\d{1,4}\b")
# Short words before a dot that do not end a run of a name ("St. Marys", "Mt. Pleasant").
SPAN_NAME_ABBREVIATIONS = frozenset("""st mt ft pt n s e w""".split())
SPAN_STATE_AFTER = lazy_regex(r"^,\s+(?:[A-Z][a-z]{1,4}\.(?:[A-Z][a-z]?\.)?|[A-Z]{2}\b|"
                              r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=[\s,.;)]))")
SPAN_POSSESSIVE_AFTER = lazy_regex(r"^[’']s?\b")
# Words that end a natural feature's or a site's name ("X River", "X Park").
SPAN_FEATURE_AFTER = frozenset("""river lake sea bay island islands mountain mountains mount
valley park creek beach forest canyon gulf ocean coast hill hills peninsula falls harbor
harbour airport bridge""".split())
SPAN_PARTY_BEFORE = lazy_regex(r"\b[A-Z]{1,3}-$")  # "D-Beachwood": a party and a hometown
SPAN_COMMA_BEFORE = lazy_regex(r"[A-Z][\w.’'-]*,\s$")  # "Springfield, Ill."
SPAN_DATELINE_AFTER = lazy_regex(r"\s*(?:,|\(|-|—|–|:)")
# Words of an organisation's, a unit's or an armed group's name: a place inside such a
# name is no place of an event (ACLED codes "Assam Rifles" as an actor), so the span
# classifier never overrules the scan there.
SPAN_ORGANISATION_WORDS = (ORGANISATION_HEADS | PUBLIC_BODIES | STATE_UNIT_WORDS
                           | ARMED_GROUP_WORDS | frozenset("""cartel rifles administration
plant network hospital group company factory airline airlines agency news times post herald
tribune journal daily radio television tv""".split()))
# "the University of X", "the Armed Forces of X": a run ending in "of" before the name.
SPAN_OF_BEFORE_RUN = lazy_regex(r"(?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|the)\s+)*)+"
                                r"(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+)*$")
# A state's two-letter press abbreviation after a place and a comma ("Louisville, Ky.",
# "Greenwood, W. Va."), too short for the scan's keys.
SPAN_PRESS_ABBREVIATION = lazy_regex(r"(?<=[a-z], )[A-Z][a-z]?\.(?: ?[A-Z][a-z]?\.)?")
