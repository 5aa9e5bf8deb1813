"""`python -m bot.rasa_cli ...` is Rasa's own command line: `rasa ...` does the same, since the fixes in
`bot/rasa_fixes.py` are installed by the classes our configuration names."""

from __future__ import annotations

if __name__ == "__main__":
    from rasa.__main__ import main

    main()
