"""``python -m perfscore`` runs the command line."""

from perfscore.cli import run

run()
