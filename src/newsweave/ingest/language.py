"""A small, fast, dependency-free check that a text is English.

The models downstream are English-only, so the question is only "is this clearly not English?".
Two signals, both cheap: the share of letters outside the Latin script (Cyrillic, Han, Arabic,
...), and how often the most frequent function words of English occur among the words compared
with those of the other common Latin-script languages of the news. Names do not count against
English (they are in no list), and short texts are given the benefit of the doubt unless another
language's function words clearly dominate.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

SAMPLE_CHARS = 20_000
# Above this share of non-Latin letters a text is not English.
MAX_NON_LATIN_SHARE = 0.3
# At or above this share of English function words among all words, a text is English.
ENGLISH_SHARE = 0.12

# Frequent function words, chosen to be distinctive: words shared across these languages
# ("a", "in", "la", "de", "die", "no", "on", ...) are left out of every list.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to is that for it was with as by at be this from have are has not he his "
        "they were been which would will their said but or an who had its we after about more "
        "than there what when can she her our you them these into all if could should may "
        "new two one just only some other such because before between while against where "
        "those most being did does during under since until"
        .split()),
    "fr": frozenset(
        "le les des du et est une pour dans que qui sur pas par au aux avec ce cette sont ont "
        "été il elle ils nous vous leur mais ou son sa ses plus comme aussi être avait fait dit "
        "selon entre après".split()),
    "de": frozenset(
        "der das und ist nicht den dem des ein eine einen sich mit auf für von zu im auch es "
        "sie wir wird werden hat haben wurde sind dass oder aber nach bei aus wie noch nur "
        "über vor einer".split()),
    "es": frozenset(
        "el los las del y es en una por para con que se su sus al lo como más pero fue ha "
        "han este esta está son sobre también entre sin hay ser muy según".split()),
    "it": frozenset(
        "il di che è per una sono della delle degli dei nel nella con non si gli alla anche "
        "come più ma ha hanno essere stato questo questa sul dalla".split()),
    "pt": frozenset(
        "os das dos em um uma para com não que se na no por mais como mas foi ao ele ela são "
        "está também pelo pela seu sua entre".split()),
    "nl": frozenset(
        "het een en van dat niet op te zijn met voor er ook aan als bij maar om wordt "
        "werd heeft hebben naar uit nog deze dit".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect(text: str) -> str:
    """Return ``"en"`` when the text reads as English (or cannot be told apart from it), else a
    best guess: a language code of the lists above, ``"non-latin"`` or ``"und"``.

    >>> detect("The president said he would not send troops to Ukraine.")
    'en'
    >>> detect("Le président a déclaré qu'il n'enverrait pas de troupes en Ukraine.")
    'fr'
    >>> detect("Президент заявил, что не будет отправлять войска на Украину.")
    'non-latin'
    """
    sample = text[:SAMPLE_CHARS]
    letters = non_latin = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            if ord(ch) >= 0x250 and not (0x1E00 <= ord(ch) <= 0x1EFF) and not _is_latin(ch):
                non_latin += 1
    if letters and non_latin / letters > MAX_NON_LATIN_SHARE:
        return "non-latin"
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "en"
    counts = Counter(words)
    hits = {lang: sum(counts[w] for w in vocab) for lang, vocab in _FUNCTION_WORDS.items()}
    english = hits.pop("en")
    if english / len(words) >= ENGLISH_SHARE:
        return "en"
    other, other_hits = max(hits.items(), key=lambda item: item[1])
    if other_hits >= 2 and other_hits > 2 * english:
        return other if other_hits / len(words) >= 0.1 else "und"
    # A long text of lower-case words (prose, not a list of names) with almost no English
    # function words is in some language not listed above.
    lower = sum(1 for w in _WORD.findall(sample) if w[0].islower())
    if len(words) >= 50 and english / len(words) < 0.03 and lower / len(words) > 0.5:
        return "und"
    return "en"


def is_english(text: str) -> bool:
    """True unless the text is clearly in another language.

    >>> is_english("Olaf Scholz, Emmanuel Macron, Rishi Sunak, Giorgia Meloni: no troops.")
    True
    """
    return detect(text) == "en"


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")
