"""The daemon: composition root, systemd, crash points for the reliability suite."""
