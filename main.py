"""Starts Tandem (the same as the ``tandem`` command)."""

from assessment_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
