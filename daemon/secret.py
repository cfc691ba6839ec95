"""Fetching a password or token when logging in: from a command (run in a session of its own,
killed with everything it started when it takes too long), the environment, a systemd
credential, or the config file. The config only describes where it comes from (config.Secret).
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time as time_module
from pathlib import Path

from followup.config import Secret
from followup.errors import SecretError


def reveal(secret: Secret) -> str:
    """The password or token *secret* describes, fetched now. Raises SecretError saying what to fix."""
    if secret.command:
        return run_secret_command(secret.command, secret.timeout, secret.where or f"{secret.what}_command", secret.what)
    if secret.env:
        value = os.environ.get(secret.env)
        if value is None:
            raise SecretError(f"environment variable {secret.env} ({secret.what}_env) is not set")
        return value
    if secret.credential:
        directory = os.environ.get("CREDENTIALS_DIRECTORY")
        if not directory:
            raise SecretError(f"{secret.what}_credential is set but $CREDENTIALS_DIRECTORY is not")
        return (Path(directory) / secret.credential).read_text().rstrip("\r\n")
    if secret.literal is not None:
        return secret.literal
    raise SecretError(f"no {secret.what} configured (set {secret.what}_command or {secret.what}_env)")


SECRET_OUTPUT_LIMIT = 64 * 1024
"""What a password or token command may print: a secret is short, and a runaway must not fill memory."""
EXIT_GRACE = 1.0
"""Seconds a command's output may stay open after it exited (held by a child it left running)."""


def run_secret_command(command: str, timeout: float, where: str, what: str = "password") -> str:
    """What *command* (a shell command line) prints, less its final newline. It runs in a
    session of its own: if it takes longer than *timeout* seconds, prints more than 64 KiB,
    or leaves a child holding its output open, the whole process group is killed."""
    proc = subprocess.Popen(
        command,
        shell=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.fileno(), proc.stderr.fileno()
    output = {out: bytearray(), err: bytearray()}
    deadline = time_module.monotonic() + timeout
    late = f"did not finish within {timeout:g} s (the account's timeout) and was stopped"
    problem, kill = "", False
    try:
        with selectors.DefaultSelector() as selector:
            for fd in output:
                selector.register(fd, selectors.EVENT_READ)
            exited: float | None = None
            while selector.get_map() and not problem:
                now = time_module.monotonic()
                if exited is None and _exited(proc.pid):
                    exited = now
                if now >= (min(deadline, exited + EXIT_GRACE) if exited is not None else deadline):
                    # Still running: too late. Exited: something it started holds its output open.
                    problem, kill = ("" if exited is not None else late), True
                    break
                for key, _ in selector.select(0.1):
                    chunk = os.read(key.fd, 65536)
                    if not chunk:
                        selector.unregister(key.fd)
                    output[key.fd] += chunk
                    if len(output[key.fd]) > SECRET_OUTPUT_LIMIT:
                        problem = f"printed more than {SECRET_OUTPUT_LIMIT // 1024} KiB and was stopped"
        if not kill and not problem:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(max(0.0, deadline - time_module.monotonic()))  # it may close its output and go on
            problem = late if proc.returncode is None else ""
    finally:
        if kill or problem or proc.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)  # the shell and whatever it started
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    if problem:
        raise SecretError(f"{where}: {problem}; run it by hand: it must print the {what} and exit, asking nothing")
    if proc.returncode != 0:
        stderr = output[err].decode(errors="replace").strip()[:200]
        raise SecretError(f"{where}: exited with {proc.returncode}: {stderr}")
    return output[out].decode(errors="replace").rstrip("\r\n")


def _exited(pid: int) -> bool:
    """Whether the process has exited, without reaping it: its id stays its group's until then."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True
