from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"
