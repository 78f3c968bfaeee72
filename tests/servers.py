"""Starting a real `relief` server in a test: a free port, a clean environment, waiting for health.

One place for what the browser tests, the schema fuzzing, the CLI, backup, crash and import
liveness tests each did in their own copy.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from relief import PROJECT_ROOT
from relief.settings import Settings
from tests.apps import app_for


def free_port() -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def relief_env(var_dir: Path, **settings: str) -> dict[str, str]:
    """This process's environment without any RELIEF_ setting of the caller's, then these.

    Passwords are hashed with argon2's cheapest profile, as in the test processes: the demo's
    five users and every login through a browser cost a fifth of a second of CPU each with the
    default one (RELIEF_PASSWORD_PROFILE in the README).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELIEF_")}
    env["RELIEF_VAR_DIR"] = str(var_dir)
    env["RELIEF_PASSWORD_PROFILE"] = "CHEAPEST"
    env.update(settings)
    return env


def wait_until_healthy(url: str, proc: subprocess.Popen | None = None, seconds: float = 60) -> None:
    """Polls `url`/healthz until it answers 200; fails when the server exits or time runs out.

    Each poll may take up to 10 s: on a loaded machine a starting server answers late.
    """
    deadline = time.monotonic() + seconds
    # One client for every poll: a client per poll made its TLS context each time (40 ms of CPU).
    with httpx.Client(timeout=10) as client:
        while True:
            try:
                if client.get(url + "/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"the server at {url} exited with {proc.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server at {url} did not answer within {seconds} s")
            time.sleep(0.2)


# --- Servers forked from one process that imported the app once -------------------------------
#
# A `relief serve` process spends about 1.5 s of CPU importing the app before it serves; a test
# that starts several (the crash test kills three per database) paid it each time. A forker is
# one process that imports the command and the app once, then forks a child per server: each
# child runs `relief`'s own `main` with the arguments and environment given, as the command
# would (migrating, loading places, the demo if asked, then uvicorn), in a process of its own
# that can be stopped or killed like any other. Only the interpreter's start and the imports are
# shared; the commands themselves are started as processes by the browser, fuzzing and import
# liveness tests.


class Forked:
    """A server forked by a Forker; answers like `subprocess.Popen` where the tests use it."""

    def __init__(self, forker: Forker, pid: int) -> None:
        self.forker = forker
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.forker._ask("poll", pid=self.pid)
        return self.returncode

    def wait(self, timeout: float = 30) -> int:
        if self.returncode is None:
            self.returncode = self.forker._ask("wait", pid=self.pid, timeout=timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired(f"forked server {self.pid}", timeout)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Forker:
    """One process with `relief` imported, forking a child per `start` (see above)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.servers"],
            cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lock = threading.Lock()  # one request and its answer at a time, from any thread

    def _ask(self, op: str, **args):
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with self.lock:
            self.proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the forker exited with {self.proc.wait()}")
        return json.loads(line)["result"]

    def start(
        self,
        args: list[str],
        env: dict[str, str],
        output: Path | None = None,
        made_app: bool = False,
    ) -> Forked:
        """`relief ARGS` in a forked process with this environment (its output to `output`).

        made_app: `serve` is given an app made once in the forker for these settings, less the
        database and folders, instead of making one (a third of a second of CPU), for tests that
        are not about the command but about the server it runs."""
        pid = self._ask(
            "start",
            args=args,
            env=env,
            output=str(output) if output else None,
            made_app=made_app,
        )
        return Forked(self, pid)

    def close(self) -> None:
        """Ends the forker; it kills and reaps any child still running first."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


_shared: Forker | None = None


def shared_forker() -> Forker:
    """The test process's forker, started when first asked for and ended with the process: the
    test files that start servers share its imports."""
    global _shared
    if _shared is None or _shared.proc.poll() is not None:
        _shared = Forker()
        atexit.register(_shared.close)
    return _shared


def _child(args: list[str], env: dict[str, str], output: str | None, made_app: bool) -> None:
    """In the forked child: `relief ARGS` as its own process would run it; never returns.

    `made_app`: `serve` is given the app the forker made for these settings (tests/apps.py)
    in place of a new one."""
    code = 1
    try:
        # Dies with the forker, whatever kills it (PR_SET_PDEATHSIG).
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        out = os.open(output or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.closerange(3, 256)  # the forker's pipes and the output's own descriptor
        os.environ.clear()
        os.environ.update(env)
        import relief.app
        from relief import cli

        if made_app:  # the factory `serve` names, answering with the app made before the fork
            relief.app.create_app = lambda settings=None: app_for(settings or Settings.from_env())

        try:
            cli.main(args)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # shown in the output, the exit status says it failed
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _forker() -> None:
    """The forker's loop: one JSON request a line on stdin, one answer a line on stdout."""
    from uvicorn.config import HTTP_PROTOCOLS, LIFESPAN, LOOP_FACTORIES, WS_PROTOCOLS
    from uvicorn.importer import import_from_string

    # What `serve` imports before it serves: the command, the app and its areas, the migrations
    # and loaders it runs first, and uvicorn's loop, protocols and lifespan as it configures them.
    for name in (
        "relief.cli",
        "relief.app",
        "relief.demo",
        "relief.places.loader",
        "relief.reports.kept",
        "relief.ledger.kept",
        "tortoise.migrations.api",
        "uvicorn.main",
    ):
        importlib.import_module(name)
    for name in (
        HTTP_PROTOCOLS["httptools"],
        WS_PROTOCOLS["auto"],
        LIFESPAN["on"],
        LOOP_FACTORIES["uvloop"],
    ):
        import_from_string(name)
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stray prints stay off the answers
    children: set[int] = set()

    def reaped(pid: int, flags: int) -> int | None:
        got, status = os.waitpid(pid, flags)
        if got == 0:
            return None
        children.discard(pid)
        return os.waitstatus_to_exitcode(status)

    for line in sys.stdin:
        request = json.loads(line)
        op = request["op"]
        if op == "start":
            if request["made_app"]:
                app_for(Settings.from_env(request["env"]))  # made here, once, for every child
            pid = os.fork()
            if pid == 0:
                _child(request["args"], request["env"], request["output"], request["made_app"])
            children.add(pid)
            result = pid
        elif op == "poll":
            result = reaped(request["pid"], os.WNOHANG)
        elif op == "wait":
            deadline = time.monotonic() + request["timeout"]
            result = reaped(request["pid"], os.WNOHANG)
            while result is None and time.monotonic() < deadline:
                time.sleep(0.02)
                result = reaped(request["pid"], os.WNOHANG)
        else:
            raise ValueError(op)
        answers.write(json.dumps({"result": result}) + "\n")
        answers.flush()
    for pid in list(children):  # the test is over: nothing is left running
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        reaped(pid, 0)


if __name__ == "__main__":
    _forker()
