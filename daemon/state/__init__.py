"""The state directory and the ledger (SQLite), applications, reports from it."""
