"""Numbers as values, from Korean and from English text: 2천698, 94만, 1억1천만, 3월 12일 /
2,698, $940,000, 110 million, March 12."""

from __future__ import annotations

from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Number:
    value: float
    text: str           # as written
    exact: bool = True  # False for number words ("three"), which may match but never raise a flag
    date: bool = False  # part of a month-and-day date
    unit: bool = False  # followed by a metric (Korean) or imperial (English) unit: may be a conversion


_KO_UNITS = {"조": 1e12, "억": 1e8, "만": 1e4, "천": 1e3, "백": 1e2}
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
# digits, then optionally Korean units and more digits, with no spaces: 2천698 / 1억1천만 / 94만 / 1만2천
_KO_NUMBER = regex.compile(rf"(?<![\d.,]){_DIGITS}(?:[조억만천백]+(?:{_DIGITS}[조억만천백]*)*)?")
_KO_TOKEN = regex.compile(rf"({_DIGITS})|([조억만천백])")
_KO_DAY = regex.compile(r"(?<!\d)(\d{1,2})일")                       # "27일": day of month
_KO_MONTH_DAY = regex.compile(r"(?<!\d)(\d{1,2})월\s?(\d{1,2})일")   # "3월 12일"
_KO_WON_GLOSS = regex.compile(r"\(\s*(?:약|대략)?\s*[\d,.조억만천백\s]+원\s*\)")   # "(약 12억원)"
_YEAR_MONTH = regex.compile(r"(?:19|20)\d\d\.\d{1,2}")
_METRIC = regex.compile(r"\s?(?:km|㎞|m²|㎡|m|kg|㎏|cm|㎝|mm|ha|l|ℓ|℃|°C|킬로미터|미터|킬로그램|센티미터|헥타르|리터|도)")
_IMPERIAL = regex.compile(r"[\s-]?(?:miles?|mph|feet|foot|ft|pounds?|lbs?|inch(?:es)?|acres?|gallons?|"
                          r"square[\s-]f(?:oo|ee)t|degrees?(?:\s+Fahrenheit)?|°F)\b", regex.IGNORECASE)

_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_NUMBER = regex.compile(rf"(?<![\w.,#])([$£€]?)({_DIGITS})(?:\s?(thousand|million|billion|trillion)\b)?")
# after a currency sign: $50bn, £27bn, $5m
_EN_MONEY_SUFFIX = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
# Number words may match a Korean figure but never raise a flag themselves.
_EN_WORDS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_EN_WORDS.update({"twice": 2, "double": 2, "doubled": 2, "triple": 3, "tripled": 3, "half": 0.5,
                  "dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9})
_EN_WORD = regex.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", regex.IGNORECASE)
_MONTHS = "january february march april may june july august september october november december".split()
_EN_MONTH = regex.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b\.?(?:\s+(\d{1,2})\b)?")


def _float(digits: str) -> float:
    return float(digits.replace(",", ""))


def korean_numbers(text: str) -> list[Number]:
    """Values in Korean text; a bare day ("27일", which English writes as a weekday) is not exact."""
    out = []
    month_days = set()
    for m in _KO_MONTH_DAY.finditer(text):
        out += [Number(float(m.group(1)), m.group(0), date=True), Number(float(m.group(2)), m.group(0), date=True)]
        month_days.update(range(m.start(), m.end()))
    days = {m.start(1) for m in _KO_DAY.finditer(text)}
    glosses = {i for m in _KO_WON_GLOSS.finditer(text) for i in range(m.start(), m.end())}
    for m in _KO_NUMBER.finditer(text):
        if m.start() in month_days:
            continue
        value = _parse_korean(m.group())
        # "27일" is a date English gives as a weekday or a span of days; "(약 2400억원)" is the
        # won equivalent of a dollar figure; "2005.10" a year and month: these may match, never flag
        exact = not ((m.start() in days and m.group().isdigit()) or m.start() in glosses
                     or _YEAR_MONTH.fullmatch(m.group()))
        out.append(Number(value, m.group(), exact=exact, unit=bool(_METRIC.match(text, m.end()))))
    return out


def _parse_korean(token: str) -> float:
    total = small = 0.0
    current = None
    for digits, unit in _KO_TOKEN.findall(token):
        if digits:
            current = _float(digits)
        elif unit in ("천", "백"):
            small += (1 if current is None else current) * _KO_UNITS[unit]
            current = None
        else:  # 만, 억, 조 scale everything below them
            below = small + (current or 0)
            total += (below if below else 1) * _KO_UNITS[unit]
            small, current = 0.0, None
    return total + small + (current or 0)


def english_numbers(text: str) -> list[Number]:
    out = []
    days = set()
    for m in _EN_MONTH.finditer(text):
        month = float(next(i + 1 for i, name in enumerate(_MONTHS) if name.startswith(m.group(1).lower())))
        if m.group(2):  # "March 12": a date, matched against 3월 12일
            out += [Number(month, m.group(0), date=True), Number(float(m.group(2)), m.group(0), date=True)]
            days.add(m.start(2))
        else:
            out.append(Number(month, m.group(0), exact=False))
    for m in _EN_NUMBER.finditer(text):
        if m.start(2) in days:
            continue
        value = _float(m.group(2)) * _EN_SCALES.get((m.group(3) or "").lower(), 1)
        suffix = regex.match(r"(bn|mn|tn|[kmb])\b", text[m.end():]) if m.group(1) and not m.group(3) else None
        if suffix:
            value *= _EN_MONEY_SUFFIX[suffix.group(1)]
        # "$50bn (£27bn)": a currency gloss in brackets may match, never flag
        gloss = m.group(1) and m.start() > 0 and text[m.start() - 1] == "("
        out.append(Number(value, m.group(0) + (suffix.group(0) if suffix else ""), exact=not gloss,
                          unit=bool(_IMPERIAL.match(text, m.end()))))
    out += [Number(_EN_WORDS[m.group(1).lower()], m.group(0), exact=False) for m in _EN_WORD.finditer(text)]
    return out


# Unit conversions translators make (km/mile, m/foot, kg/pound, cm/inch, hectare/acre,
# litre/gallon, m²/square foot): a figure and its converted value are the same fact.
_CONVERSIONS = (1.609, 3.281, 2.205, 2.54, 2.471, 3.785, 10.764)


def same_value(a: float, b: float) -> bool:
    """The same figure; only floating-point noise is forgiven (2,698 and "about 2,700" differ)."""
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def converted(a: Number, b: Number) -> bool:
    """``a`` and ``b`` both carry units and one is the other converted (within rounding)."""
    x, y = a.value, b.value
    if not (a.unit and b.unit) or min(x, y) <= 0:
        return False
    ratio = max(x, y) / min(x, y)
    return (any(abs(ratio - f) <= 0.05 * f for f in _CONVERSIONS)
            or abs(x * 9 / 5 + 32 - y) <= 1.5 or abs(y * 9 / 5 + 32 - x) <= 1.5)
