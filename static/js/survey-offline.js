/* Survey forms that survive a bad connection (CCHC).
 *
 * Link mode (a citizen's phone, opened from the QR code on a dossier's slip): every answer is kept in
 * the phone's storage as it is given, so a reload or a closed tab loses nothing; a submit that fails
 * (no network, server error) keeps the answers, says so, and is retried with growing pauses and as
 * soon as the phone is back online. Each submission carries its own key, so a retry the server had
 * in fact received is recognised and never stored twice.
 *
 * Kiosk mode (a tablet at the one-stop office): answers are never kept between respondents. A submit
 * goes to a queue in storage and is sent in the background, so the next person never waits; the form
 * resets after the thank-you pause and after a period without any touch.
 *
 * Without JavaScript both forms still work as ordinary forms.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-survey-form]");
  if (!form) return;

  var mode = form.getAttribute("data-mode") || "link";
  var storageKey = form.getAttribute("data-storage-key") || "cchc-survey";
  var queueKey = "cchc-survey-queue";
  var statusBox = document.getElementById("survey-status");
  var target = form.getAttribute("action") || window.location.pathname;
  var state = { clientKey: null, firstTouch: null, pending: false };
  var retryDelay = 2000;
  var retryTimer = null;

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function newKey() {
    if (window.crypto && window.crypto.getRandomValues) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    }
    return (Date.now().toString(36) + Math.random().toString(36).slice(2) + "00000000").slice(0, 24);
  }

  // The page's words for each message (data-msg-* on the form, translated on the server); the
  // Vietnamese here is only a fallback for a form rendered without them.
  function say(name, fallback) {
    return form.getAttribute("data-msg-" + name) || fallback;
  }

  function show(kind, text) {
    if (!statusBox) return;
    statusBox.className = "alert alert-" + kind;
    statusBox.textContent = text;
    statusBox.setAttribute("data-state", kind);
  }

  function hideStatus() {
    if (statusBox) { statusBox.className = "alert d-none"; statusBox.textContent = ""; }
  }

  function fields() {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit") return;
      if (el.type === "radio") { if (el.checked) out[el.name] = el.value; return; }
      if (el.type === "checkbox") { if (el.checked) out[el.name] = el.value || "1"; return; }
      if (el.type === "hidden") return;
      if (el.value) out[el.name] = el.value;
    });
    return out;
  }

  function answered() {
    return Object.keys(fields()).some(function (name) { return name.indexOf("q_") === 0 || name === "rating"; });
  }

  function restore(values) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in values)) return;
      if (el.type === "radio") el.checked = el.value === values[el.name];
      else if (el.type === "checkbox") el.checked = true;
      else if (el.type !== "hidden") el.value = values[el.name];
    });
  }

  function save() {
    var s = store();
    if (!s || mode !== "link") return;
    s.setItem(storageKey, JSON.stringify({
      values: fields(), clientKey: state.clientKey, firstTouch: state.firstTouch, pending: state.pending
    }));
  }

  function clearSaved() {
    var s = store();
    if (s) s.removeItem(storageKey);
  }

  function touched() {
    if (!state.firstTouch) state.firstTouch = Date.now();
    if (!state.clientKey) state.clientKey = newKey();
  }

  function payload() {
    var data = new FormData(form);
    data.set("client_key", state.clientKey || newKey());
    data.set("duration_ms", String(state.firstTouch ? Date.now() - state.firstTouch : ""));
    return data;
  }

  function post(data) {
    return fetch(target, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(
        function (body) { return { status: response.status, body: body }; },
        function () { return { status: response.status, body: null }; }
      );
    });
  }

  function showErrors(errors) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (el) {
      el.textContent = "";
      el.classList.add("d-none");
    });
    var messages = [];
    Object.keys(errors || {}).forEach(function (name) {
      var slot = form.querySelector('[data-error-for="' + name + '"]');
      if (slot) { slot.textContent = errors[name]; slot.classList.remove("d-none"); }
      messages.push(errors[name]);
    });
    show("danger", messages.join(" ") || say("check", "Vui lòng kiểm tra lại câu trả lời."));
  }

  function done(message) {
    clearSaved();
    state.pending = false;
    var box = document.getElementById("survey-done");
    if (box) {
      box.querySelector("[data-done-message]").textContent = message;
      box.classList.remove("d-none");
      form.classList.add("d-none");
      hideStatus();
      box.focus();
    } else {
      show("success", message);
    }
  }

  // --- link mode --------------------------------------------------------------------------------

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      if (state.pending) sendLink();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  function sendLink() {
    state.pending = true;
    save();
    show("info", say("sending", "Đang gửi đánh giá…"));
    post(payload()).then(function (result) {
      if (result.status === 200 || result.status === 409) {
        done((result.body && result.body.message) || say("thanks", "Cảm ơn ông/bà đã đánh giá."));
        return;
      }
      if (result.status === 400) {
        state.pending = false;
        save();
        showErrors(result.body && result.body.errors);
        return;
      }
      if (result.status === 403) {
        state.pending = false;
        save();
        show("warning", say("expired", "Trang đã mở quá lâu. Vui lòng tải lại trang rồi bấm Gửi; câu trả lời vẫn được giữ trên máy."));
        return;
      }
      failed();
    }, failed);
  }

  function failed() {
    save();
    show(
      "warning",
      say("failed", "Chưa gửi được (mạng chập chờn hoặc máy chủ bận). Câu trả lời đã được lưu trên điện thoại và sẽ tự gửi lại khi có mạng.")
    );
    scheduleRetry();
  }

  // --- kiosk mode -------------------------------------------------------------------------------

  function queue() {
    var s = store();
    try { return JSON.parse((s && s.getItem(queueKey)) || "[]"); } catch (e) { return []; }
  }

  function setQueue(items) {
    var s = store();
    if (s) s.setItem(queueKey, JSON.stringify(items));
  }

  var flushing = false;
  function flush() {
    if (flushing) return;
    var items = queue();
    if (!items.length) return;
    flushing = true;
    var item = items[0];
    var data = new FormData();
    Object.keys(item.fields).forEach(function (name) { data.append(name, item.fields[name]); });
    fetch(item.url, {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      flushing = false;
      if (response.status < 500 && response.status !== 403 && response.status !== 429) {
        // Received, or refused for good (a 400 cannot get better by waiting): next one.
        setQueue(queue().slice(1));
        retryDelay = 2000;
        flush();
      } else {
        kioskRetry();
      }
    }, function () {
      flushing = false;
      kioskRetry();
    });
  }

  function kioskRetry() {
    if (retryTimer) return;
    retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  var welcome = document.getElementById("kiosk-welcome");
  var thanks = document.getElementById("kiosk-thanks");
  var idleSeconds = parseInt(form.getAttribute("data-idle-seconds") || "90", 10);
  var thanksSeconds = parseInt(form.getAttribute("data-thanks-seconds") || "6", 10);
  var lastActivity = Date.now();

  function screen(which) {
    if (welcome) welcome.classList.toggle("d-none", which !== "welcome");
    if (thanks) thanks.classList.toggle("d-none", which !== "thanks");
    form.classList.toggle("d-none", which !== "form");
    document.body.setAttribute("data-kiosk-screen", which);
    window.scrollTo(0, 0);
  }

  function resetKiosk() {
    form.reset();
    state.clientKey = null;
    state.firstTouch = null;
    hideStatus();
    Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (el) {
      el.textContent = "";
      el.classList.add("d-none");
    });
    screen(welcome ? "welcome" : "form");
  }

  function submitKiosk() {
    if (!answered()) {
      show("danger", say("empty", "Vui lòng trả lời ít nhất một câu hỏi trước khi gửi."));
      return;
    }
    var data = payload();
    var plain = {};
    data.forEach(function (value, name) { plain[name] = value; });
    var items = queue();
    items.push({ url: target, fields: plain });
    setQueue(items);
    flush();
    screen("thanks");
    window.setTimeout(resetKiosk, thanksSeconds * 1000);
  }

  // --- wiring -----------------------------------------------------------------------------------

  form.addEventListener("change", function () {
    touched();
    save();
  });
  form.addEventListener("input", function () { touched(); save(); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    touched();
    if (mode === "kiosk") submitKiosk();
    else sendLink();
  });

  var consent = form.querySelector("[name=contact_consent]");
  var contact = document.getElementById("contact-fields");
  function toggleContact() {
    if (consent && contact) contact.classList.toggle("d-none", !consent.checked);
  }
  if (consent) consent.addEventListener("change", toggleContact);

  window.addEventListener("online", function () {
    if (mode === "kiosk") flush();
    else if (state.pending) { retryDelay = 2000; sendLink(); }
  });

  if (mode === "kiosk") {
    ["pointerdown", "keydown", "touchstart", "change", "scroll"].forEach(function (name) {
      document.addEventListener(name, function () { lastActivity = Date.now(); }, { passive: true });
    });
    window.setInterval(function () {
      var onForm = !form.classList.contains("d-none");
      if (onForm && Date.now() - lastActivity > idleSeconds * 1000) resetKiosk();
    }, 1000);
    var start = document.getElementById("kiosk-start");
    if (start) start.addEventListener("click", function () { lastActivity = Date.now(); screen("form"); });
    resetKiosk();
    flush();
  } else {
    var s = store();
    var saved = null;
    try { saved = JSON.parse((s && s.getItem(storageKey)) || "null"); } catch (e) { saved = null; }
    if (saved) {
      restore(saved.values || {});
      state.clientKey = saved.clientKey || null;
      state.firstTouch = saved.firstTouch || null;
      if (saved.pending) {
        show("info", say("resending", "Đang gửi lại đánh giá chưa gửi được lần trước…"));
        sendLink();
      } else if (Object.keys(saved.values || {}).length) {
        show("info", say("restored", "Các câu trả lời ông/bà đã chọn trước đó được giữ lại."));
      }
    }
  }
  toggleContact();
})();
