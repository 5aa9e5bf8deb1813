"""The chat page: a static page embedding rasa-webchat, served by `bot.web.server`."""
