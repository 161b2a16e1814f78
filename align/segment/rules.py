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
mr mrs ms dr prof gen sen sens rep reps gov lt col sgt capt cmdr adm maj brig cpl pvt supt insp det atty amb
mt ft rev hon pres vs v e.g i.e cf approx est dept univ assn bros fig figs vol vols art arts pp p
engr arc barr alh usec asec gat m/s msgr fr ph pty sdn asst
no nos op ch sec para jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# US states as AP style abbreviates them, in brackets after a place ("Tuscaloosa County (Ala.) Sheriff's deputy"):
# the period there ends no sentence unless a sentence opener follows ("… moved to Tampa (Fla.) The city …").
STATES = frozenset("ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev "
                   "okla ore pa tenn vt va wash wis wyo".split())

# Military ranks, compared as written: in capitals they are acronyms that may end a sentence
# ("a plant run by SPC. The company …", "referred to the SFC. Prosecutors …").
RANKS = frozenset("Pfc Spc SSgt TSgt MSgt Cpt Ens Cmdt".split())

# Abbreviations that end a sentence only when a typical sentence opener follows:
# "the U.S. The ..." splits, "U.S. President ..." and "Samsung Electronics Co. said" do not.
# Any other run of dotted initials ("C.Q. Brown", "N.F.L. Commissioner") is taken the same way.
MAYBE_FINAL = frozenset("""
u.s u.n u.k e.u u.s.a d.c a.m p.m co corp inc ltd llc plc bhd etc al st jr sr
""".split())
# of the same kind, compared as written: "Sault Ste. Marie", but "under the ticker STE. Shares …"
MAYBE_FINAL_AS_WRITTEN = frozenset({"Ste"})
INITIALS = regex.compile(r"(?:\p{L}\.)+\p{L}")

# Of those, the ones that end a sentence before any capitalised word but a continuation
# ("9 a.m. Officials said" and "John Roberts Jr. Twenty-five years" split; "9 a.m. Monday" and
# "Co. Chairman Lee" do not).
CLOSING_ABBREVIATIONS = frozenset("a.m p.m co corp inc ltd llc plc bhd etc jr sr".split())

# Capitalised words that continue a name or a time after such an abbreviation.
CONTINUATIONS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december
kst est edt pst pdt cst cdt gmt utc et pt ct jst local eastern pacific central mountain
co corp inc ltd llc plc group holdings
chairman chairwoman chair ceo cfo coo cto president vice chief executive head founder director spokesman
spokeswoman spokesperson
""".split())

# Words that commonly open an English sentence; after an ambiguous abbreviation
# one of these means the abbreviation also ended the sentence.
OPENER_WORDS = frozenset("""
the a an it its he she they we i you his her their our this that these those there here
in on at but and however so as after before when while if yet still meanwhile also for
some many most one two three four five six seven eight nine ten what who why how
according earlier later last next police officials the
therefore thus moreover furthermore additionally besides nevertheless nonetheless instead hence otherwise
""".split())

# A short reporting clause after a closed quote continues its sentence: "…?" Trump said. / "…." Said the
# governor. (a lower-case "said" after a closed quote is never cut at all; "Asked Tuesday, Kim said …" opens one)
REPORTING_CLAUSE = regex.compile(
    r"(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}(?:said|says|asked|asks|added|told|wrote|replied|shouted|recalled|explained"
    r"|shot back|fired back|snapped|yelled|cried|whispered|insisted|laughed|joked)[.,]"
    r"|(?:Said|Says|Added|Replied)\s+(?:(?:\p{Lu}[\p{L}.'’-]*\s*){1,3}|the\s+(?:\p{Ll}[\p{L}'’-]*\s*){1,3})[.,]")

# A quotative particle straight after a closed quote continues the sentence:
# “…했다.”라고 말했다 / “…했다” 며.
QUOTATIVE = regex.compile(r"(?:이?라(?:고|며|면서|는|던)|하고|고\s|며|면서|란|라|는\s|등)")

# A quote closed inside a Korean word: the particle or ending glued to the closing mark, stacked ones
# too (『…가는가?』를, ‘괜찮아?’는, “왜 우리만?”이라는, ‘어디가?’에서는) continues the sentence; a new word does not.
QUOTE_PARTICLE = regex.compile(
    r"(?:이?라(?:고|며|면서|는|던|니)|이?란|하고|하며|하는|하던|고|며|면서|은|는|이|가|을|를|의|에|에서|에게|와|과"
    r"|으로|로|도|만|까지|처럼|보다|이나|나|등|이라|라|이다|였다|이었다)(?:는|은|도|의|만)?(?=[\s\p{P}]|$)")

# Dotted Korean dates: the periods inside "2024. 3. 5." never end a sentence, and the last
# one does not when a weekday, a time, a range, a ruling's or rule's noun or an e-mail follows
# ("2024. 3. 5.(화) 14:00", "1. ~ 30.", "대법원 1967. 5. 2. 선고",
# "2025.03.13. kim@newsis.com"; scraped pages show a hidden address as "[email protected]").
DOTTED_INSIDE = regex.compile(r"(?<=\d)\.\s?(?=\d{1,2}\.(?!\d))")
DOTTED_DATE_END = regex.compile(r"\d{1,4}\.\s?\d{1,2}\.\s?\d{1,2}\.$")
DATE_FOLLOWERS = regex.compile(r"[(~\d]|오전|오후|부터|까지|자\b|(?:선고|판결|결정|시행|공포|기준|현재)\b|(?i:am|pm)\b"
                                r"|[\w.+-]+@|\[email")

# A Korean sentence with no final punctuation ends at a finite declarative ending (-ㅆ다,
# -ㄴ다, 있다, 없다, 이다) followed by a space, unless the next word makes it a clause
# ("하다 보니", "왔다 하더라도").
UNPUNCTUATED_END = regex.compile(r"(?<=(\p{Hangul}))다(?=\s+[\p{Hangul}“‘\"'(\[])")
# Nouns (mostly loanwords) that end in a syllable UNPUNCTUATED_END takes for a verb's -ㄴ다 ("자이언트 판다 푸바오")
NOUNS_IN_DA = frozenset("판다 혼다 우간다 르완다 어젠다 아젠다 프로파간다 베란다 아나콘다".split())
CLAUSE_WORDS = regex.compile(r"\s+(?:보니|보면|보다|하더라도|해도|하여도|치더라도|치고|싶|말고|하면|하니|하는|하고|하며"
                             r"|한들|할지라도|해서|하여)")

# An English line that stops on a comma or on a word no sentence or heading ends on runs on into the next
# ("All across Asia,\nin a stunning reversal …", "The body begins here and\ncontinues …", "state-\nof-the-art")
EN_LINE_GOES_ON = regex.compile(r"(?:[,\-–—]|\b(?i:and|or|but|nor|of|the|a|an|to|in|on|at|for|with|by|from|as|that|which"
                                r"|who|whose|than|into|its|their|his|her|our|your|is|are|was|were|be|been|has|have"
                                r"|had|will|would|can|could|should|must|not))$")

# A Korean line that stops on a comma, a connective ending or a case particle is a sentence hard-wrapped
# mid-way (broadcast scripts, old letters: "…관광객 증가세에 힘입어\n최단기간 800만 명을 …"); a headline ends
# on a noun, and nouns that end like these (마을, 회의, 결과, 광고, 측면) are left out.
KO_LINE_GOES_ON = regex.compile(
    r"(?:(?<=\p{Hangul})(?:를|을|은|는|에|며)|(?<=[\p{Hangul}\s])(?:는데|지만|면서|으며|하며|하고|되고|있고|했고|하여|해서"
    r"|에서|에게|으로|부터|까지|처럼|에는|에도|따르면|하면|되면|으면|위해|대해|통해|의해|인해|따라|앞두고|힘입어)),?$"
    r"|(?<!다),$")  # "…착수했다,": a sentence with a slip of the key

# No Korean sentence opens with a list word: after a terminal ("…힘들까? 등 5권") or a line break
# ("… 한인회장 및 대륙별한인회총연합회 임원\n등 360여 명과 …", a line hard-wrapped mid-list) it continues.
KO_NEVER_OPENS = regex.compile(r"(?:등|및)\s")

# A Korean ellipsis ends a sentence only after a sentence ending ("글쎄요… 잘 모르겠어요"); after a
# noun or a clause it is a pause or a headline's separator ("강한 우려…도발 멈추고", "조작된 사진... SBS").
ELLIPSIS = regex.compile(r"(?:…|\.{2,})+")
# (the debris features read the same endings for "is this a sentence at all")
KO_ENDINGS = "다|요|까|죠|네|군|라|자|음|함|됨|임"
KO_SENTENCE_ENDING = regex.compile(rf"(?:{KO_ENDINGS})$")

# A Korean outlet's tag in square brackets: its name ends in one of these ("[충북일보]", "[국회의정저널]"); a format
# label that ends like one is no outlet ("[카드뉴스] 경남 해수욕장 축제 리스트" is one headline).
_OUTLET_TAG = r"[\[【]\s*(?!(?:카드|포토|영상|동영상|그래픽|인포)뉴스)\p{Hangul}[\p{L}\d ]{0,12}(?:일보|신문|시보|뉴스|저널|방송|타임즈|타임스|통신|데일리|투데이|미디어|매거진|닷컴)\s*[\]】]"

# A month's name, written out or abbreviated ("September", "Sept.", "Dec.").
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
MONTH_WORD = regex.compile(MONTH)
# what follows a month written with a stop in a date ("November. 04, 2022 07:55.", the Dong-A English style)
DAY_AND_YEAR = regex.compile(r"\d{1,2},\s*(?:1[89]|20)\d{2}\b")

# Datelines and bylines that open a news story and belong to no sentence:
# "(서울=연합뉴스) 홍길동 기자 =", "[서울=뉴시스]", "[조이뉴스24 김지영 기자]", "[인사이트] 지동현 기자 =",
# "[Asia Economy Reporter Seo So-jeong]", "SEOUL, Nov. 24 (Yonhap) --", "SISTERS, Ore. (KTVZ) –", "WASHINGTON —",
# "RICHMOND, Ky. —", "Harare (New Ziana) –", "CANADA, January 31 -", "Chandigarh, September 22-", and a stored
# page's date before them ("date 2024-06-02");
# an unbracketed byline ("한국시사경제 김태훈 기자 |") and an unbracketed photo credit before the story's first
# sentence ("▲ 사진=고성군 강원 고성군은 …").
DATELINE = regex.compile(
    r"""(?:
        [(\[【<]\s*[^()\[\]【】<>=\n]{1,20}=[^()\[\]【】<>\n]{1,30}[)\]】>]
          (?:\s*(?:\p{Hangul}{2,4}\s*)(?:선임|수석)?(?:기자|특파원|통신원|기자·\p{Hangul}{2,4}\s*기자)\s*=)?
      | [(\[【]\s*[^()\[\]【】<>=\n]{1,25}\s(?:선임|수석)?(?:기자|특파원|통신원)\s*[)\]】]
      | [(\[【]\s*[^()\[\]【】<>=\n]{1,20}[)\]】]\s*\p{Hangul}{2,4}\s*(?:선임|수석)?(?:기자|특파원|통신원)\s*=
      | [(\[]\s*[^()\[\]<>=\n]{0,30}\b(?:Staff\ )?(?:Reporter|Correspondent|Writer)\b[^()\[\]<>=\n]{1,30}[)\]]
      | \p{Lu}[\p{Lu} .'-]{1,40},\s+(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}\s+|\p{Lu}\p{Ll}{1,4}\.\s+)?\([\p{L} ]{2,20}\)\s*(?:--|—|–|-)
      | \p{Lu}[\p{Lu} .'-]{1,40}\s+\([\p{L} ]{2,20}\)\s*(?:--|—|–|-)
      | \p{Lu}\p{Ll}+(?:\ \p{Lu}\p{Ll}+)?\s+\((?:\p{Lu}[\p{L}.]*\ ?){1,4}\)\s*(?:--|—|–)(?=\s+\p{Lu})
      | \p{Lu}[\p{Lu} .'-]{1,40},\s+MONTH\s+\d{1,2}(?:,\s+\d{4})?\s+(?:--|—|–|-)(?=\s)
      | \p{Lu}\p{Ll}+(?:\ \p{Lu}\p{Ll}+)?,\s+MONTH\s+\d{1,2}\s*(?:--|—|–|-)(?=\s+\p{Lu})
      | date\ \d{4}-\d{2}-\d{2}(?=\s)
      | OUTLET_TAG
      | \p{Hangul}[\p{L}\d]{1,15}\s+\p{Hangul}{2,4}\s*(?:선임|수석)?(?:기자|특파원)\s*[|=]
      | [▲△]?\s*(?:사진|그래픽|자료)\s*=\s*[^\s()\[\]]+(?:\s+제공)?(?=\s)
      | \p{Lu}{2,}(?:[ .'-]+\p{Lu}{2,})*\.?(?:,\s+\p{Lu}[\p{L}.]{1,15}(?:\ \p{Lu}[\p{L}.]{1,15})?)?\s+(?:--|—|–)(?=\s+[\p{Lu}"“‘'])
    )""".replace("OUTLET_TAG", _OUTLET_TAG).replace("MONTH", MONTH),
    regex.VERBOSE,
)

# A broadcast script's cue (◀ANC▶, ◀VCR▶, ◀INT▶, ◀END▶) and a soundbite's speaker tag ("[김수현/배우 :
# \"먼저 죄송합니다. …\"]"): pieces of their own wherever they stand on a line, so that the cue's neighbours and
# the soundbite's sentences are cut as sentences (the English edition puts the speaker on a line of its own).
# A speaker is named in Hangul, and the colon is no time's ("[서울/14:00]", "[1/3 : 2/3]" are no tags).
SCRIPT_CUE = regex.compile(r"◀[^◀▶\n]{1,12}▶|\[\s*\p{Hangul}[^\[\]:\"“”/\n]{0,19}/[^\[\]:\"“”\n]{1,40}?\s*:(?!\d)")

# A written date's year run into the capitalised word after it, where a scrape joined a date or a caption to
# the next line: "August 31st, 2024Free farm safety session", "… in August 2017Image source, Getty Images"
# (not "the 2023Honda Civic", "#2024Election", "2019Mnet").
YEAR_THEN_WORD = regex.compile(rf"(?<=\b{MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,)?\s+(?:19|20)\d{{2}})(?=\p{{Lu}}\p{{Ll}}{{3,}})")

# A dateline, byline or outlet tag in square brackets glued to the headline before it, inside a line:
# "…점유율 합산 11.8%[더구루=윤진웅 기자] 현대자동차·기아가 …", "…지정 운영 [국회의정저널] 경북교육청은 …"
# (cut before it; the line's opener rule then cuts after it). Not a photo credit: "박인비 [사진=AP/뉴시스]" is one caption.
GLUED_DATELINE = regex.compile(r"[\[【]\s*(?!사진|그래픽|자료|영상)\p{Hangul}[^\[\]【】=\n]{0,20}=[^\[\]【】\n]{1,30}[\]】]|"
                            + _OUTLET_TAG)

# A copyright notice is one segment whatever stops it holds ("Copyright Ⓒ 채널A. All rights reserved. 무단 전재 …").
COPYRIGHT = regex.compile(r"(?i:copyright\b)|\(C\)\s|[©ⓒⒸ]")  # "(c)" opens a list's third item
# a copyright notice in one pair of brackets ("< Copyright ⓒ mbn. 무단전재 및 재배포 금지 >", "‹저작권자 ⓒ 뉴스1. …>"),
# read as the whole of a piece or of the rest of a line after a sentence; not a bracketed credit opening a
# caption ("(ⓒ 뉴스1) 시민들이 걷고 있다."). A notice is short: the bound keeps a line of unclosed ones linear.
BRACKETED_COPYRIGHT = regex.compile(
    r"(?=[<‹\[(【〈《]\s*(?:저작권자\s*)?(?:(?i:copyright\b)|[©ⓒⒸ]))"
    r"(?:<[^>]{0,300}>|‹[^›>]{0,300}[›>]|\[[^\]]{0,300}\]|\([^)]{0,300}\)|【[^】]{0,300}】|〈[^〉]{0,300}〉|《[^》]{0,300}》)")

# An e-mail address: after a sentence's final punctuation it starts a byline of its own
# ("…보합을 기록했다. paq@heraldcorp.com"), though it opens in lower case.
EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
