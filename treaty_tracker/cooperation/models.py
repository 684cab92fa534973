"""Article 6: international cooperation and assistance (requests, offers, provision,
Country Coalitions)."""
