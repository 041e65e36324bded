"""The YAML source layer: safe parsing with the line and column of every value."""
