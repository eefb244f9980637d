// The app's views; each fills `main` from the JSON API.
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

  const views = {};

  views.home = function (main) {
    main.appendChild(h("h1", {}, "Datasets and runs"));
    return Promise.all([api("/sources"), api("/runs")]).then(function ([sources, runs]) {
      const table = h("table", { id: "sources" },
        h("tr", {}, h("th", {}, "Dataset"), h("th", {}, "Version"), h("th", {}, "Tasks"), h("th", {}, "")));
      sources.forEach(function (s) {
        table.appendChild(h("tr", {},
          h("td", {}, h("a", { href: "#/s/" + enc(s.id) }, s.name)),
          h("td", {}, s.version || ""), h("td", {}, s.tasks),
          h("td", { class: "muted" }, s.problems ? s.problems + " bad task(s) skipped" : "")));
      });
      main.appendChild(table);
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
      const reveal = h("button", { id: "reveal" }, "Show test outputs");
      bar.appendChild(reveal);
      main.appendChild(bar);
      main.appendChild(h("h2", {}, "Train pairs"));
      main.appendChild(trainPairs(task));
      main.appendChild(h("h2", {}, "Test"));
      let test = testSection(base, task, null);
      main.appendChild(test);
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

  function runHeader(run) {
    const args = Object.keys(run.solver_args).map(function (k) { return k + "=" + JSON.stringify(run.solver_args[k]); });
    return h("p", { class: "muted" }, "Solver " + run.solver + "(" + args.join(", ") + ") on " + run.source + " " +
             run.version + " · seed " + run.seed + " · created " + (run.created_at || "?"));
  }

  function scoreTable(run) {
    const rows = [["Tasks finished", run.finished + " / " + run.tasks]];
    if (run.scored) {
      rows.push(["Per output (Kaggle)", percent(run.per_output) + " (" + run.outputs_solved + " / " + run.num_outputs + ")"],
                ["Per task", percent(run.per_task)], ["Tasks fully solved", run.tasks_solved + " / " + run.tasks]);
    } else {
      rows.push(["Scores", "not scored: test outputs unknown"]);
    }
    rows.push(["Statuses", Object.keys(run.statuses).map(function (k) { return k + " " + run.statuses[k]; }).join(", ")],
              ["Time on tasks", run.seconds.toFixed(1) + " s"]);
    return h("table", { id: "scores" }, ...rows.map(function (r) { return h("tr", {}, h("th", {}, r[0]), h("td", {}, r[1])); }));
  }

  views.run = function (main, p, query) {
    const filter = query.outcome ? "?outcome=" + enc(query.outcome) : "";
    return Promise.all([api("/runs/" + enc(p.run)), api("/runs/" + enc(p.run) + "/tasks" + filter)])
      .then(function ([run, rows]) {
        main.appendChild(h("h1", {}, "Run " + run.id));
        main.appendChild(runHeader(run));
        main.appendChild(scoreTable(run));
        main.appendChild(h("h2", {}, "Tasks"));
        const bar = filterBar("#/r/" + enc(p.run), query.outcome, ["all", "solved", "unsolved", "failed", "pending"], "outcome");
        bar.appendChild(h("span", { class: "muted" }, rows.length + " task(s)"));
        main.appendChild(bar);
        const table = h("table", { id: "run-tasks" }, h("tr", {}, h("th", {}, "Task"), h("th", {}, "Outcome"),
          h("th", {}, "Status"), h("th", {}, "Seconds"), h("th", {}, "Outputs solved"), h("th", {}, "Error")));
        rows.forEach(function (r) {
          table.appendChild(h("tr", { "data-task": r.task_id, "data-outcome": r.outcome },
            h("td", {}, h("a", { href: "#/r/" + enc(p.run) + "/t/" + enc(r.task_id) }, r.task_id)),
            h("td", {}, badge(r.outcome)), h("td", {}, r.status),
            h("td", {}, r.seconds === null ? "–" : r.seconds.toFixed(2)),
            h("td", {}, r.outputs_solved + " / " + r.num_test), h("td", { class: "error" }, r.error)));
        });
        main.appendChild(table);
      });
  };

  function attemptFigures(row, attempts, i) {
    const programs = [];
    attempts.forEach(function (a, k) {
      const verdict = a.correct === null ? "" : a.correct ? ": right" : ": wrong";
      row.appendChild(ArcGrid.figure("attempt " + (k + 1) + " " + ArcGrid.size(a.grid) + verdict, a.grid,
        { max: 200, frame: a.correct === null ? null : a.correct ? "right" : "wrong" }));
      if (a.correct === false) {
        row.appendChild(ArcGrid.figure("diff " + (k + 1) + ": " + a.summary, a.same_shape ? a.grid : null,
                                       { max: 200, wrong: a.wrong }));
      }
      if (a.program) programs.push(h("div", {}, h("div", { class: "muted" }, "program, test " + i + " attempt " + (k + 1)),
                                     h("pre", { class: "program" }, a.program)));
    });
    return programs;
  }

  views.runTask = function (main, p) {
    return api("/runs/" + enc(p.run) + "/tasks/" + enc(p.task)).then(function (detail) {
      const taskPath = detail.source_id ? "/sources/" + enc(detail.source_id) + "/tasks/" + enc(p.task) : null;
      return (taskPath ? api(taskPath) : Promise.resolve(null)).then(function (task) {
        main.appendChild(h("h1", {}, "Task " + p.task + " in run " + p.run));
        const bar = h("div", { class: "toolbar" }, h("a", { href: "#/r/" + enc(p.run) }, "← run " + p.run),
          badge(detail.outcome), h("span", {}, detail.status),
          h("span", { class: "muted" }, detail.seconds === null ? "" : detail.seconds.toFixed(2) + " s"));
        if (taskPath) bar.appendChild(h("a", { class: "button", href: "#/s/" + enc(detail.source_id) + "/t/" + enc(p.task) },
                                        "Open the task (solve it by hand)"));
        main.appendChild(bar);
        if (detail.error) main.appendChild(h("pre", { class: "program", id: "error" }, detail.error));
        if (task) {
          main.appendChild(h("h2", {}, "Train pairs"));
          main.appendChild(trainPairs(task, 200));
        } else {
          main.appendChild(h("p", { class: "muted" }, "The run's task source is not served: attempts only."));
        }
        main.appendChild(h("h2", {}, "Test inputs and attempts"));
        const reveal = h("button", { id: "reveal" }, "Show test outputs");
        if (task) main.appendChild(h("div", { class: "toolbar" }, reveal));
        const holder = h("div", { id: "attempts" });
        main.appendChild(holder);
        function draw(outputs) {
          holder.replaceChildren();
          const count = Math.max(task ? task.test.length : 0, detail.tests.length);
          for (let i = 0; i < count; i++) {
            const row = h("div", { class: "pair", "data-test": i });
            if (task && task.test[i]) row.appendChild(ArcGrid.figure("test " + i + " input " + ArcGrid.size(task.test[i].input), task.test[i].input, { max: 200 }));
            if (outputs && outputs[i]) row.appendChild(ArcGrid.figure("test " + i + " output " + ArcGrid.size(outputs[i]), outputs[i], { max: 200 }));
            const programs = attemptFigures(row, detail.tests[i] || [], i);
            holder.appendChild(row);
            programs.forEach(function (pr) { holder.appendChild(pr); });
          }
        }
        draw(null);
        reveal.addEventListener("click", function () {
          api(taskPath + "/outputs").then(function (o) { draw(o.outputs); reveal.disabled = true; });
        });
      });
    });
  };

  function changeList(title, id, changes, a, b) {
    const box = h("div", { id: id }, h("h2", {}, title + " (" + changes.length + ")"));
    if (!changes.length) { box.appendChild(h("p", { class: "muted" }, "none")); return box; }
    const table = h("table", {}, h("tr", {}, h("th", {}, "Task"), h("th", {}, a), h("th", {}, b)));
    changes.forEach(function (c) {
      const cell = function (run, fraction, status) {
        return h("td", {}, h("a", { href: "#/r/" + enc(run) + "/t/" + enc(c.task_id) },
          (status || "pending") + (fraction === null ? "" : " · " + percent(fraction))));
      };
      table.appendChild(h("tr", { "data-task": c.task_id }, h("td", {}, c.task_id),
        cell(a, c.before, c.status_before), cell(b, c.after, c.status_after)));
    });
    box.appendChild(table);
    return box;
  }

  views.compare = function (main, p, query) {
    main.appendChild(h("h1", {}, "Compare runs"));
    return api("/runs").then(function (runs) {
      if (runs.length < 2) { main.appendChild(h("p", { class: "muted" }, "Serve two runs or more to compare them.")); return; }
      const pick = function (id, value) {
        const select = h("select", { id: id });
        runs.forEach(function (r) {
          const o = h("option", { value: r.id }, r.id + " (" + r.solver + ")");
          if (r.id === value) o.selected = true;
          select.appendChild(o);
        });
        return select;
      };
      const a = pick("run-a", query.a || runs[0].id), b = pick("run-b", query.b || runs[1].id);
      const go = h("button", { id: "compare", class: "primary" }, "Compare");
      go.addEventListener("click", function () { location.hash = "#/compare?a=" + enc(a.value) + "&b=" + enc(b.value); });
      main.appendChild(h("div", { class: "toolbar" }, "A", a, "B", b, go));
      if (!query.a || !query.b) return;
      return api("/compare?a=" + enc(query.a) + "&b=" + enc(query.b)).then(function (c) {
        if (!c.same_source) main.appendChild(h("p", { class: "error" }, "The runs used different task sources."));
        const row = function (label, va, vb, delta) { return h("tr", {}, h("th", {}, label), h("td", {}, va), h("td", {}, vb), h("td", {}, delta)); };
        main.appendChild(h("table", { id: "deltas" },
          h("tr", {}, h("th", {}, ""), h("th", {}, "A: " + c.a.id), h("th", {}, "B: " + c.b.id), h("th", {}, "B − A")),
          row("Per output", percent(c.a.per_output), percent(c.b.per_output), signed(100 * c.per_output_delta, 1) + " pts"),
          row("Per task", percent(c.a.per_task), percent(c.b.per_task), signed(100 * c.per_task_delta, 1) + " pts"),
          row("Tasks solved", String(c.a.tasks_solved), String(c.b.tasks_solved), signed(c.tasks_solved_delta, 0)),
          row("Tasks in common", String(c.common), "", "")));
        main.appendChild(changeList("Gained in B", "gained", c.gained, c.a.id, c.b.id));
        main.appendChild(changeList("Lost in B", "lost", c.lost, c.a.id, c.b.id));
        main.appendChild(changeList("Status changed", "status-changes", c.status_changes, c.a.id, c.b.id));
        if (c.only_a.length || c.only_b.length) {
          main.appendChild(h("p", { class: "muted" }, "Only in A: " + (c.only_a.join(", ") || "none") +
                                                        " · only in B: " + (c.only_b.join(", ") || "none")));
        }
      });
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
  global.ArcViews.h = h;
})(window);
