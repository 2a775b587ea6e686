from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "cchc.calendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc"
