"""Public Article 7 pages: published reports and the compliance matrix."""

from django.urls import URLPattern, path

from treaty_tracker.web import public_reports_views as views

urlpatterns: list[URLPattern] = [
    path("reports/", views.report_list, name="published_reports"),
    path("reports/published/<int:pk>/", views.report_detail, name="published_report"),
    path("reporting/", views.matrix, name="reporting_matrix"),
    path("reporting/chart.svg", views.chart, name="reporting_chart"),
]
