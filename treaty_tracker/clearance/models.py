"""Article 4: clearance and risk reduction education (contaminated areas, land release,
risk education, national plans)."""
