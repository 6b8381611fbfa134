"""Starts Tandem (the same as the ``tandem`` command)."""

import sys

if __name__ == "__main__":
    # First thing: in the standalone app, PDF exports run in a worker process started from
    # this same binary (ui/background.ProcessJob); freeze_support() turns such a start into
    # the worker and exits, instead of opening a second window. Only a frozen app needs it
    # (from source, a worker starts Python itself), so only there is multiprocessing imported
    # before the window (about 6 ms of start-up otherwise).
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()

    from assessment_app.cli import main

    raise SystemExit(main())
