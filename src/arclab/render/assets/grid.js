// ArcGrid: ARC grids drawn as HTML, one element per cell. Shared by the web app and the run report.
(function (global) {
  "use strict";

  // The cell side in pixels that keeps a grid within `max` pixels (4 to 28).
  function autoCell(h, w, max) {
    return Math.max(4, Math.min(28, Math.floor((max || 240) / Math.max(h, w))));
  }

  // A grid element. opts: cell (px), max (px), wrong ([[r, c], ...]: draw as a diff), id, label.
  function gridElement(grid, opts) {
    opts = opts || {};
    const h = grid.length, w = grid[0].length;
    const cell = opts.cell || autoCell(h, w, opts.max);
    const el = document.createElement("div");
    el.className = "arc-grid" + (opts.wrong ? " diff" : "");
    el.style.gridTemplateColumns = "repeat(" + w + ", " + cell + "px)";
    el.style.gridAutoRows = cell + "px";
    el.dataset.shape = h + "x" + w;
    if (opts.id) el.id = opts.id;
    if (opts.label) el.setAttribute("aria-label", opts.label);
    const wrong = new Set((opts.wrong || []).map(function (rc) { return rc[0] * 100 + rc[1]; }));
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const d = document.createElement("div");
        let cls = "c" + grid[r][c];
        if (opts.wrong) cls += wrong.has(r * 100 + c) ? " wrong" : " right";
        d.className = cls;
        d.dataset.r = r;
        d.dataset.c = c;
        el.appendChild(d);
      }
    }
    return el;
  }

  // A titled grid (figure + caption); a missing grid shows an empty box.
  function figure(title, grid, opts) {
    const fig = document.createElement("figure");
    fig.className = "arc-figure" + (opts && opts.frame ? " frame-" + opts.frame : "");
    const cap = document.createElement("figcaption");
    cap.textContent = title;
    fig.appendChild(cap);
    if (grid) {
      fig.appendChild(gridElement(grid, opts));
    } else {
      const empty = document.createElement("div");
      empty.className = "arc-empty";
      empty.textContent = "none";
      fig.appendChild(empty);
    }
    return fig;
  }

  function size(grid) {
    return grid.length + "x" + grid[0].length;
  }

  global.ArcGrid = { autoCell: autoCell, gridElement: gridElement, figure: figure, size: size };
})(window);
