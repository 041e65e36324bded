"""Views of results for people and tools: the terminal/Markdown table, JSON, comparisons, diffs."""
