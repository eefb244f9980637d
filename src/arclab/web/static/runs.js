// The views of runs: a run's tasks by outcome, a task's attempts with diffs and programs, comparisons.
(function (global) {
  "use strict";
  const { h, enc, api, percent, signed, badge, trainPairs, filterBar } = ArcUI;
  const views = global.ArcViews;

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
              ["Time on tasks", run.seconds.toFixed(1) + " s"], ["Code", run.code || "unknown"]);
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

})(window);
