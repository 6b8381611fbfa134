"""The local store: one SQLite file (records, migrations, backups). Above the content,
below everything that reads or writes a workshop."""
