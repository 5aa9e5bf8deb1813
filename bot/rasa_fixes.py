"""Fixes for defects in Rasa 3.6.21 that people would notice, applied in the process before Rasa runs.

1. Every custom-action call validates the action server's reply with `jsonschema.validate`, which first checks
   the (constant) response schema itself against the draft 2020-12 meta-schema: about 20 of the 25 ms each call
   took here, with two or three calls per message. We check replies against the same schema with a validator
   built once, raising the same error Rasa raises.
2. Reading a stored conversation back (every message, from any tracker store) resolves each event's class by
   walking all subclasses of `Event` and testing each for abstractness: about 3 ms per message here. The class
   of each event name found is remembered (a name not found still takes Rasa's own path and error).
3. In `rasa shell`, Ctrl-C at a button menu makes questionary answer None, which Rasa slices as a string: the
   input task dies with AttributeError and the shell hangs without a prompt. A cancelled menu now ends the
   shell, as Ctrl-C at the text prompt does.
4. Nothing bounds a message's length before the NLU pipeline (one 100 KB message grew the starter bot to 24 GB):
   `bot/message_guard.py` screens every message, from every channel, first (also empty ones and other
   languages, each answered clearly).
5. "Forget me" (`bot/forget.py`): Rasa's tracker stores cannot delete a conversation; ours does after the
   turn that asked for it is saved.
6. When the action server is down, Rasa logs the failure and the person may get no answer at all:
   `bot/action_server_outage.py` answers once per message with what to do if it is urgent.
7. When the tracker store fails, Rasa silently goes on with an empty conversation in memory (earlier answers
   lost, nothing saved): `bot/store_outage.py` tells the person to try again, with what to do if it is urgent,
   and the channel answers with an error status.
8. A categorical slot takes any value a typed payload (`/inform{"exercise": "marathon"}`) or an HTTP API slot
   event gives it: such entities are dropped from the parsed message and such events refused with a 400
   (`bot/slot_values.py`).
"""

from __future__ import annotations

from typing import Any


def _validate_replies_once() -> None:
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if exceptions.best_match(validator.iter_errors(result)) is None:
            return True
        return bool(original(self, result))  # Rasa's own path: the same error, with its message

    RemoteAction._validate_action_result = validate_action_result


def _event_classes_remembered() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    known: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        if type_name not in known:
            found = original(type_name, default)
            if found is None or found is default:
                return found
            known[type_name] = found
        return known[type_name]

    Event.resolve_by_type = staticmethod(resolve_by_type)


def _cancelled_menu_ends_shell() -> None:
    import rasa.cli.utils as cli_utils

    async def payload_from_button_question(button_question: Any) -> str | None:
        response = await button_question.ask_async()
        if response is None or response == cli_utils.FREE_TEXT_INPUT_PROMPT:
            return response  # type: ignore[no-any-return]
        return str(response[response.rfind("(") + 1 : response.rfind(")")])

    cli_utils.payload_from_button_question = payload_from_button_question


def _allowed_slot_values() -> Any:
    """Slot name to allowed values of a domain, worked out once per loaded domain rather than per message."""
    from rasa.shared.core.slots import CategoricalSlot

    cached: list[Any] = [None, {}]  # the domain last seen, and its allowed values

    def allowed(domain: Any) -> dict[str, frozenset[str] | None]:
        if cached[0] is not domain:
            cached[:] = [
                domain,
                {
                    slot.name: frozenset(map(str, slot.values)) if isinstance(slot, CategoricalSlot) else None
                    for slot in domain.slots
                },
            ]
        values: dict[str, frozenset[str] | None] = cached[1]
        return values

    return allowed


def _slot_values_checked() -> None:
    from http import HTTPStatus

    import rasa.server
    from rasa.core.processor import MessageProcessor

    from bot.slot_values import disallowed_slot_events, entities_with_allowed_values

    original_parse, original_validate = MessageProcessor.parse_message, rasa.server.validate_events_in_request_body
    allowed_values = _allowed_slot_values()

    async def parse_message(self: MessageProcessor, *args: Any, **kwargs: Any) -> dict[str, Any]:
        parsed: dict[str, Any] = await original_parse(self, *args, **kwargs)
        parsed["entities"] = entities_with_allowed_values(parsed.get("entities") or [], allowed_values(self.domain))
        return parsed

    def validate_events_in_request_body(request: Any) -> None:
        original_validate(request)
        events = request.json if isinstance(request.json, list) else [request.json]
        problems = disallowed_slot_events(events, allowed_values(request.app.ctx.agent.domain))
        if problems:
            raise rasa.server.ErrorResponse(HTTPStatus.BAD_REQUEST, "BadRequest", "; ".join(problems))

    MessageProcessor.parse_message = parse_message
    rasa.server.validate_events_in_request_body = validate_events_in_request_body


def apply() -> None:
    """Installs the fixes; safe to call more than once."""
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, "_legs_fixed", False):
        return
    from bot import action_server_outage, forget, message_guard, store_outage
    from bot.engine import Engine
    from bot.knowledge_loader import load_knowledge
    from bot.nlu.lexicon import load_lexicon
    from bot.settings import load_settings

    _validate_replies_once()
    _event_classes_remembered()
    _cancelled_menu_ends_shell()
    _slot_values_checked()
    settings = load_settings()
    knowledge = load_knowledge()
    message_guard.install(settings.max_message_chars, message_guard.LanguageCheck.from_lexicon(load_lexicon(knowledge)))
    forget.install()
    urgent_warning = Engine(knowledge, settings.emergency_number).emergency_warning()
    action_server_outage.install(urgent_warning)
    store_outage.install(urgent_warning)
    RemoteAction._legs_fixed = True
