"""What a theme is (``registry``) and the parts every theme is built from: its page view
(``pages``), downloads, charts, forms, labels, the staff fact editor, the API's errors,
parameters and schemas, the review's document model, reference fact types and the
commands' options. Above ``states``, below every app that declares a theme."""
