#!/bin/sh
# Bad input to the corpus commands: a file that is not a database, an SQLite
# file that is not a corpus, a database another process holds locked, inputs
# that fail to convert (recorded, the run goes on), and a run killed in the
# middle then resumed (no duplicates, nothing missing).
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

check() { # name, condition-result
    if [ "$2" = 0 ]; then echo "ok corpus-bad-input/$1"; else echo "FAIL corpus-bad-input/$1"; fi
}
has() { grep -q -- "$2" "$1"; echo $?; }
sql() { # db, query: one value
    python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"
}
mkdir -p "$T/in"
printf 'KẾ HOẠCH\nPhòng chống dịch bệnh\n\nI. MỤC TIÊU\n\nGiảm số ca mắc sốt xuất huyết.\n' >"$T/in/good.txt"
head -c 4096 /dev/urandom >"$T/in/binary.txt"
printf 'PK\003\004 not a zip' >"$T/in/broken.docx"
printf '<?xml version="1.0"?>\n<other/>\n' >"$T/in/foreign.xml"

# a file that is not a database
head -c 8192 /dev/urandom >"$T/junk.db"
"$V" index -q "$T/junk.db" "$T/in/good.txt" 2>"$T/err"
check "corrupt-db-index-fails" "$([ $? = 1 ]; echo $?)"
check "corrupt-db-named" "$(has "$T/err" "junk.db: not a usable database")"
"$V" search "$T/junk.db" "x" 2>"$T/err"
check "corrupt-db-search-fails" "$([ $? = 1 ]; echo $?)"
check "corrupt-db-search-named" "$(has "$T/err" "junk.db")"
check "corrupt-db-left-alone" "$([ "$(wc -c <"$T/junk.db")" = 8192 ]; echo $?)"

# an SQLite database of something else
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table t(x)"); c.commit()' "$T/other.db"
"$V" index -q "$T/other.db" "$T/in/good.txt" 2>"$T/err"
check "foreign-db-refused" "$([ $? = 1 ]; echo $?)"
check "foreign-db-explained" "$(has "$T/err" "other.db: an SQLite database, but not a vanban corpus")"

# inputs that fail: recorded with their error, the good one indexed
"$V" index -q "$T/c.db" "$T/in" "$T/in/missing.txt" 2>"$T/err"
check "failed-inputs-exit-1" "$([ $? = 1 ]; echo $?)"
check "failed-inputs-reported" "$(has "$T/err" "broken.docx")"
check "failed-recorded" "$([ "$(sql "$T/c.db" "select count(*) from documents where status='failed' and error <> ''")" = 4 ]; echo $?)"
check "failed-error-text" "$([ "$(sql "$T/c.db" "select error like '%missing.txt%' from documents where path like '%missing.txt'")" = 1 ]; echo $?)"
check "good-indexed" "$([ "$(sql "$T/c.db" "select count(*) from documents where status='ok'")" = 1 ]; echo $?)"
"$V" search "$T/c.db" "sot xuat huyet" >"$T/out"
check "good-searchable" "$(has "$T/out" "good.txt")"

# a database another process holds: writers wait, then say so; readers go on
python3 - "$T/c.db" "$T/locked" <<'PY' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE documents SET bytes = bytes WHERE 0")
open(sys.argv[2], "w").close()
time.sleep(4)
c.execute("ROLLBACK")
PY
holder=$!
n=0; while [ ! -f "$T/locked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
printf 'QUYẾT ĐỊNH\nVề việc khác\n' >"$T/in2.txt"
"$V" index -q --busy-timeout 300 "$T/c.db" "$T/in2.txt" 2>"$T/err"
check "locked-db-index-fails" "$([ $? = 1 ]; echo $?)"
check "locked-db-explained" "$(has "$T/err" "c.db: locked by another process")"
"$V" search "$T/c.db" "sot xuat huyet" >"$T/out" 2>"$T/err"
check "locked-db-readable" "$(has "$T/out" "good.txt")"
wait $holder
"$V" index -q "$T/c.db" "$T/in2.txt" 2>"$T/err"
check "unlocked-db-index-works" "$([ $? = 0 ]; echo $?)"

# a run killed in the middle, then resumed: 100 distinct documents (the legal
# subset four times, each copy made different by a last line)
mkdir -p "$T/many"
for k in 1 2 3 4; do
    for f in tests/data/legal/*.txt; do
        { cat "$f"; echo "Bản sao $k."; } >"$T/many/$k-$(basename "$f")"
    done
done
"$V" index -q -j 2 "$T/fresh.db" "$T/many" 2>/dev/null
"$V" index -q -j 1 "$T/resumed.db" "$T/many" 2>/dev/null &
indexer=$!
n=0
while [ $n -lt 300 ]; do
    stored=$(sql "$T/resumed.db" "select count(*) from documents" 2>/dev/null || echo 0)
    [ "${stored:-0}" -ge 3 ] && break
    sleep 0.05; n=$((n + 1))
done
kill -9 $indexer 2>/dev/null
wait $indexer 2>/dev/null
killed_at=$(sql "$T/resumed.db" "select count(*) from documents")
total=$(ls "$T/many" | wc -l)
check "killed-mid-run" "$([ "$killed_at" -ge 1 ] && [ "$killed_at" -lt "$total" ]; echo $?)"
"$V" index -q -j 2 "$T/resumed.db" "$T/many" 2>"$T/err"
check "resumed-run-exit-0" "$([ $? = 0 ]; echo $?)"
check "resumed-all-present" "$([ "$(sql "$T/resumed.db" "select count(distinct path) from documents where status='ok'")" = "$total" ]; echo $?)"
check "resumed-no-duplicates" "$([ "$(sql "$T/resumed.db" "select count(*) from documents")" = "$total" ]; echo $?)"
same_rows='select (select count(*) from paragraphs) || "/" || (select count(*) from citations) || "/" || (select count(*) from sections)'
check "resumed-same-rows-as-fresh" "$([ "$(sql "$T/resumed.db" "$same_rows")" = "$(sql "$T/fresh.db" "$same_rows")" ]; echo $?)"
a=$("$V" search --format json "$T/resumed.db" "tien luong" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
b=$("$V" search --format json "$T/fresh.db" "tien luong" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
check "resumed-same-search-as-fresh" "$([ -n "$a" ] && [ "$a" = "$b" ]; echo $?)"
"$V" index "$T/resumed.db" "$T/many" 2>"$T/err"
check "rerun-skips-unchanged" "$(has "$T/err" "$total files: 0 indexed, $total unchanged")"

# usage: every command has --help; missing arguments are exit status 2
for cmd in index search site export; do
    "$V" $cmd --help >"$T/out" 2>&1
    check "$cmd-help" "$([ $? = 0 ] && grep -q "usage: vanban $cmd" "$T/out"; echo $?)"
    "$V" $cmd >/dev/null 2>&1
    check "$cmd-no-arguments-exit-2" "$([ $? = 2 ]; echo $?)"
done
"$V" search "$T/c.db" "tien" --format xml >/dev/null 2>&1
check "search-bad-format-exit-2" "$([ $? = 2 ]; echo $?)"
"$V" search "$T/missing.db" "tien" 2>"$T/err"
check "search-missing-db" "$([ $? = 1 ] && grep -q "missing.db: no such database" "$T/err"; echo $?)"
check "search-missing-db-not-created" "$([ ! -e "$T/missing.db" ]; echo $?)"
