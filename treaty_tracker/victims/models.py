"""Article 5: victim assistance (casualties, focal points, national plans, services, CRPD)."""
