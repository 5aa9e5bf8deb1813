"""Serves the chat page, its script and style, the drawings of the relief steps, and the socket.io client fetched
at set-up; nothing else.

The page and the Rasa server are separate origins (as when the widget sits on a clinic's own site): the
socket.io connector admits only this page's origin, and this server's Content-Security-Policy lets the page
load scripts from itself only and connect to the Rasa server only, so a message containing HTML or a
script can never load or run anything.
"""

from __future__ import annotations

import html
import logging
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from bot.core.knowledge_loader import load_knowledge

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent
SOCKETIO_CLIENT = WEB_DIR.parents[2] / "build" / "web" / "socket.io.min.js"
STATIC_FILES = {"/chat.js": ("chat.js", "text/javascript"), "/page.css": ("page.css", "text/css")}


class PageError(Exception):
    """The page cannot be served (the socket.io client is missing); the message says how to fix it."""


@dataclass(frozen=True)
class PageSettings:
    rasa_port: int
    emergency_number: str
    emergency_warning: str
    socket_url: str | None = None
    socketio_client: Path = SOCKETIO_CLIENT


def socket_url_for(settings: PageSettings, host_header: str | None) -> str:
    """The configured Rasa address, else the host the browser used for the page with Rasa's port."""
    if settings.socket_url:
        return settings.socket_url
    hostname = urlsplit(f"//{host_header or 'localhost'}").hostname or "localhost"
    host = f"[{hostname}]" if ":" in hostname else hostname
    return f"http://{host}:{settings.rasa_port}"


def content_security_policy(socket_url: str) -> str:
    """Scripts, styles and pictures from this server only; connections to the Rasa server only (polling and
    WebSocket); no inline script or style, no fonts."""
    parts = urlsplit(socket_url)
    websocket = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        f"connect-src {parts.scheme}://{parts.netloc} {websocket}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


class Site:
    """The files of the page, read once; the index is filled in per request with the socket address."""

    def __init__(self, settings: PageSettings) -> None:
        if not settings.socketio_client.is_file():
            raise PageError(f"the socket.io client {settings.socketio_client} is missing: run `make setup` first")
        self.settings = settings
        self.index = Template((WEB_DIR / "index.html").read_text(encoding="utf-8"))
        self.files = {
            route: ((WEB_DIR / name).read_bytes(), content_type) for route, (name, content_type) in STATIC_FILES.items()
        }
        self.files["/socket.io.min.js"] = (settings.socketio_client.read_bytes(), "text/javascript")
        for picture in load_knowledge().pictures.values():
            self.files[f"/pictures/{picture.path.name}"] = (picture.path.read_bytes(), "image/svg+xml")

    def page(self, socket_url: str) -> bytes:
        """The index page pointing the chat at `socket_url`."""
        body = self.index.substitute(
            socket_url=html.escape(socket_url),
            emergency_number=html.escape(self.settings.emergency_number),
            emergency_warning=html.escape(self.settings.emergency_warning),
        )
        return body.encode("utf-8")


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to one site (http.server wants a class)."""

    class PageHandler(BaseHTTPRequestHandler):
        server_version = "legs-page"
        sys_version = ""

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._respond(include_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(include_body=False)

        def _respond(self, include_body: bool) -> None:
            path = urlsplit(self.path).path
            socket_url = socket_url_for(site.settings, self.headers.get("Host"))
            if path in ("/", "/index.html"):
                body = site.page(socket_url)
                content_type = "text/html; charset=utf-8"
            elif path in site.files:
                body, content_type = site.files[path]
            elif path == "/favicon.ico":
                self.send_response(HTTPStatus.NO_CONTENT)
                self.end_headers()
                return
            else:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", content_security_policy(socket_url))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if include_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            logger.debug("page: " + format, *args)

    return PageHandler


def start_page_server(settings: PageSettings, interface: str, port: int) -> ThreadingHTTPServer:
    """Serves the page from a background thread; call `shutdown()` on the result to stop it."""
    server = ThreadingHTTPServer((interface, port), make_handler(Site(settings)))
    threading.Thread(target=server.serve_forever, name="page-server", daemon=True).start()
    return server
