"""Analyses over several scorecards: a self-evaluation against its review, a department over years."""
