"""The assistant's knowledge and reasoning: knowledge files and their loader, the engine, the doctor's summary,
the safety check, slots and settings. Plain Python with no Rasa and no spaCy, so it is tested and reasoned about
alone; the actions and every other package build on it."""
