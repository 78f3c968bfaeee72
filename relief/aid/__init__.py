"""Aid visits to a commune and what each household received."""
