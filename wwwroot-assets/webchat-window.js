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

  var unsentKey = storageKey + ":unsent";
  // At most this many wait; beyond it the oldest is given up ("not sent"), so storage and the resend after an outage stay small.
  var maxUnsent = 50;
  var unsent = loadUnsent(); // messages typed but not yet accepted by the server, oldest first: they survive a reload
  var sending = false, sendRetry = 0, sendTimer = null;
  var events = null, reconnects = 0, reconnectTimer = null;

  function newId() {
    return (crypto.randomUUID ? crypto.randomUUID() : Date.now() + "-" + Math.random().toString(16).slice(2));
  }

  function loadUnsent() {
    try { return JSON.parse(localStorage.getItem(unsentKey) || "[]").filter(function (m) { return m && m.id && m.text; }); }
    catch (e) { return []; }
  }
  // Every tab of the site shares the stored list: each change reads it, applies itself and writes it back at once, so a
  // tab never overwrites another tab's waiting messages with its own copy. (A reloaded tab sends them all; the ids make
  // a message sent by two tabs harmless.)
  function storeUnsent(change) {
    try {
      var stored = change(loadUnsent());
      if (stored.length) localStorage.setItem(unsentKey, JSON.stringify(stored)); else localStorage.removeItem(unsentKey);
    } catch (e) { }
  }

  // "sending…" until the server has taken the message, then "sent" (in the window's language, from the page).
  function setStatus(bubble, state) {
    if (!bubble || bubble.getAttribute("data-direction") !== "in") return;
    var status = bubble.querySelector(".wc-status");
    if (!status) { status = document.createElement("span"); status.className = "wc-status"; bubble.appendChild(status); }
    bubble.classList.toggle("wc-pending", state === "sending");
    bubble.setAttribute("data-status", state);
    status.textContent = list.dataset[state] || "";
  }

  // Backoff for reconnecting and resending: about 0.5 s, 1 s, 2 s, 4 s, then every 5 s at most. The random half keeps
  // thousands of windows from coming back at the same instant after a restart.
  function delay(attempt) { return Math.min(5000, 500 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2); }

  function show(message) {
    var key = message.clientId ? "c:" + message.clientId : "m:" + message.id;
    var existing = shown[key] || (message.id && shown["m:" + message.id]);
    if (existing) {
      if (message.id) { existing.dataset.id = message.id; shown["m:" + message.id] = existing; setStatus(existing, "sent"); }
      return;
    }
    var bubble = document.createElement("div");
    bubble.className = "wc-bubble wc-" + message.direction + (message.isButtonPress ? " wc-choice" : "");
    if (message.author) {
      // An operator's reply says who wrote it, so it is not taken for the bot's.
      var author = document.createElement("div");
      author.className = "wc-author";
      author.textContent = message.author;
      bubble.appendChild(author);
    }
    var body = document.createElement("span");
    body.className = "wc-text";
    body.textContent = message.text || "";
    bubble.appendChild(body);
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
    if (message.clientId) bubble.dataset.clientId = message.clientId;
    // Only the newest message's buttons can be pressed: older ones answer questions the conversation has moved past.
    list.querySelectorAll(".wc-buttons button").forEach(function (b) { b.disabled = true; });
    list.appendChild(bubble);
    if (message.buttons && message.buttons.length) list.appendChild(buttonsOf(message.buttons));
    setStatus(bubble, message.pending ? "sending" : "sent");
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
    queue(message, b.kind === "callback");
  }

  // Every message waits in the unsent list (kept in the browser) until the server accepts it; the id makes a resend
  // harmless, since the server stores each message once.
  function queue(message, isButtonPress) {
    if (visitorName) message.name = visitorName;
    // The browser's language: the bot answers in it (the window's own language may be the site's, not the visitor's).
    if (navigator.language) message.language = navigator.language;
    unsent.push(message);
    storeUnsent(function (stored) { return stored.concat([message]).slice(-maxUnsent); });
    show({ clientId: message.id, direction: "in", text: message.text, pending: true, isButtonPress: isButtonPress });
    while (unsent.length > maxUnsent) refused(unsent[0]);
    flush();
  }

  function flush() {
    if (sending || !token || !unsent.length) return;
    clearTimeout(sendTimer);
    sending = true;
    var message = unsent[0];
    api("/messages", { method: "POST", body: JSON.stringify(message) }).then(function () {
      done(message);
      sendRetry = 0;
      sending = false;
      flush();
    }, function (e) {
      sending = false;
      var status = Number(e && e.message);
      if (status === 401) {
        // The visitor's token is no longer accepted (new keys on the server): a new session, and the message stays queued.
        saved = null;
        start();
        return;
      }
      if (status >= 400 && status < 500 && status !== 404 && status !== 408 && status !== 429) {
        refused(message); // refused for good (too long, an old button): resending cannot help
        fail("failed");
        flush();
        return;
      }
      // The server is away (a restart, the network): try again, and again when the event stream reconnects.
      sendTimer = setTimeout(flush, delay(sendRetry++));
    });
  }

  function done(message) { forget(message); setStatus(shown["c:" + message.id], "sent"); }

  function refused(message) { forget(message); setStatus(shown["c:" + message.id], "notSent"); }

  function forget(message) {
    unsent = unsent.filter(function (m) { return m.id !== message.id; });
    storeUnsent(function (stored) { return stored.filter(function (m) { return m.id !== message.id; }); });
  }

  function fail(kind) { error.textContent = error.dataset[kind]; error.hidden = false; }

  function online(yes) {
    document.body.setAttribute("data-connection", yes ? "online" : "offline");
    if (yes) error.hidden = true; else fail("offline");
  }

  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ "Content-Type": "application/json" }, options.headers || {}, token ? { "X-Visitor-Token": token } : {});
    return fetch(base + path, options).then(function (r) { if (!r.ok) throw new Error(r.status); return r.status === 204 || r.status === 202 ? null : r.json(); });
  }

  // The browser's own EventSource retry gives up once the server answered an error (a restarting app does): so the
  // window closes it and opens a new one itself, with a capped backoff. The server's first event ("ready") says the
  // stream is up: the window is online, sends what waits and fetches what it missed meanwhile.
  function listen() {
    clearTimeout(reconnectTimer);
    if (events) events.close();
    events = new EventSource(base + "/events?token=" + encodeURIComponent(token));
    events.addEventListener("ready", function () {
      reconnects = 0;
      online(true);
      sendRetry = 0;
      flush();
      api("/messages").then(function (history) { history.forEach(show); }, function () { });
    });
    events.addEventListener("message", function (e) { online(true); show(JSON.parse(e.data)); });
    events.onerror = function () {
      events.close();
      events = null;
      online(false);
      // Several failures in a row may mean the token is refused rather than the server away: a new session then.
      reconnectTimer = setTimeout(reconnects >= 4 ? start : listen, delay(reconnects++));
    };
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var value = text.value.trim();
    if (!value) return;
    text.value = "";
    queue({ id: newId(), text: value }, false);
  });
  text.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  var saved = null;
  try { saved = localStorage.getItem(storageKey); } catch (e) { /* storage may be blocked in third-party frames */ }
  // What was typed before a reload (or while the server was away) is shown, and sent once the window is connected.
  unsent.forEach(function (m) { show({ clientId: m.id, direction: "in", text: m.text, pending: true, isButtonPress: !!m.payload }); });
  var starts = 0;
  function start() {
    api("/session", { method: "POST", body: JSON.stringify({ token: saved }) })
      .then(function (session) {
        token = session.token;
        try { localStorage.setItem(storageKey, token); } catch (e) { }
        return api("/messages");
      })
      .then(function (history) { starts = 0; history.forEach(show); listen(); flush(); })
      .catch(function () { online(false); setTimeout(start, delay(starts++)); });
  }
  start();
})();
