/* The Bots1C chat window: keeps the visitor's signed token, sends messages with their own ids
   (so a retry is never stored twice), and shows replies pushed by the server as they arrive. */
(function () {
  var base = document.currentScript.dataset.base;
  var list = document.getElementById("wc-messages");
  var form = document.getElementById("wc-form");
  var text = document.getElementById("wc-text");
  var error = document.getElementById("wc-error");
  var storageKey = "bots1c-webchat:" + base;
  var token = null;
  var visitorName = new URLSearchParams(location.search).get("name"); // from the site's snippet, if it knows the visitor
  var shown = {};

  function newId() {
    return (crypto.randomUUID ? crypto.randomUUID() : Date.now() + "-" + Math.random().toString(16).slice(2));
  }

  function show(message) {
    var key = message.clientId ? "c:" + message.clientId : "m:" + message.id;
    var existing = shown[key] || (message.id && shown["m:" + message.id]);
    if (existing) { existing.classList.remove("wc-pending"); existing.dataset.id = message.id || ""; return; }
    var bubble = document.createElement("div");
    bubble.className = "wc-bubble wc-" + message.direction + (message.pending ? " wc-pending" : "") + (message.isButtonPress ? " wc-choice" : "");
    bubble.textContent = message.text || "";
    if (message.fileUrl) {
      var link = document.createElement("a");
      link.href = message.fileUrl;
      link.target = "_blank";
      link.rel = "noopener";
      link.className = "wc-file";
      link.textContent = message.fileName || "file";
      if (message.text) bubble.appendChild(document.createElement("br"));
      bubble.appendChild(link);
    }
    bubble.dataset.id = message.id || "";
    bubble.setAttribute("data-direction", message.direction);
    // Only the newest message's buttons can be pressed: older ones answer questions the conversation has moved past.
    list.querySelectorAll(".wc-buttons button").forEach(function (b) { b.disabled = true; });
    list.appendChild(bubble);
    if (message.buttons && message.buttons.length) list.appendChild(buttonsOf(message.buttons));
    shown[key] = bubble;
    if (message.id) shown["m:" + message.id] = bubble;
    list.scrollTop = list.scrollHeight;
  }

  // Texts and addresses come from the bot's author: set as text and checked, never parsed as HTML.
  function buttonsOf(buttons) {
    var group = document.createElement("div");
    group.className = "wc-buttons";
    group.setAttribute("role", "group");
    buttons.forEach(function (b) {
      if (b.kind === "link") {
        if (!/^https?:\/\//i.test(b.url || "")) return; // the server sends only http(s); a "javascript:" link must never be made
        var link = document.createElement("a");
        link.href = b.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.className = "wc-button wc-link";
        link.textContent = b.text;
        group.appendChild(link);
      } else if (b.kind === "reply" || b.kind === "callback") {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "wc-button";
        button.textContent = b.text;
        button.addEventListener("click", function () { press(b); });
        group.appendChild(button);
      }
    });
    return group;
  }

  // A reply button sends its text as if typed; a callback button sends a press with its payload.
  function press(b) {
    var message = { id: newId(), text: b.text };
    if (b.kind === "callback") message.payload = b.payload;
    show({ clientId: message.id, direction: "in", text: b.text, pending: true, isButtonPress: b.kind === "callback" });
    send(message, 0);
  }

  function fail(kind) { error.textContent = error.dataset[kind]; error.hidden = false; }

  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ "Content-Type": "application/json" }, options.headers || {}, token ? { "X-Visitor-Token": token } : {});
    return fetch(base + path, options).then(function (r) { if (!r.ok) throw new Error(r.status); return r.status === 204 || r.status === 202 ? null : r.json(); });
  }

  function listen() {
    var events = new EventSource(base + "/events?token=" + encodeURIComponent(token));
    events.addEventListener("message", function (e) { error.hidden = true; show(JSON.parse(e.data)); });
    events.onerror = function () { fail("offline"); };
  }

  function send(body, attempt) {
    if (visitorName && attempt === 0) body.name = visitorName;
    return api("/messages", { method: "POST", body: JSON.stringify(body) }).catch(function () {
      // The id makes a resend harmless: the server stores each message once.
      if (attempt < 3) return new Promise(function (ok) { setTimeout(ok, 1000 * (attempt + 1)); }).then(function () { return send(body, attempt + 1); });
      fail("failed");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var value = text.value.trim();
    if (!value) return;
    var message = { id: newId(), text: value };
    show({ clientId: message.id, direction: "in", text: value, pending: true });
    text.value = "";
    send(message, 0);
  });
  text.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  var saved = null;
  try { saved = localStorage.getItem(storageKey); } catch (e) { /* storage may be blocked in third-party frames */ }
  api("/session", { method: "POST", body: JSON.stringify({ token: saved }) })
    .then(function (session) {
      token = session.token;
      try { localStorage.setItem(storageKey, token); } catch (e) { }
      return api("/messages");
    })
    .then(function (history) { history.forEach(show); listen(); })
    .catch(function () { fail("offline"); });
})();
