"""Rule packs at the edges: loading, overlays, dump, diff, schema, pack tests, coverage and static checks."""
