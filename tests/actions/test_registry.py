"""Rasa runs the actions the domain names: each must be registered from the `actions` package."""

from __future__ import annotations

from typing import Any


def test_every_action_in_the_domain_is_implemented(domain: dict[str, Any]) -> None:
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    declared = {next(iter(a)) if isinstance(a, dict) else a for a in domain["actions"]}
    assert declared <= set(executor.actions)
