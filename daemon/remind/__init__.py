"""Reminders: the alarm clock, delivery by IMAP or SMTP."""
