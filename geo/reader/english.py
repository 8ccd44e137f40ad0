"""Word lists the article reader leans on. Plain English, no model to download.

Kept in one place so a newcomer can see (and extend) every word that steers the
reader: what is not a place, what a feature hint is, what an event looks like.
"""

from __future__ import annotations

MONTHS = frozenset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Religious and calendar words that are also GeoNames places somewhere.
CALENDAR_AND_FAITH = frozenset("""ramadan ramazan eid muharram christmas easter islam
christianity hinduism buddhism judaism allah god""".split())

# Ethnic and national names that GeoNames also lists as villages, and demonyms that
# the suffix rule in ``mentions`` cannot derive.
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
}

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
import re as _re  # noqa: E402


def _p(words: str):
    return _re.compile(r"\b(?:" + words + r")", _re.I)


EVENT_PATTERNS = (
    # A hijacking or a siege with hostages is the event even when it began with a bomb.
    (_p(r"hijack\w*|held\s+hostage|holding\s+(?:\w+\s+)?(?:passengers|hostages|people)"),
     "violence", "Violence against civilians", "Abduction/forced disappearance", 5),
    # Other abduction words rank below explosions ("a car bomb ... also took two hostages"
    # is a bombing) and above a plain attack ("attacked the village and kidnapped 20").
    (_p(r"took\s+\w+\s+(?:\w+\s+)?hostages?|taken\s+hostage|abduct\w*|kidnap\w*|"
        r"hostages?"), "violence", "Violence against civilians",
     "Abduction/forced disappearance", 2.5),
    (_p(r"suicide\s+(?:bomb\w*|attack\w*|vest)|blew\s+(?:himself|herself|themselves)\s+up|"
        r"driver\s+detonated|detonated\s+(?:his|her|their)\s+(?:vest|belt)"), "violence",
     "Explosions/Remote violence", "Suicide bomb", 4),
    (_p(r"detonat\w*|explosi\w+|explod\w*|blasts?\b|bomb(?:s|ing|ings|ed)?\b|\bIEDs?\b|"
        r"landmines?|roadside\s+bomb"), "violence", "Explosions/Remote violence",
     "Remote explosive/landmine/IED", 3),
    # Only aircraft that strike: "aircraft" alone (a target, "anti-aircraft") is no cue.
    (_p(r"air\s*strikes?|drone\s+strikes?|airstrikes?|air\s+raids?|glide\s+bombs?|"
        r"(?<!anti-)aircraft\s+(?:bombed|struck|fired|attacked|dropped|hit|targeted)|"
        r"warplanes?|(?:shahed|kamikaze)\s+drones?|drones?\s+(?:hit|struck|attack)"),
     "operation", "Explosions/Remote violence", "Air/drone strike", 4),
    (_p(r"shell(?:ing|ed)|mortar|artillery|rockets?\s+(?:fire|attack)"), "violence",
     "Explosions/Remote violence", "Shelling/artillery/missile attack", 3),
    (_p(r"ambush\w*|attack(?:ed|s|ing)?\b|assault(?:ed)?\b|shot\s+dead|gunned\s+down|"
        r"opened\s+fire|massacre\w*|stormed|raided|fatally\s+shot|beheaded|torched|"
        r"(?:bandits|gunmen|militants|attackers|assailants|insurgents|rebels)\s+struck|"
        r"set\s+(?:on\s+)?fire|stabbed"), "violence", "Violence against civilians", "Attack", 2),
    # Weak: "killed" alone says someone died, not who did what; it counts only when
    # nothing stronger names the event or its figures belong to violence.
    (_p(r"killed|killing|died|dead\b"), "violence", "Violence against civilians", "Attack", 0),
    (_p(r"(?:seized|captured|overran|over-ran|took\s+control\s+of)\s+(?:the\s+)?"
        r"(?:(?-i:[A-Z])|(?:town|city|village|base|district|territory|area|province)\b)"),
     "violence", "Battles", "Non-state actor overtakes territory", 3),
    (_p(r"bod(?:y|ies)\s+(?:of\s+[\w\s]{1,30}?)?(?:was|were)\s+found|found\s+dead|tortur\w+"),
     "violence", "Violence against civilians", "Attack", 2),
    (_p(r"counter[-\s]?operation|security\s+operation|military\s+operation|operations?\b|"
        r"crackdown|offensive|clash\w*|gun\s*fight\w*|gun\s*battle|exchange\s+of\s+fire|"
        r"retaliat\w*|rescued|rescue\s+operation|engag(?:ed|ement)|fought|fighting"),
     "operation", "Battles", "Armed clash", 2),
    (_p(r"turn(?:ed|s)?\s+violent|riot\w*|(?:bottles|stones|bricks|rocks|missiles|petrol\s+"
        r"bombs)\s+(?:were|was)\s+thrown|thr(?:ew|own)\s+(?:bottles|stones|bricks|rocks)"),
     "demonstration", "Riots", "Violent demonstration", 3),
    (_p(r"mob\b|lynch\w*"), "demonstration", "Riots", "Mob violence", 3),
    (_p(r"(?:police|officers|security\s+forces)\s+(?:used|fired)\s+(?:batons|tear\s*gas|"
        r"water\s+cannon|rubber\s+bullets)|dispersed"), "demonstration", "Protests",
     "Protest with intervention", 2),
    (_p(r"protest\w*|demonstrat\w*|rall(?:y|ies)|sit-in"), "demonstration", "Protests",
     "Peaceful protest", 1),
    (_p(r"arrest\w*|detained"), "arrest", "Strategic developments", "Arrests", 1),
)

# Who a figure counts, by class of people: fighters fall in battles, the rest are victims.
COMBATANTS = frozenset("""militants militant insurgents insurgent attackers attacker gunmen
gunman terrorists terrorist fighters fighter rebels rebel jihadists jihadist assailants
assailant bombers bomber soldiers soldier troops security personnel policemen police officers
guards""".split())
ARMED_GROUP_WORDS = frozenset("""army liberation front taliban tehreek tehrik lashkar jaish
jamaat jama'at brigade brigades militia militias mujahideen shabaab haram iswap hamas
hezbollah hizbullah qaeda qaida isis isil daesh nusrat""".split())
ARMED_GROUP_PHRASES = ("islamic state", "boko haram", "al-shabaab", "support forces",
                       "democratic forces", "defence forces of", "dawlah islamiyah")
# Words of a state's own units: "the 103rd Infantry Brigade" is not an armed group.
STATE_UNIT_WORDS = frozenset("""infantry battalion division regiment marine marines navy police
army's corps paratroopers rangers security government national""".split())

# Names of movements that GeoNames also lists as villages.
GROUP_NAMES = frozenset("""taliban mujahideen hezbollah hizbullah hamas houthis houthi
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

# Demonyms that name a state's forces ("Russian aircraft").
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
# --- coding rules (geo.incidents) --------------------------------------------------------
# Background: a clause recalling an earlier event ("In a similar attack", "years ago") is
# history, not the story; it opens no incident and lends it no date, toll or actor. (A
# past year on its own, "In 2021", "Last year", is read from the dates: geo.incidents.)
BACKGROUND_CUE = _re.compile(
    r"\b(?:in\s+)?(?:an?|the)\s+(?:similar|earlier|previous|prior|last|deadliest|worst)\s+"
    r"(?:attack|incident|bombing|massacre|assault|ambush|raid|strike|explosion|blast)\b|"
    r"\b(?:years?|decades?)\s+(?:ago|earlier|before)\b|\bin\s+(?:the\s+)?(?:past|history)\b|"
    r"\bon\s+this\s+day\b", _re.I)
# "a 2019 bombing": an event named by its year (background when that year is past).
YEAR_NAMED_EVENT = _re.compile(r"\b(?:a|an|the|its|their)\s+((?:19|20)\d\d)\s+(?:[\w-]+\s+)?"
                               r"(?:attack|bombing|massacre|assault|ambush|raid|strike|"
                               r"explosion|blast|shooting|siege|hijacking)s?\b", _re.I)

# Who a fatality figure counts, when it counts everyone: a total, against which a
# figure of soldiers or civilians is a sub-group, not a competing estimate.
TOTAL_WHO = frozenset("""people persons person dead victims lives others individuals
total""".split())

# The state's forces as the doer ("the junta's aircraft", "security forces opened fire").
STATE_DOER = _re.compile(
    r"\b(?:the\s+)?(?:junta|army|military|armed\s+forces|security\s+forces|troops|"
    r"soldiers|air\s+force|government\s+forces)(?:[’']s?)?\s+"
    r"(?:(?!(?:were|was|been|being|are|is)\b)\w+\s+){0,3}?"
    r"(?:carried\s+out|launched|bombed|shelled|struck|opened\s+fire|attacked|fired|"
    r"raided|conducted)\b|\b(?:by|from)\s+(?:the\s+)?(?:junta|army|military|"
    r"security\s+forces|troops|air\s+force|government\s+forces)\b", _re.I)

# A group named as the doer: "X claimed responsibility", "carried out by X", "X militants
# attacked". The name is a run of capitalised words; group 1 holds it.
# Possessive, from word starts only: a long letter run is read once, not once per letter.
_NAME = (r"(?<![\w’'-])((?-i:[A-Z][\w’'-]++(?:\s+(?:(?:al|of|the|ul|e|wal|de)\s+)?"
         r"[A-Z][\w’'-]++){0,4}))")
# (cue, side, name pattern). Each cue starts with a fixed string, which the regex engine
# finds fast (a case-blind alternation is tried at every character); the name is then
# read just before or just after it.
_NAME_BEFORE = _re.compile(_NAME + r"\s+(?:(?:has|have|had)\s+)?$")
_NAME_AFTER = _re.compile(r"\s*(?:the\s+)?" + _NAME, _re.I)
DOER_BY_VERB = _re.compile(r"\b(?:carried\s+out|claimed|launched|perpetrated|committed)\s+$",
                          _re.I)
_GROUP_NOUN_BEFORE = _re.compile(_NAME + r"\s+(?i:m|f|r|g|i|j)$")
DOER_PATTERNS = (
    (_re.compile(r"claimed\s+(?:responsibility|the\s+attack|it)\b"), "before", _NAME_BEFORE),
    (_re.compile(r"by\b"), "after", _NAME_AFTER),  # after DOER_BY_VERB only
    # "ilitants" etc.: the group noun without its first letter, which may be a capital.
    (_re.compile(r"(?:ilitants|ighters|ebels|unmen|nsurgents|ihadists)\s+(?:\w+\s+)?"
                 r"(?:attacked|ambushed|stormed|raided|struck|killed|opened\s+fire|abducted|"
                 r"kidnapped|bombed)\b"), "before", _GROUP_NOUN_BEFORE),
)

# Verbs of saying beside a date give the day of the saying, not of the event: "Police on
# Monday said" (after the date), "..., the governor said on Tuesday" (before it).
SAYING = ("said", "says", "told", "reported", "announced", "added", "confirmed", "stated")
REPORTED_AFTER = _re.compile(r"^\s+(?:" + "|".join(SAYING) + r")\b", _re.I)
REPORTED_BEFORE = _re.compile(r"\b(?:" + "|".join(SAYING + ("tweeted", "posted", "wrote",
                                                            "statement", "briefing"))
                              + r")\b[^.;]{0,12}$", _re.I)

# Verbs of speaking before "from <place>": where a witness spoke from, not where victims
# came from ("a resident who phoned from X").
SPOKE_FROM = _re.compile(r"\b(?:phoned|called|calling|telephoned|spoke|speaking|wrote|"
                         r"writing|reported|reporting|told\s+\w+)\s+(?:\w+\s+)?from\s+"
                         r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", _re.I)

# Where people fled to: the end of their flight, not where victims came from.
FLED_TO = _re.compile(r"\b(?:fled|flee|fleeing|escaped|escaping|sought\s+refuge|took\s+refuge|"
                      r"ran\s+away)\b(?:\s+[\w’'-]+){0,5}?\s+(?:to|into|towards|in)\s+"
                      r"(?:the\s+)?(?:[\w’'-]+\s+){0,1}$", _re.I)

# --- places the gazetteer lacks (geo.mentions.find_unknown_places) -----------------------
# Feature words that make a capitalised name a place even when no gazetteer has it: only
# settlement and area words, written in lower case beside the name. Word -> feature hint.
UNKNOWN_FEATURE_AFTER = {
    "village": "village", "hamlet": "village", "settlement": "village",
    "town": "town", "district": "district", "province": "province", "region": "region",
    "area": "region", "valley": "region", "refugee camp": "place", "idp camp": "place",
    "displacement camp": "place", "camp for displaced": "place",
}
# "the village of X": the same words before "of" (no "area of": "an area of 30 km").
UNKNOWN_FEATURE_OF = {
    "village": "village", "hamlet": "village", "settlement": "village", "town": "town",
    "city": "city", "district": "district", "province": "province", "region": "region",
}
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
