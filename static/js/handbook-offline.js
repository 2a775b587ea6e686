/* The procedure handbook on a phone (CCHC): the list filters itself as the citizen types, with or
 * without diacritics ("cap giay phep" finds "Cấp giấy phép") and with or without a network; the service
 * worker (handbook-sw.js) keeps each page read so that it opens again offline.
 * Without JavaScript the search form still works through the server.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-handbook]");
  if (!root) return;

  if ("serviceWorker" in navigator && window.isSecureContext) {
    var staticPrefix = (document.querySelector("script[src*='handbook-offline']") || {}).src || "";
    staticPrefix = staticPrefix ? new URL(staticPrefix).pathname.replace(/js\/handbook-offline[^/]*$/, "") : "/static/";
    // The page's language goes with the worker, for its offline page (handbook-sw.js).
    var swUrl = root.getAttribute("data-sw") + "?static=" + encodeURIComponent(staticPrefix) +
      "&lang=" + encodeURIComponent(document.documentElement.lang || "vi");
    navigator.serviceWorker.register(swUrl, { scope: root.getAttribute("data-scope") }).catch(function () {
      /* No offline copy on this browser; the pages work as usual. */
    });
  }

  var notice = root.querySelector("[data-handbook-offline]");
  function showNetwork() {
    if (notice) notice.classList.toggle("d-none", navigator.onLine);
  }
  window.addEventListener("online", showNetwork);
  window.addEventListener("offline", showNetwork);
  showNetwork();

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  var input = root.querySelector("[data-handbook-filter]");
  var count = root.querySelector("[data-handbook-count]");
  var items = Array.prototype.slice.call(root.querySelectorAll("[data-fold]"));
  if (!input || !items.length) return;

  function filter() {
    var words = fold(input.value).split(" ").filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = " " + item.getAttribute("data-fold");
      var match = words.every(function (w) { return text.indexOf(" " + w) !== -1; });
      item.classList.toggle("d-none", !match);
      if (match) shown += 1;
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-handbook-group]"), function (group) {
      group.classList.toggle("d-none", !group.querySelector("[data-fold]:not(.d-none)"));
    });
    if (count) {
      // The sentences come from the page, in its language ("{n}" stands for the number).
      count.textContent = count.getAttribute(words.length ? "data-text-found" : "data-text-all").replace("{n}", shown);
    }
  }

  // A search typed while offline opened the saved list: filter it by the words asked for.
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked && !navigator.onLine) input.value = asked;
  input.addEventListener("input", filter);
  if (input.value) filter();
})();
