"""The one place that changes Rasa's internals: fixes for defects people would notice, where Rasa 3.6.21 offers
no extension point.

Every start loads them, because the classes our configuration names (`bot/rasa_plugins/`) call `install()`: the
tracker store and the lock store (endpoints.yml, read by `rasa run` and `rasa shell`) and our channels
(credentials.yml). So `rasa run`, `rasa shell`, `python -m bot.serving.rasa_cli` and Rasa's Docker image with our
files all behave alike. They were written against Rasa 3.6.21: on any other version start-up stops with one line
saying so. No other module touches a private name of Rasa's (tests/test_layout.py checks it).

What Rasa's extension points do cover lives with them: "forget me" in our tracker store
(`bot/rasa_plugins/stores/`), the message guard in our channels' base (`bot/rasa_plugins/channels/screened.py`),
slot values of typed payloads in the slot validation action (`actions/red_flags.py`).

1. Every custom-action call validates the action server's reply with `jsonschema.validate`, which first checks
   the (constant) response schema itself against the draft 2020-12 meta-schema: about 20 of the 25 ms each call
   took here, with two or three calls per message. Replies are checked against the same schema with a validator
   built once, raising the same error Rasa raises.
2. Reading a stored conversation back (every message, from any tracker store) resolves each event's class by
   walking all subclasses of `Event` and testing each for abstractness: about 3 ms per message here. The class
   of each event name found is remembered (a name not found still takes Rasa's own path and error).
3. `rasa shell`: Ctrl-C at a button menu makes questionary answer None, which Rasa slices as a string: the input
   task dies with AttributeError and the shell hangs without a prompt. A cancelled menu now ends the shell, as
   Ctrl-C at the text prompt does. The shell talks through Rasa's own channel, created before any of our code
   loads: its messages are screened here as our channels screen theirs (`bot/language/message_guard.py`).
4. When the action server is down, Rasa logs the failure and the person may get no answer at all: the first
   failure for each user message adds one reply (`utter_action_server_unavailable`, with the most urgent
   safety-net line); later failures for the same message add nothing, and nothing is stored that would stop
   the conversation going on once the action server is back.
5. Rasa wraps the tracker store in `FailSafeTrackerStore`, which on any error carries on with an empty
   conversation kept in memory: the person's earlier answers (a red flag among them) vanish without a word, and
   the turn is saved nowhere another replica can see. Here a store error, after one retry (which also replaces a
   connection the database dropped while it restarted), stops the turn: the person gets
   `utter_store_unavailable` with the most urgent safety-net line, our channels answer with an error status
   (REST 503), nothing is written, and the next message tries the store again. A lock that cannot be taken
   (Redis down, or another replica holding it past its lifetime) is answered the same way. Logs name the
   error's type only: its text can hold conversation data.
6. Rasa's HTTP API stores any slot event, even a value its categorical slot does not take: such events are
   refused with a 400 naming the slot and what it takes (`bot/core/slot_values.py`).
7. python-engineio answers a socket.io long-polling body that is not UTF-8 with 200 and a logged traceback:
   it gets a 400, and that socket is closed as engineio does for any bad request.
8. Sanic turns every DeprecationWarning on when it is imported (`filterwarnings("once", DeprecationWarning)`,
   ahead of any filter set before it, PYTHONWARNINGS too), so Rasa 3.6.21's pinned libraries print about 15
   lines of them at start (pkg_resources, SQLAlchemy 2.0 moves, distutils in sanic_cors, jax in TensorFlow).
   Those few, by message and module, are ignored; every other warning, ours included, shows as before.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import warnings
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any, NoReturn, TypeVar

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"
ACTION_SERVER_DOWN = "utter_action_server_unavailable"
STORE_DOWN = "utter_store_unavailable"
REMEMBERED_MESSAGES = 10_000
T = TypeVar("T")
LIBRARY_DEPRECATIONS = (
    (r"pkg_resources is deprecated as an API", r"rasa\.shared\.utils\.validation"),
    (r"Deprecated call to `pkg_resources\.declare_namespace", r"pkg_resources"),
    (r".*Deprecated API features detected", r"rasa\.core\.tracker_store"),  # coloured on a terminal
    (r"Calling URL\(\) directly is deprecated", r"rasa\.core\.tracker_store"),
    (r"distutils Version classes are deprecated", r"sanic_cors\.extension"),
    (r"jax\.xla_computation is deprecated", r"tensorflow\.lite\.python\.util"),
)
"""The deprecation warnings Rasa's pinned libraries print at start: (message, module where it is raised)."""


class StoreUnavailableError(Exception):
    """The tracker or lock store did not answer; the person has been told (raised for the channel's status)."""


def install() -> None:
    """Applies every fix once per process; stops start-up with one line when they cannot apply."""
    import rasa
    from rasa.core.agent import Agent

    if getattr(Agent, "_legs_fixed", False):
        return
    quiet_library_deprecations()
    if rasa.__version__ != RASA_VERSION:
        stop_start_up(
            f"error: bot/rasa_patches.py changes Rasa {RASA_VERSION}'s internals and cannot apply to Rasa "
            f"{rasa.__version__}: install requirements.lock (make setup)"
        )
    urgent_warning = configured_urgent_warning()
    _validate_replies_once()
    _event_classes_remembered()
    _cancelled_menu_ends_shell()
    _shell_messages_screened()
    _action_server_outage_answered(urgent_warning)
    _store_outage_answered(urgent_warning)
    _api_slot_values_checked()
    _refuse_invalid_utf8()
    Agent._legs_fixed = True


def quiet_library_deprecations() -> None:
    """Ignores the deprecation warnings of `LIBRARY_DEPRECATIONS`, ahead of Sanic's filter (so call it after
    Sanic is imported): the terminal shows what matters."""
    import sanic  # noqa: F401 (its filter first, so ours take precedence)

    for message, module in LIBRARY_DEPRECATIONS:
        warnings.filterwarnings("ignore", message=message, category=DeprecationWarning, module=module)


@cache
def configured_urgent_warning() -> str:
    """The most urgent safety-net line with this deployment's emergency number; a bad setting or knowledge file
    stops start-up with the line that names it (also loading the message guard, so that fails here too)."""
    from bot.core.engine import Engine
    from bot.core.knowledge_loader import KnowledgeError, load_knowledge
    from bot.core.settings import SettingsError, load_settings
    from bot.language.message_guard import configured_guard

    try:
        configured_guard()
        return Engine(load_knowledge(), load_settings().emergency_number).emergency_warning()
    except (KnowledgeError, SettingsError) as error:
        stop_start_up(f"error: {error}")


def stop_start_up(reason: str) -> NoReturn:
    """Ends the process with `reason` as its one line. Our channels load before Rasa's server starts, where
    SystemExit does that; our stores load inside Sanic's start-up, which logs any exception with its traceback,
    so there the process ends itself."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        raise SystemExit(reason) from None
    print(reason, file=sys.stderr, flush=True)
    os._exit(1)


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


def _shell_messages_screened() -> None:
    from rasa.core.channels.console import CmdlineInput

    from bot.language.message_guard import configured_guard

    original = CmdlineInput._extract_message
    guard = configured_guard()

    def extract_message(self: CmdlineInput, request: Any) -> str:
        return guard.text_to_read(original(self, request))

    CmdlineInput._extract_message = extract_message


def _action_server_outage_answered(urgent_warning: str) -> None:
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
    from rasa.shared.exceptions import RasaException

    original = RemoteAction.run
    answered: OrderedDict[tuple[str, str | None], None] = OrderedDict()

    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Any]:
        try:
            return list(await original(self, output_channel, nlg, tracker, domain))
        except ActionExecutionRejection:
            raise  # a form rejecting an answer, not an outage
        except RasaException:
            message = (tracker.sender_id, tracker.latest_message.message_id if tracker.latest_message else None)
            if message in answered:
                return []
            answered[message] = None
            while len(answered) > REMEMBERED_MESSAGES:
                answered.popitem(last=False)
            logger.warning("The action server did not answer for '%s': told the person to try again", self.name())
            channel = output_channel.name()
            reply = await nlg.generate(ACTION_SERVER_DOWN, tracker, channel, urgent_warning=urgent_warning)
            return [create_bot_utterance(reply)] if reply else []

    RemoteAction.run = run


async def _twice(operation: str, call: Callable[[], Awaitable[T]]) -> T:
    try:
        return await call()
    except Exception:
        try:
            return await call()
        except Exception as error:
            logger.error("The conversation store failed to %s (%s)", operation, type(error).__name__)
            raise StoreUnavailableError(operation) from None


def _store_outage_answered(urgent_warning: str) -> None:
    from rasa.core.agent import Agent
    from rasa.core.lock_store import LockError
    from rasa.core.tracker_store import FailSafeTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker
    from redis.exceptions import RedisError

    class StrictTrackerStore(FailSafeTrackerStore):  # type: ignore[misc]
        """Rasa's wrapper, raising `StoreUnavailableError` where Rasa fell back to an empty memory."""

        async def retrieve(self, sender_id: str) -> Any:
            return await _twice("read", lambda: self._tracker_store.retrieve(sender_id))

        async def retrieve_full_tracker(self, sender_id: str) -> Any:
            return await _twice("read", lambda: self._tracker_store.retrieve_full_tracker(sender_id))

        async def save(self, tracker: Any) -> None:
            await _twice("save", lambda: self._tracker_store.save(tracker))

        async def keys(self) -> Any:
            return await _twice("list", self._tracker_store.keys)

    original_create, original_handle = Agent._create_tracker_store, Agent.handle_message

    def create_tracker_store(store: Any, domain: Any) -> Any:
        return StrictTrackerStore(original_create(store, domain)._tracker_store)

    async def handle_message(self: Agent, message: Any) -> Any:
        try:
            return await original_handle(self, message)
        except (StoreUnavailableError, LockError, RedisError) as error:
            if not isinstance(error, StoreUnavailableError):  # Rasa's LockError wraps the Redis error
                logger.error("The lock store failed (%s)", type(error).__name__)
            empty = DialogueStateTracker(message.sender_id, self.domain.slots)
            channel = message.output_channel
            reply = await self.nlg.generate(STORE_DOWN, empty, channel.name(), urgent_warning=urgent_warning)
            if reply:
                await channel.send_response(message.sender_id, reply)
            raise StoreUnavailableError("message") from None

    Agent._create_tracker_store = staticmethod(create_tracker_store)
    Agent.handle_message = handle_message


def _api_slot_values_checked() -> None:
    from http import HTTPStatus

    import rasa.server
    from rasa.shared.core.slots import CategoricalSlot

    from bot.core.slot_values import disallowed_slot_events

    original = rasa.server.validate_events_in_request_body

    def validate_events_in_request_body(request: Any) -> None:
        original(request)
        events = request.json if isinstance(request.json, list) else [request.json]
        allowed = {
            slot.name: frozenset(map(str, slot.values)) if isinstance(slot, CategoricalSlot) else None
            for slot in request.app.ctx.agent.domain.slots
        }
        problems = disallowed_slot_events(events, allowed)
        if problems:
            raise rasa.server.ErrorResponse(HTTPStatus.BAD_REQUEST, "BadRequest", "; ".join(problems))

    rasa.server.validate_events_in_request_body = validate_events_in_request_body


def _refuse_invalid_utf8() -> None:
    from engineio.async_socket import AsyncSocket
    from engineio.exceptions import EngineIOError

    original = AsyncSocket.handle_post_request

    async def handle_post_request(self: AsyncSocket, environ: dict[str, Any]) -> None:
        try:
            await original(self, environ)
        except UnicodeDecodeError:
            logger.warning("socket.io: refused a request body that is not UTF-8")
            await self.close(wait=False, abort=True)  # else engineio waits for this client to poll its goodbye
            raise EngineIOError("the body is not UTF-8") from None

    AsyncSocket.handle_post_request = handle_post_request
