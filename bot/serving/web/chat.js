// The chat, our own small widget over Rasa's socket.io protocol (session_request / session_confirm,
// user_uttered, bot_uttered). Written for keyboard and screen-reader use (WCAG 2.2 AA): the messages are a
// live log, answers are real buttons in the tab order, the message box has a label. Every text from the
// server or the person is set as text, never as HTML. Session storage keeps the chat across reloads of this
// tab and forgets it when the tab is closed (a shared computer should not show someone's health chat).
(function () {
  "use strict";

  var SESSION_KEY = "legs-chat-session";
  var HISTORY_KEY = "legs-chat-history";
  var HISTORY_KEPT = 300;
  var PICTURE_PATH = "/pictures/";

  var log = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var status = document.getElementById("status");
  var labels = {};
  document.getElementById("labels").content.querySelectorAll("[data-label]").forEach(function (label) {
    labels[label.dataset.label] = label.textContent;
  });

  function stored(key, fallback) {
    try {
      var value = window.sessionStorage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (error) {
      return fallback;
    }
  }

  function store(key, value) {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // storage full or blocked: the chat goes on, a reload starts afresh
    }
  }

  var history = stored(HISTORY_KEY, []);
  var sessionId = stored(SESSION_KEY, null);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function figure(picture) {
    var box = element("figure", "picture");
    var image = element("img");
    image.src = PICTURE_PATH + encodeURIComponent(picture.file);
    image.alt = picture.alt;
    box.appendChild(image);
    return box;
  }

  // Lines starting "- " become a list (a relief step's picture goes with its line); other lines paragraphs.
  function body(text, pictures) {
    var content = element("div", "text");
    var list = null;
    var item = 0;
    text.split("\n").forEach(function (raw) {
      var line = raw.trim();
      if (!line) {
        list = null;
        return;
      }
      if (line.indexOf("- ") === 0) {
        if (!list) list = content.appendChild(element("ul"));
        var entry = list.appendChild(element("li", "", line.slice(2)));
        pictures.forEach(function (picture) {
          if (picture.line === item) entry.appendChild(figure(picture));
        });
        item += 1;
      } else {
        list = null;
        content.appendChild(element("p", "", line));
      }
    });
    return content;
  }

  function printSummary(entry) {
    entry.classList.add("to-print");
    document.body.dataset.print = "summary";
    document.getElementById("print-date").textContent = labels.printed + " " + new Date().toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
    window.print();
  }

  window.addEventListener("afterprint", function () {
    delete document.body.dataset.print;
    log.querySelectorAll(".to-print").forEach(function (entry) {
      entry.classList.remove("to-print");
    });
  });

  function answerButtons(buttons) {
    var group = element("div", "answers");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", labels.answers);
    buttons.forEach(function (button) {
      var press = group.appendChild(element("button", "answer", button.title));
      press.type = "button";
      press.addEventListener("click", function () {
        send(button.payload, button.title);
      });
    });
    return group;
  }

  function show(message, live) {
    var entry = element("div", message.from === "you" ? "message you" : "message bot");
    entry.appendChild(element("span", "visually-hidden", (message.from === "you" ? labels.you : labels.bot) + " "));
    entry.appendChild(body(message.text, message.pictures || []));
    if (message.document === "summary") {
      var print = entry.appendChild(element("button", "print", labels.print));
      print.type = "button";
      print.addEventListener("click", function () {
        printSummary(entry);
      });
    }
    if (live && message.buttons && message.buttons.length) {
      entry.appendChild(answerButtons(message.buttons));
    }
    log.appendChild(entry);
    log.scrollTop = log.scrollHeight;
  }

  // Old answer buttons go once the person answers, so nobody answers a question twice; focus stays in the box.
  function removeAnswerButtons() {
    var hadFocus = log.contains(document.activeElement) && document.activeElement.classList.contains("answer");
    log.querySelectorAll(".answers").forEach(function (group) {
      group.remove();
    });
    if (hadFocus) input.focus();
  }

  function remember(message) {
    history.push(message);
    history = history.slice(-HISTORY_KEPT);
    store(HISTORY_KEY, history);
  }

  history.forEach(function (message, index) {
    show(message, index === history.length - 1);
  });

  var socket = window.io(document.body.dataset.socketUrl, { path: "/socket.io/" });

  function setStatus(state) {
    status.dataset.state = state;
    status.textContent = labels[state];
  }

  function send(payload, shown) {
    removeAnswerButtons();
    var message = { from: "you", text: shown };
    show(message, true);
    remember(message);
    socket.emit("user_uttered", { message: payload, session_id: sessionId });
    if (socket.connected) setStatus("writing");
  }

  socket.on("connect", function () {
    socket.emit("session_request", { session_id: sessionId });
  });

  socket.on("session_confirm", function (confirmed) {
    var id = confirmed && confirmed.session_id ? confirmed.session_id : confirmed;
    if (typeof id !== "string" || !id) return;
    sessionId = id;
    store(SESSION_KEY, id);
    setStatus("connected");
    if (!history.length) socket.emit("user_uttered", { message: "/greet", session_id: id });
  });

  socket.on("disconnect", function () {
    setStatus("offline");
  });

  socket.on("bot_uttered", function (data) {
    if (!data || typeof data.text !== "string") return;
    var message = {
      from: "bot",
      text: data.text,
      buttons: Array.isArray(data.buttons) ? data.buttons : [],
      pictures: Array.isArray(data.pictures) ? data.pictures : [],
      document: data.document,
    };
    show(message, true);
    remember(message);
    if (status.dataset.state === "writing") setStatus("connected");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text);
  });
})();
