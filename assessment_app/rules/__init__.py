"""The shared rules of Tandem's records, one module per concept: what a record holds
(``records``), how time stamps read and order (``stamps``), which levels an answer may hold
(``levels``), what typed text keeps and how long it may be (``text``), when a participant has
finished (``progress``), what a write changed (``changes``), how few people a figure may rest
on (``privacy``). Every layer above (the store,
bundles, the phone and the kiosk) calls these; nothing here touches SQLite or Qt."""
