from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.sources"
    label = "sources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from treaty_tracker.sources import signals

        signals.connect()
