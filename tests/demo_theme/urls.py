from django.urls import path

from tests.demo_theme import views

urlpatterns = [path("demo/", views.demo, name="demo")]
