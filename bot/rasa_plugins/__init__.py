"""The classes our Rasa configuration names: NLU components (config.yml), stores (endpoints.yml) and channels
(credentials.yml). Being named there, they load however Rasa is started, and install `bot.rasa_patches`."""
