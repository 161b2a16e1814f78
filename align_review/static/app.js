// The editor page. Article text is untrusted: it only ever reaches the page through textContent.
(function () {
  "use strict";
  var HIGH = 0.9, MID = 0.6;  // as the read-only page (align/write/html.py): sure, check, doubtful
  var state = null, at = 0, busy = false;
  var rows = document.getElementById("rows");
  var status = document.getElementById("status");
  var filterCategory = document.getElementById("filter-category");
  var filterFlag = document.getElementById("filter-flag");
  var withDebris = document.getElementById("with-debris");
  var exportFormat = document.getElementById("export-format");
  var editor = document.getElementById("editor");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function say(message, isError) {
    status.textContent = (isError ? "✗ " : "✓ ") + message;
    status.className = "status " + (isError ? "error" : "ok");
    status.setAttribute("role", isError ? "alert" : "status");
  }

  // --- the server ---------------------------------------------------------------------------------
  function call(path, body) {
    var options = body === undefined ? {} : {method: "POST", headers: {"Content-Type": "application/json"},
                                             body: JSON.stringify(body)};
    return fetch(path, options).then(function (response) {
      return response.json().then(function (data) {
        if (data.beads) show(data);
        if (!response.ok) throw new Error(data.error || response.statusText);
        return data;
      });
    });
  }

  function edit(op, args, done, focusAfter) {
    if (busy) return;
    busy = true;
    call("api/edit", {op: op, args: args, version: state.version})
      .then(function () { if (focusAfter !== undefined) focus(focusAfter); say(done); })
      .catch(function (err) { say(err.message, true); })
      .then(function () { busy = false; });
  }

  // --- what a bead is -----------------------------------------------------------------------------
  function isDebris(b) { return b.kind === "leftover" && b.category !== "omission" && b.category !== "addition"; }

  function band(b) {
    if (b.verified) return ["verified", "✔ verified"];
    if (b.kind === "leftover") return isDebris(b) ? ["debris", "· debris"] : ["content", "! " + b.category];
    if (b.score >= HIGH && !b.flags.length) return ["sure", "✓ sure"];
    return b.score >= MID ? ["check", "? check"] : ["doubtful", "✗ doubtful"];
  }

  function isProblem(b) {
    if (b.verified) return false;
    if (b.kind === "leftover") return !isDebris(b) || withDebris.checked;
    return band(b)[0] !== "sure";
  }

  function passes(b) {
    var c = filterCategory.value, f = filterFlag.value;
    var kinds = b.flags.map(function (x) { return x.kind; });
    var byCategory = c === "" || (c === "problems" && isProblem(b)) || (c === "pairs" && b.kind !== "leftover") ||
      (c === "leftovers" && b.kind === "leftover") || (c === "content" && b.kind === "leftover" && !isDebris(b)) ||
      (c === "debris" && isDebris(b)) || (c === "verified" && b.verified) || (c === "unverified" && !b.verified) ||
      b.category === c;
    var byFlag = f === "" || (f === "flagged" && kinds.length > 0) || (f === "unflagged" && !kinds.length) ||
      kinds.indexOf(f) >= 0;
    return byCategory && byFlag;
  }

  // --- drawing ------------------------------------------------------------------------------------
  function sentences(side, indices) {
    var cell = el("td");
    cell.lang = side;
    indices.forEach(function (i) {
      var s = state[side][i];
      var span = el("span", "s" + (s.text !== s.original ? " edited" : ""), s.text);
      if (s.text !== s.original) {
        span.title = "edited; the original reads: " + s.original;
        cell.appendChild(span);
        cell.appendChild(el("span", "tag", "✎ edited"));
      } else {
        cell.appendChild(span);
      }
    });
    return cell;
  }

  function leftoverNote(b) {
    var cell = el("td", "note");
    cell.appendChild(el("span", "cat", (isDebris(b) ? "debris: " : "") + b.category));
    cell.appendChild(el("div", "reason", b.reason || ""));
    return cell;
  }

  function row(b, n) {
    var tr = el("tr", "bead " + band(b)[0]);
    tr.id = "b" + n;
    tr.dataset.index = n;
    tr.dataset.kind = b.kind;
    if (b.category) tr.dataset.category = b.category;
    tr.appendChild(el("td", "n", String(n)));
    var st = el("td", "st");
    st.appendChild(el("span", "badge " + band(b)[0], band(b)[1]));
    if (b.kind !== "leftover") st.appendChild(el("div", "score", b.score.toFixed(2)));
    tr.appendChild(st);
    if (b.kind === "leftover") {
      tr.appendChild(b.side === "ko" ? sentences("ko", b.ko) : leftoverNote(b));
      tr.appendChild(b.side === "en" ? sentences("en", b.en) : leftoverNote(b));
    } else {
      tr.appendChild(sentences("ko", b.ko));
      tr.appendChild(sentences("en", b.en));
    }
    var k = el("td", "k", b.kind === "leftover" ? "leftover (" + b.side + ")" : b.kind);
    if (b.flags.length) {
      var ul = el("ul", "flags");
      b.flags.forEach(function (f) { ul.appendChild(el("li", null, "⚑ " + f.message)); });
      k.appendChild(ul);
    }
    tr.appendChild(k);
    tr.hidden = !passes(b);
    tr.addEventListener("click", function () { focus(n); });
    return tr;
  }

  function show(data) {
    state = data;
    document.getElementById("title").textContent = "align review: " + (data.document || data.project);
    var pairs = data.beads.filter(function (b) { return b.kind !== "leftover"; }).length;
    var verified = data.beads.filter(function (b) { return b.verified; }).length;
    document.getElementById("summary").textContent = pairs + " pairs, " + (data.beads.length - pairs) +
      " leftovers, " + verified + " verified, " + data.version + " edits · saved in " + data.project;
    document.getElementById("undo").disabled = !data.can_undo;
    document.getElementById("redo").disabled = !data.can_redo;
    rows.replaceChildren.apply(rows, data.beads.map(row));
    focus(Math.min(at, data.beads.length - 1), true);
  }

  function fillFilters(data) {
    var options = [["", "everything"], ["problems", "problems"], ["pairs", "pairs"], ["leftovers", "leftovers"],
                   ["content", "omissions and additions"], ["debris", "page debris"], ["verified", "verified"],
                   ["unverified", "not verified"]];
    data.categories.ko.slice(1).forEach(function (c) { options.push([c, "debris: " + c]); });
    options.forEach(function (o) {
      var option = el("option", null, o[1]);
      option.value = o[0];
      filterCategory.appendChild(option);
    });
    data.formats.forEach(function (f) {
      var option = el("option", null, f);
      option.value = f;
      exportFormat.appendChild(option);
    });
  }

  function refilter() {
    state.beads.forEach(function (b, n) { document.getElementById("b" + n).hidden = !passes(b); });
  }

  // --- moving about -------------------------------------------------------------------------------
  function focus(n, quiet) {
    var old = rows.querySelector("tr.current");
    if (old) { old.classList.remove("current"); old.removeAttribute("aria-current"); }
    at = Math.max(0, n);
    var tr = document.getElementById("b" + at);
    if (!tr) return;
    tr.classList.add("current");
    tr.setAttribute("aria-current", "true");
    if (!quiet) tr.scrollIntoView({block: "nearest"});
  }

  function step(direction) {
    for (var n = at + direction; n >= 0 && n < state.beads.length; n += direction) {
      if (!document.getElementById("b" + n).hidden) return focus(n);
    }
  }

  function problem(direction) {
    var order = state.beads.map(function (b, n) { return n; }).filter(function (n) { return isProblem(state.beads[n]); })
      .sort(function (a, b) { return state.beads[a].score - state.beads[b].score || a - b; });
    if (!order.length) return say("no problems left" + (withDebris.checked ? "" : " (D: include page debris)"));
    var here = order.indexOf(at);
    var next = here < 0 ? (direction > 0 ? 0 : order.length - 1) : (here + direction + order.length) % order.length;
    focus(order[next]);
    say("problem " + (next + 1) + " of " + order.length);
  }

  // --- editing the text ---------------------------------------------------------------------------
  function openEditor() {
    var b = state.beads[at], fields = document.getElementById("editor-fields");
    fields.replaceChildren();
    [["ko", b.ko, "Korean"], ["en", b.en, "English"]].forEach(function (side) {
      side[1].forEach(function (i) {
        var label = el("label", "field", side[2] + " sentence " + i);
        var area = el("textarea");
        area.value = state[side[0]][i].text;
        area.lang = side[0];
        area.dataset.side = side[0];
        area.dataset.index = i;
        label.appendChild(area);
        fields.appendChild(label);
      });
    });
    editor.showModal();
    var first = fields.querySelector("textarea");
    if (first) first.focus();
  }

  function saveEditor() {
    var changed = [].slice.call(editor.querySelectorAll("textarea")).filter(function (area) {
      return area.value !== state[area.dataset.side][+area.dataset.index].text;
    });
    editor.close();
    var next = Promise.resolve();
    changed.forEach(function (area) {
      next = next.then(function () {
        return call("api/edit", {op: "text", version: state.version,
                                 args: {side: area.dataset.side, index: +area.dataset.index, text: area.value}});
      });
    });
    next.then(function () { say(changed.length ? "text saved" : "nothing changed"); })
      .catch(function (err) { say(err.message, true); });
  }

  // --- keys ---------------------------------------------------------------------------------------
  var EDITS = {
    a: function () { edit("accept", {i: at}, "accepted row " + at); },
    m: function () { edit("merge", {i: at}, "merged rows " + at + " and " + (at + 1)); },
    s: function () { edit("split", {i: at}, "split row " + at); },
    x: function () { edit("unlink", {i: at}, "unlinked row " + at); },
    l: function () { edit("link", {i: at, step: 1}, "linked row " + at + " to the next"); },
    L: function () { edit("link", {i: at, step: -1}, "linked row " + at + " to the previous", at - 1); },
    "]": function () { edit("move", {i: at, side: "ko", step: 1}, "moved a Korean sentence down"); },
    "[": function () { edit("move", {i: at, side: "ko", step: -1}, "moved a Korean sentence up"); },
    "}": function () { edit("move", {i: at, side: "en", step: 1}, "moved an English sentence down"); },
    "{": function () { edit("move", {i: at, side: "en", step: -1}, "moved an English sentence up"); },
    c: function () { edit("cycle_category", {i: at, step: 1}, "category changed"); },
    C: function () { edit("cycle_category", {i: at, step: -1}, "category changed"); },
  };

  function act(key) {
    if (!state) return false;
    if (EDITS[key]) EDITS[key]();
    else if (key === "j") step(1);
    else if (key === "k") step(-1);
    else if (key === "n") problem(1);
    else if (key === "p") problem(-1);
    else if (key === "e") openEditor();
    else if (key === "u" || key === "U") {
      if (busy) return true;
      busy = true;
      var redo = key === "U";
      call(redo ? "api/redo" : "api/undo", {version: state.version}).then(function () { say(redo ? "redone" : "undone"); })
        .catch(function (err) { say(err.message, true); }).then(function () { busy = false; });
    } else if (key === "w") {
      call("api/export", {format: exportFormat.value})
        .then(function (data) { say("exported to " + data.files.join(", ")); })
        .catch(function (err) { say(err.message, true); });
    } else if (key === "D") { withDebris.checked = !withDebris.checked; say("n/p " + (withDebris.checked ? "visit" : "skip") + " page debris"); }
    else if (key === "f") filterCategory.focus();
    else if (key === "?") { var help = document.getElementById("help"); help.open = !help.open; }
    else return false;
    return true;
  }

  document.addEventListener("keydown", function (e) {
    // the browser's shortcuts stay the browser's; keys typed into a field are the field's
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || editor.open) return;
    var tag = e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || tag === "BUTTON") {
      if (e.key === "Escape" && tag !== "TEXTAREA") e.target.blur();
      return;
    }
    if (act(e.key)) e.preventDefault();
  });

  document.querySelectorAll("button[data-key]").forEach(function (button) {
    button.addEventListener("click", function () { act(button.dataset.key); button.blur(); });
  });
  [filterCategory, filterFlag].forEach(function (s) { s.addEventListener("change", refilter); });
  document.getElementById("editor-save").addEventListener("click", saveEditor);
  document.getElementById("editor-cancel").addEventListener("click", function () { editor.close(); });

  call("api/state").then(function (data) { fillFilters(data); focus(0); say("loaded " + data.project); })
    .catch(function (err) { say(err.message, true); });
})();
