#!/bin/sh
# Search relevance: the queries of bench/search-queries.tsv over the legal
# corpus ($SHARED/corpus/legal, SHARED=../shared by default) and samples/:
# the share with a wanted document first and in the first three (all
# queries, and those naming one document), the median and 95th percentile
# time of `vanban search` (process start included), where the database's
# space goes (sqlite dbstat), and whether the static site's search page, in
# headless Chromium, puts the same document first for every query.
# The baseline: BASELINE_VANBAN=path/to/an/older/vanban runs the same
# queries through that build's own index (the one-paragraph matching before
# document-level search); its figures at the change are in the README.
B=${1:-build}
VANBAN=$B/vanban
cd "$(dirname "$0")/.." || exit 2
SHARED=${SHARED:-../shared}
if [ ! -d "$SHARED/corpus/legal" ]; then
    echo "search_bench: $SHARED/corpus/legal not found: nothing to measure"
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$VANBAN" index -q -j 2 "$TMP/c.db" "$SHARED/corpus/legal" samples 2>/dev/null
if [ -n "$BASELINE_VANBAN" ]; then
    "$BASELINE_VANBAN" index -q -j 2 "$TMP/base.db" "$SHARED/corpus/legal" samples 2>/dev/null
fi
"$VANBAN" site "$TMP/c.db" "$TMP/site" >/dev/null 2>&1
CHROMIUM=$(command -v chromium || command -v chromium-browser)
python3 - "$VANBAN" "$TMP/c.db" "${BASELINE_VANBAN:-}" "$TMP/base.db" bench/search-queries.tsv "$TMP/site" "$CHROMIUM" <<'PY'
import json, os, resource, sqlite3, statistics, subprocess, sys, time
vanban, db, base_vanban, base_db, table, site, chromium = sys.argv[1:8]
queries = []
for line in open(table, encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        name, kind, wanted, query = line.rstrip("\n").split("\t")
        queries.append((name, kind, wanted.split("|"), query))

def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def run(prog, dbfile):
    rows, times, cpus = [], [], []
    for name, kind, wanted, query in queries:
        best = None
        for _ in range(5):
            t, c0 = time.perf_counter(), cpu()
            p = subprocess.run([prog, "search", "--format", "json", "-n", "3", dbfile, query],
                               capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            cpus.append(cpu() - c0)
            best = p.stdout
        hits = json.loads(best)["hits"] if best else []
        paths = [h["path"] for h in hits]
        rank = next((i + 1 for i, p in enumerate(paths) if any(w in p for w in wanted)), None)
        rows.append((name, kind, rank, hits[0]["id"] if hits else None, paths[:1]))
    return rows, times, cpus

def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]

def report(label, rows, times, cpus):
    def share(sel, k):
        sel = list(sel)
        return sum(1 for r in sel if r[2] and r[2] <= k), len(sel)
    t1, n = share(rows, 1)
    t3, _ = share(rows, 3)
    k1, kn = share((r for r in rows if r[1] == "known"), 1)
    k3, _ = share((r for r in rows if r[1] == "known"), 3)
    print(f"{label}: {n} queries: top-1 {t1}/{n} = {100*t1/n:.0f} %, top-3 {t3}/{n} = {100*t3/n:.0f} %;"
          f" known-item top-1 {k1}/{kn} = {100*k1/kn:.0f} %, top-3 {k3}/{kn} = {100*k3/kn:.0f} %")
    print(f"  query time over {len(times)} runs (process start included): median"
          f" {statistics.median(times)*1000:.1f} ms, p95 {p95(times)*1000:.1f} ms;"
          f" CPU time (user + system) median {statistics.median(cpus)*1000:.1f} ms, p95 {p95(cpus)*1000:.1f} ms")
    missed = [f"{r[0]} ({'rank ' + str(r[2]) if r[2] else 'not in top 3'})" for r in rows if not r[2] or r[2] > 1]
    if missed:
        print("  not first: " + ", ".join(missed))

print(f"machine load (1, 5, 15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
rows, times, cpus = run(vanban, db)
report("document-level search", rows, times, cpus)
if base_vanban:
    brows, btimes, bcpus = run(base_vanban, base_db)
    report("baseline (one-paragraph matching)", brows, btimes, bcpus)

c = sqlite3.connect(db)
size = os.path.getsize(db) / 1e6
print(f"database: {size:.1f} MB; where the space goes (dbstat, MB):")
parts = c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12").fetchall()
print("  " + ", ".join(f"{n} {s/1e6:.1f}" for n, s in parts))

if chromium:
    with open(os.path.join(site, "bench.html"), "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><meta charset="utf-8"><pre id="out"></pre>'
                '<script src="search-index.js"></script><script src="search.js"></script><script>'
                'var qs = ' + json.dumps([q[3] for q in queries]) + ';'
                'document.getElementById("out").textContent = JSON.stringify(qs.map(function (q) {'
                ' var r = VB_SEARCH(q); return r.length ? r[0] : null; }));</script>')
    p = subprocess.run(["timeout", "300", chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--user-data-dir=" + site + "/profile",
                        "--virtual-time-budget=120000", "--dump-dom", "file://" + site + "/bench.html"],
                       capture_output=True, text=True)
    out = p.stdout
    try:
        firsts = json.loads(out[out.index('<pre id="out">') + 14:out.index("</pre>")])
    except ValueError:
        firsts = []
    same = [q[0] for q, f, r in zip(queries, firsts, rows) if f == r[3]]
    print(f"site search page (headless Chromium, {os.path.getsize(os.path.join(site, 'search-index.js'))/1e6:.1f} MB index):"
          f" same first document as vanban search for {len(same)}/{len(queries)} queries")
    diff = [q[0] for q, f, r in zip(queries, firsts, rows) if f != r[3]]
    if diff:
        print("  differ: " + ", ".join(diff))
PY
