"""Compare texts regardless of UK and US spelling.

SFIA publishes its text in US English ("organization", "program") while role
cards are often written in UK English. A card that pasted SFIA's text and
respelt it has not changed it, so the merge compares texts through
``spelling_key``. The folding is applied to both texts, so folding a word that
has no variant (``expertise`` -> ``expertize``) is harmless.

>>> spelling_key("Organises the  programme's behaviour")
"organizes the program's behavior"
>>> spelling_key("analysing catalogues") == spelling_key("analyzing catalogs")
True
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # organise/organize, organisation/organization, prioritising, ...
        (r"(?<=[a-z])is(e|ed|es|ing|ation|ations|er|ers)\b", r"iz\1"),
        # analyse/analyze, paralysed, ...
        (r"(?<=[a-z])ys(e|ed|es|ing|er|ers)\b", r"yz\1"),
        (r"\bprogramme(s?)\b", r"program\1"),
        (r"\bcatalogue(s|d)?\b", r"catalog\1"),
        (r"\bdialogue(s)?\b", r"dialog\1"),
        (r"\bjudgement(s)?\b", r"judgment\1"),
        (r"\b(acknowledg)ement(s)?\b", r"\1ment\2"),
        (r"\b(cent|met|fib|theat)re(s|d)?\b", r"\1er\2"),
        (r"\b(licen|defen|offen)ce(s|d)?\b", r"\1se\2"),
        # behaviour/behavior, colour, favour, labour, honour, ...
        (
            r"\b(behavi|col|fav|lab|hon|neighb|endeav|rum|hum|harb|vig|flav|sav|arm)"
            r"our",
            r"\1or",
        ),
        # modelling/modeling, labelled/labeled, travelling, ...
        (r"(?<=[a-z])ll(ed|ing|er|ers)\b", r"l\1"),
        (r"\benrol(s|ment)?\b", r"enroll\1"),
        (r"\bfulfil(s|ment)?\b", r"fulfill\1"),
    )
)


def spelling_key(text: str) -> str:
    """The text in lower case, spaces collapsed, UK spellings folded to US."""
    key = " ".join(text.split()).casefold()
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key
