from django.apps import AppConfig


class Config(AppConfig):
    name = "treaty_tracker.support"
    label = "support"
