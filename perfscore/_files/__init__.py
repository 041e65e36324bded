"""Files in and out: reading sources safely, spreadsheets, formats, atomic writes."""
