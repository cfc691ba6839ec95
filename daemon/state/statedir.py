"""The state directory: the user's alone, and written by one process at a time.

It holds the ledger, and the ledger holds draft bodies, subjects and senders: the directory is
created 0700 and each file 0600, whatever the umask. A process that acts on mail (`run`,
`once`) holds an exclusive lock on STATE_DIR/lock for its whole run, so two never act on the
same mail at once; readers (`status`, `reminders list`) need no lock, and `reminders
cancel/snooze` write in SQLite transactions beside a running daemon. The lock is flock(2): the
kernel drops it when its holder dies, kill -9 included, so a stale lock file is never in the way.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import threading
import time
from pathlib import Path

from followup.errors import AlreadyRunning, StateError

log = logging.getLogger(__name__)

LOCK_NAME = "lock"
WAIT_STEP = 0.2
"""How often a waiting `run` tries the lock again (flock has no timeout of its own)."""
HOLDER_GRACE = 1.0
"""How long an empty lock file is taken for a holder about to write its name (or letting go)."""
HOLDER_POLL = 0.01

DISK_FULL = (
    "the disk is full: free some space and run again (nothing is lost: the next run picks up where this one stopped)"
)
NOT_WRITABLE = "state_dir must be a directory you can write: fix its owner or mode, or set state_dir in the config to another place"


def prepare(state_dir: Path) -> None:
    """Create *state_dir* (0700) if it is missing; refuse one that is not a directory; warn
    when group or others may read an existing one."""
    try:
        state_dir.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        if not state_dir.is_dir():
            raise StateError(
                "state_dir is not a directory: move this file away, or set state_dir in the config to another place",
                state_dir,
            ) from None
        mode = state_dir.stat().st_mode & 0o777
        if mode & 0o077:
            log.warning(
                "%s: the state directory is open to %s (mode %04o); it holds draft bodies, subjects and senders:"
                " `chmod 700 %s` makes it yours alone",
                state_dir,
                "group and others" if mode & 0o007 else "its group",
                mode,
                state_dir,
            )
        return
    except OSError as exc:
        raise unusable(state_dir, exc) from None
    state_dir.chmod(0o700)  # mkdir's mode passes through the umask


def private_file(path: Path) -> None:
    """Create *path* empty and 0600 if it is missing. SQLite gives a database's -wal and -shm
    files the database's own mode, so creating the database first covers them too."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise unusable(path, exc) from None
    try:
        os.fchmod(fd, 0o600)  # the umask may have taken more
    finally:
        os.close(fd)


def unusable(path: Path, exc: OSError) -> StateError:
    """*exc*, from reading or writing *path* in the state directory, as one line saying what to do."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StateError(DISK_FULL, path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR):
        return StateError(f"{exc.strerror}: {NOT_WRITABLE}", path)
    return StateError(f"{exc.strerror or exc}: check the disk", path)


def disk_full(path: Path) -> bool:
    """Whether the file system holding *path* has no space left (for errors that do not say so)."""
    try:
        stats = os.statvfs(path if path.is_dir() else path.parent)
    except OSError:
        return False
    return stats.f_bavail == 0 or (stats.f_favail == 0 and stats.f_files > 0)


class StateLock:
    """The exclusive lock on STATE_DIR/lock; the file says who holds it (pid and command)."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.path = state_dir / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, command: str, wait: float = 0.0, stop: threading.Event | None = None) -> None:
        """Take the lock for `followup COMMAND`, waiting up to *wait* seconds (until *stop* is
        set) for another process to let go of it, but never for a `run`: it holds it until
        stopped. Raises AlreadyRunning."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            os.fchmod(fd, 0o600)
        except OSError as exc:
            raise unusable(self.path, exc) from None
        started = time.monotonic()
        deadline = started + wait
        waiting = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pid, holder = _holder(fd)
                stopped = stop is not None and stop.is_set()
                if pid is None and not stopped and time.monotonic() < started + HOLDER_GRACE:
                    # The holder takes the lock, then writes its name: between the two (or while
                    # it lets go) the file is empty. Look again rather than report "pid unknown";
                    # waiting on *stop*, so that a stop ends the look at once.
                    (stop or threading.Event()).wait(HOLDER_POLL)
                    continue
                if holder == "run" or time.monotonic() >= deadline or stopped:
                    os.close(fd)
                    raise AlreadyRunning(self.state_dir, pid, holder) from None
                if not waiting:
                    log.info("waiting up to %.0f s for followup %s (pid %s) to finish", wait, holder or "", pid or "?")
                    waiting = True
                (stop or threading.Event()).wait(WAIT_STEP)
            except OSError as exc:
                os.close(fd)
                raise unusable(self.path, exc) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {command}\n".encode(), 0)
        except OSError as exc:
            os.close(fd)
            raise unusable(self.path, exc) from None
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)  # nobody holds it now: a reader must not name a pid
        except OSError:
            pass
        finally:
            os.close(fd)  # closing lets go of the lock


def _holder(fd: int) -> tuple[int | None, str | None]:
    """(pid, command) the lock file names, as far as it says."""
    try:
        words = os.pread(fd, 64, 0).decode(errors="replace").split()
    except OSError:
        return None, None
    pid = int(words[0]) if words and words[0].isdigit() else None
    return pid, words[1] if len(words) > 1 else None
