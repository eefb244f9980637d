// The run report's behaviour: task details drawn when opened, and the task table's filters.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);

  function h(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function drawTask(body, id) {
    const t = data.tasks[id];
    if (!t.train) body.appendChild(h("p", "muted", "The task itself is not available (its source was not found)."));
    (t.train || []).forEach(function (pair, i) {
      const row = h("div", "row");
      row.appendChild(ArcGrid.figure("train " + i + " input " + ArcGrid.size(pair[0]), pair[0], { max: 160 }));
      row.appendChild(ArcGrid.figure("train " + i + " output " + ArcGrid.size(pair[1]), pair[1], { max: 160 }));
      body.appendChild(row);
    });
    const tests = Math.max((t.test || []).length, t.attempts.length);
    for (let i = 0; i < tests; i++) {
      const row = h("div", "row");
      const test = (t.test || [])[i];
      if (test) {
        row.appendChild(ArcGrid.figure("test " + i + " input " + ArcGrid.size(test.input), test.input, { max: 160 }));
        if (test.output) row.appendChild(ArcGrid.figure("test " + i + " output " + ArcGrid.size(test.output), test.output, { max: 160 }));
      }
      const programs = [];
      (t.attempts[i] || []).forEach(function (a, k) {
        const verdict = a.correct === null ? "" : a.correct ? ": right" : ": wrong";
        row.appendChild(ArcGrid.figure("attempt " + (k + 1) + " " + ArcGrid.size(a.grid) + verdict, a.grid,
          { max: 160, frame: a.correct === null ? null : a.correct ? "right" : "wrong" }));
        if (a.correct === false) {
          row.appendChild(ArcGrid.figure("diff " + (k + 1) + ": " + a.summary, a.same_shape ? a.grid : null,
            { max: 160, wrong: a.wrong }));
        }
        if (a.program) programs.push(["test " + i + " attempt " + (k + 1), a.program]);
      });
      body.appendChild(row);
      programs.forEach(function (p) {
        body.appendChild(h("div", "label", "Program (" + p[0] + ")"));
        body.appendChild(h("pre", "program", p[1]));
      });
    }
    if (t.error) {
      body.appendChild(h("div", "label", "Error"));
      body.appendChild(h("pre", "error", t.error));
    }
  }

  document.querySelectorAll("details[data-task]").forEach(function (d) {
    d.addEventListener("toggle", function () {
      const body = d.querySelector(".body");
      if (d.open && !body.dataset.drawn) { drawTask(body, d.dataset.task); body.dataset.drawn = "1"; }
    });
  });

  function openFromHash() {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openFromHash);
  openFromHash();

  const buttons = document.querySelectorAll(".filters button");
  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      const f = b.dataset.filter;
      buttons.forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
      document.querySelectorAll("#task-table tbody tr").forEach(function (tr) {
        tr.hidden = f !== "all" && tr.dataset.outcome !== f;
      });
    });
  });
})();
