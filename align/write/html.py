"""The HTML review page: Korean and English side by side, one row per bead, problems easy to find.

One self-contained file (no network): rows coloured by confidence, leftovers in their
column with their category, flags on the pair, a summary on top, keys n/p (or j/k) to
jump between problems and f (or the checkbox) to show only problems. Every piece of
article text is escaped: it is untrusted input.
"""

from __future__ import annotations

from html import escape

from ..summary import summarize
from .text import visible

HIGH, MID = 0.9, 0.6  # green at or above HIGH (unless flagged), amber at or above MID, red below

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Noto Sans KR","Noto Sans CJK KR",sans-serif;margin:0;color:#1d1d1f}
header{position:sticky;top:0;background:#fafafa;border-bottom:1px solid #ddd;padding:10px 16px;z-index:1}
h1{font-size:18px;margin:0 0 4px}
.summary{font-size:13px;color:#444;margin:2px 0}
.help{font-size:12px;color:#666;margin:4px 0 0}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid #e4e4e4;padding:6px 8px;vertical-align:top;text-align:left}
th{font-size:12px;color:#555;background:#f3f3f3}
col.n{width:3em}col.s{width:5em}col.k{width:9em}
tr.high{background:#e7f5ea}tr.mid{background:#fff3d1}tr.low{background:#fde0de}
tr.leftover{background:#f1f1f4;color:#555}
tr.current{outline:3px solid #3367d6;outline-offset:-3px}
.cat{display:inline-block;font-size:11px;padding:1px 6px;border-radius:9px;background:#d9d9e3;color:#333}
.cat.omission,.cat.addition{background:#f7c6c2}
.flags{margin:4px 0 0;padding-left:16px;font-size:12px;color:#a3231a}
.reason{font-size:12px;color:#777}
.sig{font:11px/1.3 ui-monospace,monospace;color:#888;word-break:break-all;margin:2px 16px 6px}
section>.summary{margin:8px 16px 0}
"""

_SCRIPT = """
(function(){
  var rows=[].slice.call(document.querySelectorAll('tr.bead'));
  var problems=rows.filter(function(r){return r.classList.contains('problem');});
  var box=document.getElementById('only-problems');
  var at=-1;
  function filter(on){box.checked=on;rows.forEach(function(r){r.hidden=on&&!r.classList.contains('problem');});}
  function go(step){
    if(!problems.length)return;
    if(at>=0)problems[at].classList.remove('current');
    at=(at+step+problems.length)%problems.length;
    var r=problems[at];r.classList.add('current');r.scrollIntoView({block:'center'});
  }
  box.addEventListener('change',function(){filter(box.checked);});
  document.addEventListener('keydown',function(e){
    if(e.target.tagName==='INPUT'&&e.key!=='f')return;
    if(e.key==='n'||e.key==='j')go(1);
    else if(e.key==='p'||e.key==='k')go(-1);
    else if(e.key==='f')filter(!box.checked);
  });
  if(location.hash==='#problems')filter(true);
})();
"""


def to_html(documents) -> str:
    parts = []
    for alignment, beads in documents:
        parts.append(_document(alignment, beads))
    title = escape(", ".join(a.name for a, _ in documents if a.name) or "alignment")
    return ("<!doctype html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width\"><title>align review: {title}</title>"
            f"<style>{_STYLE}</style></head><body>\n"
            "<header><h1>align review: " + title + "</h1>"
            "<label><input type=\"checkbox\" id=\"only-problems\"> show only problems</label>"
            "<p class=\"help\">Keys: <b>n</b>/<b>j</b> next problem, <b>p</b>/<b>k</b> previous, "
            "<b>f</b> show only problems. Green: confident pair; amber: check; red: likely wrong; "
            "grey: no counterpart.</p></header>\n"
            + "\n".join(parts) + f"\n<script>{_SCRIPT}</script></body></html>\n")


def _document(alignment, beads) -> str:
    s = summarize(alignment)
    cats = ", ".join(f"{escape(k)} {v}" for k, v in s.leftovers.items())
    summary = (f"<section><div class=\"summary\">{escape(alignment.name)} · document score "
               f"<b>{s.doc_score:.2f}</b> · {s.pairs} pairs · Korean {s.ko.aligned_sentences}/{s.ko.sentences}"
               f" and English {s.en.aligned_sentences}/{s.en.sentences} sentences aligned · leftovers: "
               f"{cats or 'none'} · flags: {len(s.flags)}</div>"
               f"<div class=\"sig\">{escape(alignment.signature)}</div>")
    rows = [_row(alignment, b, n) for n, b in enumerate(beads)]
    return (summary + "<table><colgroup><col class=\"n\"><col><col><col class=\"s\"><col class=\"k\">"
            "</colgroup><thead><tr><th>#</th><th>Korean</th><th>English</th><th>score</th><th>kind</th>"
            "</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table></section>")


def _row(alignment, bead, n) -> str:
    ko, en = (escape(visible(t)) for t in alignment.texts(bead))  # a raw ESC is an HTML parse error
    if bead.is_leftover:
        badge = (f"<span class=\"cat {escape(bead.category or '')}\">{escape(bead.category or '')}</span>"
                 f"<div class=\"reason\">{escape(bead.reason or '')}</div>")
        ko_cell, en_cell = (ko, badge) if bead.side == "ko" else (badge, en)
        return (f"<tr class=\"bead leftover problem\" id=\"b{n}\" data-kind=\"leftover\" "
                f"data-category=\"{escape(bead.category or '')}\"><td>{n}</td><td lang=\"ko\">{ko_cell}</td>"
                f"<td lang=\"en\">{en_cell}</td><td></td><td>leftover</td></tr>")
    band = "high" if bead.score >= HIGH and not bead.flags else "mid" if bead.score >= MID else "low"
    problem = "" if band == "high" else " problem"  # a flagged pair is never high
    flags = ("<ul class=\"flags\">" + "".join(f"<li>{escape(f.message)}</li>" for f in bead.flags) + "</ul>"
             if bead.flags else "")
    return (f"<tr class=\"bead pair {band}{problem}\" id=\"b{n}\" data-kind=\"{escape(bead.kind)}\" "
            f"data-score=\"{bead.score:.4f}\"><td>{n}</td><td lang=\"ko\">{ko}</td><td lang=\"en\">{en}</td>"
            f"<td>{bead.score:.2f}</td><td>{escape(bead.kind)}{flags}</td></tr>")
