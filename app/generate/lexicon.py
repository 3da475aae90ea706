"""The small word lists the rules rely on: months, titles, role nouns, organisation and place
words, countries. Kept short on purpose: each entry is a cue, not a dictionary entry."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _in_order(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MONTHS = _in_order(
    "January February March April May June July August September October November December"
)
MONTH_ABBREVIATIONS = {
    "Jan.": "January",
    "Feb.": "February",
    "Mar.": "March",
    "Apr.": "April",
    "Aug.": "August",
    "Sept.": "September",
    "Sep.": "September",
    "Oct.": "October",
    "Nov.": "November",
    "Dec.": "December",
}
WEEKDAYS = _in_order("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = _words(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr inc corp ltd co "
    "vs etc no nos fig approx dept univ ave blvd mt ft jan feb mar apr aug sep sept oct nov dec "
    "a.m p.m u.s u.k u.n e.g i.e"
)

# A page's labels: they begin no name, but may end one ("Keep Wendham Posted", "Sky Sports").
FURNITURE_LABELS = _words(
    "Local Game Copyright Updated Published Posted Related Sports Science Business Education "
    "Obituaries"
)

# The words of a newspaper's section headers ("Local news", "Crime & Courts", "Obituaries").
SECTION_WORDS = _words(
    "news local national nation world international business money markets economy sport "
    "sports health science environment technology tech weather crime courts court law "
    "obituaries obituary education politics culture arts music film books opinion transport "
    "travel lifestyle property city hall labour labor deals companies retail & and"
)

# Capitalised words that start a sentence or clause but never begin a name.
CAPITALISED_STOPWORDS = (
    _words(
        "The A An This That These Those It Its He She They We I You His Her Their Our My Your "
        "After Before Earlier Later Once When While Whilst But And Or Nor If As At In On Of For "
        "With Without By From To Into Onto Despite Although Though However Meanwhile Still Yet So "
        "Then There Here According Asked Last Next Since Until During Over Under Both All Some "
        "Many Most Few Each Every No Not Only Also Even Just About Around Among Between What Who "
        "Why How Where Which Whose Whom Speaking Instead Because Unlike Like Including Under "
        "Nearly Almost More Less Another Other Such Several Now Today Yesterday Tomorrow Tonight "
        "Elsewhere Overall Finally First Second Third Officials Residents Critics Supporters "
        "Analysts Experts Fans Scientists Engineers Police Photo Pictured Caption Read Watch Yes "
        "GMT UTC BST CET EST PST TV OK AM PM ET"
    )
    | FURNITURE_LABELS
)

# Words that make a name something other than a person, place or organisation: an award, a
# work, an event ("Grand Austrian State Prize", "Alpine Symphony No. 3", "National Cup").
NOT_ENTITY_WORDS = _words(
    "Prize Award Medal Trophy Symphony Opera Cup Marathon Final Finals"
    # British honours, which read like an organisation's acronym: "was appointed MBE in 1985"
    " MBE OBE CBE KBE DBE GBE BEM"
)
# Eras, no names beside a year: "around 1000 BC", "AD 300" (but "BC Ferries", "BC Hydro").
ERAS = _words("BC BCE AD CE")
# Things written as acronyms, not organisations, when one makes the whole name: "fitted with LED
# backlighting" (but "the National HIV Council" is one).
TECHNOLOGY_ACRONYMS = _words("LED LCD GPS CCTV DNA RNA HIV MRI USB SUV PDF")

# Connectors allowed inside a name ("Ministry of Defense", "Ludwig van Beethoven"); "of" and
# "for" only after an organisation or place word, so "Tom Berg of Northgate" stays two names.
NAME_CONNECTORS = _words("of for de van von der den da del della di la le du bin al y")

# Titles written before a name; a name after one is a person.
TITLES = _words(
    "President Vice Prime Minister Senator Sen. Representative Rep. Congressman Congresswoman "
    "Governor Gov. Mayor Councillor Councilor Councilman Councilwoman Councilmember Alderman "
    "Chancellor Secretary Ambassador General Gen. Colonel Col. Captain Capt. Lieutenant Lt. "
    "Sergeant Sgt. Admiral Commander Judge Justice Chief Director Professor Prof. Dr. Mr. Mrs. "
    "Ms. Coach King Queen Prince Princess Pope Bishop Sheriff Commissioner Superintendent "
    "Chairman Chairwoman Chair Speaker Inspector Detective Astronaut Deputy Premier Treasurer MP"
    " Democrat Republican Conductor Composer Palaeontologist Paleontologist Astronomer Biologist"
    " Headteacher Headmaster Headmistress Trustee Trustees Member Co-author Constable Cllr"
    " Forecaster Meteorologist"
    # British style writes these without a full stop: "Co-author Dr Tom Gallagher"
    " Dr Mr Mrs Ms Prof"
)
HONORIFICS = _words("Mr. Mrs. Ms. Dr. Prof. Dr Mr Mrs Ms Prof")

# Nouns naming a role; the head of a role phrase ("Russia's top diplomat", "head coach").
ROLE_WORDS = _words(
    "president senator minister mayor governor councillor councilor councilman councilwoman "
    "councilmember alderman chancellor secretary ambassador diplomat general colonel captain "
    "commander admiral judge director chief chair chairman chairwoman chairperson spokesman "
    "spokeswoman spokesperson coach manager striker goalkeeper midfielder defender forward "
    "winger astronaut scientist engineer researcher professor economist analyst treasurer "
    "officer commissioner superintendent sheriff ceo founder leader editor reporter "
    "correspondent pilot lawyer attorney prosecutor administrator physicist astronomer "
    "investigator lieutenant sergeant king queen prince premier deputy representative "
    "photographer teacher principal planner auditor controller designer biologist geologist "
    "chemist doctor surgeon nurse curator architect official owner organiser organizer mp"
    " palaeontologist paleontologist conductor composer painter guard star runner economist"
    " incumbent challenger candidate nominee actor actress coroner councillors councilors"
    " headteacher headmaster headmistress"
)
# Words that may stand before a role noun inside a role phrase.
ROLE_MODIFIERS = _words(
    "head deputy vice chief lead assistant acting interim foreign finance defense defence "
    "prime senior principal executive general team club city county state flight mission "
    "project budget council former top senior junior associate managing program programme "
    "science technical health education police fire transport transportation public election"
    " board school race regional business planetary political food industry local marketing"
    " two-term three-term one-term"
)

ORGANISATION_WORDS = _words(
    "Ministry Department Council Committee Agency Administration Association Authority Bank "
    "Board Bureau Club College Commission Company Corporation Corp. Court Federation Foundation "
    "Fund Group Institute Laboratory Lab League Museum Office Organisation Organization Party "
    "Parliament Service Society Union University School Hospital Team Force Forces Army Navy "
    "Kremlin Congress Senate Assembly Cabinet Government Reuters Bloomberg Inc. Ltd. FC "
    "United Rovers Athletic Times Post Journal Network Observatory Centre Center Police "
    "Railways Airlines Guard Trust Cooperative Secretariat Tribunal Academy Foods Motors"
    " Research Brothers Holdings Industries Partners Systems Technologies Media Energy Airways"
    " Insurance Orchestra Philharmonic Gazette Herald Ledger Courier Echo Corporation"
    " Annals Proceedings Biotech Pharma Pharmaceuticals Therapeutics Securities Capital Ventures"
    " Labs Logistics"
    " Bancorp Telecom Ferries Railway Rail Transit Studios Records Editions Electric Utilities"
    " Power Endowment Semiconductor Semiconductors Electronics Chemical Chemicals Estates"
)
PLACE_WORDS = _words(
    "Region City County Province State River Lake Mountain Mountains Island Islands Sea Ocean "
    "Bay Street Avenue Road Square Park Stadium Arena Airport Station Bridge Valley Peninsula "
    "District Village Hall Harbour Harbor Port Coast Gulf Strait Desert Forest Plaza Field "
    "Cosmodrome Spaceport Crater Heights Hills Beach Library"
)
# Lowercase nouns after a name that make it a place: "the Primorye region".
PLACE_NOUNS = _words(
    "region city town province county district village state island river valley peninsula "
    "border capital area oblast prefecture municipality neighbourhood neighborhood suburb"
)
# Words before a name that make it a place: "in Primorye", "near Belgrade".
PLACE_PREPOSITIONS = _words("in near outside across toward towards around into nearby")
# "the village of X", "residents of X": X is a place.
PLACE_OF = _words(
    "town city village region province county district capital port state residents "
    "inhabitants outskirts"
)

SPEECH_VERBS = _words(
    "said says told tells added adds explained noted warned argued wrote announced insisted "
    "stressed recalled admitted predicted confirmed declared replied asked urged called"
)

COUNTRIES = frozenset(
    line.strip()
    for line in """
    Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan
    Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia
    Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile
    China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark
    Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini
    Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala
    Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy
    Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon
    Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia
    Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco
    Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria
    North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea
    Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino
    Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia
    South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland
    Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Tunisia|Turkey|Turkmenistan|Tuvalu
    Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan
    Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|U.S.|U.K.|US|UK|USA|Britain
    England|Scotland|Wales|America|Africa|Asia|Europe|Antarctica|Oceania|North America
    South America|Latin America|Middle East|Arctic|Korea|Crimea|Siberia|Greenland
    Alps|Andes|Rockies|Himalayas|Pyrenees|Balkans|Sahara|Caribbean|Mediterranean|Baltic
    Mercury|Venus|Earth|Mars|Jupiter|Saturn|Uranus|Neptune|Pluto|Moon
    """.replace("\n", "|").split("|")
    if line.strip()
)
# Places that are not countries: a continent or a region is no wrong option for a country.
REGIONS = _words(
    "Africa Asia Europe Antarctica Oceania Arctic Siberia Crimea Greenland Alps Andes Rockies "
    "Himalayas Pyrenees Balkans Sahara Caribbean Mediterranean Baltic"
) | {
    "America",
    "North America",
    "South America",
    "Latin America",
    "Middle East",
}
PLANETS = _words("Mercury Venus Earth Mars Jupiter Saturn Uranus Neptune Pluto Moon")
# Nouns an article uses for an organisation, never for a person: "the Indian company X".
CATEGORY_NOUNS = _words(
    "company firm operator carrier airline club team union maker manufacturer producer "
    "retailer chain bank lender insurer startup start-up developer broadcaster publisher "
    "charity supplier franchise brand conglomerate subsidiary drugmaker automaker carmaker "
    "group outfit utility nonprofit non-profit cooperative distributor partnership"
)
# Different names of one place; any two in a group are the same answer.
ALIASES = (
    frozenset({"United States", "U.S.", "US", "USA", "America"}),
    frozenset({"United Kingdom", "U.K.", "UK", "Britain"}),
    frozenset({"Czech Republic", "Czechia"}),
)
# Capitalised words that are adjectives of nationality, not names.
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish")
DEMONYMS = _words(
    "American Korean European Mexican Chilean Dutch French Greek Thai Swiss Israeli Iraqi "
    "Pakistani Afghan Kazakh Uzbek Saudi Yemeni Kuwaiti Qatari Emirati Bangladeshi Nepali "
    "Filipino Argentine Peruvian Cuban German Soviet Slavic Arab Nordic Baltic Asian African "
    "Latin Western Eastern Northern Southern Olympic Catholic Muslim Christian Jewish"
)
# Nouns of nationality, written before a person's name like an adjective: "the Spaniard
# Diego Ferrer".
NATIONALITY_NOUNS = _words(
    "Spaniard Briton Brit Dane Swede Finn Pole Scot Turk Serb Croat Czech Slovak Uzbek Kazakh "
    "Frenchman Frenchwoman Dutchman Dutchwoman Englishman Englishwoman Irishman Irishwoman "
    "Welshman Welshwoman Scotsman Scotswoman Icelander Zealander Kiwi Aussie"
)

NUMBER_WORDS = _in_order(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
)
SCALES = ("thousand", "million", "billion", "trillion")
UNITS = _words(
    "percent per_cent % km kilometres kilometers kilometre kilometer miles mile metres meters "
    "metre meter kg kilograms tonnes tons degrees hours minutes seconds days weeks months "
    "years people votes seats points goals fans spectators residents members troops jobs homes "
    "dollars euros pounds satellites passengers students officers beds buses units cases"
)

STOPWORDS = _words(
    "the a an and or but of to in on at by for with from into over under about as is are was "
    "were be been being has have had will would can could should may might must do does did "
    "not no that this these those it its their his her our we they he she you i them us what "
    "which who whom whose when where why how than then there here also very more most such "
    "some any each all both one just only said says during after before while because against "
    "between through without within would could should other another every where being"
)
