"""Figures at the edges: a department's figures file, and many departments in one table."""
