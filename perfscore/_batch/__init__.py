"""Many departments under one pack: scoring, the ranked summary, and writing it."""
