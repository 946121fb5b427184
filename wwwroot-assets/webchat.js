/* Bots1C web chat launcher. Embed with:
   <script src="https://bot.example.ru/bots_unf/assets/webchat.js" data-bot="BOT_KEY" async></script>
   Optional: data-title, data-color, data-visitor-name (the signed-in customer's name, shown to operators).
   It adds a chat button; the chat window itself is served by Bots1C in an iframe. */
(function () {
  var script = document.currentScript;
  if (!script || !script.dataset.bot) { console.error("Bots1C web chat: data-bot is missing on the script tag"); return; }
  var base = script.src.replace(/\/assets\/webchat\.js(\?.*)?$/, "");
  var url = base + "/webchat/" + encodeURIComponent(script.dataset.bot);
  // A site that knows its visitor (a signed-in customer) names them, so operators do not see an anonymous id.
  var visitorName = (script.dataset.visitorName || "").trim();
  if (visitorName) url += "?name=" + encodeURIComponent(visitorName.slice(0, 64));
  var title = script.dataset.title || "Chat";
  var color = script.dataset.color || "#c8102e";

  var button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-label", title);
  button.setAttribute("data-bots1c", "launcher");
  button.style.cssText = "position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;" +
    "background:" + color + ";color:#fff;box-shadow:0 4px 12px rgba(0,0,0,.25);cursor:pointer;z-index:2147483000;" +
    "display:flex;align-items:center;justify-content:center;padding:0";
  // An inline icon: emoji fonts are missing on many systems.
  button.innerHTML = '<svg width="28" height="28" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">' +
    '<path d="M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z"/></svg>';

  var frame = null;
  button.addEventListener("click", function () {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = url;
      frame.title = title;
      frame.setAttribute("data-bots1c", "window");
      frame.style.cssText = "position:fixed;right:20px;bottom:88px;width:360px;max-width:calc(100vw - 40px);height:520px;" +
        "max-height:calc(100vh - 120px);border:0;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.25);z-index:2147483000;background:#fff";
      document.body.appendChild(frame);
    } else {
      frame.style.display = frame.style.display === "none" ? "" : "none";
    }
  });
  document.body.appendChild(button);
})();
