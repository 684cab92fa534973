from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.transparency"
    label = "transparency"
    default_auto_field = "django.db.models.BigAutoField"
