"""`python -m bot.serving.rasa_cli ...` is Rasa's own command line (`rasa ...` does the same: the fixes in
`bot/rasa_patches.py` are installed by the classes our configuration names), with two additions: `run
--enable-api` takes the HTTP API token from RASA_API_TOKEN (`make serve`), and the library deprecation warnings
that Rasa's start raises before it loads any class of ours are not printed (`make chat`, `make serve`).

Rasa 3.6.21 reads the token only from `--auth-token`, and a command line is readable by every user of the machine
(`ps`); the environment is readable by the process's owner only. The token is added to the arguments Rasa
parses inside this process, so it never appears in the process list.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

TOKEN_VARIABLE = "RASA_API_TOKEN"  # noqa: S105 (the name of the variable, not a token)


def with_api_token(argv: list[str], environ: Mapping[str, str]) -> list[str]:
    """`argv` with `--auth-token` from the environment when it runs Rasa's HTTP API (and names no token)."""
    token = environ.get(TOKEN_VARIABLE, "").strip()
    if argv[:1] == ["run"] and "--enable-api" in argv and "--auth-token" not in argv and token:
        return [*argv, "--auth-token", token]
    return argv


if __name__ == "__main__":
    from bot.rasa_patches import quiet_library_deprecations

    quiet_library_deprecations()  # before Rasa's imports, which raise the first of them
    from rasa.__main__ import main

    sys.argv[1:] = with_api_token(sys.argv[1:], os.environ)
    main()
