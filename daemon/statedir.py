"""The state directory: the user's alone.

It holds the ledger, and the ledger holds draft bodies, subjects and senders: the directory is
created 0700 and each file 0600, whatever the umask.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

from followup.errors import StateError

log = logging.getLogger(__name__)

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
