"""Tandem: an offline marketing-and-IT alignment maturity workshop on one laptop."""

APP_NAME = "Tandem"


def _read_version() -> str:
    """The version pyproject.toml declares, as the installed metadata (a wheel, an editable
    install, or the frozen app, which bundles the metadata) reports it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tandem-alignment")
    except PackageNotFoundError:
        return "unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        value = _read_version()
        globals()["__version__"] = value
        return value
    raise AttributeError(name)
