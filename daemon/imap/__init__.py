"""The IMAP edge: connection, the watching loop, a catch-up's batches, drafts into Drafts."""
