"""The human-readable summary report (``align pair --report``)."""

from __future__ import annotations

from ..summary import Summary
from .text import visible


def format_report(summary: Summary) -> str:
    lines = [f"document score {summary.doc_score:.2f}"]
    for name, side in (("Korean", summary.ko), ("English", summary.en)):
        lines.append(f"{name}: {side.aligned_sentences}/{side.sentences} sentences aligned "
                     f"({_pct(side.aligned_sentences, side.sentences)}), "
                     f"{side.aligned_characters}/{side.characters} characters ({_pct(side.aligned_characters, side.characters)})")
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.pair_kinds.items()))
    lines.append(f"pairs: {summary.pairs} ({kinds or 'none'})")
    cats = ", ".join(f"{k} {v}" for k, v in summary.leftovers.items())
    lines.append(f"leftovers: {sum(summary.leftovers.values())} ({cats or 'none'})")
    for title, items in (("omissions (Korean with no English)", summary.omissions),
                         ("additions (English with no Korean)", summary.additions)):
        lines.append(f"{title}: {len(items)}")
        lines += [f"  - {text}" for text in items]
    lines.append(f"flags: {len(summary.flags)}")
    for ko, en, message in summary.flags:
        lines += [f"  - {message}", f"      ko: {ko}", f"      en: {en}"]
    lines.append(summary.signature)
    return visible("\n".join(lines)) + "\n"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"
