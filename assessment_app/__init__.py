"""Tandem: an offline marketing-and-IT alignment maturity workshop on one laptop."""

APP_NAME = "Tandem"


def _read_version() -> str:
    """The version in pyproject.toml, the one place it is written (bundled in the frozen app)."""
    import tomllib

    from .paths import install_root

    try:
        with open(install_root() / "pyproject.toml", "rb") as f:
            return tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
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
