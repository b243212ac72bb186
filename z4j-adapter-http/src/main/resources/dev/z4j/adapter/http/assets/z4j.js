// z4j brain: the dashboard's only own script, served from the brain's origin (the page policy allows no inline code).
// Everything here is an enhancement: every page reads, and every form posts, without it.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="element-id"> copies that element's text and says so.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(source.textContent).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      button.setAttribute("aria-live", "polite");
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });
})();

// Live updates: on a project's pages, /ws/dashboard says "something changed" ({type:"event", topic}) and the page
// re-reads what it shows. The topic is re-dispatched on <body> as a DOM event of the same name
// ("task.changed", "command.changed", "agent.changed"), which the parts of a page listen to
// (hx-trigger="task.changed from:body"). Bursts are coalesced here too: at most one dispatch per topic every 500 ms,
// and the last change of a burst is never lost. The socket reconnects with backoff unless the brain refused it
// (4401 not signed in, 4403 not allowed); <body data-live> says where it stands (connecting, ready, closed, refused).
(function () {
  "use strict";

  var REFUSED = [4401, 4403];
  var BACKOFF_MS = [1000, 2000, 5000, 10000, 30000];
  var COALESCE_MS = 500;
  var PING_MS = 25000;

  function start() {
    var body = document.body;
    var project = body.getAttribute("data-live-project");
    if (!project || !window.WebSocket) {
      return;
    }
    var failures = 0;
    var wasReady = false;
    var pending = {};

    function dispatch(topic) {
      if (pending[topic]) {
        return;
      }
      pending[topic] = setTimeout(function () {
        delete pending[topic];
        body.dispatchEvent(new CustomEvent(topic, { bubbles: true }));
      }, COALESCE_MS);
    }

    function connect() {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      var socket = new WebSocket(scheme + location.host + "/ws/dashboard");
      var ping = null;
      body.setAttribute("data-live", "connecting");
      socket.onopen = function () {
        socket.send(JSON.stringify({ type: "subscribe", project: project }));
        ping = setInterval(function () { socket.send(JSON.stringify({ type: "ping" })); }, PING_MS);
      };
      socket.onmessage = function (message) {
        var frame;
        try {
          frame = JSON.parse(message.data);
        } catch (e) {
          return;
        }
        if (frame.type === "ready") {
          failures = 0;
          body.setAttribute("data-live", "ready");
          if (wasReady) {
            // Changes while the socket was down were not pushed: re-read everything once.
            ["task.changed", "command.changed", "agent.changed"].forEach(dispatch);
          }
          wasReady = true;
        } else if (frame.type === "event" && typeof frame.topic === "string" && /^[a-z]+\.[a-z]+$/.test(frame.topic)) {
          dispatch(frame.topic);
        }
      };
      socket.onclose = function (event) {
        clearInterval(ping);
        if (REFUSED.indexOf(event.code) >= 0) {
          body.setAttribute("data-live", "refused");
          return;
        }
        body.setAttribute("data-live", "closed");
        setTimeout(connect, BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]);
        failures++;
      };
    }

    connect();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
