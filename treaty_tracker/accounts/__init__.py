"""Who may do what: roles (ISU staff, a State's focal point, a thematic coordinator) held by
user accounts for a period, and the one policy module that answers permission questions.

``policy`` is the only place that decides; views, the API and commands ask it.
"""
