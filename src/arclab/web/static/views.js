// The views of datasets, tasks and the testing interface; each fills `main` from the JSON API.
(function (global) {
  "use strict";
  const { h, enc, api, percent, badge, trainPairs, handSummary, filterBar, searchBox } = ArcUI;

  const views = {};

  views.home = function (main) {
    const blind = ArcApp.blind;
    main.appendChild(h("h1", {}, blind ? "Datasets" : "Datasets and runs"));
    if (blind) main.appendChild(h("p", { class: "muted", id: "blind-note" },
      "Testing mode: solve test inputs by hand, two tries each; test outputs and runs are not shown."));
    return Promise.all([api("/sources"), blind ? Promise.resolve(null) : api("/runs")]).then(function ([sources, runs]) {
      const table = h("table", { id: "sources" },
        h("tr", {}, h("th", {}, "Dataset"), h("th", {}, "Version"), h("th", {}, "Tasks"), h("th", {}, "")));
      sources.forEach(function (s) {
        table.appendChild(h("tr", {},
          h("td", {}, h("a", { href: "#/s/" + enc(s.id) }, s.name)),
          h("td", {}, s.version || ""), h("td", {}, s.tasks),
          h("td", { class: "muted" }, s.problems ? s.problems + " bad task(s) skipped" : "")));
      });
      main.appendChild(table);
      if (runs === null) return;
      main.appendChild(h("h2", {}, "Runs"));
      if (!runs.length) {
        main.appendChild(h("p", { class: "muted" }, "No runs: start with arclab serve --runs DIR."));
        return;
      }
      const rt = h("table", { id: "runs" }, h("tr", {}, h("th", {}, "Run"), h("th", {}, "Solver"),
        h("th", {}, "Dataset"), h("th", {}, "Finished"), h("th", {}, "Tasks solved"), h("th", {}, "Per output")));
      runs.forEach(function (r) {
        rt.appendChild(h("tr", {},
          h("td", {}, h("a", { href: "#/r/" + enc(r.id) }, r.id)), h("td", {}, r.solver),
          h("td", {}, r.source), h("td", {}, r.finished + " / " + r.tasks),
          h("td", {}, r.tasks_solved + " / " + r.tasks), h("td", {}, percent(r.per_output))));
      });
      if (runs.length > 1) {
        main.appendChild(h("p", {}, h("a", { href: "#/compare?a=" + enc(runs[0].id) + "&b=" + enc(runs[1].id) },
                                      "Compare " + runs[0].id + " with " + runs[1].id)));
      }
      main.appendChild(rt);
    });
  };


  views.source = function (main, p, query) {
    const filter = query.status ? "?hand=" + enc(query.status) : "";
    return Promise.all([api("/sources"), api("/sources/" + enc(p.source) + "/tasks" + filter)])
      .then(function ([sources, tasks]) {
        const source = sources.find(function (s) { return s.id === p.source; }) || { name: p.source };
        main.appendChild(h("h1", {}, source.name));
        const list = h("div", { class: "task-list", id: "tasks" });
        const bar = filterBar("#/s/" + enc(p.source), query.status, ["all", "solved", "unsolved", "failed"]);
        bar.appendChild(h("span", { class: "muted" }, "by hand · " + tasks.length + " task(s)"));
        bar.appendChild(searchBox(list));
        main.appendChild(bar);
        tasks.forEach(function (t) {
          list.appendChild(h("a", { href: "#/s/" + enc(p.source) + "/t/" + enc(t.id), "data-task": t.id },
            t.id, handSummary(t.hand)));
        });
        main.appendChild(list);
      });
  };

  function testSection(base, task, outputs) {
    const section = h("div", { class: "pairs", id: "test" });
    task.test.forEach(function (t, i) {
      const row = h("div", { class: "pair", "data-test": i },
        ArcGrid.figure("test " + i + " input " + ArcGrid.size(t.input), t.input));
      if (outputs && outputs[i]) {
        row.appendChild(h("span", { class: "arrow" }, "→"));
        row.appendChild(ArcGrid.figure("test " + i + " output " + ArcGrid.size(outputs[i]), outputs[i]));
      }
      const side = h("div", {},
        h("a", { class: "button", href: base + "/solve/" + i, id: "solve-" + i }, "Solve test " + i + " by hand"),
        h("div", { class: "muted" }, t.has_output ? "" : "no known output to check against"),
        t.hand !== "untried" ? badge(t.hand) : null);
      side.style.marginLeft = "16px";
      row.appendChild(side);
      section.appendChild(row);
    });
    return section;
  }

  views.task = function (main, p) {
    const base = "#/s/" + enc(p.source) + "/t/" + enc(p.task);
    const path = "/sources/" + enc(p.source) + "/tasks/" + enc(p.task);
    return api(path).then(function (task) {
      main.appendChild(h("h1", {}, "Task " + task.id));
      const bar = h("div", { class: "toolbar" },
        h("a", { href: "#/s/" + enc(p.source) }, "← " + p.source),
        h("a", { class: "button", href: "/api" + path + "/picture?format=png", download: task.id + ".png" }, "PNG"),
        h("a", { class: "button", href: "/api" + path + "/picture?format=svg", download: task.id + ".svg" }, "SVG"));
      const reveal = ArcApp.blind ? null : h("button", { id: "reveal" }, "Show test outputs");
      if (reveal) bar.appendChild(reveal);
      main.appendChild(bar);
      main.appendChild(h("h2", {}, "Train pairs"));
      main.appendChild(trainPairs(task));
      main.appendChild(h("h2", {}, "Test"));
      let test = testSection(base, task, null);
      main.appendChild(test);
      if (!reveal) return null;
      reveal.addEventListener("click", function () {
        api(path + "/outputs").then(function (o) {
          const shown = testSection(base, task, o.outputs);
          test.replaceWith(shown);
          test = shown;
          reveal.disabled = true;
        });
      });
      return runsOfTask(main, p.source, task.id);
    });
  };

  // The served runs over this source that have this task, each with its outcome (no grids).
  function runsOfTask(main, source, taskId) {
    return api("/sources/" + enc(source) + "/tasks/" + enc(taskId) + "/runs").then(function (runs) {
      if (!runs.length) return;
      main.appendChild(h("h2", {}, "In runs"));
      main.appendChild(h("ul", { id: "task-runs" }, ...runs.map(function (r) {
        return h("li", { "data-run": r.run },
          h("a", { href: "#/r/" + enc(r.run) + "/t/" + enc(taskId) }, r.run), " ", badge(r.outcome));
      })));
    });
  }

  function tryList(tries) {
    const box = h("div", { class: "tries", id: "tries" });
    tries.forEach(function (t, i) {
      box.appendChild(ArcGrid.figure("try " + (i + 1) + ": " + (t.correct ? "right" : "wrong"), t.grid,
                                     { max: 90, frame: t.correct ? "right" : "wrong" }));
    });
    return box;
  }

  function verdict(result) {
    if (result.correct) return ["correct", "Correct! Solved."];
    if (result.tries_left > 0) return ["wrong", "Wrong answer. " + result.tries_left + " try left."];
    return ["wrong", "Wrong answer. No tries left."];
  }

  views.solve = function (main, p, query, onLeave) {
    const index = Number(p.index);
    const path = "/sources/" + enc(p.source) + "/tasks/" + enc(p.task);
    return api(path).then(function (task) {
      const test = task.test[index];
      if (!test) throw new Error("task " + task.id + " has no test input " + p.index);
      main.appendChild(h("h1", {}, "Solve " + task.id + " · test " + index));
      main.appendChild(h("div", { class: "toolbar" },
        h("a", { href: "#/s/" + enc(p.source) + "/t/" + enc(p.task) }, "← task " + task.id),
        h("span", { class: "muted" }, "Two tries; each answer is checked on the server, shape and every cell.")));
      const left = h("div", { class: "examples" }, h("h2", {}, "Train pairs"), trainPairs(task, 170));
      const right = h("div", { class: "answer" }, h("h2", {}, "Test " + index + ": your answer"));
      const editorRoot = h("div", { id: "editor" });
      right.appendChild(editorRoot);
      const status = h("div", { id: "try-status", class: "status" }, "");
      const triesHolder = h("div", {}, tryList(test.tries));
      right.appendChild(status);
      right.appendChild(triesHolder);
      main.appendChild(h("div", { class: "solve" }, left, right));

      function showStatus(result) {
        const v = verdict(result);
        status.className = "status " + v[0];
        status.textContent = v[1];
        status.dataset.result = v[0];
        triesHolder.replaceChildren(tryList(result.tries));
      }
      const locked = test.tries_left === 0 || !test.has_output;
      if (test.tries.length) showStatus({ correct: test.hand === "solved", tries_left: test.tries_left, tries: test.tries });
      else status.textContent = test.has_output ? "2 tries left." : "No known output: answers cannot be checked.";

      const editor = new ArcEditor.Editor(editorRoot, {
        input: test.input,
        inputTitle: "test " + index + " input " + ArcGrid.size(test.input),
        locked: locked,
        onSubmit: function (grid) {
          return ArcApp.post(path + "/tests/" + index + "/tries", { grid: grid }).then(function (result) {
            showStatus(result);
            return result.tries_left === 0;
          }).catch(function (error) {
            status.className = "status wrong";
            status.textContent = error.message;
            return error.status === 409;
          });
        },
      });
      onLeave(function () { editor.destroy(); });
    });
  };

  views.apiDocs = function (main) {
    main.appendChild(h("h1", {}, "API"));
    main.appendChild(h("p", {}, "The OpenAPI document: ", h("a", { href: "/api/openapi.json" }, "/api/openapi.json"), "."));
    return fetch("/api/openapi.json").then(function (r) { return r.json(); }).then(function (doc) {
      const table = h("table", { id: "endpoints" }, h("tr", {}, h("th", {}, "Method"), h("th", {}, "Path"), h("th", {}, "What")));
      Object.keys(doc.paths).forEach(function (path) {
        Object.keys(doc.paths[path]).forEach(function (method) {
          table.appendChild(h("tr", {}, h("td", {}, method.toUpperCase()), h("td", {}, h("code", {}, path)),
                              h("td", {}, doc.paths[path][method].summary || "")));
        });
      });
      main.appendChild(table);
    });
  };

  global.ArcViews = views;
})(window);
