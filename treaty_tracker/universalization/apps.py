from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.universalization"
    label = "universalization"
    default_auto_field = "django.db.models.BigAutoField"
