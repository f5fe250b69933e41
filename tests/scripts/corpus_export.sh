#!/bin/sh
# vanban export --opensearch: the bulk NDJSON has an action line and a
# document line per stored document, ids unique, every field in the mapping;
# the mapping is JSON with the ICU analyzers the fields name.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf 'PK\003\004 not a zip' >"$T/broken.docx"
"$V" index -q "$T/c.db" samples tests/data/legal/thong-tu-so-40-2026-tt-btc-469311.txt \
    tests/data/legal/thong-tu-so-11-2026-tt-btc-468949.txt "$T/broken.docx" 2>/dev/null
"$V" export --opensearch --index archive "$T/c.db" >"$T/bulk.ndjson"
echo "rc=$?" >"$T/rc"
"$V" export --opensearch-mapping >"$T/mapping.json"
"$V" convert samples/003_5b25fda696698159.txt >"$T/003.xml" 2>/dev/null
python3 - "$T/c.db" "$T/bulk.ndjson" "$T/mapping.json" "$T/rc" "$T/003.xml" <<'PY'
import json, sqlite3, sys
import xml.etree.ElementTree as ET
db, bulk, mapping, rc, xml003 = sys.argv[1:6]
def check(name, good, why=""):
    print(f"ok corpus-export/{name}" if good else f"FAIL corpus-export/{name}: {why}")
check("exit-0", open(rc).read().strip() == "rc=0")
raw = open(bulk, "rb").read()
check("ends-with-newline", raw.endswith(b"\n"))
lines = raw.decode("utf-8").split("\n")[:-1]
ok_docs = sqlite3.connect(db).execute("select count(*) from documents where status='ok'").fetchone()[0]
check("two-lines-per-document", len(lines) == 2 * ok_docs, f"{len(lines)} lines, {ok_docs} documents")
try:
    parsed = [json.loads(l) for l in lines]
    check("every-line-json", True)
except ValueError as e:
    parsed = []
    check("every-line-json", False, str(e))
actions, docs = parsed[0::2], parsed[1::2]
check("action-lines", all(list(a) == ["index"] and a["index"].get("_index") == "archive"
                          and len(a["index"].get("_id", "")) == 64 for a in actions))
ids = [a["index"]["_id"] for a in actions]
check("ids-unique", len(set(ids)) == len(ids))
check("ids-are-checksums", all(d.get("sha256") == a["index"]["_id"] for a, d in zip(actions, docs)))
m = json.load(open(mapping))
props = m["mappings"]["properties"]
analyzers = m["settings"]["analysis"]["analyzer"]
check("mapping-analyzers", analyzers["vi_folded"]["filter"] == ["icu_folding"]
      and analyzers["vi_exact"]["tokenizer"] == "icu_tokenizer")
check("mapping-covers-fields", all(k in props or k == "id" for d in docs for k in d),
      sorted({k for d in docs for k in d if k not in props and k != "id"}))
named = {f.get("analyzer") for f in props.values()} | {s.get("analyzer") for f in props.values()
                                                        for s in f.get("fields", {}).values()}
check("mapping-analyzers-defined", named - {None} <= set(analyzers))
by_path = {d["path"].rsplit("/", 1)[-1]: d for d in docs}
d = by_path.get("thong-tu-so-40-2026-tt-btc-469311.txt", {})
check("document-metadata", d.get("number") == "40/2026/TT-BTC" and d.get("year") == 2026
      and d.get("type_code") == "TT", {k: d.get(k) for k in ("number", "year", "type_code")})
check("document-citations", any(c["code_key"] == "11/2026/TT-BTC" for c in d.get("citations", [])))
check("document-text", "phí" in d.get("text", "") and len(d["text"]) > 1000)
check("failed-not-exported", not any("broken" in p for p in by_path))
# the task records: as many as the converted document has, nested in the mapping
want = list(ET.parse(xml003).iter("task"))
tasks = by_path.get("003_5b25fda696698159.txt", {}).get("tasks", [])
check("tasks-all", len(want) > 0 and len(tasks) == len(want), f"{len(tasks)} of {len(want)}")
first = want[0] if want else None
check("tasks-fields", bool(tasks) and first is not None
      and tasks[0]["num"] == first.get("num")
      and tasks[0]["lead"] == "".join(first.find("lead").itertext()).strip()
      and tasks[0]["deadline_kind"] == first.find("deadline").get("deadline"), tasks[:1])
check("tasks-due", all(t["due"] is None or (len(t["due"]) in (4, 10) and t["due_year"] == int(t["due"][:4]))
                       for t in tasks))
tp = props.get("tasks", {})
check("tasks-nested-mapping", tp.get("type") == "nested"
      and all(k in tp.get("properties", {}) for t in tasks for k in t))
check("dates-in-mapping-format", all(x["date"] is None or len(x["date"]) in (4, 7, 10) for x in docs))
PY
