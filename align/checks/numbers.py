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


_KO_UNITS = {"조": 1e12, "억": 1e8, "만": 1e4, "천": 1e3, "백": 1e2}
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
# digits, then optionally Korean units and more digits, with no spaces: 2천698 / 1억1천만 / 94만 / 1만2천
_KO_NUMBER = regex.compile(rf"(?<![\d.,]){_DIGITS}(?:[조억만천백]+(?:{_DIGITS}[조억만천백]*)*)?")
_KO_TOKEN = regex.compile(rf"({_DIGITS})|([조억만천백])")
_KO_DAY = regex.compile(r"(?<!\d)(\d{1,2})일")                       # "27일": day of month
_KO_MONTH_DAY = regex.compile(r"(?<!\d)(\d{1,2})월\s?(\d{1,2})일")   # "3월 12일"

_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_NUMBER = regex.compile(rf"(?<![\w.,])({_DIGITS})(?:\s?(thousand|million|billion|trillion)\b)?")
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
    """Values in Korean text; a bare day of month ("27일", which English writes as a weekday) is left out."""
    out = []
    month_days = set()
    for m in _KO_MONTH_DAY.finditer(text):
        out += [Number(float(m.group(1)), m.group(0), date=True), Number(float(m.group(2)), m.group(0), date=True)]
        month_days.update(range(m.start(), m.end()))
    days = {m.start(1) for m in _KO_DAY.finditer(text)}
    for m in _KO_NUMBER.finditer(text):
        if m.start() in month_days or (m.start() in days and m.group().isdigit()):
            continue
        out.append(Number(_parse_korean(m.group()), m.group()))
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
        if m.start(1) not in days:
            out.append(Number(_float(m.group(1)) * _EN_SCALES.get((m.group(2) or "").lower(), 1), m.group(0)))
    out += [Number(_EN_WORDS[m.group(1).lower()], m.group(0), exact=False) for m in _EN_WORD.finditer(text)]
    return out


def same_value(a: float, b: float) -> bool:
    """The same figure; only floating-point noise is forgiven (2,698 and "about 2,700" differ)."""
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)
