from django.tasks import task

from cchc.deadlines import reminders
from cchc.notify.actions import retry_failed


@task()
def send_due_reminders() -> int:
    """Enqueued daily (cron: `cchc send-reminders --enqueue`); safe to run on several workers."""
    sent = reminders.run()
    retry_failed()
    return sent
