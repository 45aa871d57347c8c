"""General English vocabulary the place finder needs (no place names, no article facts).

GeoNames has a town for almost any capitalised word ("Hope", "March", "Of"), so the
finder must know which capitalised words are usually something else: function
words that start sentences, months and days, titles before person names,
nationality adjectives, and the head nouns of organisation names ("Syrian Arab
Army", "Deir ez-Zor Military Council") inside which a place name is not a location.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A word set from a white-space separated block (easier to read and edit)."""
    return frozenset(text.split())


FUNCTION_WORDS = _words(
    """
    a about above across after afterwards again against all along also although
    among an and another any around as at back because before behind below beside
    besides between beyond both but by despite down during each either else even
    ever every following for from further furthermore having he her here hers
    herself him himself his however i if in including inside instead into it its
    itself later meanwhile more moreover most much near neither never nevertheless
    next no none nor not now of off on once one only onto or other others otherwise
    our out outside over own per since so some soon still such than that the their
    them then there thereafter therefore these they this those though through
    throughout thus to together toward towards under underneath unless unlike until
    up upon us via was we were what whatever when whenever where whereas wherever
    whether which while who whom whose why will with within without yet you your
    according amid amidst beginning earlier initially elsewhere overnight today
    tomorrow yesterday tonight prior subsequently simultaneously eventually finally
    shortly concurrently nonetheless additionally likewise similarly instead
    be been being is are has had have do does did may might must shall should
    would could can cannot many several few first second third last new old
    """
)

TIME_WORDS = _words(
    """
    january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday
    wednesday thursday friday saturday sunday spring summer autumn fall winter
    christmas easter ramadan eid new year day week month
    """
)

# Words that precede a person's name; a capitalised run after them is not a place.
TITLES = _words(
    """
    general gen colonel col lieutenant lt major maj captain capt sergeant sgt
    commander cmdr admiral adm brigadier marshal field private corporal president
    vice prime minister secretary senator governor mayor ambassador envoy king
    queen prince princess emir sheikh shaikh sheik imam ayatollah mullah cleric
    pope bishop patriarch sultan caliph chief leader spokesman spokeswoman
    spokesperson mr mrs ms miss dr doctor professor prof sir lord lady judge
    journalist reporter correspondent activist commander-in-chief chairman
    director deputy head officer councillor saint st
    """
)

# Nationality and group adjectives: capitalised, never a place by themselves.
DEMONYMS = _words(
    """
    afghan african albanian algerian american arab arabian armenian asian assyrian
    australian austrian azerbaijani azeri bahraini balkan belarusian belgian
    bosnian british bulgarian canadian caucasian chechen chinese christian circassian
    croatian czech danish druze dutch egyptian emirati english estonian ethiopian
    european finnish french georgian german greek hungarian indian iranian iraqi
    irish islamic islamist israeli italian japanese jewish jordanian kazakh korean
    kurdish kurd kurds kuwaiti latvian lebanese libyan lithuanian moldovan mongolian
    moroccan muslim nigerian norwegian omani ottoman pakistani palestinian persian
    polish portuguese qatari romanian russian russians saudi serbian shia shiite
    shi'ite slovak somali soviet spanish sudanese sunni swedish swiss syriac syrian
    syrians tajik tatar turkic turkish turkmen turks ukrainian ukrainians uzbek
    venezuelan vietnamese western eastern northern southern yazidi yemeni alawite
    arabs europeans americans iranians israelis iraqis
    """
)

# Head nouns of organisation, unit and event names. A place inside such a name
# ("Free Syrian Army", "Deir ez-Zor Military Council") is part of the name.
ORGANISATION_WORDS = _words(
    """
    army armies force forces brigade brigades division divisions corps regiment
    regiments battalion battalions company companies platoon squadron fleet navy
    guard guards militia militias party parties front movement council councils
    committee committees ministry ministries government administration agency
    agencies news observatory organization organisation coalition alliance union
    group groups units unit network institute university college school
    authority authorities commission service services police gendarmerie
    command headquarters federation league association society foundation
    office bureau department court parliament assembly congress senate
    revolutionaries rebels mujahideen legion battalion's army's forces'
    airlines airways bank church mosque times post press radio television tv
    channel media report
    liwa liwaa jaysh jaish jabhat kataib kata'ib saraya faylaq jund hayat hay'at harakat
    ahrar ansar suqour suqur thuwar fursan
    """
)

# Words that say what kind of airfield a name is, not which one: "Tall Afar Army Air Field",
# "Naval Air Station Mayport", "Pope Air Force Base" (stripped from a name's ends only).
AIRFIELD_KIND_WORDS = _words(
    """
    air base airbase airport airfield airstrip aerodrome aeroport field strip airpark park heliport helipad
    international regional municipal national domestic military army navy naval joint agricultural private
    station landing highway auxiliary afb ab civil force
    """
)
# Words that name a man-made or natural feature; GeoNames (cities only) lacks them.
FEATURE_WORDS = _words(
    """
    station airbase airport airfield airstrip base dam hill hills field fields
    oilfield gasfield bridge checkpoint crossing prison jail hospital refinery
    plant factory complex mine port harbor harbour citadel castle fortress fort
    barracks academy depot warehouse silo silos stadium palace camp compound
    junction roundabout interchange highway motorway road street square tower
    mountain mountains mount ridge heights valley plain plateau desert canal
    reservoir lake river island peninsula pass gate district neighbourhood
    neighborhood quarter suburb
    """
)

# Words after a place that widen it: "Abu Kamal countryside", "Mosul's outskirts".
AREA_WORDS = _words(
    """
    area areas countryside outskirts environs suburbs vicinity surroundings
    region front frontline pocket salient enclave axis sector
    """
)

# Trailing words of a first-level region's name ("Aleppo Governorate").
REGION_WORDS = _words(
    """
    governorate governorates province provinces oblast oblasts region state
    prefecture county canton voivodeship krai kray okrug emirate wilayah muhafazah
    """
)

# Trailing words of a second-level unit named after its town ("Al-Bab District").
DISTRICT_WORDS = _words("district raion rayon subdistrict municipality nahiyah hromada")

# Generic terms of Arabic, Turkish and Persian place names ("Tal" is hill, "Rasm" a
# ruin-mound, "Jabal" a mountain): alone they name no place ("Tal Za'rour hill"), and
# beside a known name they make it partial ("Ras Baalbek" is not Baalbek).
GENERIC_TERMS = _words(
    """
    tal tall tel tell jabal jebal jebel jabel wadi khirbet khirbat qasr rasm bir ain ayn
    ras kafr tepe dagh kuh khan deir dayr umm abu jisr
    """
)

# A capitalised single word in this set needs more than its own name to be a place.
COMMON_WORDS = (
    FUNCTION_WORDS
    | TIME_WORDS
    | TITLES
    | DEMONYMS
    | ORGANISATION_WORDS
    | _words(
        """
    state states republic kingdom empire city town village capital centre center
    north south east west northeast northwest southeast southwest central upper
    northeastern northwestern southeastern southwestern
    north-eastern north-western south-eastern south-western
    lower greater little great grand new old holy national international federal
    royal free united democratic popular people peoples liberation revolutionary
    revolution operation operations offensive campaign battle battles siege war
    wars conflict crisis attack attacks massacre bombing strike airstrike
    ceasefire agreement treaty accord deal plan truce protocol memorandum
    victory defeat killed wounded captured dead martyrs martyr hope faith liberty
    justice freedom independence victory peace unity dawn storm shield spring
    sword lion lions eagle eagles wolves tiger tigers desert shield volunteer
    volunteers fighters soldiers troops civilians residents refugees
    god allah prophet mohammed muhammad ali hussein hassan omar
    zero one two three four five six seven eight nine ten eleven twelve twenty
    hundred hundreds thousand thousands million dozens dozen half
    black white red green blue golden silver yellow orange brown
    mission project program programme index report study
    internet online web facebook twitter telegram youtube instagram
    reuters associated press al-jazeera bbc cnn
    see also notes references external links bibliography further reading
    aftermath background prelude casualties analysis reactions timeline legacy
    """
    )
    | GENERIC_TERMS
)

DIRECTIONS = (
    "north-northeast",
    "north-northwest",
    "east-northeast",
    "east-southeast",
    "south-southeast",
    "south-southwest",
    "west-southwest",
    "west-northwest",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "north",
    "south",
    "east",
    "west",
)

# Plain words read right after a name (``Toponym.after``, as written):
# a time zone, a thing or a street named after a place or a person ("Moscow time",
# "Molotov cocktails", "Lomonosov Street": a street lies in the story's own town);
_STREETS = ["street", "avenue", "boulevard", "prospekt", "prospect"]
NOT_A_PLACE_AFTER = frozenset(
    ["time", "Time", "cocktail", "cocktails", *_STREETS, *(w.capitalize() for w in _STREETS)]
)
# an area around the town ("the Manbij countryside");
AREA_AFTER = frozenset(["countryside", "outskirts", "environs", "suburbs", "vicinity"])
# a district named after its seat ("Izium raion", "Lebedyn district");
DISTRICT_AFTER = frozenset(["district", "raion", "rayon", "hromada", "county"])
# a body of water named like a town (compared in lower case: "the Donets River").
WATER_AFTER = frozenset(["river", "lake", "sea", "gulf", "bay"])
