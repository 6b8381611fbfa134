"""Answering on the local network: the server (aiohttp in its own thread), the answering page it
serves, and the QR codes of the join links. Plain Python, no Qt: the window starts and stops the
server and learns of answers through the database (``PRAGMA data_version``)."""
