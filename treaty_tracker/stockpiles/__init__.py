"""Article 3: stockpile destruction and retention (declared stockpiles, destruction per
year, retention under Art. 3(6))."""
