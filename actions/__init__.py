"""Custom actions: thin adapters from Rasa slots to the engine in `bot/` and back to responses and slots."""
