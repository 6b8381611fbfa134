"""Moving a workshop between laptops and tools: bundles (export, check, merge), CSV, and
the demo workshop."""
