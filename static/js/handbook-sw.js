/* The procedure handbook's service worker (CCHC): a citizen who opened a procedure's page can read it
 * again without a network — in a queue with no signal, on a ferry to Long Sơn.
 *
 * Scope: the handbook's pages only (it is served from /cong-khai/so-tay-thu-tuc/sw.js), plus the static
 * files those pages load. Pages are fetched from the network first, so a citizen online always reads
 * the current catalogue; each page and file that arrives is kept, and served from the cache only when
 * the network fails. Nothing but GET requests of this site is touched; nothing is sent anywhere.
 */
"use strict";

var CACHE = "cchc-so-tay-v1";
var SCOPE = new URL("./", self.location).pathname;
var STATIC = new URL(self.location).searchParams.get("static") || "/static/";
// The offline page's words, in the language of the page that registered the worker (?lang=): the server
// puts them here from its catalogue (cchc/portal/views_handbook.py); Vietnamese when served otherwise.
var WORDS = /*OFFLINE_WORDS*/ {
  lang: "vi",
  title: "Không có mạng",
  heading: "Không có kết nối mạng",
  text: "Trang này chưa được mở lần nào khi có mạng nên chưa lưu trên máy. Các thủ tục bạn đã mở trước đây vẫn xem được:",
  link: "Sổ tay thủ tục"
};

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE)
      .then(function (cache) { return cache.add(SCOPE); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (keys) {
        return Promise.all(keys.filter(function (k) {
          return k.indexOf("cchc-so-tay-") === 0 && k !== CACHE;
        }).map(function (k) { return caches.delete(k); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
  });
}

function offlinePage() {
  var html = "<!doctype html><html lang=\"" + escapeHtml(WORDS.lang) + "\"><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
    "<title>" + escapeHtml(WORDS.title) + "</title><body style=\"font-family:sans-serif;padding:1rem\">" +
    "<h1 style=\"font-size:1.3rem\">" + escapeHtml(WORDS.heading) + "</h1>" +
    "<p>" + escapeHtml(WORDS.text) + " <a href=\"" + SCOPE + "\">" + escapeHtml(WORDS.link) + "</a>.</p></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function fromCache(request, url) {
  return caches.match(request).then(function (hit) {
    if (hit) return hit;
    if (request.mode === "navigate" && url.pathname === SCOPE) {
      // A search made offline: the whole list, which the page filters by itself.
      return caches.match(SCOPE).then(function (list) { return list || offlinePage(); });
    }
    return request.mode === "navigate" ? offlinePage() : Response.error();
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var inScope = url.pathname.indexOf(SCOPE) === 0 && url.pathname !== SCOPE + "sw.js";
  if (!inScope && url.pathname.indexOf(STATIC) !== 0) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(request, copy); }));
      }
      return response;
    }).catch(function () { return fromCache(request, url); })
  );
});
