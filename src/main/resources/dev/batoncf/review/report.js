(function () {
  "use strict";
  var table = document.getElementById("people");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  // What the filter matches: the row's text plus its flag codes (so "no_2fa" finds those rows).
  var text = rows.map(function (r) {
    return (r.textContent + " " + (r.getAttribute("data-codes") || "")).toLowerCase();
  });
  var filter = document.getElementById("filter");
  var flaggedOnly = document.getElementById("flagged-only");
  var count = document.getElementById("count");
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function apply() {
    var terms = filter.value.toLowerCase().split(/\s+/).filter(function (t) { return t; });
    var onlyFlagged = flaggedOnly.checked;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var ok = (!onlyFlagged || rows[i].getAttribute("data-flagged") === "1")
        && terms.every(function (t) { return text[i].indexOf(t) >= 0; });
      rows[i].hidden = !ok;
      if (ok) { shown++; }
    }
    count.textContent = shown + " of " + rows.length + " rows shown";
  }

  function key(row, col) {
    var cell = row.cells[col];
    var k = cell.getAttribute("data-key");
    return k !== null ? k : cell.textContent.trim().toLowerCase();
  }

  function sortBy(col) {
    var th = heads[col];
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var numeric = th.getAttribute("data-type") === "number";
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
      if (c === 0) { c = Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index")); }
      return dir === "ascending" ? c : -c;
    });
    heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", dir);
    var frag = document.createDocumentFragment();
    sorted.forEach(function (r) { frag.appendChild(r); });
    body.appendChild(frag);
  }

  heads.forEach(function (th, col) {
    var b = th.querySelector("button");
    if (b) { b.addEventListener("click", function () { sortBy(col); }); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-show-flag]"), function (b) {
    b.addEventListener("click", function () {
      filter.value = b.getAttribute("data-show-flag");
      flaggedOnly.checked = true;
      apply();
      table.scrollIntoView();
    });
  });
  filter.addEventListener("input", apply);
  flaggedOnly.addEventListener("change", apply);
  apply();
}());
