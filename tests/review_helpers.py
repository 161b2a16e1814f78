"""What the review tests share: the KNPA sample's gold alignment and a deliberately broken copy of it,
made into review projects without the encoder, and a raw HTTP client that can forge headers."""

from __future__ import annotations

import http.client
import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from align import sentences_of
from align.checks import check_pair
from align.textio import read_text
from align.types import Alignment, Bead
from conftest import SAMPLES, read_gold

# the gold leftovers' categories, as a reader names them (the gold file gives only the indices)
GOLD_CATEGORIES = {("ko", 1): "ui", ("ko", 2): "dateline", ("ko", 7): "omission", ("ko", 13): "credit",
                   ("ko", 14): "byline", ("ko", 15): "copyright", ("en", 1): "byline", ("en", 2): "timestamp",
                   ("en", 12): "ui", ("en", 13): "credit", ("en", 14): "copyright"}
GOLD_PAIRS = {b for b in read_gold(SAMPLES / "knpa-undp.gold") if b[0] and b[1]}

# The gold alignment broken in five ways, each fixed by one keyed edit (the row's index before any fix):
# 5+6 were one 2-1 (merge, m), 8+9 one 1-2 (link to previous, L), 10 is an omission called debris
# (category, C), 11 is two pairs merged (split, s), 17 links two debris leftovers (unlink, x).
BROKEN = [((0,), (0,), 0.99, None), ((1,), (), 0, "ui"), ((2,), (), 0, "dateline"), ((), (1,), 0, "byline"),
          ((), (2,), 0, "timestamp"), ((3,), (3,), 0.55, None), ((4,), (), 0, "omission"),
          ((5,), (4,), 0.97, None), ((6,), (5,), 0.7, None), ((), (6,), 0, "addition"), ((7,), (), 0, "ui"),
          ((8, 9), (7, 8), 0.62, None), ((10,), (9,), 0.96, None), ((11,), (10,), 0.99, None),
          ((12,), (11,), 1.0, None), ((13,), (), 0, "credit"), ((14,), (), 0, "byline"), ((15,), (12,), 0.3, None),
          ((), (13,), 0, "credit"), ((), (14,), 0, "copyright")]
FIXES = [(17, "x"), (11, "s"), (10, "C"), (9, "L"), (5, "m")]  # bottom up: each leaves the rows above in place


def sample_alignment(directory: Path, spec, name: str = "knpa-undp") -> Alignment:
    """The sample's sentences (copied into ``directory``) with the beads of ``spec``:
    (ko indices, en indices, score, leftover category)."""
    paths = [shutil.copy(SAMPLES / f"{name}.{side}.txt", directory) for side in ("ko", "en")]
    ko_text, en_text = (read_text(p) for p in paths)
    ko_s, en_s = sentences_of(ko_text), sentences_of(en_text)
    beads = [Bead(ko, en, float(score), f"{len(ko)}-{len(en)}",
                  flags=check_pair(" ".join(ko_s[i].text for i in ko), " ".join(en_s[j].text for j in en), en_text))
             if ko and en else
             Bead(ko, en, 0.0, "leftover", "ko" if ko else "en", category, "labelled by hand")
             for ko, en, score, category in spec]
    return Alignment(ko_text, en_text, ko_s, en_s, beads, 0.9,
                     "align:test|model:none|gold", {"model": "none"}, f"{name}.ko.txt")


def broken_project(directory: Path):
    from align_review import Project
    alignment = sample_alignment(directory, BROKEN)
    return Project.create(alignment, directory / "knpa-undp.ko.txt", directory / "knpa-undp.en.txt")


def gold_texts() -> set[tuple[str, str]]:
    """The gold pairs as the texts a TMX unit holds, from the sample's own sentences."""
    ko_s, en_s = (sentences_of(read_text(SAMPLES / f"knpa-undp.{side}.txt")) for side in ("ko", "en"))
    return {(" ".join(ko_s[i].text for i in ko), " ".join(en_s[j].text for j in en)) for ko, en in GOLD_PAIRS}


def request(url: str, method: str = "GET", body: dict | None = None, origin: str | None = "same",
            host: str | None = None, content_type: str = "application/json") -> tuple[int, dict, bytes]:
    """A raw HTTP request to the review server: (status, headers, body). ``origin="same"`` sends the
    server's own origin; ``host`` overrides the Host header."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Host": host or parts.netloc}
    if origin == "same":
        origin = f"{parts.scheme}://{parts.netloc}"
    if origin is not None:
        headers["Origin"] = origin
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = content_type
    conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=data, headers=headers)
    response = conn.getresponse()
    out = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    conn.close()
    return out
