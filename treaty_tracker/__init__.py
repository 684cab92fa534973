"""treaty-tracker: the record of a disarmament treaty, its deadlines and its reports."""

__version__ = "0.1.0"
