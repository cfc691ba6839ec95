"""Decision → facts, the plan, the rendered drafts and reminders (pure)."""
