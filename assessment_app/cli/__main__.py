"""``python -m assessment_app.cli``: the ``tandem`` command."""

from . import main

raise SystemExit(main())
