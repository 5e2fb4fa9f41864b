#!/usr/bin/env python3
"""Builds data/gazetteer/countries.tsv (CLDR names + hand-added forms) and
countries_wc.tsv (mledoze/world-countries official names and demonyms, ODbL)
from ../shared/data. Run from the repo root: python3 crates/gazetteer/tools/gen_countries.py"""
import csv, os, re

SHARED = os.path.join(os.path.dirname(__file__), "../../../../shared/data")
OUT = os.path.join(os.path.dirname(__file__), "../../../data/gazetteer")

# Territories that are not states Kazakhstan deals with, or whose names are common words.
SKIP_CODES = {"AQ", "BV", "HM", "UM", "TF", "IO", "GS", "JE", "GG", "IM", "PN", "CC", "CX", "NF", "BQ", "SJ", "AX", "VG", "VI", "MP", "AS", "GU", "PR", "UM"}
SKIP_NAMES = {"Того", "Chad", "Jersey"}

# Hand-added forms news writes (abbreviations, formal names, short names), yntymaq, CC0.
EXTRA = {
    "KZ": ("RK|Republic of Kazakhstan|Kazakhstan|Qazaqstan", "РК|Республика Казахстан", "ҚР|Қазақстан Республикасы"),
    "RU": ("RF|Russian Federation", "РФ|Российская Федерация", "РФ|Ресей Федерациясы"),
    "DE": ("FRG|Federal Republic of Germany", "ФРГ|Федеративная Республика Германия", "ГФР|Германия Федеративтік Республикасы|Германия Федеративтік Республикасының"),
    "CN": ("PRC|People's Republic of China", "КНР|Китайская Народная Республика|Поднебесная", "ҚХР|Қытай Халық Республикасы"),
    "US": ("USA|United States of America|America", "США|Соединенные Штаты Америки|Америка", "АҚШ|Америка Құрама Штаттары|Америка"),
    "GB": ("UK|Great Britain|Britain|England", "Соединенное Королевство|Британия|Англия", "Ұлыбритания|Британия|Англия|Біріккен Корольдігі"),
    "KR": ("Korea|Republic of Korea", "Южная Корея|Корея", "Корея|Корея Республикасы"),
    "KP": ("DPRK", "Северная Корея", "КХДР"),
    "AE": ("UAE|Emirates|the Emirates", "Объединенные Арабские Эмираты|Эмираты", "БАӘ|Әмірліктер"),
    "TR": ("Türkiye|Turkiye|Republic of Türkiye", "Турецкая Республика", "Түркия Республикасы|Түркия"),
    "UZ": ("Republic of Uzbekistan", "Республика Узбекистан", "Өзбекстан Республикасы"),
    "KG": ("Kyrgyz Republic|Kirghizia", "Кыргызстан|Кыргызская Республика", "Қырғыз Республикасы"),
    "TJ": ("Republic of Tajikistan", "Республика Таджикистан", "Тәжікстан Республикасы"),
    "TM": ("", "Туркмения", ""),
    "AZ": ("Republic of Azerbaijan", "Азербайджанская Республика", "Әзірбайжан|Әзербайжан Республикасы"),
    "BY": ("Republic of Belarus", "Белоруссия|Республика Беларусь|РБ", "Белоруссия|Беларусь Республикасы"),
    "IR": ("Islamic Republic of Iran", "Исламская Республика Иран|ИРИ", "Иран Ислам Республикасы"),
    "NL": ("Holland|the Netherlands|Kingdom of the Netherlands", "Голландия|Королевство Нидерландов", "Нидерланды|Голландия|Нидерланд Корольдігі"),
    "CZ": ("", "Чешская Республика", "Чехия Республикасы"),
    "HU": ("", "Венгерская Республика", "Мажарстан|Венгрия"),
    "MN": ("", "", "Моңғолия"),
    "IN": ("Republic of India", "Республика Индия", "Үндістан|Индия"),
    "JP": ("", "Страна восходящего солнца", "Жапония"),
    "FR": ("French Republic", "Французская Республика", "Франция Республикасы"),
    "IT": ("Italian Republic", "Итальянская Республика", "Италия Республикасы"),
    "PL": ("Republic of Poland", "Республика Польша", "Польша Республикасы"),
    "UA": ("", "", "Украина"),
    "SA": ("KSA", "Королевство Саудовская Аравия|Саудовская Аравия", "Сауд Арабиясы"),
    "QA": ("State of Qatar", "Государство Катар", ""),
    "VN": ("Viet Nam", "Вьетнам", "Вьетнам"),
    "MY": ("", "", "Малайзия"),
    "SG": ("", "", "Сингапур"),
    "CH": ("Swiss Confederation", "Швейцарская Конфедерация", ""),
    "AT": ("Republic of Austria", "Австрийская Республика", ""),
    "ES": ("Kingdom of Spain", "Королевство Испания", ""),
    "BE": ("Kingdom of Belgium", "Королевство Бельгия", ""),
    "GE": ("", "Грузия", "Грузия"),
    "AM": ("Republic of Armenia", "Республика Армения", ""),
    "LT": ("", "Литовская Республика", ""),
    "LV": ("", "Латвийская Республика", ""),
    "EE": ("", "Эстонская Республика", ""),
    "EG": ("", "Арабская Республика Египет", "Мысыр"),
    "PK": ("", "Исламская Республика Пакистан", ""),
    "AF": ("Islamic Republic of Afghanistan", "Исламская Республика Афганистан", ""),
}

def bars(*xs):
    out = []
    for x in xs:
        for n in (x or "").split("|"):
            n = n.strip()
            if n and n not in SKIP_NAMES and n not in out:
                out.append(n)
    return "|".join(out)

rows = []
with open(os.path.join(SHARED, "countries.tsv"), encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        if r["iso3166_1"] != "1" or r["code"] in SKIP_CODES:
            continue
        ex = EXTRA.get(r["code"], ("", "", ""))
        rows.append([r["code"], bars(r["en"], r["en_alt"], ex[0]), bars(r["ru"], r["ru_alt"], ex[1]), bars(r["kk"], r["kk_alt"], ex[2])])
with open(os.path.join(OUT, "countries.tsv"), "w", encoding="utf-8") as o:
    o.write("# Countries (ISO 3166-1 alpha-2) and their names in en/ru/kk, |-separated.\n"
            "# Source: Unicode CLDR 48 (cldr-localenames-full 48.2.0) via ../shared/data/countries.tsv,\n"
            "# licence Unicode-3.0 (data/licenses/Unicode-3.0_CLDR.txt), plus hand-added short and formal\n"
            "# forms (yntymaq). Generated by crates/gazetteer/tools/gen_countries.py.\n")
    o.write("code\ten\tru\tkk\n")
    for r in rows:
        o.write("\t".join(r) + "\n")

def ok_alt(n):
    # official and alternative names in Latin or Cyrillic script, no bare codes
    return len(n) > 3 and re.fullmatch(r"[A-Za-zÀ-ž'’ .\-,()А-Яа-яЁё]+", n) and "," not in n and "(" not in n

dem_count = {}
with open(os.path.join(SHARED, "countries_world-countries.tsv"), encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        if r["code"] in SKIP_CODES:
            continue
        for d in {r["demonym_en_m"], r["demonym_en_f"]}:
            dem_count[d] = dem_count.get(d, 0) + 1
wc = []
with open(os.path.join(SHARED, "countries_world-countries.tsv"), encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        if r["code"] in SKIP_CODES or r["code"] == "XK":
            continue
        en = bars(r["en_common"], r["en_official"], "|".join(a for a in r["alt_spellings"].split("|") if ok_alt(a) and not re.search("[А-Яа-я]", a)))
        ru = bars(r["ru_common"], r["ru_official"], "|".join(a for a in r["alt_spellings"].split("|") if ok_alt(a) and re.search("[А-Яа-я]", a) and not re.search("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]", a)))
        # demonyms shared by several states (Congolese, Dominican) say nothing
        dem = bars(*(d for d in (r["demonym_en_m"], r["demonym_en_f"]) if dem_count.get(d, 0) == 1))
        wc.append([r["code"], en, ru, dem])
with open(os.path.join(OUT, "countries_wc.tsv"), "w", encoding="utf-8") as o:
    o.write("# Official and alternative country names (en, ru) and English demonyms.\n"
            "# Source: npm world-countries 5.1.0 (mledoze/countries) via ../shared/data/countries_world-countries.tsv.\n"
            "# Licence: ODbL-1.0 (data/licenses/ODbL-1.0.txt); this file is a derived database under ODbL.\n"
            "# Generated by crates/gazetteer/tools/gen_countries.py.\n")
    o.write("code\ten\tru\tdemonym_en\n")
    for r in wc:
        o.write("\t".join(r) + "\n")
print(len(rows), len(wc))
