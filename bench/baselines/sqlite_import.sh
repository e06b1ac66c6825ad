#!/usr/bin/env bash
# Copied from the project's baseline_sqlite_import.sh (../shared/bench): sqlite3's own bulk import of
# a run's CSV into a fresh WAL database. The bench times the whole process from outside, as it times
# `candor import`. Usage: sqlite_import.sh RUN.csv SCRATCH.db   (needs Debian's sqlite3)
set -eu
csv=$1 db=$2
rm -f "$db" "$db-wal" "$db-shm"
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
CREATE TABLE items(id TEXT, question TEXT, answer TEXT, gold TEXT, grade TEXT, confidence REAL);
.mode csv
.import --skip 1 $csv items
SQL
