from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.transparency"
    label = "transparency"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What this app adds to every State's record for the rules engine.
        from treaty_tracker.states.selectors import record_part

        from . import record

        record_part(record.part)
