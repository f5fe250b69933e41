#!/bin/sh
# End to end on the whole legal corpus: every document of SHARED/corpus/legal
# and the samples indexed (a second run finds them all unchanged), then the
# queries of tests/data/corpus-queries-full.tsv, written for that corpus,
# must return what they name.  Prints ok/FAIL lines and a summary.
#   SHARED=../shared tools/eval/corpus.sh [DB]
cd "$(dirname "$0")/../.." || exit 2
SHARED=${SHARED:-../shared}
V=${VANBAN:-build/vanban}
[ -d "$SHARED/corpus/legal" ] || { echo "corpus.sh: $SHARED/corpus/legal not found (SHARED=...)"; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB=${1:-$T/corpus.db}
"$V" index -j 2 "$DB" "$SHARED/corpus/legal" samples
"$V" index -j 2 "$DB" "$SHARED/corpus/legal" samples
python3 - "$V" "$DB" tests/data/corpus-queries-full.tsv <<'PY'
import json, shlex, sqlite3, subprocess, sys
vanban, db, table = sys.argv[1:4]
ok, failed = sqlite3.connect(db).execute(
    "select sum(status='ok'), sum(status='failed') from documents").fetchone()
print(f"documents: {ok} indexed, {failed} failed")
passed = total = 0
for line in open(table, encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    name, expect, args = line.rstrip("\n").split("\t")
    kind, _, want = expect.partition("=")
    run = subprocess.run([vanban, "search", "--format", "json", "-n", "5", db] + shlex.split(args),
                         capture_output=True, text=True)
    result = json.loads(run.stdout) if run.stdout else {"total": 0, "hits": []}
    paths = [h["path"] for h in result["hits"]]
    good = {"top": lambda: bool(paths) and want in paths[0],
            "top2": lambda: any(want in p for p in paths[:2]),
            "count": lambda: result["total"] == int(want),
            "none": lambda: result["total"] == 0}.get(kind, lambda: False)()
    total += 1
    passed += good
    print(f"ok {name}" if good else f"FAIL {name}: expected {expect}, got {paths[:3]}")
print(f"full-corpus queries: {passed}/{total} pass")
sys.exit(0 if passed == total and not failed else 1)
PY
