"""What the demo notices are about: charges as the issuing country's courts write them (with an English
translation), summaries of the facts, descriptions of missing persons, distinguishing marks, UN
sanctions listings, Purple Notice objects and methods, Orange Notice threats.

All of it is fictional, and written to pass the compliance pre-check: no charge or summary touches
the offences or the political, military, religious or racial matters that Red Notices exclude.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Offence(StrEnum):
    FRAUD = "fraud"
    PHONE_FRAUD = "phone_fraud"
    MURDER = "murder"
    ROBBERY = "robbery"
    DRUGS = "drugs"
    LAUNDERING = "laundering"
    EMBEZZLEMENT = "embezzlement"
    KIDNAPPING = "kidnapping"
    TRAFFICKING = "trafficking"
    CYBER = "cyber"
    ARMS = "arms"
    CHILD_ABUSE = "child_abuse"


@dataclass(frozen=True)
class Charge:
    offence: Offence
    text: str  # as the issuing country writes it
    translation: str | None  # English, when ``text`` is not
    law: str
    max_months: int  # the maximum penalty the law provides (life imprisonment counted as 360)


def _c(offence: Offence, text: str, translation: str | None, law: str, months: int) -> Charge:
    return Charge(offence, text, translation, law, months)


_O = Offence
CHARGES: dict[str, tuple[Charge, ...]] = {
    "ja": (
        _c(_O.FRAUD, "詐欺", "Fraud", "刑法第246条第1項", 120),
        _c(_O.PHONE_FRAUD, "詐欺（特殊詐欺）", "Fraud (telephone scams targeting the elderly)",
           "刑法第246条第1項", 120),
        _c(_O.MURDER, "殺人", "Murder", "刑法第199条", 360),
        _c(_O.ROBBERY, "強盗致傷", "Robbery causing injury", "刑法第240条", 360),
        _c(_O.DRUGS, "覚醒剤取締法違反（営利目的輸入）", "Importing stimulants for profit (Stimulants Control Act)",
           "覚醒剤取締法第41条第2項", 360),
        _c(_O.LAUNDERING, "組織的犯罪処罰法違反（犯罪収益等隠匿）",
           "Concealing criminal proceeds (Act on Punishment of Organized Crimes)", "組織的犯罪処罰法第10条第1項", 60),
        _c(_O.EMBEZZLEMENT, "業務上横領", "Embezzlement in the conduct of business", "刑法第253条", 120),
        _c(_O.KIDNAPPING, "身の代金目的略取", "Kidnapping for ransom", "刑法第225条の2第1項", 360),
        _c(_O.CYBER, "電子計算機使用詐欺", "Computer fraud", "刑法第246条の2", 120),
    ),
    "zh": (
        _c(_O.FRAUD, "诈骗罪", "Fraud", "《中华人民共和国刑法》第二百六十六条", 360),
        _c(_O.PHONE_FRAUD, "电信网络诈骗", "Telecommunications fraud", "《中华人民共和国刑法》第二百六十六条", 360),
        _c(_O.MURDER, "故意杀人罪", "Intentional homicide", "《中华人民共和国刑法》第二百三十二条", 360),
        _c(_O.DRUGS, "走私、贩卖、运输、制造毒品罪", "Smuggling, trafficking, transporting and manufacturing drugs",
           "《中华人民共和国刑法》第三百四十七条", 360),
        _c(_O.LAUNDERING, "洗钱罪", "Money laundering", "《中华人民共和国刑法》第一百九十一条", 120),
        _c(_O.EMBEZZLEMENT, "职务侵占罪", "Misappropriation by an employee",
           "《中华人民共和国刑法》第二百七十一条", 180),
        _c(_O.TRAFFICKING, "拐卖妇女、儿童罪", "Abducting and trafficking women and children",
           "《中华人民共和国刑法》第二百四十条", 360),
    ),
    "ko": (
        _c(_O.FRAUD, "사기", "Fraud", "형법 제347조", 120),
        _c(_O.PHONE_FRAUD, "전기통신금융사기", "Telecommunications financial fraud",
           "전기통신금융사기 피해 방지법 제15조의2", 120),
        _c(_O.MURDER, "살인", "Murder", "형법 제250조", 360),
        _c(_O.DRUGS, "마약류관리에관한법률위반(향정)",
           "Violation of the Narcotics Control Act (psychotropic substances)", "마약류 관리에 관한 법률 제58조", 360),
        _c(_O.EMBEZZLEMENT, "특정경제범죄가중처벌등에관한법률위반(횡령)", "Aggravated embezzlement",
           "특정경제범죄법 제3조", 360),
        _c(_O.CYBER, "정보통신망이용촉진및정보보호등에관한법률위반", "Violation of the Information and Communications "
           "Network Act", "정보통신망법 제71조", 60),
    ),
    "ru": (
        _c(_O.FRAUD, "Мошенничество в особо крупном размере", "Fraud on an especially large scale",
           "ч. 4 ст. 159", 120),
        _c(_O.MURDER, "Убийство", "Murder", "ч. 1 ст. 105", 180),
        _c(_O.ROBBERY, "Разбой", "Robbery with violence", "ч. 2 ст. 162", 120),
        _c(_O.DRUGS, "Незаконный сбыт наркотических средств в крупном размере",
           "Illegal sale of narcotic drugs on a large scale", "ч. 4 ст. 228.1", 240),
        _c(_O.LAUNDERING, "Легализация (отмывание) денежных средств", "Money laundering", "ч. 4 ст. 174.1", 84),
        _c(_O.EMBEZZLEMENT, "Присвоение или растрата", "Misappropriation or embezzlement", "ч. 4 ст. 160", 120),
        _c(_O.TRAFFICKING, "Торговля людьми", "Trafficking in persons", "ч. 2 ст. 127.1", 180),
        _c(_O.CYBER, "Неправомерный доступ к компьютерной информации", "Unlawful access to computer information",
           "ч. 4 ст. 272", 84),
    ),
    "uk": (
        _c(_O.FRAUD, "Шахрайство", "Fraud", "ч. 4 ст. 190 КК України", 144),
        _c(_O.MURDER, "Умисне вбивство", "Intentional homicide", "ч. 1 ст. 115 КК України", 180),
        _c(_O.DRUGS, "Незаконний збут наркотичних засобів", "Illegal sale of narcotic drugs",
           "ч. 3 ст. 307 КК України", 144),
        _c(_O.LAUNDERING, "Легалізація (відмивання) майна, одержаного злочинним шляхом", "Money laundering",
           "ч. 3 ст. 209 КК України", 144),
    ),
    "ar": (
        _c(_O.FRAUD, "احتيال", "Fraud", "المادة 336 من قانون العقوبات", 60),
        _c(_O.MURDER, "قتل عمد", "Premeditated murder", "المادة 230 من قانون العقوبات", 360),
        _c(_O.DRUGS, "الاتجار بالمخدرات", "Drug trafficking", "المادة 33 من قانون مكافحة المخدرات", 300),
        _c(_O.LAUNDERING, "غسل الأموال", "Money laundering", "المادة 2 من قانون مكافحة غسل الأموال", 120),
        _c(_O.ROBBERY, "سرقة بالإكراه", "Robbery with violence", "المادة 314 من قانون العقوبات", 180),
        _c(_O.EMBEZZLEMENT, "اختلاس", "Embezzlement", "المادة 112 من قانون العقوبات", 180),
        _c(_O.TRAFFICKING, "الاتجار بالبشر", "Trafficking in persons", "المادة 2 من قانون مكافحة الاتجار بالبشر", 180),
    ),
    "es": (
        _c(_O.FRAUD, "Estafa agravada", "Aggravated fraud", "arts. 248 y 250 del Código Penal", 72),
        _c(_O.MURDER, "Homicidio", "Homicide", "art. 138 del Código Penal", 180),
        _c(_O.DRUGS, "Tráfico de drogas", "Drug trafficking", "arts. 368 y 369 del Código Penal", 108),
        _c(_O.LAUNDERING, "Blanqueo de capitales", "Money laundering", "art. 301 del Código Penal", 72),
        _c(_O.ROBBERY, "Robo con violencia", "Robbery with violence", "art. 242 del Código Penal", 60),
        _c(_O.KIDNAPPING, "Secuestro", "Kidnapping", "art. 164 del Código Penal", 180),
        _c(_O.TRAFFICKING, "Trata de seres humanos", "Trafficking in human beings",
           "art. 177 bis del Código Penal", 96),
    ),
    "fr": (
        _c(_O.FRAUD, "Escroquerie en bande organisée", "Organised fraud", "art. 313-2 du Code pénal", 120),
        _c(_O.MURDER, "Meurtre", "Murder", "art. 221-1 du Code pénal", 360),
        _c(_O.DRUGS, "Trafic de stupéfiants", "Drug trafficking", "art. 222-37 du Code pénal", 120),
        _c(_O.LAUNDERING, "Blanchiment aggravé", "Aggravated money laundering", "art. 324-2 du Code pénal", 120),
        _c(_O.ROBBERY, "Vol à main armée", "Armed robbery", "art. 311-8 du Code pénal", 240),
        _c(_O.KIDNAPPING, "Enlèvement et séquestration", "Kidnapping and unlawful detention",
           "art. 224-1 du Code pénal", 240),
        _c(_O.TRAFFICKING, "Traite des êtres humains", "Trafficking in human beings", "art. 225-4-1 du Code pénal", 84),
    ),
    "de": (
        _c(_O.FRAUD, "Gewerbsmäßiger Betrug", "Commercial fraud", "§ 263 Abs. 3 StGB", 120),
        _c(_O.MURDER, "Mord", "Murder", "§ 211 StGB", 360),
        _c(_O.DRUGS, "Handeltreiben mit Betäubungsmitteln in nicht geringer Menge",
           "Trafficking in narcotics in not insignificant quantities", "§ 29a BtMG", 180),
        _c(_O.LAUNDERING, "Geldwäsche", "Money laundering", "§ 261 StGB", 60),
        _c(_O.ROBBERY, "Schwerer Raub", "Aggravated robbery", "§ 250 StGB", 180),
        _c(_O.KIDNAPPING, "Erpresserischer Menschenraub", "Kidnapping for ransom", "§ 239a StGB", 180),
        _c(_O.CYBER, "Computerbetrug", "Computer fraud", "§ 263a StGB", 120),
    ),
    "pt": (
        _c(_O.FRAUD, "Estelionato", "Fraud", "art. 171 do Código Penal", 60),
        _c(_O.MURDER, "Homicídio qualificado", "Aggravated homicide", "art. 121, § 2º, do Código Penal", 360),
        _c(_O.DRUGS, "Tráfico de drogas", "Drug trafficking", "art. 33 da Lei 11.343/2006", 180),
        _c(_O.LAUNDERING, "Lavagem de dinheiro", "Money laundering", "art. 1º da Lei 9.613/1998", 120),
        _c(_O.ROBBERY, "Roubo majorado", "Aggravated robbery", "art. 157, § 2º, do Código Penal", 120),
        _c(_O.KIDNAPPING, "Extorsão mediante sequestro", "Kidnapping for ransom", "art. 159 do Código Penal", 180),
    ),
    "it": (
        _c(_O.FRAUD, "Truffa aggravata", "Aggravated fraud", "art. 640 c.p.", 60),
        _c(_O.MURDER, "Omicidio volontario", "Murder", "art. 575 c.p.", 360),
        _c(_O.DRUGS, "Traffico di sostanze stupefacenti", "Drug trafficking", "art. 73 D.P.R. 309/1990", 240),
        _c(_O.LAUNDERING, "Riciclaggio", "Money laundering", "art. 648-bis c.p.", 144),
        _c(_O.ROBBERY, "Rapina aggravata", "Aggravated robbery", "art. 628 c.p.", 240),
        _c(_O.KIDNAPPING, "Sequestro di persona a scopo di estorsione", "Kidnapping for ransom", "art. 630 c.p.", 360),
    ),
    "tr": (
        _c(_O.FRAUD, "Nitelikli dolandırıcılık", "Aggravated fraud", "TCK m. 158", 120),
        _c(_O.MURDER, "Kasten öldürme", "Intentional killing", "TCK m. 81", 360),
        _c(_O.DRUGS, "Uyuşturucu veya uyarıcı madde imal ve ticareti", "Manufacturing and trafficking of drugs",
           "TCK m. 188", 360),
        _c(_O.LAUNDERING, "Suçtan kaynaklanan malvarlığı değerlerini aklama", "Money laundering", "TCK m. 282", 84),
        _c(_O.ROBBERY, "Nitelikli yağma", "Aggravated robbery", "TCK m. 149", 180),
    ),
    "pl": (
        _c(_O.FRAUD, "Oszustwo", "Fraud", "art. 286 § 1 k.k.", 96),
        _c(_O.MURDER, "Zabójstwo", "Murder", "art. 148 § 1 k.k.", 300),
        _c(_O.DRUGS, "Wprowadzanie do obrotu środków odurzających", "Drug trafficking",
           "art. 59 ustawy o przeciwdziałaniu narkomanii", 144),
        _c(_O.LAUNDERING, "Pranie pieniędzy", "Money laundering", "art. 299 § 1 k.k.", 120),
        _c(_O.ROBBERY, "Rozbój", "Robbery", "art. 280 § 1 k.k.", 144),
    ),
    "nl": (
        _c(_O.FRAUD, "Oplichting", "Fraud", "art. 326 Wetboek van Strafrecht", 48),
        _c(_O.MURDER, "Moord", "Murder", "art. 289 Wetboek van Strafrecht", 360),
        _c(_O.DRUGS, "Invoer van harddrugs", "Importing hard drugs", "art. 2 en 10 Opiumwet", 144),
        _c(_O.LAUNDERING, "Witwassen", "Money laundering", "art. 420bis Wetboek van Strafrecht", 72),
    ),
    "en": (
        _c(_O.FRAUD, "Wire fraud", None, "Criminal Code, fraud provisions", 240),
        _c(_O.MURDER, "Murder", None, "Criminal Code, homicide provisions", 360),
        _c(_O.ROBBERY, "Armed robbery", None, "Criminal Code, robbery provisions", 240),
        _c(_O.DRUGS, "Conspiracy to import cocaine", None, "Misuse of Drugs legislation", 360),
        _c(_O.LAUNDERING, "Money laundering", None, "Proceeds of Crime legislation", 168),
        _c(_O.KIDNAPPING, "Kidnapping", None, "Criminal Code, kidnapping provisions", 360),
        _c(_O.TRAFFICKING, "Trafficking in persons", None, "Anti-Trafficking in Persons legislation", 240),
        _c(_O.CYBER, "Computer intrusion and extortion", None, "Computer Misuse legislation", 120),
        _c(_O.ARMS, "Trafficking in firearms", None, "Firearms legislation", 180),
        _c(_O.CHILD_ABUSE, "Sexual assault of a child", None, "Criminal Code, sexual offences provisions", 360),
    ),
}

# Where the English law is better named by the country's own statute book.
ENGLISH_LAWS: dict[str, dict[Offence, str]] = {
    "US": {_O.FRAUD: "18 U.S.C. § 1343", _O.MURDER: "18 U.S.C. § 1111", _O.ROBBERY: "18 U.S.C. § 2113",
           _O.DRUGS: "21 U.S.C. §§ 952, 963", _O.LAUNDERING: "18 U.S.C. § 1956", _O.KIDNAPPING: "18 U.S.C. § 1201",
           _O.TRAFFICKING: "18 U.S.C. § 1591", _O.CYBER: "18 U.S.C. § 1030", _O.ARMS: "18 U.S.C. § 922",
           _O.CHILD_ABUSE: "18 U.S.C. § 2241"},
    "GB": {_O.FRAUD: "Fraud Act 2006, s. 1", _O.MURDER: "Common law (Homicide Act 1957)",
           _O.ROBBERY: "Theft Act 1968, s. 8", _O.DRUGS: "Misuse of Drugs Act 1971, s. 4",
           _O.LAUNDERING: "Proceeds of Crime Act 2002, s. 327", _O.KIDNAPPING: "Common law",
           _O.TRAFFICKING: "Modern Slavery Act 2015, s. 2", _O.CYBER: "Computer Misuse Act 1990, s. 3ZA",
           _O.ARMS: "Firearms Act 1968, s. 3", _O.CHILD_ABUSE: "Sexual Offences Act 2003, s. 5"},
    "IN": {_O.FRAUD: "Bharatiya Nyaya Sanhita, s. 318", _O.MURDER: "Bharatiya Nyaya Sanhita, s. 103",
           _O.DRUGS: "NDPS Act 1985, s. 21"},
    "AU": {_O.DRUGS: "Criminal Code Act 1995 (Cth), s. 307.1", _O.LAUNDERING: "Criminal Code Act 1995 (Cth), s. 400.3"},
    "CA": {_O.FRAUD: "Criminal Code, s. 380", _O.MURDER: "Criminal Code, s. 235", _O.DRUGS: "CDSA, s. 6"},
}
# The criminal code the Russian-language charges cite (their ``law`` is the article alone), by country.
RUSSIAN_CODES: dict[str, str] = {"RU": "УК РФ", "BY": "УК Республики Беларусь", "KZ": "УК Республики Казахстан"}

# Facts, in English (the General Secretariat's working language). Fields: {city}, {when}, {start}, {end},
# {amount}, {n}.
FACTS: dict[Offence, tuple[str, ...]] = {
    _O.FRAUD: (
        "Between {start} and {end}, the subject allegedly persuaded {n} investors in {city} to pay about {amount} "
        "into a fictitious investment fund, then left the country with the money.",
        "Between {start} and {end}, the subject allegedly sold non-existent holiday flats in {city} to {n} buyers, "
        "collecting deposits of about {amount}.",
    ),
    _O.PHONE_FRAUD: (
        "Between {start} and {end}, the subject allegedly directed a group that telephoned elderly people in {city}, "
        "posed as their grandchildren or as police officers and collected about {amount} in cash.",
    ),
    _O.MURDER: (
        "On {when}, the subject allegedly stabbed a man to death after an argument outside a bar in {city} and left "
        "the country the following day.",
        "On {when}, the subject allegedly shot a business partner dead in a car park in {city}.",
    ),
    _O.ROBBERY: (
        "On {when}, the subject and two accomplices allegedly robbed a jewellery shop in {city} at gunpoint, taking "
        "watches and jewellery worth about {amount}.",
        "On {when}, the subject allegedly attacked a cash-in-transit van in {city}, injuring a guard, and escaped "
        "with about {amount}.",
    ),
    _O.DRUGS: (
        "On {when}, customs officers in {city} seized {n} kg of cocaine hidden in a container of frozen fish; the "
        "subject is alleged to have organised the shipment.",
        "Between {start} and {end}, the subject allegedly ran a network that imported methamphetamine through "
        "{city} by air courier, about {n} kg in all.",
    ),
    _O.LAUNDERING: (
        "Between {start} and {end}, the subject allegedly laundered about {amount} of fraud proceeds through shell "
        "companies and cryptocurrency exchanges registered in {city}.",
    ),
    _O.EMBEZZLEMENT: (
        "Between {start} and {end}, while working as the chief accountant of a trading company in {city}, the "
        "subject allegedly transferred about {amount} of its funds to personal accounts.",
    ),
    _O.KIDNAPPING: (
        "On {when}, the subject allegedly abducted a businessman in {city} and held him for {n} days until his "
        "family paid a ransom of {amount}.",
    ),
    _O.TRAFFICKING: (
        "Between {start} and {end}, the subject allegedly recruited at least {n} women in {city} with false offers "
        "of work abroad and forced them into prostitution.",
    ),
    _O.CYBER: (
        "Between {start} and {end}, the subject allegedly ran a ransomware operation that encrypted the systems of "
        "{n} hospitals and companies, including in {city}, and collected about {amount} in ransom.",
    ),
    _O.ARMS: (
        "On {when}, the subject allegedly tried to ship {n} assault rifles and ammunition from {city}, hidden in a "
        "consignment of machine parts.",
    ),
    _O.CHILD_ABUSE: (
        "Between {start} and {end}, the subject allegedly sexually abused two children in {city} while working as "
        "a swimming coach.",
    ),
}
CURRENCIES: dict[str, str] = {
    "JP": "JPY", "CN": "CNY", "KR": "KRW", "RU": "RUB", "UA": "UAH", "US": "USD", "GB": "GBP", "IN": "INR",
    "BR": "BRL", "MX": "MXN", "CH": "CHF", "TR": "TRY", "PL": "PLN", "AU": "AUD", "CA": "CAD", "SA": "SAR",
    "AE": "AED", "EG": "EGP", "ZA": "ZAR", "NG": "NGN",
}
EURO: frozenset[str] = frozenset({"ES", "FR", "BE", "DE", "AT", "NL", "PT", "IT", "IE", "FI", "HR"})
# Rough number of currency units to one US dollar, for plausible amounts.
RATES: dict[str, float] = {
    "USD": 1, "EUR": 0.92, "GBP": 0.79, "CHF": 0.88, "CAD": 1.36, "AUD": 1.52, "JPY": 150, "CNY": 7, "KRW": 1350,
    "RUB": 90, "UAH": 40, "INR": 83, "BRL": 5, "MXN": 17, "TRY": 32, "PLN": 4, "ZAR": 18, "NGN": 1500, "EGP": 48,
    "SAR": 3.75, "AED": 3.67,
}

MARKS: tuple[str, ...] = (
    "Tattoo of a dragon on the right forearm", "Scar across the left eyebrow", "Mole on the left cheek",
    "Tattoo of a rose on the back of the left hand", "Missing upper front tooth", "Burn scar on the right hand",
    "Tattoo of a scorpion on the neck", "Scar on the chin", "Birthmark on the right side of the neck",
    "Tattoo of a koi carp covering the back", "Walks with a slight limp (left leg)", "Gold crown on a lower tooth",
    "Pierced left ear", "Tattoo of the name ‘ANA’ on the left wrist", "Scar from surgery on the abdomen",
)
CHILD_MARKS: tuple[str, ...] = (
    "Birthmark on the left shoulder", "Small scar above the right eye", "Wears glasses", "Freckles on both cheeks",
    "Mole under the left eye", "Braces on the upper teeth",
)
CLOTHING: tuple[str, ...] = (
    "Last seen wearing a navy school uniform and carrying a red backpack.",
    "Last seen wearing a grey hooded sweatshirt, jeans and white trainers.",
    "Last seen wearing a yellow raincoat and black boots.",
    "Last seen wearing a beige coat and carrying a brown handbag.",
    "Last seen wearing a green jacket and a baseball cap.",
    "Last seen in pyjamas and slippers; may be confused and unable to give an address.",
    "Last seen wearing a white blouse and a long dark skirt.",
    "Last seen wearing a black puffer jacket and a blue scarf.",
)

# UN sanctions regimes by country: (reference prefix for persons, for entities, resolution, list, the
# year the regime's first listings were made).
UN_REGIMES: dict[str, tuple[str, str, str, str, int]] = {
    "AF": ("TAi", "TAe", "1988", "the 1988 Sanctions List", 2011),
    "IQ": ("QDi", "QDe", "1267", "the ISIL (Da'esh) and Al-Qaida Sanctions List", 2001),
    "SY": ("QDi", "QDe", "1267", "the ISIL (Da'esh) and Al-Qaida Sanctions List", 2001),
    "YE": ("YEi", "YEe", "2140", "the 2140 Sanctions List", 2014),
    "LY": ("LYi", "LYe", "1970", "the Libya Sanctions List", 2011),
    "SO": ("SOi", "SOe", "751", "the Al-Shabaab Sanctions List", 2010),
    "CD": ("CDi", "CDe", "1533", "the Democratic Republic of the Congo Sanctions List", 2005),
    "CF": ("CFi", "CFe", "2127", "the Central African Republic Sanctions List", 2014),
    "SS": ("SSi", "SSe", "2206", "the South Sudan Sanctions List", 2015),
    "ML": ("MLi", "MLe", "2374", "the Mali Sanctions List", 2018),
    "HT": ("HTi", "HTe", "2653", "the Haiti Sanctions List", 2022),
}
UN_PERSON_SUMMARIES: tuple[str, ...] = (
    "Listed on {listed} as a financier who moved money and supplies to a listed armed group through {city}.",
    "Listed on {listed} for planning and facilitating attacks, and for recruiting fighters in and around {city}.",
    "Listed on {listed} as the commander of an armed group responsible for attacks on civilians near {city}.",
    "Listed on {listed} for smuggling arms and fuel in breach of the arms embargo through {city}.",
)
# Fictional entities: (Latin name, Arabic name or None, legal form, main activity, countries it may be of).
UN_ENTITIES: tuple[tuple[str, str | None, str, str, tuple[str, ...]], ...] = (
    ("AL-FAJR GENERAL TRADING COMPANY", "شركة الفجر للتجارة العامة", "Limited liability company",
     "Import and export of fuel and vehicles", ("IQ", "SY", "YE", "LY")),
    ("GOLDEN CRESCENT EXCHANGE", "صرافة الهلال الذهبي", "Money exchange house", "Money transfers (hawala)",
     ("AF", "IQ", "SY", "SO")),
    ("EASTERN STAR SHIPPING LLC", None, "Limited liability company", "Shipping and freight forwarding",
     ("LY", "YE", "HT", "SO")),
    ("AL-NOOR CONSTRUCTION AND CONTRACTING", "النور للمقاولات والإنشاءات", "Company",
     "Construction; suspected front for fund-raising", ("IQ", "SY", "AF")),
    ("GREAT LAKES MINERALS SARL", None, "Société à responsabilité limitée", "Gold and coltan trading",
     ("CD", "CF", "SS")),
    ("AL-BARAKA AID FOUNDATION", "مؤسسة البركة للإغاثة", "Foundation",
     "Charitable fund-raising diverted to a listed group", ("SO", "YE", "SY", "AF")),
    ("SAHEL TRANSPORT ET LOGISTIQUE", None, "Société anonyme", "Road haulage across the Sahel", ("ML", "CF")),
    ("RED SEA FISHERIES COMPANY", "شركة البحر الأحمر للأسماك", "Company", "Fishing; arms smuggling by sea",
     ("YE", "SO")),
    ("PORT CARGO SERVICES SA", None, "Société anonyme", "Port handling used to import arms", ("HT", "CD")),
)
UN_ENTITY_SUMMARIES: tuple[str, ...] = (
    "Listed on {listed} for providing financial and material support to a listed group; offices in {city}.",
    "Listed on {listed} for supplying weapons and military equipment in breach of the arms embargo.",
    "Listed on {listed} as a front company controlled by listed individuals, used to move funds through {city}.",
)

# Purple Notices: (kind, short title, description, summary of the facts).
PURPLE: tuple[tuple[str, str, str, str], ...] = (
    ("object", "Hollowed-out surfboards", "Surfboards whose foam core is replaced by vacuum-packed cocaine, resealed "
     "with fibreglass and shipped as sporting goods.", "Customs in {city} found 9 kg of cocaine in two surfboards "
     "in air freight in {when}."),
    ("object", "Cocaine-impregnated clothing", "T-shirts soaked in a cocaine solution and dried; the drug is "
     "recovered chemically after delivery.", "A courier arriving in {city} in {when} carried 40 garments holding "
     "about 3 kg of cocaine."),
    ("object", "Modified fuel tank compartment", "A second wall welded inside a lorry's fuel tank creates a dry "
     "compartment that scanners show as fuel.", "Border police near {city} found 60 kg of heroin in such a tank "
     "in {when}."),
    ("object", "Skimming device in fuel pump keypads", "A circuit board fitted behind the keypad of fuel pumps "
     "records card data and PINs and sends them by Bluetooth.", "Devices were found in 14 petrol stations around "
     "{city} in {when}."),
    ("modus_operandi", "Romance fraud with investment app", "Victims met on dating applications are persuaded "
     "over weeks to invest in a fake cryptocurrency trading application controlled by the offenders.",
     "Victims in {city} lost about 2 million USD between {start} and {end}."),
    ("modus_operandi", "Distraction thefts at hotel breakfasts", "Pairs of offenders posing as guests steal "
     "phones and wallets left on tables at hotel breakfasts, then leave the country the same day.",
     "More than 30 thefts were reported in hotels in {city} between {start} and {end}."),
    ("modus_operandi", "Business e-mail compromise", "Offenders take over a supplier's e-mail account and send "
     "invoices with changed bank details shortly before large payments fall due.", "Companies in {city} paid "
     "about 4 million EUR to mule accounts between {start} and {end}."),
    ("modus_operandi", "Cultural property thefts from rural churches", "Offenders photograph altarpieces during "
     "daytime visits and return at night to cut them from their frames; the works are sold abroad.",
     "Eleven paintings were stolen near {city} between {start} and {end}."),
)

# Orange Notices about things rather than persons: (title, description, summary of the facts).
ORANGE_OBJECTS: tuple[tuple[str, str, str], ...] = (
    ("Counterfeit insulin pens", "Pens labelled as a known insulin brand that contain no active substance; "
     "batch numbers start with 'XK7'.", "Three patients in {city} were taken to hospital in {when}; the pens "
     "were sold online and may have reached other countries."),
    ("Parcel bombs disguised as books", "Hardback books hollowed out to hold an improvised explosive device that "
     "goes off when the cover is opened.", "Two parcels were intercepted at a sorting centre in {city} in {when}."),
    ("Contaminated infant formula", "Tins of infant formula contaminated on purpose and returned to shops in an "
     "extortion attempt.", "The manufacturer in {city} received demands for money in {when}."),
)
ORANGE_PERSON_FACTS: tuple[str, ...] = (
    "The subject escaped from a high-security prison near {city} on {when}; he is armed and considered extremely "
    "dangerous.",
    "The subject, an explosives expert convicted in {city}, was released in {when} and is believed to be offering "
    "to build devices for criminal groups.",
)
BLUE_FACTS: tuple[str, ...] = (
    "Information is sought on the subject's location and activities: suspected of organising the drug shipments "
    "that reached {city} between {start} and {end}.",
    "Identity to be verified: the subject used at least three passports in different names when travelling "
    "through {city} in {when}.",
    "The subject is a witness in a murder investigation in {city} and left the country in {when}.",
)
GREEN_FACTS: tuple[str, ...] = (
    "The subject was convicted in {city} of sexually abusing children and released on {when}; he has announced "
    "that he will travel to South-East Asia.",
    "The subject has been convicted six times of pickpocketing at airports, most recently in {city} in {when}, "
    "and travels often.",
    "The subject was convicted of online fraud against elderly people in {city} and released on {when}; he is "
    "thought to be setting up a new call centre abroad.",
)
SILVER_FACTS: tuple[str, ...] = (
    "Assets believed to be the proceeds of a fraud of about {amount} in {city}: apartments, luxury cars and bank "
    "accounts held through relatives, to be traced and recovered.",
    "The subject, convicted of embezzlement in {city}, is believed to hold about {amount} in companies abroad; "
    "help is sought to identify and freeze them.",
)
BLACK_FACTS: tuple[str, ...] = (
    "The body of a {sex} aged about {age} was found on {when} on a beach near {city}.",
    "The body of a {sex} aged about {age} was recovered from the river in {city} on {when}.",
    "The remains of a {sex} aged about {age} were found in woodland near {city} on {when}; death probably "
    "occurred several months earlier.",
)
