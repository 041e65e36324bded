"""Reference implementations copied from ../shared/bench-peers (see README there)."""
