# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by test-sync.sh and bench/lrs/bench-sync.sh.
# outbox_fill SRC DST N: DST becomes a copy of the progress database SRC whose
# outbox holds N waiting statements made from SRC's real outbox statements
# (round robin), each with a new UUID v4 as its id.
outbox_fill () {
  local src=$1 dst=$2 n=$3
  rm -f "$dst" "$dst-wal" "$dst-shm"
  sqlite3 "$src" ".backup $dst" || return 1
  sqlite3 -cmd '.timeout 10000' "$dst" "
    CREATE TEMP TABLE ids (i INTEGER PRIMARY KEY, u TEXT NOT NULL);
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $n - 1)
    INSERT INTO ids SELECT i, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
                                  substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) FROM n;
    CREATE TEMP TABLE src AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, profile_id, statement, created FROM outbox;
    DELETE FROM outbox;
    INSERT INTO outbox (statement_id, profile_id, statement, created)
      SELECT ids.u, src.profile_id, json_set(src.statement, '\$.id', ids.u), src.created
      FROM ids JOIN src ON src.k = ids.i % (SELECT count(*) FROM src) ORDER BY ids.i;"
}
