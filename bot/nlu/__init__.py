"""Language understanding: the locally built spaCy pipeline and, later, our Rasa NLU component."""
