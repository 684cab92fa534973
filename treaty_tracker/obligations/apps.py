from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.obligations"
    label = "obligations"
    default_auto_field = "django.db.models.BigAutoField"
