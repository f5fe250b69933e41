# The corpus stage (corpus/): an SQLite database of converted documents with
# full-text search, a static site and an OpenSearch export.  SQLite for the
# store (FTS5), nettle for the SHA-256 that identifies a document's bytes,
# the sqlite3 shell for the benchmark's baseline.
.DEFAULT_GOAL := all
EXTRA_DEB_PKGS += libsqlite3-dev nettle-dev sqlite3
PKGS += sqlite3 nettle
LIB_SRC += $(sort $(wildcard corpus/*.c))
