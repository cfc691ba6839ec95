"""The raw protocol limit as a program of its own (bench/harness.py runs it):

    RAW_LOOP_PASSWORD=… python bench/raw_loop.py imapclient|imaplib PORT USER ITEMS BATCH

FETCHes every message of INBOX with ITEMS (followup's FETCH items), BATCH UIDs at a time, and
does nothing else: through imapclient, which parses the replies (the issue's raw limit), or
through its imaplib connection alone (the wire with the least client work Python allows).

A program, timed from process start to exit like followup and the peers: timed inside the
harness, it was spared the interpreter's start and its imports, which every other column pays.
It imports imapclient alone for the same reason."""

import os
import sys

from imapclient import IMAPClient


def main() -> None:
    via, port, user, items, batch_size = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
    client = IMAPClient("127.0.0.1", port=port, ssl=False, timeout=60)
    client.login(user, os.environ["RAW_LOOP_PASSWORD"])
    if via == "imaplib":
        client._imap.debug = 0  # imapclient sets imaplib's trace level high; it costs CPU even unlogged
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    for first in range(0, len(uids), batch_size):
        batch = uids[first : first + batch_size]
        if via == "imapclient":
            client.fetch(batch, items.split())
        else:
            client._imap.uid("FETCH", ",".join(map(str, batch)), f"({items})")
    client.logout()


if __name__ == "__main__":
    main()
