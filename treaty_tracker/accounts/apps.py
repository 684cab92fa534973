from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
    default_auto_field = "django.db.models.BigAutoField"
