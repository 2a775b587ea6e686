// On a phone a list's filter form (three fields or more) would fill the whole first screen and push the
// records below it; there it folds behind one button that says how many filters are applied, and the
// records come first. A form that starts with a search box keeps the box and its button in sight and folds
// only the other filters. A form showing an error stays open. Without JavaScript, or on a wider screen,
// the form is shown as written.
(function () {
  var NARROW = window.matchMedia("(max-width: 575.98px)");
  var en = document.documentElement.lang === "en";
  var forms = [];

  // The fields a person fills in, inside a form or any part of one.
  function fields(node) {
    return Array.prototype.filter.call(node.querySelectorAll("input, select"), function (el) {
      if (el.tagName === "SELECT") return true;
      if (el.tagName !== "INPUT") return false;
      return ["hidden", "submit", "button", "reset", "image"].indexOf(el.type) < 0;
    });
  }

  function applied(nodes) {
    return [].concat.apply([], nodes.map(fields)).filter(function (el) {
      if (el.tagName === "SELECT") return el.selectedIndex > 0;
      if (el.type === "checkbox" || el.type === "radio") return el.checked;
      return el.value.trim() !== "";
    }).length;
  }

  function label(count) {
    var base = en ? "Filters" : "Bộ lọc";
    if (!count) return base;
    return base + " · " + (en ? count + " applied" : "đang áp dụng " + count);
  }

  function setOpen(entry, open) {
    entry.folded.forEach(function (node) { node.hidden = !open; });
    entry.button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  // What folds: the whole form, or — when its first field is a search box — the form's other parts,
  // provided the search box and the button sit in parts of their own.
  function foldable(form) {
    var all = fields(form);
    if (all[0].type !== "search") return { nodes: [form], before: form };
    var parts = Array.prototype.slice.call(form.children);
    var partOf = function (el) { return parts.filter(function (p) { return p.contains(el); })[0]; };
    var searchPart = partOf(all[0]);
    if (!searchPart || all.slice(1).some(function (el) { return partOf(el) === searchPart; })) return null;
    var rest = parts.filter(function (p) {
      return p !== searchPart && fields(p).length > 0;
    });
    return rest.length ? { nodes: rest, before: rest[0] } : null;
  }

  function layout() {
    forms.forEach(function (entry) {
      if (NARROW.matches) {
        entry.button.hidden = false;
        setOpen(entry, entry.open);
      } else {
        entry.button.hidden = true;
        entry.folded.forEach(function (node) { node.hidden = false; });
      }
    });
  }

  document.querySelectorAll("main form").forEach(function (form, index) {
    if ((form.getAttribute("method") || "get").toLowerCase() !== "get") return;
    if (fields(form).length < 3) return;
    var fold = foldable(form);
    if (!fold) return;
    fold.nodes.forEach(function (node, part) {
      if (!node.id) node.id = "list-filter-" + index + "-" + part;
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary w-100 mb-3 text-start filter-disclosure";
    button.setAttribute("aria-controls", fold.nodes.map(function (node) { return node.id; }).join(" "));
    button.dataset.testid = "filter-disclosure";
    button.textContent = label(applied(fold.nodes));
    if (fold.before !== form) button.className = button.className.replace("w-100 mb-3", "w-100 my-2");
    fold.before.parentNode.insertBefore(button, fold.before);
    var entry = {
      form: form,
      folded: fold.nodes,
      button: button,
      open: !!form.querySelector(".is-invalid, .invalid-feedback, .errorlist, [aria-invalid=true]"),
    };
    button.addEventListener("click", function () {
      entry.open = !entry.open;
      setOpen(entry, entry.open);
      if (entry.open) {
        var first = fields(fold.nodes[0])[0];
        if (first) first.focus();
      }
    });
    forms.push(entry);
  });

  layout();
  if (NARROW.addEventListener) NARROW.addEventListener("change", layout);
})();
