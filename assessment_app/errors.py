"""The one exception family users see: each carries a plain sentence, never a traceback."""


class TandemError(Exception):
    """A problem the user can act on; ``str(error)`` is the whole message."""


class QuestionnaireError(TandemError):
    """A questionnaire, glossary or action-library file is malformed."""


class StorageError(TandemError):
    """The database cannot be opened or written."""


class DatabaseDamaged(StorageError):
    """The database file is corrupt; a backup may bring it back."""


class DatabaseInUse(StorageError):
    """Another program (or another Tandem) holds the database."""


class BundleError(TandemError):
    """A workshop bundle is malformed or does not fit this database."""


class WorkbookError(TandemError):
    """An editable plan workbook (Excel) is malformed or does not fit this workshop."""


class SettingRefused(TandemError, ValueError):
    """A setting outside the values it may take (the sentence says which)."""
