"""The local web server of the editor: the standard library's ThreadingHTTPServer, on 127.0.0.1 only.

The standard library is enough for one user on one machine — a page, three static
files and a small JSON API — and adds no dependency to keep up to date. Every request
must carry the session's random token as the first part of its path (else 403); the
Host header must name this server (127.0.0.1 or localhost with its port), which a DNS
rebinding page cannot fake; a state-changing request must come from this server's own
Origin and be JSON. Every answer carries a strict Content-Security-Policy.
"""

from __future__ import annotations

import hmac
import json
import secrets
import signal
import threading
import webbrowser
from dataclasses import asdict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files

from align.errors import AlignError

from .edits import ArgumentError, EditError, categories
from .exports import EXPORT_FORMATS, export
from .project import Project

HOST = "127.0.0.1"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
STATIC = {"": ("index.html", "text/html; charset=utf-8"), "app.js": ("app.js", "text/javascript; charset=utf-8"),
          "app.css": ("app.css", "text/css; charset=utf-8")}
MAX_BODY = 1 << 20


class ReviewServer(ThreadingHTTPServer):
    """A server for one project; ``url`` is the address to open (it holds the token)."""

    daemon_threads = True
    request_queue_size = 64  # the listen backlog: a page's burst of requests must not be reset (the default is 5)

    def __init__(self, project: Project, port: int = 0):
        """Hold ``project`` (a second server on it is refused, see :meth:`Project.hold`) and listen."""
        project.hold()
        try:
            super().__init__((HOST, port), _Handler)
        except BaseException:
            project.release()
            raise
        self.project = project
        self.token = secrets.token_urlsafe(24)
        self.port = self.server_address[1]
        self.origins = {f"http://{HOST}:{self.port}", f"http://localhost:{self.port}"}
        self.url = f"http://{HOST}:{self.port}/{self.token}/"

    def start(self) -> threading.Thread:
        """Serve in a background thread (tests, embedding); ``shutdown()`` stops it."""
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return thread

    def server_close(self) -> None:
        """Stop listening and let the project go (another server may open it now)."""
        super().server_close()
        self.project.release()


def serve(project: Project, port: int = 0, open_browser: bool = True, echo=print) -> None:
    """Serve ``project`` until interrupted, printing the URL (and opening it in the browser)."""
    server = ReviewServer(project, port)
    # SIGTERM (kill, a service manager) stops it as Ctrl+C does: the project's lock is let go on the way out;
    # set before the URL is printed, since whoever reads it may stop the server at once
    stop_on_term = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if stop_on_term else None
    try:
        echo(f"Reviewing {project.path} at {server.url}\n(Ctrl+C stops the server; every edit is already saved.)")
        if open_browser:
            webbrowser.open(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if stop_on_term:
            signal.signal(signal.SIGTERM, previous)


def _terminated(signum, frame):
    raise SystemExit(128 + signum)  # 143, what a shell reports for a process ended by SIGTERM


def state(project: Project) -> dict:
    """What the page shows: sentences (current and original text), beads, and what can be done."""
    r = project.review
    return {"version": project.version, "can_undo": project.can_undo, "can_redo": project.can_redo,
            "document": project.header["document"],
            "signature": project.alignment().signature, "project": str(project.path),
            "categories": {"ko": categories("ko"), "en": categories("en")},
            "ko": [{"text": t, "original": s.text} for s, t in zip(r.ko, r.ko_now)],
            "en": [{"text": t, "original": s.text} for s, t in zip(r.en, r.en_now)],
            "beads": [{**asdict(b), "flags": [asdict(f) for f in b.flags]} for b in r.beads],
            "formats": EXPORT_FORMATS}


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the signature is the standard library's
        pass  # the terminal shows the URL and errors, not every request

    def do_GET(self):
        rest = self._authorised(changes_state=False)
        if rest is None:
            return
        if rest is False:  # the page's own address without its final slash: its relative links need one
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", f"/{self.server.token}/")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if rest == "api/state":
            return self._json(HTTPStatus.OK, state(self.server.project))
        if rest not in STATIC:
            return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8")
        name, kind = STATIC[rest]
        self._send(HTTPStatus.OK, files(__package__).joinpath("static", name).read_bytes(), kind)

    def do_POST(self):
        rest = self._authorised(changes_state=True)
        if rest is None:
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 <= length <= MAX_BODY:
                raise ValueError("body too large")
            body = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except (ValueError, RecursionError) as err:  # RecursionError: arrays nested too deep to parse
            return self._json(HTTPStatus.BAD_REQUEST, {"error": f"the request is not a JSON object ({err})"})
        project = self.server.project
        try:
            if rest == "api/edit":
                args = body.get("args") or {}
                if not isinstance(args, dict):
                    raise ArgumentError("the edit's args must be an object")
                project.edit(str(body.get("op")), body.get("version"), **args)
            elif rest == "api/undo":
                project.undo(body.get("version"))
            elif rest == "api/redo":
                project.redo(body.get("version"))
            elif rest == "api/export":
                fmt = body.get("format", "tmx")
                if fmt not in EXPORT_FORMATS:
                    raise ArgumentError(f"{fmt!r} is not an export format (one of {', '.join(EXPORT_FORMATS)})")
                written = export(project, fmt)
                return self._json(HTTPStatus.OK, {"files": written, **state(project)})
            else:
                return self._json(HTTPStatus.NOT_FOUND, {"error": "no such action"})
        except ArgumentError as err:
            return self._json(HTTPStatus.BAD_REQUEST, {"error": str(err), **state(project)})
        except EditError as err:
            return self._json(HTTPStatus.CONFLICT, {"error": str(err), **state(project)})
        except AlignError as err:
            return self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": str(err), **state(project)})
        self._json(HTTPStatus.OK, state(project))

    def _authorised(self, changes_state: bool) -> str | bool | None:
        """The path after the token (``False`` for the token alone), or ``None`` once refused with 403."""
        host = self.headers.get("Host", "")
        if host not in {f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"}:
            return self._refuse(f"unknown host {host!r}")
        token, slash, rest = self.path.lstrip("/").partition("/")
        token = token.partition("?")[0]
        if not hmac.compare_digest(token.encode(), self.server.token.encode()):
            return self._refuse("no valid token")
        if changes_state:
            origin = self.headers.get("Origin")
            if origin not in self.server.origins:
                return self._refuse(f"origin {origin!r} may not change the review")
            if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
                return self._refuse("only JSON requests change the review")
        if not slash:
            return False
        return rest.partition("?")[0]

    def _refuse(self, why: str) -> None:
        self.close_connection = True  # an unread body must not be taken for the next request
        self._send(HTTPStatus.FORBIDDEN, f"forbidden: {why}".encode(), "text/plain; charset=utf-8")
        return None

    def _json(self, status: HTTPStatus, data: dict) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
