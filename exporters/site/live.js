// Only in pages served by `brukerreise serve`: ask the server to answer when this page has changed (a
// long poll), then fetch the page and change in place only what differs, so that the reader keeps the
// scroll position, the open parts and the step chosen (site.js starts again over the new content). The
// page then holds what the server sent, node for node; anything this cannot follow is a plain reload.
// It runs before site.js: it keeps a copy of the page as sent (`sent`), and for each of its nodes the node
// shown (`shown`), which site.js may change or move.
(function () {
  "use strict";
  var root = document.documentElement;
  var digest = root.getAttribute("data-live");
  var sent = document.body.cloneNode(true);
  var shown = new WeakMap();
  pair(sent, document.body);

  function pair(copy, node) {
    shown.set(copy, node);
    for (var i = 0; i < copy.childNodes.length; i++) pair(copy.childNodes[i], node.childNodes[i]);
  }
  function parts(body) {  // what the page shows: the body without its scripts (this one is not yet followed by site.js's)
    return Array.prototype.filter.call(body.children, function (e) { return e.tagName !== "SCRIPT"; });
  }
  function sameAttributes(a, b) {
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      var at = a.attributes[i];
      if (b.getAttributeNS(at.namespaceURI, at.localName) !== at.value) return false;
    }
    return true;
  }
  // The smallest changes that turn `old` into `now`: a text, an element's attributes, or a whole element
  // (when its kind or its number of children changed).
  function diff(old, now, found) {
    if (old.isEqualNode(now)) return;
    if (old.nodeType !== 1 || now.nodeType !== 1) {
      found.push([old.nodeType === now.nodeType && old.nodeType !== 1 ? "text" : "node", old, now]);
      return;
    }
    if (old.namespaceURI !== now.namespaceURI || old.localName !== now.localName ||
        old.childNodes.length !== now.childNodes.length) {
      found.push(["node", old, now]);
      return;
    }
    if (!sameAttributes(old, now)) found.push(["attributes", old, now]);
    for (var i = 0; i < old.childNodes.length; i++) diff(old.childNodes[i], now.childNodes[i], found);
  }
  function setAttributes(node, from, to) {
    Array.prototype.slice.call(from.attributes).forEach(function (at) {
      if (!to.hasAttributeNS(at.namespaceURI, at.localName)) node.removeAttributeNS(at.namespaceURI, at.localName);
    });
    Array.prototype.forEach.call(to.attributes, function (at) {
      if (node.getAttributeNS(at.namespaceURI, at.localName) !== at.value) node.setAttributeNS(at.namespaceURI, at.name, at.value);
    });
  }

  function update(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var before = parts(sent), after = parts(page.body), found = [], changed = [];
    if (before.length !== after.length) return false;
    for (var i = 0; i < before.length; i++) diff(before[i], after[i], found);
    // site.js stops first and puts back what it moved (a step's details beside it on a narrow screen).
    if (found.length) document.dispatchEvent(new CustomEvent("brukerreise:updating"));
    for (var j = 0; j < found.length; j++) {
      var kind = found[j][0], old = found[j][1], now = found[j][2], node = shown.get(old);
      if (!node || !document.body.contains(node)) return false;
      changed.push(node);
      if (kind === "text") {
        node.data = old.data = now.data;
      } else if (kind === "attributes") {
        setAttributes(node, old, now);
        setAttributes(old, old.cloneNode(false), now);
      } else {
        var copy = document.importNode(now, true), fresh = document.importNode(now, true);
        old.replaceWith(copy);
        node.replaceWith(fresh);
        pair(copy, fresh);
        changed[changed.length - 1] = fresh;
      }
    }
    root.setAttribute("data-live", page.documentElement.getAttribute("data-live") || "");
    if (document.title !== page.title) document.title = page.title;
    if (found.length) document.dispatchEvent(new CustomEvent("brukerreise:updated", { detail: { changed: changed } }));
    return true;
  }

  function wait() {  // the answer is the digest while the page is unchanged, else the new page itself
    var url = "/_live/wait?page=" + encodeURIComponent(location.pathname) + "&digest=" + encodeURIComponent(digest) + "&answer=page";
    fetch(url, { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        var page = (r.headers.get("Content-Type") || "").indexOf("text/html") === 0;
        return r.text().then(function (text) { return { page: page, text: text }; });
      })
      .then(function (answer) {
        if (!answer.page) {
          if (answer.text.trim() === digest) return wait();
          location.reload();  // changed, yet not a page (it went away): the server says what there is now
          return;
        }
        var updated = false;
        try { updated = update(answer.text); } catch (e) { updated = false; }
        if (!updated) { location.reload(); return; }
        digest = root.getAttribute("data-live");
        wait();
      }, function () { setTimeout(wait, 1000); });
  }
  wait();
})();
