"""TMX 1.4b, the translation-memory format CAT tools import (Trados, memoQ, OmegaT, Phrase).

Pairs only (leftovers have no translation); score, kind, flags and source document
ride along as ``<prop type="x-...">``. Written with the standard library.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import regex

from .text import bead_lines

# Characters XML 1.0 forbids (C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF).
_ILLEGAL = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return escape(_ILLEGAL.sub("", text))


def to_tmx(documents, ko_lang: str = "ko-KR", en_lang: str = "en-US") -> str:
    from ..pipeline import __version__

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
           '<tmx version="1.4">',
           f'  <header creationtool="align" creationtoolversion={quoteattr(__version__)} segtype="sentence"'
           f' o-tmf="align" adminlang="en-US" srclang={quoteattr(ko_lang)} datatype="plaintext">']
    signatures = sorted({a.signature for a, _ in documents})
    out += [f'    <prop type="x-signature">{xml_text(s)}</prop>' for s in signatures]
    out += ["  </header>", "  <body>"]
    for alignment, beads in documents:
        for bead in beads:
            if bead.is_leftover:
                continue
            ko, en = bead_lines(alignment, bead)
            out.append("    <tu>")
            props = [("x-score", f"{bead.score:.4f}"), ("x-kind", bead.kind)]
            props += [("x-document", alignment.name)] if alignment.name else []
            props += [("x-flag", f.message) for f in bead.flags]
            out += [f'      <prop type="{kind}">{xml_text(value)}</prop>' for kind, value in props]
            out.append(f'      <tuv xml:lang={quoteattr(ko_lang)}><seg>{xml_text(ko)}</seg></tuv>')
            out.append(f'      <tuv xml:lang={quoteattr(en_lang)}><seg>{xml_text(en)}</seg></tuv>')
            out.append("    </tu>")
    out += ["  </body>", "</tmx>"]
    return "\n".join(out) + "\n"
