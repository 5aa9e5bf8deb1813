"""The chat page: a static page embedding rasa-webchat, served by `bot.serving.web.server`."""
