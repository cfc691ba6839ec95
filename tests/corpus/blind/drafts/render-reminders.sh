#!/bin/sh
# render-reminders.sh DIR OUT: every reminder followup's default plan schedules for the invitations
# and rejections of a labelled batch, and the mails that carry them: render.sh --reminders.
exec "$(dirname "$0")/render.sh" --reminders "$@"
