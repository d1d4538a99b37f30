// The pages' behaviour. Journey page: choose a step (in the drawing or the timeline) to see its details
// in the panel beside (on narrow screens: under the step), announced to screen readers; switch layers,
// show one actor, zoom and pan the drawing with a minimap. Portfolio: show every row of a long table.
// What the reader chose is kept for the tab's session, so a page reloaded by `serve` comes back as it was;
// a page `serve` updates in place (live.js) starts again over its new content, as the reader left it.
(function () {
  "use strict";
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  // Attributes are set only when they change: starting again over a large drawing then costs little.
  function set(el, name, value) { value = String(value); if (el.getAttribute(name) !== value) el.setAttribute(name, value); }
  function unset(el, name) { if (el.hasAttribute(name)) el.removeAttribute(name); }
  // Only what changes is written: a write that changes nothing still makes the browser style and lay out the
  // page again at the next read of a size or a scroll position (several per start, on a large page).
  function hide(el, on) { if (el.hidden !== !!on) el.hidden = !!on; }
  function text(el, value) { value = String(value); if (el.textContent !== value) el.textContent = value; }
  var memory = null;  // what the reader chose, while the page stays open
  var shownRows = {};  // the long tables shown whole, by id
  var stop = start();
  document.addEventListener("brukerreise:updating", function () { if (stop) stop(); stop = null; });
  document.addEventListener("brukerreise:updated", function (e) {
    if (stop) stop();
    stop = start(e.detail && e.detail.changed);
  });

  // The page's behaviour over its content; returns what stops it (after keeping what the reader chose).
  // `changed`: the nodes just updated in place, when it starts again.
  function start(changed) {
    var stopping = new AbortController(), signal = stopping.signal;

    // «Vis alle»: rows past the first few of a long table, shown on request.
    all("button[data-show-rows]").forEach(function (button) {
      var table = button.getAttribute("data-show-rows");
      var rows = all("tr.more", document.getElementById(table));
      var more = button.getAttribute("data-more") || button.textContent, fewer = button.getAttribute("data-fewer");
      set(button, "data-more", more);
      function show(on) {
        shownRows[table] = on;
        rows.forEach(function (r) { hide(r, !on); });
        set(button, "aria-expanded", on ? "true" : "false");
        text(button, on ? fewer : more);
      }
      hide(button, false);
      show(!!shownRows[table]);
      button.addEventListener("click", function () { show(button.getAttribute("aria-expanded") !== "true"); }, { signal: signal });
    });

    var section = document.querySelector("[data-journey]");
    if (!section) return function () { stopping.abort(); };
    var diagram = document.getElementById("diagram");
    var box = document.getElementById("diagram-box");
    var svg = diagram.querySelector("svg");
    var steps = all("g.step[data-step]", svg);
    var buttons = all(".timeline button[data-step]");
    var details = all(".detail[data-step]");
    var panel = document.getElementById("details");
    var layers = all("input[data-layer]");
    var filter = document.getElementById("actor-filter");
    var fit = document.getElementById("fit");
    var hint = document.getElementById("step-hint");
    var status = document.getElementById("step-status");
    var narrow = window.matchMedia("(max-width: 64rem)");
    var key = "brukerreise:" + location.pathname;
    var state = memory || {};
    if (!memory) {
      try { state = JSON.parse(sessionStorage.getItem(key) || "{}") || {}; } catch (e) { state = {}; }
    }
    memory = state;

    function save() {
      state.scrollX = diagram.scrollLeft; state.scrollY = diagram.scrollTop; state.pageY = window.scrollY;
      try { sessionStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode: not kept */ }
    }
    function byStep(list, id) { return list.filter(function (x) { return x.getAttribute("data-step") === id; })[0]; }

    // Where the details show: in the panel beside, or on a narrow screen right under the chosen step.
    function place(id) {
      var detail = byStep(details, id);
      details.forEach(function (d) { if (d !== detail && d.parentNode !== panel) panel.appendChild(d); });
      if (!detail) return;
      var item = narrow.matches ? document.querySelector('.timeline-step[data-step="' + id + '"]') : null;
      if (item && detail.parentNode !== item) item.appendChild(detail);
      else if (!item && detail.parentNode !== panel) panel.appendChild(detail);
    }

    function select(id, announce) {
      state.step = id || "";
      details.forEach(function (d) { hide(d, d.getAttribute("data-step") !== id); });
      place(id);
      hide(hint, !!id);
      steps.forEach(function (g) {
        var on = g.getAttribute("data-step") === id;
        g.classList.toggle("selected", on);
        set(g, "aria-expanded", on ? "true" : "false");
      });
      buttons.forEach(function (b) { set(b, "aria-expanded", b.getAttribute("data-step") === id ? "true" : "false"); });
      var title = id && document.getElementById("detail-title-" + id);
      if (announce && title) text(status, title.textContent);
      save();
    }

    function showDetail(id) {
      var detail = document.getElementById("detail-" + id);
      if (!detail) return;
      detail.focus({ preventScroll: true });
      detail.scrollIntoView({ block: "nearest" });
    }

    // Scroll the drawing (not the page) so that a step is in its view.
    function reveal(g) {
      var r = g.getBoundingClientRect(), d = diagram.getBoundingClientRect();
      if (r.left < d.left || r.right > d.right) diagram.scrollLeft += r.left - d.left - (d.width - r.width) / 2;
      if (r.top < d.top || r.bottom > d.bottom) diagram.scrollTop += r.top - d.top - (d.height - r.height) / 2;
    }

    // One Tab stop for the whole drawing (the chosen step, else the first); the arrow keys move between steps.
    function rove(current) {
      steps.forEach(function (g) { set(g, "tabindex", g === current ? "0" : "-1"); });
    }
    steps.forEach(function (g, i) {
      var id = g.getAttribute("data-step");
      set(g, "aria-controls", "detail-" + id);
      g.addEventListener("focus", function () { rove(g); select(id, true); }, { signal: signal });
      g.addEventListener("click", function () { select(id, true); g.focus(); }, { signal: signal });
      g.addEventListener("keydown", function (e) {
        var next = null;
        if (e.key === "ArrowRight" || e.key === "ArrowDown") next = steps[i + 1];
        else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = steps[i - 1];
        else if (e.key === "Home") next = steps[0];
        else if (e.key === "End") next = steps[steps.length - 1];
        else if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          select(id, true);
          showDetail(id);
          return;
        }
        if (next) { e.preventDefault(); next.focus({ preventScroll: true }); reveal(next); }
      }, { signal: signal });
    });
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        var id = b.getAttribute("data-step");
        if (b.getAttribute("aria-expanded") === "true" && narrow.matches) { select("", false); return; }
        select(id, true);
        var g = byStep(steps, id);
        if (g) { rove(g); if (box.open) reveal(g); }
        showDetail(id);
      }, { signal: signal });
    });
    narrow.addEventListener("change", function () { place(state.step); }, { signal: signal });

    function applyLayers() {
      state.off = [];
      layers.forEach(function (input) {
        var layer = input.getAttribute("data-layer");
        diagram.classList.toggle("hide-" + layer, !input.checked);
        if (!input.checked) state.off.push(layer);
      });
      save();
    }
    layers.forEach(function (input) { input.addEventListener("change", applyLayers, { signal: signal }); });

    function applyFilter() {
      var actor = filter.value;
      state.actor = actor;
      var kept = {};
      all("[data-actors]", svg).forEach(function (el) {
        var keep = !actor || el.getAttribute("data-actors").split(" ").indexOf(actor) >= 0;
        el.classList.toggle("dim", !keep);
        if (keep) kept[el.id] = true;
      });
      all("g.edge[data-tail]", svg).forEach(function (el) {
        if (el.id.indexOf("legend-") === 0) return;
        var keep = !actor || kept[el.getAttribute("data-tail")] || kept[el.getAttribute("data-head")];
        el.classList.toggle("dim", !keep);
      });
      save();
    }
    filter.addEventListener("change", applyFilter, { signal: signal });

    // Zoom: the drawing's own size (its viewBox, in CSS pixels) times a factor; «fit» follows the width.
    var view = svg.viewBox && svg.viewBox.baseVal;
    var natural = { w: view && view.width ? view.width * 4 / 3 : svg.getBoundingClientRect().width,
                    h: view && view.height ? view.height * 4 / 3 : svg.getBoundingClientRect().height };
    var level = document.getElementById("zoom-level");
    var STEPS = [0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2];
    function fitScale() { return Math.min(1, (diagram.clientWidth - 2) / natural.w); }
    function applyZoom(scale, fitted) {
      state.fit = !!fitted;
      state.zoom = scale;
      if (fitted) scale = fitScale();
      set(svg, "width", Math.round(natural.w * scale));
      set(svg, "height", Math.round(natural.h * scale));
      set(fit, "aria-pressed", fitted ? "true" : "false");
      text(level, Math.round(scale * 100) + " %");
      keepHeads();
      drawView();
      save();
    }
    function current() { return parseFloat(svg.getAttribute("width")) / natural.w; }
    document.getElementById("zoom-in").addEventListener("click", function () {
      var now = current();
      applyZoom(STEPS.filter(function (s) { return s > now + 0.01; })[0] || STEPS[STEPS.length - 1], false);
    }, { signal: signal });
    document.getElementById("zoom-out").addEventListener("click", function () {
      var now = current();
      applyZoom(STEPS.filter(function (s) { return s < now - 0.01; }).pop() || STEPS[0], false);
    }, { signal: signal });
    fit.addEventListener("click", function () { applyZoom(state.zoom || 1, fit.getAttribute("aria-pressed") !== "true"); }, { signal: signal });
    window.addEventListener("resize", function () { if (state.fit) applyZoom(1, true); else drawView(); }, { signal: signal });

    // Pan by dragging the drawing with a mouse (touch scrolls as usual).
    var drag = null;
    diagram.addEventListener("pointerdown", function (e) {
      if (e.pointerType !== "mouse" || e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, left: diagram.scrollLeft, top: diagram.scrollTop, moved: false };
    }, { signal: signal });
    window.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      drag.moved = true;
      diagram.classList.add("panning");
      diagram.scrollLeft = drag.left - dx;
      diagram.scrollTop = drag.top - dy;
    }, { signal: signal });
    window.addEventListener("pointerup", function () { drag = null; diagram.classList.remove("panning"); }, { signal: signal });

    // The minimap: the whole drawing small, with the part in view outlined; click it to go there.
    var minimap = document.getElementById("minimap");
    var picture = minimap.querySelector("img");  // made again when the page is updated in place
    if (!picture) {
      picture = document.createElement("img");
      picture.alt = "";
      minimap.insertBefore(picture, minimap.firstChild);
    }
    if (changed && changed.some(function (n) { return svg.contains(n); })) picture.removeAttribute("src");
    var frame = document.getElementById("minimap-view");
    function paint() {  // made once, when first needed and the page is idle: a copy of a large drawing costs
      try {
        var copy = svg.cloneNode(true);
        copy.setAttribute("width", natural.w); copy.setAttribute("height", natural.h);
        picture.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(copy));
      } catch (e) { picture = null; }
    }
    function drawView() {
      if (!picture) return;
      var w = svg.getBoundingClientRect().width, h = svg.getBoundingClientRect().height;
      var whole = diagram.clientWidth >= w - 1 && diagram.clientHeight >= h - 1;
      hide(minimap, whole);
      if (whole || !w || !h) return;
      if (!picture.src) { picture.src = "data:,"; (window.requestIdleCallback || window.setTimeout)(paint); }
      var mw = minimap.clientWidth, mh = mw * h / w;
      frame.style.left = (diagram.scrollLeft / w * mw) + "px";
      frame.style.top = (diagram.scrollTop / h * mh) + "px";
      frame.style.width = Math.min(mw, diagram.clientWidth / w * mw) + "px";
      frame.style.height = Math.min(mh, diagram.clientHeight / h * mh) + "px";
    }
    minimap.addEventListener("click", function (e) {
      var r = minimap.getBoundingClientRect(), w = svg.getBoundingClientRect().width, h = svg.getBoundingClientRect().height;
      diagram.scrollLeft = (e.clientX - r.left) / r.width * w - diagram.clientWidth / 2;
      diagram.scrollTop = (e.clientY - r.top) / r.height * h - diagram.clientHeight / 2;
    }, { signal: signal });

    // The lane names stay in view when the drawing is scrolled sideways: drawn last (over the steps),
    // shifted by the scroll, in the SVG's own units.
    var heads = all("g.lane-head", svg);
    var last = heads.length && heads[heads.length - 1].parentNode.lastElementChild === heads[heads.length - 1];
    if (!last) heads.forEach(function (g) { g.parentNode.appendChild(g); });
    function keepHeads() {
      var width = svg.getBoundingClientRect().width;
      var scale = view && width ? view.width / width : 1;
      var shift = diagram.scrollLeft * scale;
      heads.forEach(function (g) {
        if (shift) set(g, "transform", "translate(" + shift.toFixed(1) + " 0)");
        else unset(g, "transform");
      });
    }
    diagram.addEventListener("scroll", function () { keepHeads(); drawView(); }, { passive: true, signal: signal });

    // Restore what the reader chose before a reload; on a narrow screen the drawing starts folded away.
    (state.off || []).forEach(function (layer) {
      layers.forEach(function (input) { if (input.getAttribute("data-layer") === layer) input.checked = false; });
    });
    if (narrow.matches && state.open === undefined) box.open = false;
    else if (state.open !== undefined) box.open = state.open;
    box.addEventListener("toggle", function () { state.open = box.open; if (box.open) applyZoom(state.zoom || 1, state.fit); save(); }, { signal: signal });
    applyLayers();
    if (state.actor && filter.querySelector('option[value="' + state.actor.replace(/[^a-z0-9_-]/g, "") + '"]')) filter.value = state.actor;
    applyFilter();
    applyZoom(state.zoom || 1, !!state.fit);
    var known = details.some(function (d) { return d.getAttribute("data-step") === state.step; });
    select(known ? state.step : "", false);
    rove(byStep(steps, state.step) || steps[0]);
    if (state.scrollX) diagram.scrollLeft = state.scrollX;
    if (state.scrollY) diagram.scrollTop = state.scrollY;
    keepHeads();
    drawView();
    if (state.pageY) window.scrollTo(0, state.pageY);
    diagram.addEventListener("scroll", save, { passive: true, signal: signal });
    window.addEventListener("pagehide", save, { signal: signal });
    // Stopped before the page is updated in place: the details go back where the page has them.
    return function () {
      save();
      stopping.abort();
      if (details.some(function (d) { return d.parentNode !== panel; })) details.forEach(function (d) { panel.appendChild(d); });
    };
  }
})();
