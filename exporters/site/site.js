// The journey page: choose a step (in the swimlane or the list) to see its details, switch layers on and
// off, show one actor only, fit the diagram to the width. What the reader chose is kept for the tab's
// session, so a page reloaded by `brukerreise serve` comes back as it was.
(function () {
  "use strict";
  var section = document.querySelector("[data-journey]");
  if (!section) return;
  var diagram = document.getElementById("diagram");
  var svg = diagram.querySelector("svg");
  var steps = Array.prototype.slice.call(svg.querySelectorAll("g.step[data-step]"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll(".step-list button[data-step]"));
  var details = Array.prototype.slice.call(document.querySelectorAll(".detail[data-step]"));
  var layers = Array.prototype.slice.call(document.querySelectorAll("input[data-layer]"));
  var filter = document.getElementById("actor-filter");
  var fit = document.getElementById("fit");
  var hint = document.getElementById("step-hint");
  var key = "brukerreise:" + location.pathname;
  var state = {};
  try { state = JSON.parse(sessionStorage.getItem(key) || "{}") || {}; } catch (e) { state = {}; }

  function save() {
    state.scrollX = diagram.scrollLeft; state.scrollY = diagram.scrollTop; state.pageY = window.scrollY;
    try { sessionStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode: not kept */ }
  }

  function select(id) {
    state.step = id || "";
    details.forEach(function (d) { d.hidden = d.getAttribute("data-step") !== id; });
    hint.hidden = !!id;
    steps.forEach(function (g) { g.classList.toggle("selected", g.getAttribute("data-step") === id); });
    buttons.forEach(function (b) {
      if (b.getAttribute("data-step") === id) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    });
    save();
  }

  // One Tab stop for the whole diagram (the chosen step, else the first); the arrow keys move between steps.
  function rove(current) {
    steps.forEach(function (g) { g.setAttribute("tabindex", g === current ? "0" : "-1"); });
  }
  steps.forEach(function (g, i) {
    var id = g.getAttribute("data-step");
    g.setAttribute("aria-controls", "detail-" + id);
    g.addEventListener("focus", function () { rove(g); select(id); });
    g.addEventListener("click", function () { select(id); g.focus(); });
    g.addEventListener("keydown", function (e) {
      var next = null;
      if (e.key === "ArrowRight" || e.key === "ArrowDown") next = steps[i + 1];
      else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = steps[i - 1];
      else if (e.key === "Home") next = steps[0];
      else if (e.key === "End") next = steps[steps.length - 1];
      else if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        select(id);
        var detail = document.getElementById("detail-" + id);
        if (detail) { detail.setAttribute("tabindex", "-1"); detail.focus(); }
        return;
      }
      if (next) { e.preventDefault(); next.focus(); }
    });
  });
  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      var id = b.getAttribute("data-step");
      select(id);
      var g = steps.filter(function (s) { return s.getAttribute("data-step") === id; })[0];
      if (g) rove(g);
      if (g && g.scrollIntoView) g.scrollIntoView({ block: "nearest", inline: "center" });
    });
  });

  function applyLayers() {
    state.off = [];
    layers.forEach(function (box) {
      var layer = box.getAttribute("data-layer");
      diagram.classList.toggle("hide-" + layer, !box.checked);
      if (!box.checked) state.off.push(layer);
    });
    save();
  }
  layers.forEach(function (box) { box.addEventListener("change", applyLayers); });

  function applyFilter() {
    var actor = filter.value;
    state.actor = actor;
    var kept = {};
    Array.prototype.forEach.call(svg.querySelectorAll("[data-actors]"), function (el) {
      var keep = !actor || el.getAttribute("data-actors").split(" ").indexOf(actor) >= 0;
      el.classList.toggle("dim", !keep);
      if (keep) kept[el.id] = true;
    });
    Array.prototype.forEach.call(svg.querySelectorAll("g.edge[data-tail]"), function (el) {
      if (el.id.indexOf("legend-") === 0) return;
      var keep = !actor || kept[el.getAttribute("data-tail")] || kept[el.getAttribute("data-head")];
      el.classList.toggle("dim", !keep);
    });
    save();
  }
  filter.addEventListener("change", applyFilter);

  function applyFit(on) {
    state.fit = on;
    diagram.classList.toggle("fit", on);
    fit.setAttribute("aria-pressed", on ? "true" : "false");
    keepHeads();
    save();
  }
  fit.addEventListener("click", function () { applyFit(fit.getAttribute("aria-pressed") !== "true"); });

  // The lane names stay in view when the diagram is scrolled sideways: drawn last (over the steps),
  // shifted by the scroll, in the SVG's own units.
  var heads = Array.prototype.slice.call(svg.querySelectorAll("g.lane-head"));
  heads.forEach(function (g) { g.parentNode.appendChild(g); });
  function keepHeads() {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var scale = box && svg.getBoundingClientRect().width ? box.width / svg.getBoundingClientRect().width : 1;
    var shift = diagram.classList.contains("fit") ? 0 : diagram.scrollLeft * scale;
    heads.forEach(function (g) {
      if (shift) g.setAttribute("transform", "translate(" + shift.toFixed(1) + " 0)");
      else g.removeAttribute("transform");
    });
  }
  diagram.addEventListener("scroll", keepHeads, { passive: true });

  // Restore what the reader chose before a reload.
  (state.off || []).forEach(function (layer) {
    layers.forEach(function (box) { if (box.getAttribute("data-layer") === layer) box.checked = false; });
  });
  applyLayers();
  if (state.actor && filter.querySelector('option[value="' + state.actor.replace(/[^a-z0-9_-]/g, "") + '"]')) filter.value = state.actor;
  applyFilter();
  applyFit(!!state.fit);
  var known = details.some(function (d) { return d.getAttribute("data-step") === state.step; });
  select(known ? state.step : "");
  rove(steps.filter(function (g) { return g.getAttribute("data-step") === state.step; })[0] || steps[0]);
  if (state.scrollX) diagram.scrollLeft = state.scrollX;
  if (state.scrollY) diagram.scrollTop = state.scrollY;
  keepHeads();
  if (state.pageY) window.scrollTo(0, state.pageY);
  diagram.addEventListener("scroll", save, { passive: true });
  window.addEventListener("pagehide", save);
})();
