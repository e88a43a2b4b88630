"use strict";
// The report's filters, search and pages. It reads the cards the program
// wrote and only shows or hides them: it never writes markup, so nothing
// from a document is ever parsed as HTML here.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var list = document.getElementById("claims");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.claim"));
  var size = Number(list.getAttribute("data-page-size")) || 50;
  var field = function (id) { return document.getElementById(id); };
  var inputs = { q: field("q"), status: field("status"), kind: field("kind"), outlet: field("outlet"), actor: field("actor") };
  var shown = field("shown");
  var pager = field("pager");
  var texts = null;
  var names = function (card, attr) {
    return (card.getAttribute(attr) || "").toLowerCase().split("\n");
  };
  var outlets = cards.map(function (c) { return names(c, "data-outlets"); });
  var actors = cards.map(function (c) { return names(c, "data-actors"); });
  var page = 0;
  var matches = [];

  var some = function (list, wanted) {
    return list.some(function (n) { return n.indexOf(wanted) !== -1; });
  };
  var matching = function () {
    var q = inputs.q.value.trim().toLowerCase();
    var status = inputs.status.value;
    var kind = inputs.kind.value;
    var outlet = inputs.outlet.value.trim().toLowerCase();
    var actor = inputs.actor.value.trim().toLowerCase();
    if (q && !texts) {
      texts = cards.map(function (c) { return c.textContent.toLowerCase(); });
    }
    var found = [];
    for (var i = 0; i < cards.length; i++) {
      var c = cards[i];
      if (status && c.getAttribute("data-status") !== status) continue;
      if (kind && c.getAttribute("data-kind") !== kind) continue;
      if (outlet && !some(outlets[i], outlet)) continue;
      if (actor && !some(actors[i], actor)) continue;
      if (q && texts[i].indexOf(q) === -1) continue;
      found.push(i);
    }
    return found;
  };

  var button = function (label, target, disabled) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.disabled = disabled;
    b.addEventListener("click", function () { page = target; show(); list.scrollIntoView(); });
    return b;
  };

  var show = function () {
    var pages = Math.max(1, Math.ceil(matches.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    var visible = new Set(matches.slice(page * size, (page + 1) * size));
    for (var i = 0; i < cards.length; i++) {
      var hide = !visible.has(i);
      if (cards[i].hidden !== hide) cards[i].hidden = hide;
    }
    var from = matches.length ? page * size + 1 : 0;
    var to = Math.min(matches.length, (page + 1) * size);
    var text = "Showing " + from + "–" + to + " of " + matches.length + " propositions";
    if (matches.length !== cards.length) text += " (of " + cards.length + " in the report)";
    shown.textContent = text;
    pager.textContent = "";
    if (pages > 1) {
      pager.appendChild(button("← Previous", page - 1, page === 0));
      var at = document.createElement("span");
      at.textContent = "Page " + (page + 1) + " of " + pages;
      pager.appendChild(at);
      pager.appendChild(button("Next →", page + 1, page === pages - 1));
    }
    var pressed = inputs.status.value;
    document.querySelectorAll(".summary .badge").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-status") === pressed));
    });
  };

  var apply = function () {
    matches = matching();
    page = 0;
    show();
  };

  var clear = function () {
    Object.keys(inputs).forEach(function (k) { inputs[k].value = ""; });
  };

  // "#c12": the page holding claim 12, with the filters cleared if they hide it.
  var reveal = function () {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (/^c\d+$/.test(hash)) {
      var target = document.getElementById(hash);
      var card = target && target.closest("article.claim");
      if (!card) return;
      var index = cards.indexOf(card);
      if (matches.indexOf(index) === -1) { clear(); matches = matching(); }
      page = Math.floor(matches.indexOf(index) / size);
      show();
      target.scrollIntoView();
    } else if (hash.indexOf("=") !== -1) {
      // "#status=conflicting&outlet=TASS": a filtered view to share.
      var params = new URLSearchParams(hash);
      clear();
      Object.keys(inputs).forEach(function (k) {
        if (params.has(k)) inputs[k].value = params.get(k);
      });
      apply();
    }
  };

  var timer = 0;
  var later = function () { clearTimeout(timer); timer = setTimeout(apply, 150); };
  inputs.q.addEventListener("input", later);
  inputs.outlet.addEventListener("input", later);
  inputs.actor.addEventListener("input", later);
  inputs.status.addEventListener("change", apply);
  inputs.kind.addEventListener("change", apply);
  field("clear").addEventListener("click", function () { clear(); apply(); });
  document.querySelectorAll(".summary .badge").forEach(function (b) {
    b.addEventListener("click", function () {
      var status = b.getAttribute("data-status");
      inputs.status.value = inputs.status.value === status ? "" : status;
      apply();
    });
  });
  window.addEventListener("hashchange", reveal);

  cards.forEach(function (c) { c.classList.remove("later"); });
  apply();
  if (location.hash) reveal();
});
