// ArcEditor: the testing interface's grid editor. The page never sees the expected output:
// `onSubmit(grid)` sends the answer to the server, which says whether it is right.
(function (global) {
  "use strict";

  const MAX = 30;
  const TOOLS = { paint: "Paint", fill: "Flood fill", select: "Select" };
  const TOOL_KEYS = { p: "paint", f: "fill", s: "select" };

  function blank(h, w) {
    const g = [];
    for (let r = 0; r < h; r++) g.push(new Array(w).fill(0));
    return g;
  }
  function copy(g) { return g.map(function (row) { return row.slice(); }); }

  // Pure grid operations (each returns a new grid).
  const ops = {
    resized: function (g, h, w) {
      const out = blank(h, w);
      for (let r = 0; r < Math.min(h, g.length); r++)
        for (let c = 0; c < Math.min(w, g[0].length); c++) out[r][c] = g[r][c];
      return out;
    },
    flood: function (g, r, c, colour) {
      const from = g[r][c];
      const out = copy(g);
      if (from === colour) return out;
      const stack = [[r, c]];
      while (stack.length) {
        const [y, x] = stack.pop();
        if (y < 0 || x < 0 || y >= out.length || x >= out[0].length || out[y][x] !== from) continue;
        out[y][x] = colour;
        stack.push([y + 1, x], [y - 1, x], [y, x + 1], [y, x - 1]);
      }
      return out;
    },
    fillRect: function (g, s, colour) {
      const out = copy(g);
      for (let r = s.r0; r <= s.r1; r++) for (let c = s.c0; c <= s.c1; c++) out[r][c] = colour;
      return out;
    },
    crop: function (g, s) {
      return g.slice(s.r0, s.r1 + 1).map(function (row) { return row.slice(s.c0, s.c1 + 1); });
    },
    paste: function (g, clip, r, c) {
      const out = copy(g);
      for (let y = 0; y < clip.length; y++)
        for (let x = 0; x < clip[0].length; x++)
          if (r + y < out.length && c + x < out[0].length) out[r + y][c + x] = clip[y][x];
      return out;
    },
  };

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function Editor(root, opts) {
    this.root = root;
    this.input = opts.input;
    this.inputTitle = opts.inputTitle || "input";
    this.onSubmit = opts.onSubmit;
    this.grid = blank(3, 3);
    this.colour = 0;
    this.tool = "paint";
    this.selection = null;   // {r0, c0, r1, c1}, inclusive
    this.anchor = null;      // where a selection drag started
    this.clipboard = null;
    this.dragging = false;
    this.last = null;        // the last cell painted in a drag
    this.locked = !!opts.locked;
    this.build();
    this.draw();
    this._key = this.onKey.bind(this);
    this._up = this.onMouseUp.bind(this);
    document.addEventListener("keydown", this._key);
    document.addEventListener("mouseup", this._up);
  }

  Editor.prototype.destroy = function () {
    document.removeEventListener("keydown", this._key);
    document.removeEventListener("mouseup", this._up);
  };

  Editor.prototype.build = function () {
    const self = this;
    const root = this.root;
    root.innerHTML = "";

    const tools = el("div", { class: "toolbar", id: "tools" });
    for (const name in TOOLS) {
      const b = el("button", { id: "tool-" + name, "data-tool": name, title: TOOLS[name] + " (" + name[0].toUpperCase() + ")" },
                   TOOLS[name]);
      b.addEventListener("click", function () { self.setTool(name); });
      tools.appendChild(b);
    }
    tools.appendChild(el("span", { class: "sep" }));
    const palette = el("div", { class: "palette", id: "palette", role: "group", "aria-label": "colours" });
    for (let i = 0; i < 10; i++) {
      const b = el("button", { class: "arc-swatch c" + i, "data-colour": String(i), title: "colour " + i + " (key " + i + ")" });
      b.appendChild(el("span", {}, String(i)));
      b.addEventListener("click", function () { self.setColour(i); });
      palette.appendChild(b);
    }
    palette.classList.add("arc-grid-palette");
    tools.appendChild(palette);
    root.appendChild(tools);

    const actions = el("div", { class: "toolbar", id: "actions" });
    const buttons = [
      ["copy-input", "Copy from input", function () { self.setGrid(copy(self.input)); }],
      ["reset", "Reset", function () { self.setGrid(blank(3, 3)); }],
      ["fill-selection", "Fill selection", function () { self.fillSelection(); }],
      ["copy", "Copy (Ctrl+C)", function () { self.copySelection(); }],
      ["paste", "Paste (Ctrl+V)", function () { self.pasteClipboard(); }],
    ];
    buttons.forEach(function (spec) {
      const b = el("button", { id: spec[0] }, spec[1]);
      b.addEventListener("click", spec[2]);
      actions.appendChild(b);
    });
    root.appendChild(actions);
    const sizes = el("div", { class: "toolbar", id: "size-bar" });
    const h = el("input", { type: "number", id: "height", min: "1", max: String(MAX), "aria-label": "height" });
    const w = el("input", { type: "number", id: "width", min: "1", max: String(MAX), "aria-label": "width" });
    const resize = el("button", { id: "resize" }, "Resize");
    resize.addEventListener("click", function () { self.resizeTo(Number(h.value), Number(w.value)); });
    [h, w].forEach(function (input) {
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") resize.click(); });
    });
    sizes.appendChild(el("span", {}, "Size (1–" + MAX + ")"));
    sizes.appendChild(h);
    sizes.appendChild(el("span", {}, "×"));
    sizes.appendChild(w);
    sizes.appendChild(resize);
    root.appendChild(sizes);

    root.appendChild(el("p", { class: "help" },
      "Keys: 0–9 colour (fills the selection in Select mode), P paint, F flood fill, S select, " +
      "Ctrl+C / Ctrl+V copy and paste the selection, Esc clear the selection."));

    const work = el("div", { class: "work" });
    if (this.input) work.appendChild(ArcGrid.figure(this.inputTitle, this.input, { max: 300 }));
    const answer = el("figure", { class: "arc-figure" });
    this.caption = el("figcaption", {}, "");
    this.gridHolder = el("div", { id: "editor-holder" });
    answer.appendChild(this.caption);
    answer.appendChild(this.gridHolder);
    work.appendChild(answer);
    root.appendChild(work);
    this.message = el("div", { id: "editor-message", class: "help" });
    root.appendChild(this.message);

    const submit = el("button", { id: "submit", class: "primary" }, "Submit");
    submit.addEventListener("click", function () { self.submit(); });
    const bar = el("div", { class: "toolbar" });
    bar.appendChild(submit);
    root.appendChild(bar);
    this.submitButton = submit;
    this.heightInput = h;
    this.widthInput = w;
  };

  Editor.prototype.say = function (text) { this.message.textContent = text; };

  // Show the grid: cells are updated in place, and rebuilt only when the shape changes.
  Editor.prototype.draw = function () {
    const self = this;
    const g = this.grid;
    const shape = g.length + "x" + g[0].length;
    if (!this.gridEl || this.gridEl.dataset.shape !== shape) {
      this.gridEl = ArcGrid.gridElement(g, { id: "editor-grid", max: 300, label: "answer" });
      this.caption.textContent = "your answer " + shape;
      this.gridEl.addEventListener("mousedown", function (e) { self.onMouseDown(e); });
      this.gridEl.addEventListener("mouseover", function (e) { self.onMouseOver(e); });
      this.gridHolder.replaceChildren(this.gridEl);
    }
    const s = this.selection;
    for (const cell of this.gridEl.children) {
      const r = Number(cell.dataset.r), c = Number(cell.dataset.c);
      const selected = s && r >= s.r0 && r <= s.r1 && c >= s.c0 && c <= s.c1;
      cell.className = "c" + g[r][c] + (selected ? " selected" : "");
    }
    this.heightInput.value = g.length;
    this.widthInput.value = g[0].length;
    this.root.querySelectorAll("[data-tool]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.tool === self.tool));
    });
    this.root.querySelectorAll("[data-colour]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.colour) === self.colour));
    });
    this.submitButton.disabled = this.locked;
  };

  Editor.prototype.setGrid = function (g) { this.grid = g; this.selection = null; this.draw(); };
  Editor.prototype.setTool = function (tool) { this.tool = tool; if (tool !== "select") this.selection = null; this.draw(); };
  Editor.prototype.setColour = function (colour) {
    this.colour = colour;
    if (this.tool === "select" && this.selection) {
      this.grid = ops.fillRect(this.grid, this.selection, colour);
    }
    this.draw();
  };

  Editor.prototype.resizeTo = function (h, w) {
    if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1 || h > MAX || w > MAX) {
      this.say("Size must be 1 to " + MAX + " on each side.");
      this.draw();
      return;
    }
    this.say("");
    this.setGrid(ops.resized(this.grid, h, w));
  };

  Editor.prototype.fillSelection = function () {
    if (!this.selection) { this.say("Select a rectangle first (Select tool)."); return; }
    this.grid = ops.fillRect(this.grid, this.selection, this.colour);
    this.draw();
  };

  Editor.prototype.copySelection = function () {
    if (!this.selection) { this.say("Select a rectangle to copy."); return; }
    this.clipboard = ops.crop(this.grid, this.selection);
    this.say("Copied " + ArcGrid.size(this.clipboard) + ".");
  };

  Editor.prototype.pasteClipboard = function () {
    if (!this.clipboard) { this.say("Nothing copied yet."); return; }
    if (!this.selection) { this.say("Select where to paste (its top-left cell)."); return; }
    this.grid = ops.paste(this.grid, this.clipboard, this.selection.r0, this.selection.c0);
    this.say("Pasted " + ArcGrid.size(this.clipboard) + ".");
    this.draw();
  };

  // The cells on the straight line from a to b (Bresenham), ends included.
  function line(a, b) {
    const out = [];
    let [r, c] = a;
    const dr = Math.abs(b[0] - r), dc = Math.abs(b[1] - c);
    const sr = r < b[0] ? 1 : -1, sc = c < b[1] ? 1 : -1;
    let err = dc - dr;
    for (;;) {
      out.push([r, c]);
      if (r === b[0] && c === b[1]) return out;
      const e2 = 2 * err;
      if (e2 > -dr) { err -= dr; c += sc; }
      if (e2 < dc) { err += dc; r += sr; }
    }
  }

  function cellOf(e) {
    const t = e.target;
    if (!t || t.dataset === undefined || t.dataset.r === undefined) return null;
    return [Number(t.dataset.r), Number(t.dataset.c)];
  }

  Editor.prototype.onMouseDown = function (e) {
    const rc = cellOf(e);
    if (!rc) return;
    e.preventDefault();
    const r = rc[0], c = rc[1];
    if (this.tool === "paint") {
      this.dragging = true;
      this.last = rc;
      this.grid[r][c] = this.colour;
    } else if (this.tool === "fill") {
      this.grid = ops.flood(this.grid, r, c, this.colour);
    } else {
      this.dragging = true;
      this.anchor = rc;
      this.selection = { r0: r, c0: c, r1: r, c1: c };
    }
    this.draw();
  };

  Editor.prototype.onMouseOver = function (e) {
    if (!this.dragging) return;
    const rc = cellOf(e);
    if (!rc) return;
    if (this.tool === "paint") {
      // a fast drag skips cells: paint the straight line from the last painted cell
      const self = this;
      line(this.last || rc, rc).forEach(function (p) { self.grid[p[0]][p[1]] = self.colour; });
      this.last = rc;
    } else if (this.tool === "select" && this.anchor) {
      const a = this.anchor;
      this.selection = { r0: Math.min(a[0], rc[0]), c0: Math.min(a[1], rc[1]),
                         r1: Math.max(a[0], rc[0]), c1: Math.max(a[1], rc[1]) };
    }
    this.draw();
  };

  Editor.prototype.onMouseUp = function () { this.dragging = false; this.anchor = null; this.last = null; };

  Editor.prototype.onKey = function (e) {
    const t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA")) return;
    const key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && key === "c") { this.copySelection(); e.preventDefault(); return; }
    if ((e.ctrlKey || e.metaKey) && key === "v") { this.pasteClipboard(); e.preventDefault(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (/^[0-9]$/.test(key)) { this.setColour(Number(key)); e.preventDefault(); }
    else if (TOOL_KEYS[key]) { this.setTool(TOOL_KEYS[key]); e.preventDefault(); }
    else if (key === "escape") { this.selection = null; this.draw(); }
  };

  Editor.prototype.submit = function () {
    if (this.locked) return;
    const self = this;
    this.submitButton.disabled = true;
    Promise.resolve(this.onSubmit(copy(this.grid))).then(function (locked) {
      self.locked = !!locked;
      self.submitButton.disabled = self.locked;
    });
  };

  global.ArcEditor = { Editor: Editor, ops: ops, blank: blank };
})(window);
