"""Importing sqlite-utils without its optional pandas/numpy support.

sqlite-utils imports numpy (and pandas, when installed) at import time only to accept their
values in inserts; Tandem never stores them, and numpy costs about 0.13 s of start-up. Hiding
the two modules for the length of that one import keeps them out until the results screen
really needs numpy; afterwards they import normally.
"""

from __future__ import annotations

import sys
import threading

# held while numpy is hidden: a thread importing numpy meanwhile (the results warm-up) would get
# an ImportError, or have its fresh numpy taken out of sys.modules again
HIDING = threading.Lock()


def import_sqlite_utils():
    with HIDING:
        return _import_hiding_numpy()


def _import_hiding_numpy():
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    hidden = {name: sys.modules.get(name) for name in ("numpy", "pandas")}
    try:
        for name, module in hidden.items():
            if module is None:
                # None in sys.modules makes "import numpy" raise ImportError (the import
                # system's documented behaviour); typeshed types the values as modules only
                sys.modules[name] = None  # type: ignore[assignment]
        import sqlite_utils
    finally:
        for name, module in hidden.items():
            if module is None:
                sys.modules.pop(name, None)
    return sqlite_utils
