"""`python -m bot.rasa_cli ...` runs Rasa's own command line with the fixes in `bot/rasa_fixes.py` applied."""

from __future__ import annotations

from bot.rasa_fixes import apply

if __name__ == "__main__":
    apply()
    from rasa.__main__ import main

    main()
