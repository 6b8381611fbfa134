"""Tandem: an offline marketing-and-IT alignment maturity workshop on one laptop."""

__version__ = "0.1.0"
APP_NAME = "Tandem"
