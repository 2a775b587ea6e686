from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "cchc.calendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc"

    def ready(self) -> None:
        # Connects the cache-invalidation signals of the calendar in effect.
        from cchc.calendar import queries  # noqa: F401
