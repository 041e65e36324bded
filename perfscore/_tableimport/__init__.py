"""``import-table``: an indicator table as printed (CSV/xlsx) into a rule pack."""
