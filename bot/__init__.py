"""Leg-cramp assistant: domain knowledge, the reasoning engine and the Rasa adapters that live outside actions/."""
