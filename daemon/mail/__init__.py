"""Bytes → Mail and back: parsing, the language, the messages followup composes."""
