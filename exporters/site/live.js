// Only in pages served by `brukerreise serve`: ask the server to answer when this page has changed (a
// long poll), then reload it. The page keeps what the reader chose (site.js).
(function () {
  "use strict";
  var digest = document.documentElement.getAttribute("data-live");
  var url = "/_live/wait?page=" + encodeURIComponent(location.pathname) + "&digest=" + encodeURIComponent(digest);
  function wait() {
    fetch(url, { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
      .then(function (now) { if (now.trim() !== digest) location.reload(); else wait(); })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
