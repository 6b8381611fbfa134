"""The Qt layer: thin views and models over the core; no business rules live here."""
