"""Free-text search over advisors' names and bios that works in Hebrew and Arabic.

Neither language has a stemmer in PostgreSQL, and both attach prepositions and the article to the word
(Hebrew ה/ו/ב/ל/מ/ש/כ, Arabic ال/و/ب/ل/ف/ك), so "בחינוך" must find "חינוך" and "والتعليم" must find "التعليم".
Both the stored document and the query are normalised the same way:

1. Hebrew points and cantillation, Arabic diacritics and the tatweel are removed;
2. Hebrew final letters become their ordinary form (ך→כ, ם→מ, ן→נ, ף→פ, ץ→צ); Arabic alef forms become ا,
   ى becomes ي and ة becomes ه;
3. every word is kept with each form obtained by removing a known prefix, so a word is found with or without it.

The document is a space-framed list of these forms (" word _form ... ", prefix-free forms marked "_"), stored in
AdvisorProfile.search_text. On SQLite a query word matches when one of its forms starts a document word.
On PostgreSQL pg_trgm word similarity is used as well, which also forgives inflections and typos.
"""

import re
import unicodedata

HEBREW_MARKS = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
LETTER_MAP = str.maketrans(
    {
        "ך": "כ",
        "ם": "מ",
        "ן": "נ",
        "ף": "פ",
        "ץ": "צ",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
    }
)
WORD = re.compile(r"\w+")
HEBREW_PREFIX_LETTERS = "והבלמשכ"
# Longest first: "وبال" before "بال" before "ال".
ARABIC_PREFIXES = sorted(
    {"ال", "و", "ف", "ب", "ل", "ك", "وال", "بال", "فال", "كال", "لل", "وبال", "ولل", "فبال", "وب", "ول", "فل"},
    key=len,
    reverse=True,
)
MIN_FORM_LENGTH = 2
STEM_MARK = "_"


def normalise(text: str) -> str:
    """Lower case, without points and diacritics, with final and variant letters unified."""
    text = unicodedata.normalize("NFC", text or "")
    text = HEBREW_MARKS.sub("", text)
    text = ARABIC_MARKS.sub("", text)
    # Geresh, gershayim and quotes inside Hebrew abbreviations (שפ"ע, מפע"ם) join the word.
    text = re.sub("[\"'\u05f3\u05f4]", "", text)
    return text.translate(LETTER_MAP).lower()


def _is_hebrew(word: str) -> bool:
    return "\u05d0" <= word[0] <= "\u05ea"


def _is_arabic(word: str) -> bool:
    return "\u0620" <= word[0] <= "\u064a"


def word_forms(word: str) -> list[str]:
    """The word and the forms obtained by removing the prefixes it may carry (at most three Hebrew letters)."""
    forms = [word]
    if _is_hebrew(word):
        stripped = word
        for _letter in range(3):
            if len(stripped) - 1 < MIN_FORM_LENGTH + 1 or stripped[0] not in HEBREW_PREFIX_LETTERS:
                break
            stripped = stripped[1:]
            forms.append(stripped)
    elif _is_arabic(word):
        for prefix in ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= MIN_FORM_LENGTH + 1:
                forms.append(word[len(prefix) :])
    return list(dict.fromkeys(forms))


def words(text: str) -> list[str]:
    found = WORD.findall(normalise(text).replace(STEM_MARK, " "))
    return [word for word in found if not word.isdigit() or len(word) > 1]


def search_document(*parts: str) -> str:
    """The normalised document stored for a profile: every form of every word, framed by spaces.

    Forms obtained by removing a prefix are marked with a leading "_" (a word boundary for pg_trgm), so a word
    written as such in the bio ranks above one found only without its prefix.
    """
    forms: list[str] = []
    for part in parts:
        for word in words(part):
            word_and_stems = word_forms(word)
            forms.append(word_and_stems[0])
            forms.extend(f"{STEM_MARK}{form}" for form in word_and_stems[1:])
    unique = list(dict.fromkeys(forms))
    return f" {' '.join(unique)} " if unique else ""


def query_terms(query: str) -> list[list[str]]:
    """One list of forms per query word; a profile must match every word in at least one of its forms."""
    return [word_forms(word) for word in dict.fromkeys(words(query)) if len(word) >= MIN_FORM_LENGTH][:8]
