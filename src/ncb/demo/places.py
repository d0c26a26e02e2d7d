"""The countries the demo's bureaus and subjects come from: how names are written there, which
languages people speak, the language of the courts' charges, a few real cities, and the look of the
people drawn in the portraits. Other member countries still appear as nationalities, addressees,
restrictions and extradition countries.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ncb.demo.names import NameStyle


class Complexion(StrEnum):
    EAST_ASIAN = "east_asian"
    SOUTH_EAST_ASIAN = "south_east_asian"
    SOUTH_ASIAN = "south_asian"
    EUROPEAN = "european"
    MEDITERRANEAN = "mediterranean"
    MIDDLE_EASTERN = "middle_eastern"
    LATIN_AMERICAN = "latin_american"
    AFRICAN = "african"


@dataclass(frozen=True)
class CountryProfile:
    code: str
    style: NameStyle
    locales: tuple[str, ...]  # Faker locales for names (Latin and Cyrillic styles)
    languages: tuple[str, ...]  # ISO 639-2/B, as INTERPOL writes them
    charge_language: str  # the language of the country's charges (a key of ncb.demo.crimes.CHARGES)
    complexion: Complexion
    cities: tuple[str, ...]
    weight: int = 2  # how often its bureau owns a demo notice


_L, _J, _C, _K, _Y, _A = (NameStyle.LATIN, NameStyle.JAPANESE, NameStyle.CHINESE, NameStyle.KOREAN,
                          NameStyle.CYRILLIC, NameStyle.ARABIC)
_EA, _SEA, _SA, _EU, _MED, _ME, _LA, _AF = (Complexion.EAST_ASIAN, Complexion.SOUTH_EAST_ASIAN,
                                            Complexion.SOUTH_ASIAN, Complexion.EUROPEAN, Complexion.MEDITERRANEAN,
                                            Complexion.MIDDLE_EASTERN, Complexion.LATIN_AMERICAN, Complexion.AFRICAN)

PROFILES: dict[str, CountryProfile] = {p.code: p for p in (
    CountryProfile("JP", _J, (), ("JPN",), "ja", _EA, ("Tokyo", "Osaka", "Yokohama", "Nagoya", "Fukuoka", "Sapporo",
                                                       "Kobe", "Sendai"), 4),
    CountryProfile("CN", _C, (), ("CHI",), "zh", _EA, ("Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Chengdu",
                                                       "Wuhan"), 4),
    CountryProfile("KR", _K, (), ("KOR",), "ko", _EA, ("Seoul", "Busan", "Incheon", "Daegu", "Gwangju"), 3),
    CountryProfile("RU", _Y, ("ru_RU",), ("RUS",), "ru", _EU, ("Moscow", "Saint Petersburg", "Novosibirsk",
                                                               "Yekaterinburg", "Kazan", "Vladivostok"), 5),
    CountryProfile("UA", _Y, ("uk_UA",), ("UKR", "RUS"), "uk", _EU, ("Kyiv", "Kharkiv", "Odesa", "Lviv", "Dnipro")),
    CountryProfile("BY", _Y, ("ru_RU",), ("BEL", "RUS"), "ru", _EU, ("Minsk", "Brest", "Gomel")),
    CountryProfile("KZ", _Y, ("ru_RU",), ("KAZ", "RUS"), "ru", _EU, ("Almaty", "Astana", "Shymkent")),
    CountryProfile("BG", _Y, ("bg_BG",), ("BUL",), "en", _EU, ("Sofia", "Plovdiv", "Varna", "Burgas")),
    CountryProfile("SA", _A, (), ("ARA",), "ar", _ME, ("Riyadh", "Jeddah", "Dammam", "Mecca")),
    CountryProfile("AE", _A, (), ("ARA",), "ar", _ME, ("Dubai", "Abu Dhabi", "Sharjah")),
    CountryProfile("EG", _A, (), ("ARA",), "ar", _ME, ("Cairo", "Alexandria", "Giza", "Port Said"), 3),
    CountryProfile("JO", _A, (), ("ARA",), "ar", _ME, ("Amman", "Zarqa", "Irbid")),
    CountryProfile("MA", _A, (), ("ARA", "FRE"), "ar", _ME, ("Casablanca", "Rabat", "Marrakesh", "Tangier")),
    CountryProfile("DZ", _A, (), ("ARA", "FRE"), "ar", _ME, ("Algiers", "Oran", "Constantine")),
    CountryProfile("TN", _A, (), ("ARA", "FRE"), "ar", _ME, ("Tunis", "Sfax", "Sousse")),
    CountryProfile("IQ", _A, (), ("ARA",), "ar", _ME, ("Baghdad", "Basra", "Erbil")),
    CountryProfile("LB", _A, (), ("ARA", "FRE"), "ar", _ME, ("Beirut", "Tripoli", "Sidon")),
    CountryProfile("QA", _A, (), ("ARA",), "ar", _ME, ("Doha", "Al Rayyan")),
    CountryProfile("US", _L, ("en_US",), ("ENG",), "en", _EU, ("New York", "Los Angeles", "Chicago", "Houston",
                                                                "Miami", "Seattle", "Phoenix", "Atlanta"), 6),
    CountryProfile("CA", _L, ("en_CA", "fr_CA"), ("ENG", "FRE"), "en", _EU, ("Toronto", "Montreal", "Vancouver",
                                                                              "Calgary", "Ottawa", "Halifax"), 3),
    CountryProfile("GB", _L, ("en_GB",), ("ENG",), "en", _EU, ("London", "Manchester", "Birmingham", "Glasgow",
                                                                "Liverpool"), 4),
    CountryProfile("IE", _L, ("en_IE",), ("ENG",), "en", _EU, ("Dublin", "Cork", "Limerick")),
    CountryProfile("AU", _L, ("en_AU",), ("ENG",), "en", _EU, ("Sydney", "Melbourne", "Brisbane", "Perth"), 3),
    CountryProfile("NZ", _L, ("en_NZ",), ("ENG",), "en", _EU, ("Auckland", "Wellington", "Christchurch")),
    CountryProfile("IN", _L, ("en_IN",), ("HIN", "ENG"), "en", _SA, ("Mumbai", "New Delhi", "Bengaluru", "Kolkata",
                                                                      "Chennai", "Hyderabad"), 4),
    CountryProfile("PK", _L, ("en_PK",), ("URD", "ENG"), "en", _SA, ("Karachi", "Lahore", "Islamabad")),
    CountryProfile("NG", _L, ("en_NG", "yo_NG", "ha_NG", "ig_NG"), ("ENG", "YOR", "HAU", "IBO"), "en", _AF,
                   ("Lagos", "Abuja", "Kano", "Port Harcourt", "Ibadan"), 4),
    CountryProfile("KE", _L, ("en_KE", "sw"), ("SWA", "ENG"), "en", _AF, ("Nairobi", "Mombasa", "Kisumu")),
    CountryProfile("ZA", _L, ("zu_ZA", "en_US"), ("ZUL", "ENG", "AFR"), "en", _AF, ("Johannesburg", "Cape Town",
                                                                                    "Durban", "Pretoria"), 3),
    CountryProfile("GH", _L, ("tw_GH",), ("ENG",), "en", _AF, ("Accra", "Kumasi", "Tamale")),
    CountryProfile("ES", _L, ("es_ES",), ("SPA",), "es", _MED, ("Madrid", "Barcelona", "Valencia", "Seville",
                                                                 "Malaga", "Marbella"), 4),
    CountryProfile("MX", _L, ("es_MX",), ("SPA",), "es", _LA, ("Mexico City", "Guadalajara", "Monterrey", "Tijuana",
                                                                "Cancun", "Culiacan"), 5),
    CountryProfile("CO", _L, ("es_CO",), ("SPA",), "es", _LA, ("Bogota", "Medellin", "Cali", "Cartagena"), 4),
    CountryProfile("AR", _L, ("es_AR",), ("SPA",), "es", _LA, ("Buenos Aires", "Cordoba", "Rosario", "Mendoza"), 4),
    CountryProfile("CL", _L, ("es_CL",), ("SPA",), "es", _LA, ("Santiago", "Valparaiso", "Antofagasta")),
    CountryProfile("PE", _L, ("es_CO",), ("SPA",), "es", _LA, ("Lima", "Arequipa", "Cusco")),
    CountryProfile("FR", _L, ("fr_FR",), ("FRE",), "fr", _EU, ("Paris", "Marseille", "Lyon", "Toulouse", "Nice",
                                                                "Lille"), 4),
    CountryProfile("BE", _L, ("fr_BE", "nl_BE"), ("FRE", "DUT"), "fr", _EU, ("Brussels", "Antwerp", "Liege",
                                                                              "Ghent")),
    CountryProfile("CH", _L, ("de_CH", "fr_CH"), ("GER", "FRE", "ITA"), "de", _EU, ("Zurich", "Geneva", "Basel",
                                                                                     "Lugano")),
    CountryProfile("DE", _L, ("de_DE",), ("GER",), "de", _EU, ("Berlin", "Hamburg", "Munich", "Frankfurt am Main",
                                                                "Cologne", "Dusseldorf"), 4),
    CountryProfile("AT", _L, ("de_AT",), ("GER",), "de", _EU, ("Vienna", "Graz", "Salzburg", "Innsbruck")),
    CountryProfile("NL", _L, ("nl_NL",), ("DUT",), "nl", _EU, ("Amsterdam", "Rotterdam", "The Hague", "Utrecht"), 3),
    CountryProfile("BR", _L, ("pt_BR",), ("POR",), "pt", _LA, ("Sao Paulo", "Rio de Janeiro", "Brasilia", "Salvador",
                                                                "Recife", "Belo Horizonte"), 5),
    CountryProfile("PT", _L, ("pt_PT",), ("POR",), "pt", _MED, ("Lisbon", "Porto", "Faro", "Braga")),
    CountryProfile("IT", _L, ("it_IT",), ("ITA",), "it", _MED, ("Rome", "Milan", "Naples", "Turin", "Palermo",
                                                                 "Reggio Calabria"), 4),
    CountryProfile("PL", _L, ("pl_PL",), ("POL",), "pl", _EU, ("Warsaw", "Krakow", "Gdansk", "Wroclaw", "Poznan"), 3),
    CountryProfile("CZ", _L, ("cs_CZ",), ("CZE",), "en", _EU, ("Prague", "Brno", "Ostrava")),
    CountryProfile("RO", _L, ("ro_RO",), ("RUM",), "en", _EU, ("Bucharest", "Cluj-Napoca", "Constanta", "Iasi")),
    CountryProfile("HU", _L, ("hu_HU",), ("HUN",), "en", _EU, ("Budapest", "Debrecen", "Szeged")),
    CountryProfile("HR", _L, ("hr_HR",), ("HRV",), "en", _EU, ("Zagreb", "Split", "Rijeka")),
    CountryProfile("TR", _L, ("tr_TR",), ("TUR",), "tr", _MED, ("Istanbul", "Ankara", "Izmir", "Antalya",
                                                                 "Gaziantep"), 4),
    CountryProfile("SE", _L, ("sv_SE",), ("SWE",), "en", _EU, ("Stockholm", "Gothenburg", "Malmo")),
    CountryProfile("NO", _L, ("no_NO",), ("NOR",), "en", _EU, ("Oslo", "Bergen", "Trondheim")),
    CountryProfile("DK", _L, ("da_DK",), ("DAN",), "en", _EU, ("Copenhagen", "Aarhus", "Odense")),
    CountryProfile("FI", _L, ("fi_FI",), ("FIN",), "en", _EU, ("Helsinki", "Tampere", "Turku")),
    CountryProfile("VN", _L, ("vi_VN",), ("VIE",), "en", _SEA, ("Hanoi", "Ho Chi Minh City", "Da Nang",
                                                                 "Hai Phong"), 3),
    CountryProfile("ID", _L, ("id_ID",), ("IND",), "en", _SEA, ("Jakarta", "Surabaya", "Denpasar", "Medan"), 3),
    CountryProfile("PH", _L, ("en_PH",), ("FIL", "ENG"), "en", _SEA, ("Manila", "Cebu City", "Davao City",
                                                                       "Quezon City"), 3),
    CountryProfile("AZ", _L, ("az_AZ",), ("AZE", "RUS"), "en", _MED, ("Baku", "Ganja")),
    CountryProfile("UZ", _L, ("uz_UZ",), ("UZB", "RUS"), "en", _MED, ("Tashkent", "Samarkand", "Bukhara")),
)}

# Who owns the UN Security Council notices here: the first nationality (as imports decide); these are
# the countries the demo's UN subjects come from, with the name style of each.
UN_COUNTRIES: tuple[str, ...] = ("AF", "IQ", "SY", "YE", "LY", "SO", "CD", "CF", "SS", "ML", "HT")
UN_ARABIC_SCRIPT: frozenset[str] = frozenset({"AF", "IQ", "SY", "YE", "LY", "SO"})
UN_CITIES: dict[str, tuple[str, ...]] = {
    "AF": ("Kabul", "Kandahar", "Herat"), "IQ": ("Mosul", "Baghdad", "Fallujah"), "SY": ("Raqqa", "Aleppo", "Idlib"),
    "YE": ("Sanaa", "Aden", "Marib"), "LY": ("Tripoli", "Benghazi", "Sirte"), "SO": ("Mogadishu", "Kismayo"),
    "CD": ("Goma", "Bukavu", "Bunia"), "CF": ("Bangui", "Bria"), "SS": ("Juba", "Malakal"), "ML": ("Gao", "Kidal"),
    "HT": ("Port-au-Prince", "Cap-Haitien"),
}
