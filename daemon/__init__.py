"""followup: watch an IMAP inbox for interview mail and queue polite follow-ups.

The folder ``daemon/`` is installed as the package ``followup``.
"""

__version__ = "0.1.0"
