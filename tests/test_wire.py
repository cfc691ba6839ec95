"""followup.imap.wire: imapclient's private parts are used there and nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import followup

PRIVATE = re.compile(r"\._imap\b|\bclient\._\w+")
"""imaplib's connection under imapclient, or any private attribute of an IMAPClient."""


def test_only_the_wire_uses_imapclients_private_parts() -> None:
    package = Path(followup.__file__).parent
    users = sorted(path.name for path in package.rglob("*.py") if PRIVATE.search(path.read_text(encoding="utf-8")))
    assert users == ["wire.py"]
