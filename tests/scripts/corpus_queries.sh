#!/bin/sh
# The query fixture: tests/data/legal plus samples/ indexed, then every query
# of tests/data/corpus-queries.tsv must return what it names.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if ! "$V" index -q -j 2 --diacritics auto --model data/model "$T/c.db" tests/data/legal samples 2>"$T/err"; then
    echo "FAIL corpus-queries/index: $(head -c 300 "$T/err")"
    exit 0
fi
python3 - "$V" "$T/c.db" tests/data/corpus-queries.tsv <<'PY'
import json, shlex, subprocess, sys
vanban, db, table = sys.argv[1:4]
for line in open(table, encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    name, expect, args = line.rstrip("\n").split("\t")
    run = subprocess.run([vanban, "search", "--format", "json", "-n", "5", db] + shlex.split(args),
                         capture_output=True, text=True)
    try:
        result = json.loads(run.stdout) if run.stdout else {"total": 0, "hits": []}
    except ValueError:
        print(f"FAIL corpus-queries/{name}: not JSON: {run.stdout[:200]!r} {run.stderr[:200]!r}")
        continue
    paths = [h["path"] for h in result["hits"]]
    kind, _, want = expect.partition("=")
    if kind == "top":
        good = bool(paths) and want in paths[0]
    elif kind == "top2":
        good = any(want in p for p in paths[:2])
    elif kind == "count":
        good = result["total"] == int(want)
    elif kind == "tasks":  # the task records the first hit lists
        good = bool(paths) and len(result["hits"][0].get("tasks", [])) == int(want)
    elif kind == "none":
        good = result["total"] == 0 and run.returncode == 1
    elif kind == "suggest":
        good = result["total"] == 0 and result.get("suggestion") == want
    else:
        good = False
    if good:
        print(f"ok corpus-queries/{name}")
    else:
        print(f"FAIL corpus-queries/{name}: expected {expect}, got {result['total']} {paths[:3]}")
PY
