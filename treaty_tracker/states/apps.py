from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.states"
    label = "states"
    default_auto_field = "django.db.models.BigAutoField"
