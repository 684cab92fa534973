from django.apps import AppConfig


class Config(AppConfig):
    name = "tests.demo_theme"
    label = "demo_theme"
