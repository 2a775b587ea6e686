// A table wider than its box scrolls sideways; a keyboard user can only scroll it once it can take the
// focus (WCAG 2.1.1, axe "scrollable-region-focusable"). Such boxes get tabindex=0 and a name (the
// table's caption, else the nearest heading before it), and lose them again when the window widens
// and nothing overflows, so a wide screen has no needless tab stops. Run again after htmx swaps.
(function () {
  var SELECTOR = ".table-responsive, .overflow-auto, .overflow-x-auto";
  function name(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var node = box;
    while (node && node !== document.body) {
      var prev = node.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.trim();
        var inner = prev.querySelector && prev.querySelector("h1,h2,h3,h4,h5,h6");
        if (inner) return inner.textContent.trim();
        prev = prev.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.documentElement.lang === "en" ? "Table of figures" : "Bảng số liệu";
  }
  function mark() {
    document.querySelectorAll(SELECTOR).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.dataset.scrollRegion = "focus";
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          box.setAttribute("aria-label", name(box));
          box.dataset.scrollRegion = "named";
        }
      } else if (!scrolls && box.dataset.scrollRegion) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        if (box.dataset.scrollRegion === "named") box.removeAttribute("aria-label");
        delete box.dataset.scrollRegion;
      }
    });
  }
  mark();
  var timer;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(mark, 100); });
  document.addEventListener("htmx:afterSettle", mark);
})();
