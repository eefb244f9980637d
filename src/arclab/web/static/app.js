// The app shell: a hash router that shows one view at a time, and the JSON API helper.
(function (global) {
  "use strict";

  // fetch JSON; a non-2xx answer becomes an Error carrying the server's detail.
  function api(path, options) {
    return fetch("/api" + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || body);
          const error = new Error(response.status + ": " + detail);
          error.status = response.status;
          throw error;
        }
        return body;
      });
    });
  }

  function post(path, body) {
    return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  // "#/a/b?x=1" -> {parts: ["a", "b"], query: {x: "1"}}
  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, "");
    const q = hash.indexOf("?");
    const path = q >= 0 ? hash.slice(0, q) : hash;
    const query = {};
    new URLSearchParams(q >= 0 ? hash.slice(q + 1) : "").forEach(function (v, k) { query[k] = v; });
    return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), query: query };
  }

  const routes = [
    [[], "home"],
    [["s", ":source"], "source"],
    [["s", ":source", "t", ":task"], "task"],
    [["s", ":source", "t", ":task", "solve", ":index"], "solve"],
    [["r", ":run"], "run"],
    [["r", ":run", "t", ":task"], "runTask"],
    [["compare"], "compare"],
    [["api"], "apiDocs"],
  ];

  function match(parts) {
    for (const [pattern, name] of routes) {
      if (pattern.length !== parts.length) continue;
      const params = {};
      let ok = true;
      pattern.forEach(function (p, i) {
        if (p[0] === ":") params[p.slice(1)] = parts[i];
        else if (p !== parts[i]) ok = false;
      });
      if (ok) return [name, params];
    }
    return null;
  }

  let cleanup = null;
  let about = null;

  // The app's mode, asked once: in blind mode no test output and no run is served, so the page
  // offers neither; the header says so.
  function loadAbout() {
    if (!about) {
      about = api("/about").then(function (info) {
        global.ArcApp.blind = info.blind;
        if (info.blind) {
          document.body.dataset.blind = "true";
          const compare = document.querySelector('header a[href="#/compare"]');
          if (compare) compare.remove();
          const mark = document.createElement("span");
          mark.className = "badge blind";
          mark.id = "blind-mode";
          mark.textContent = "testing mode";
          document.querySelector("header nav").appendChild(mark);
        }
        return info;
      });
    }
    return about;
  }

  function show() {
    if (cleanup) { cleanup(); cleanup = null; }
    const main = document.getElementById("view");
    main.innerHTML = "";
    main.removeAttribute("data-view");
    const { parts, query } = parseHash();
    const found = match(parts);
    if (!found) { main.textContent = "No such page."; return; }
    const [name, params] = found;
    main.dataset.loading = "true";
    loadAbout().then(function () { return ArcViews[name](main, params, query, function (fn) { cleanup = fn; }); })
      .catch(function (error) {
        const p = document.createElement("p");
        p.className = "error";
        p.textContent = String(error.message || error);
        main.appendChild(p);
      })
      .finally(function () { main.dataset.view = name; delete main.dataset.loading; });
  }

  global.ArcApp = { api: api, post: post, blind: false };
  window.addEventListener("hashchange", show);
  document.addEventListener("DOMContentLoaded", show);
})(window);
