"""followup.cli.setup_wizard: followup init's questions and help."""

from __future__ import annotations

import re

import pytest
from followup.cli.setup_wizard import port_and_security

from tests.test_main import run_cli


def test_init_help_explains_every_option() -> None:
    result = run_cli("init", "--help")
    text = " ".join(result.stdout.split())
    assert "--preset {gmail,outlook,fastmail,icloud,generic} your provider's servers" in text
    assert "--email EMAIL your email address" in text and "--name NAME your name" in text


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("993/tls", (993, "tls")),
        ("143", (143, "starttls")),
        ("starttls", (143, "starttls")),
        ("1143 none", (1143, "none")),
        ("1143", "say the security for port 1143 too"),
        ("993/ssl", "'ssl' is not a port or one of tls, starttls, none"),
        ("70000/tls", "70000 is not a TCP port"),
    ],
)
def test_init_reads_port_and_security_as_people_type_them(answer: str, expected: tuple[int, str] | str) -> None:
    if isinstance(expected, tuple):
        assert port_and_security(answer) == expected
    else:
        with pytest.raises(ValueError, match=re.escape(expected)):
            port_and_security(answer)
