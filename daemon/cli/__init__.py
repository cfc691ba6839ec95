"""The `followup` command."""
