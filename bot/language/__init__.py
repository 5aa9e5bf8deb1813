"""Reading what people type, with spaCy and no Rasa: the lexicon, the finding matcher, who a message is about,
the message guard and the local spaCy pipeline builder."""
