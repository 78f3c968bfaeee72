"""`python -m relief` runs the `relief` command."""

from relief.cli import main

main()
