// Small helpers the views share: building elements, badges, number formats, pairs of grids, filters.
(function (global) {
  "use strict";

  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (k === "onclick") e.addEventListener("click", attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  const enc = encodeURIComponent;
  const api = function (p, o) { return ArcApp.api(p, o); };

  function percent(value) { return value === null || value === undefined ? "–" : (100 * value).toFixed(1) + "%"; }
  function signed(value, digits) { return (value > 0 ? "+" : "") + value.toFixed(digits); }

  function badge(text, cls) { return h("span", { class: "badge " + (cls || text) }, text); }

  function pairRow(label, input, output, max) {
    return h("div", { class: "pair" },
      ArcGrid.figure(label + " input " + ArcGrid.size(input), input, { max: max }),
      h("span", { class: "arrow" }, "→"),
      ArcGrid.figure(label + " output " + ArcGrid.size(output), output, { max: max }));
  }

  function trainPairs(task, max) {
    return h("div", { class: "pairs", id: "train" },
      ...task.train.map(function (p, i) { return pairRow("train " + i, p.input, p.output, max); }));
  }

  function handSummary(states) {
    const frag = h("span", {});
    states.forEach(function (s) { if (s !== "untried") frag.appendChild(badge(s)); });
    return frag;
  }

  function filterBar(base, current, options, param) {
    const bar = h("div", { class: "toolbar", id: "filters" });
    options.forEach(function (name) {
      const active = (current || "all") === name;
      bar.appendChild(h("a", { class: "button" + (active ? " active" : ""), "data-filter": name,
                               href: base + (name === "all" ? "" : "?" + (param || "status") + "=" + name) }, name));
    });
    return bar;
  }

  function searchBox(list) {
    const box = h("input", { type: "search", placeholder: "Filter by task id", id: "task-search" });
    box.addEventListener("input", function () {
      const q = box.value.trim().toLowerCase();
      list.querySelectorAll("[data-task]").forEach(function (a) {
        a.style.display = a.dataset.task.toLowerCase().includes(q) ? "" : "none";
      });
    });
    return box;
  }

  global.ArcUI = {
    h: h, enc: enc, api: api, percent: percent, signed: signed, badge: badge, pairRow: pairRow,
    trainPairs: trainPairs, handSummary: handSummary, filterBar: filterBar, searchBox: searchBox,
  };
})(window);
