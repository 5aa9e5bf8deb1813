"""Our Rasa NLU components, named in config.yml: they run the language package's matcher inside Rasa's pipeline."""
