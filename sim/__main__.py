"""`python -m sim ...` is `brink ...` (for environments without the console script on PATH)."""

from sim.cli import app

if __name__ == "__main__":
    app(prog_name="brink")
