"""The reference data: its files (``data/``) and the loader that validates and writes them."""
