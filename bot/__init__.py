"""Leg-cramp assistant, by role: `core` (knowledge and reasoning, plain Python), `language` (reading messages,
spaCy), `rasa_plugins` (the classes config.yml, endpoints.yml and credentials.yml name), `rasa_patches` (the one
module that changes Rasa's internals) and `serving` (starting, settings, the web page, admin commands).
Dependencies point one way, towards `core` (tests/test_layout.py checks it)."""
