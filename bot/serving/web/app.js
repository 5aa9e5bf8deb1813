// Starts rasa-webchat inside the page. The socket address comes from the page (set by the server), so the
// page never talks to anyone but our own Rasa server; session storage keeps the chat across reloads of this
// tab and forgets it when the tab is closed (a shared computer should not show someone's health chat).
window.addEventListener("DOMContentLoaded", function () {
  window.WebChat.default(
    {
      initPayload: "/greet",
      socketUrl: document.body.dataset.socketUrl,
      socketPath: "/socket.io/",
      embedded: true,
      title: "Leg cramp helper",
      subtitle: "General information, not a diagnosis",
      inputTextFieldHint: "Describe what happens in your legs",
      connectingText: "Connecting...",
      hideWhenNotConnected: false,
      showFullScreenButton: false,
      customMessageDelay: function () { return 400; },
      params: { storage: "session" },
    },
    document.getElementById("chat")
  );
});
