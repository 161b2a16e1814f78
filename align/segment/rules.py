"""The language knowledge the sentence splitter uses, kept apart from the splitting loop."""

from __future__ import annotations

import regex

# Sentence-final punctuation, ASCII and full-width; an ellipsis counts.
TERMINALS = ".!?…。．！？"
# What may close a sentence after its final punctuation: quotes and brackets.
CLOSERS = "\"'”’»)]』」》〉】）"
# What may open a sentence.
OPENERS = "\"'“‘«([『「《〈【（"

# A run of final punctuation, the closers after it, and the whitespace after those.
BOUNDARY = regex.compile(
    rf"(?P<term>[{regex.escape(TERMINALS)}]+)(?P<close>[{regex.escape(CLOSERS)}]*)(?P<space>\s*)"
)

# Abbreviations after which a period never ends a sentence (compared lower-cased,
# without the final period).
NEVER_FINAL = frozenset("""
mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm maj st mt ft rev hon pres
jr sr vs v e.g i.e cf approx est dept univ assn bros fig figs vol vols art arts pp p
no nos op ch sec para jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# Abbreviations that end a sentence only when a typical sentence opener follows:
# "the U.S. The ..." splits, "U.S. President ..." and "Samsung Electronics Co. said" do not.
MAYBE_FINAL = frozenset("""
u.s u.n u.k e.u u.s.a d.c a.m p.m co corp inc ltd llc plc etc al
""".split())

# Words that commonly open an English sentence; after an ambiguous abbreviation
# one of these means the abbreviation also ended the sentence.
OPENER_WORDS = frozenset("""
the a an it its he she they we i you his her their our this that these those there here
in on at but and however so as after before when while if yet still meanwhile also for
some many most one two three four five six seven eight nine ten what who why how
according earlier later last next police officials the
""".split())

# A quotative particle straight after a closed quote continues the sentence:
# “…했다.”라고 말했다 / “…했다” 며.
QUOTATIVE = regex.compile(r"(?:이?라(?:고|며|면서|는|던)|하고|고\s|며|면서|란|라|는\s|등)")

# Datelines that open a news story and belong to no sentence:
# "(서울=연합뉴스) 홍길동 기자 =", "[서울=뉴시스]", "SEOUL, Nov. 24 (Yonhap) --".
DATELINE = regex.compile(
    r"""(?:
        [(\[【<]\s*[^()\[\]【】<>=\n]{1,20}=[^()\[\]【】<>\n]{1,30}[)\]】>]
          (?:\s*(?:\p{Hangul}{2,4}\s*)(?:선임|수석)?(?:기자|특파원|통신원|기자·\p{Hangul}{2,4}\s*기자)\s*=)?
      | \p{Lu}[\p{Lu} .'-]{1,40},\s+(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}\s+)?\([\p{L} ]{2,20}\)\s*(?:--|—|–|-)
      | \p{Lu}[\p{Lu} .'-]{1,40}\s+\([\p{L} ]{2,20}\)\s*(?:--|—|–|-)
    )""",
    regex.VERBOSE,
)
