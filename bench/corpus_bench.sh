#!/bin/sh
# Corpus index and search: `vanban index -j 2` over the legal corpus
# ($SHARED/corpus/legal, SHARED=../shared by default; the committed subset
# tests/data/legal when it is absent) plus samples/: documents/s, MB/s,
# database size per MB of text; query latency (median, p99) of `vanban
# search` over the queries of tests/data/corpus-queries.tsv, 5 runs each.
# Baselines from the same run: the sqlite3 shell loading the same files into
# FTS5 with its built-in unicode61 remove_diacritics tokenizer (no
# conversion, no structure), and the same shell answering the same words.
B=${1:-build}
VANBAN=$B/vanban
cd "$(dirname "$0")/.." || exit 2
SHARED=${SHARED:-../shared}
command -v sqlite3 >/dev/null 2>&1 || { echo "corpus_bench: the sqlite3 shell is needed (make deps)"; exit 1; }
if [ -d "$SHARED/corpus/legal" ]; then
    CORPUS="$SHARED/corpus/legal"
else
    echo "corpus_bench: $SHARED/corpus/legal not found: measuring the committed subset tests/data/legal"
    CORPUS=tests/data/legal
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

t0=$(now); "$VANBAN" index -q -j 2 "$TMP/c.db" "$CORPUS" samples 2>"$TMP/err"; t1=$(now)
index_s=$(elapsed "$t0" "$t1")
sqlite3 "$TMP/c.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
t0=$(now); "$VANBAN" convert -q -j 2 -f xml -o "$TMP/xml" "$CORPUS" samples 2>/dev/null; t1=$(now)
convert_s=$(elapsed "$t0" "$t1")

# the baseline: every file's bytes as one row of a plain FTS5 table
find "$CORPUS" samples -name '*.txt' | sort > "$TMP/files"
{
    echo "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2');"
    echo "BEGIN;"
    sed "s/'/''/g; s/.*/INSERT INTO t VALUES (readfile('&'));/" "$TMP/files"
    echo "COMMIT;"
} > "$TMP/load.sql"
t0=$(now); sqlite3 "$TMP/base.db" < "$TMP/load.sql"; t1=$(now)
base_s=$(elapsed "$t0" "$t1")

python3 - "$VANBAN" "$TMP/c.db" "$TMP/base.db" tests/data/corpus-queries.tsv "$index_s" "$convert_s" "$base_s" <<'PY'
import os, re, shlex, sqlite3, statistics, subprocess, sys, time, unicodedata
vanban, db, base, table, index_s, convert_s, base_s = sys.argv[1:8]
index_s, convert_s, base_s = float(index_s), float(convert_s), float(base_s)
c = sqlite3.connect(db)
docs, failed, in_bytes, text_bytes = c.execute(
    "select sum(status='ok'), sum(status='failed'), sum(bytes), sum(text_bytes) from documents").fetchone()
db_mb = os.path.getsize(db) / 1e6
base_mb = os.path.getsize(base) / 1e6
print(f"index: {docs} documents ({failed} failed), {in_bytes/1e6:.1f} MB read, {text_bytes/1e6:.1f} MB of text, {index_s:.1f} s")
print(f"  {docs/index_s:.1f} documents/s, {in_bytes/1e6/index_s:.2f} MB/s (vanban convert -f xml alone: {convert_s:.1f} s)")
print(f"  database {db_mb:.1f} MB = {db_mb/(text_bytes/1e6):.2f} MB per MB of text")
print(f"  baseline sqlite3 FTS5 unicode61 load of the same files: {base_s:.1f} s, {base_mb:.1f} MB"
      f" = {base_mb/(text_bytes/1e6):.2f} MB per MB of text")
print(f"  ratio: index time {index_s/base_s:.1f}x the baseline load (which converts nothing),"
      f" {index_s/convert_s:.2f}x conversion alone; size {db_mb/base_mb:.1f}x")

def fold(s):
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()

ours, theirs = [], []
for line in open(table, encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    args = shlex.split(line.rstrip("\n").split("\t")[2])
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([vanban, "search", db] + args, capture_output=True)
        ours.append(time.perf_counter() - t)
    words = [a for a in args if not a.startswith("--")]
    # the words of the query for the baseline, folded (unicode61 folds its index the same way)
    if args and not args[0].startswith("--"):
        q = " ".join('"' + w + '"' for w in re.findall(r"\w+", fold(args[0])))
        if q:
            for _ in range(5):
                t = time.perf_counter()
                subprocess.run(["sqlite3", base, f"SELECT rowid FROM t WHERE t MATCH '{q}' ORDER BY rank LIMIT 10"],
                               capture_output=True)
                theirs.append(time.perf_counter() - t)
def p99(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.99 * (len(xs) - 1))))]
m, p = statistics.median(ours), p99(ours)
bm, bp = statistics.median(theirs), p99(theirs)
print(f"search: {len(ours)} runs of `vanban search` (process start included): median {m*1000:.1f} ms, p99 {p*1000:.1f} ms")
print(f"  baseline sqlite3 shell FTS5 query: median {bm*1000:.1f} ms, p99 {bp*1000:.1f} ms; ratio median {m/bm:.2f}x, p99 {p/bp:.2f}x")
PY
