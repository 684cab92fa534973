"""The meetings are no theme: this module plugs the app's parts (its staff editors) into
the site (see ``themes.registry``)."""
