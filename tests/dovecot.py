"""A throwaway Dovecot on a free loopback port, for tests and benchmarks.

Runs as root (Dovecot's master needs it) with mail processes as uid 65534; every user gets a
fresh maildir. `doveadm` is available through `Dovecot.doveadm()`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from followup.testing import free_port, is_listening, wait_for

MAIL_UID = 65534
USERS = 200

CONFIG = """
protocols = imap
listen = 127.0.0.1
shutdown_clients = yes
verbose_proctitle = yes
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth_mechanisms}
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
  mechanisms = plain login
}}
{oauth_passdb}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
{namespace}
"""

NAMESPACES = {
    # Dovecot's own layout: folders at the top, Drafts, Sent and Trash made and marked for each user.
    "standard": """namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}""",
    # Cyrus's and Courier's layout as Debian ships them (and many hosts'): every folder under
    # INBOX., '.' between names, and no Drafts until a client makes one.
    "inbox-prefix": """namespace inbox {
  inbox = yes
  prefix = INBOX.
  separator = .
}""",
}


IMAP_SERVICE = Path("/usr/lib/dovecot/imap")


def dovecot_binary() -> str | None:
    """Dovecot's master, when its IMAP service is installed too (dovecot-core alone has no imap)."""
    binary = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
    return binary if binary and IMAP_SERVICE.exists() else None


@dataclass
class User:
    name: str
    password: str
    home: Path


class Dovecot:
    def __init__(self, oauth_introspection: str | None = None, namespace: str = "standard") -> None:
        """*oauth_introspection*: an RFC 7662 endpoint; then XOAUTH2 and OAUTHBEARER logins
        are offered and checked against it (as a provider's token would be). *namespace*: a
        layout of NAMESPACES."""
        binary = dovecot_binary()
        if binary is None:
            raise RuntimeError("Dovecot is not installed: apt-get install dovecot-imapd (make test does this)")
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
        self.root.chmod(0o755)  # mail processes run as an unprivileged uid and must reach homes
        self.port = free_port()
        self.tls_port = free_port()
        """Implicit TLS with a self-signed certificate (self.cert); the plain port offers STARTTLS."""
        self.cert = self.root / "cert.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(self.root / "key.pem"), "-out", str(self.cert)],
            check=True,
            capture_output=True,
        )  # fmt: skip
        for sub in ("run", "state", "homes"):
            (self.root / sub).mkdir()
        os.chown(self.root / "homes", MAIL_UID, MAIL_UID)
        # Every user exists before Dovecot starts: a passwd-file written later is re-read
        # lazily, and a login right after adding a line can be refused.
        self._accounts = []
        lines = []
        for number in range(1, USERS + 1):
            name, password = f"user{number}@test.example", f"pw-{os.urandom(6).hex()}"
            home = self.root / "homes" / name
            self._accounts.append(User(name, password, home))
            lines.append(f"{name}:{{PLAIN}}{password}:{MAIL_UID}:{MAIL_UID}::{home}::\n")
        (self.root / "passwd").write_text("".join(lines))
        self.config = self.root / "dovecot.conf"
        oauth_passdb = ""
        if oauth_introspection:
            (self.root / "oauth2.conf.ext").write_text(
                f"introspection_mode = post\nintrospection_url = {oauth_introspection}\n"
                "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
                # a loaded CI machine answers slowly: wait for it rather than fail the login
                "timeout_msecs = 60000\n"
            )
            oauth_passdb = (
                "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
                f"  args = {self.root}/oauth2.conf.ext\n}}\n"
            )
        self.config.write_text(
            CONFIG.format(
                root=self.root,
                port=self.port,
                tls_port=self.tls_port,
                oauth_mechanisms=" xoauth2 oauthbearer" if oauth_introspection else "",
                oauth_passdb=oauth_passdb,
                namespace=NAMESPACES[namespace],
            )
        )
        self.proc: subprocess.Popen[bytes] | None = None
        self._users = 0

    def start(self) -> None:
        proc = subprocess.Popen(
            [self.binary, "-F", "-c", str(self.config)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() takes the imap processes down too
        )
        self.proc = proc
        try:
            wait_for(
                lambda: proc.poll() is not None or (is_listening(self.port) and is_listening(self.tls_port)),
                20,
                "dovecot to listen",
            )
        except TimeoutError as exc:
            raise RuntimeError(f"{exc} on port {self.port}:\n{self.log()}") from None
        if proc.poll() is not None:
            output = proc.stdout.read().decode() if proc.stdout else ""
            raise RuntimeError(f"dovecot exited: {output}\n{self.log()}")

    def stop(self) -> None:
        """Stop the server the way a service manager does: the master and every process it
        started (the master alone leaves running imap processes serving their clients)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def add_user(self) -> User:
        """A fresh user (so a fresh, empty maildir) for each test."""
        if self._users >= USERS:
            raise RuntimeError(f"all {USERS} test users are taken; raise USERS in tests/dovecot.py")
        self._users += 1
        return self._accounts[self._users - 1]

    def doveadm(self, *args: str) -> str:
        proc = subprocess.run(["doveadm", "-c", str(self.config), *args], capture_output=True, text=True, timeout=30)
        if proc.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)} failed: {proc.stderr}")
        return proc.stdout
