"""``python -m annals``."""

from annals.cli import main

main()
