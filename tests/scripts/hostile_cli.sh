#!/bin/sh
# The attack run's reproductions against the command line, the corpus and the
# file system, each with the outcome a careful tool gives (exit status,
# message, what is written).  Inputs are made here, small and fast.
B=${1:-build}
V="$B/vanban"
case "$V" in /*) ;; *) V="$(pwd)/$V" ;; esac
S="$(pwd)/samples"
[ -z "$VANBAN_MODEL" ] && [ -d data/model ] && VANBAN_MODEL="$(pwd)/data/model" && export VANBAN_MODEL
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 1

check() { # name, 0 when the outcome is the expected one, [what was seen]
    if [ "$2" = 0 ]; then echo "ok hostile/$1"; else echo "FAIL hostile/$1${3:+: $3}"; fi
}
has() { grep -q -- "$2" "$1"; echo $?; }
count() { find "$1" -name "$2" | wc -l | tr -d ' '; }

# ---- defect 5: symbolic link loops in the walks of convert and index ----
mkdir -p loop/d && cp "$S/001_c23d0bb592e3a736.txt" loop/d/x.txt
ln -s . loop/d/a
ln -s ../d loop/d/b
ln -s ../../loop loop/d/c
ln -s nowhere.txt loop/d/dangling.txt
ln -s nowhere.png loop/d/dangling.png
timeout 60 "$V" convert -q -o out5 loop 2>err5
rc=$?
check "loop-convert-ends" "$([ $rc -lt 124 ]; echo $?)" "exit $rc"
check "loop-convert-once" "$([ "$(count out5 '*.xml')" = 1 ] && [ -s out5/d/x.xml ]; echo $?)" \
    "$(count out5 '*.xml') outputs"
check "loop-convert-warns" "$([ "$(grep -c 'file system loop detected' err5)" = 3 ]; echo $?)"
check "loop-names-path" "$(has err5 'loop/d/b: file system loop')"
check "dangling-document-link-fails" "$([ $rc = 1 ] && grep -q 'dangling.txt: No such file' err5 &&
    ! grep -q 'dangling.png' err5; echo $?)" "exit $rc"
timeout 60 "$V" index -q loop5.db loop 2>err5i
rc=$?
n=$(sqlite3 loop5.db "select count(*) from documents where status = 'ok'" 2>/dev/null)
check "loop-index-ends" "$([ $rc -lt 124 ]; echo $?)" "exit $rc"
check "loop-index-once" "$([ "$n" = 1 ]; echo $?)" "$n documents"
check "loop-index-warns" "$([ "$(grep -c 'file system loop detected' err5i)" = 3 ]; echo $?)"

# ---- defect 7: two inputs that would write one output ----
mkdir -p b7 d1 d2
cp "$S/001_c23d0bb592e3a736.txt" b7/a.txt
cp "$S/002_a66ba2e25b7bb22e.docx" b7/a.docx
cp "$S/003_5b25fda696698159.docx" b7/a.txt.docx
"$V" convert -q -o o7 b7 2>err7
rc=$?
check "same-name-exit-1" "$([ $rc = 1 ]; echo $?)" "exit $rc"
check "same-name-error-names-both" "$(has err7 'b7/a.txt.docx: not converted: its output o7/a.txt.xml is also b7/a.txt')"
check "same-name-nothing-replaced" "$(grep -q 'source="b7/a.txt"' o7/a.txt.xml &&
    grep -q 'source="b7/a.docx"' o7/a.docx.xml; echo $?)"
cp "$S/001_c23d0bb592e3a736.txt" d1/a.txt
cp "$S/004_a2909b4c328b78b0.txt" d2/a.txt
"$V" convert -q -o o7b d1/a.txt d2/a.txt 2>err7b
rc=$?
check "same-name-two-dirs-exit-1" "$([ $rc = 1 ]; echo $?)" "exit $rc"
check "same-name-two-dirs-error" "$(has err7b 'd2/a.txt: not converted: its output o7b/a.txt.xml is also d1/a.txt')"
check "same-name-two-dirs-first-kept" "$(grep -q 'source="d1/a.txt"' o7b/a.txt.xml; echo $?)"
"$V" convert -q -f xml,txt -o o7c d1/a.txt d1/a.txt 2>err7c
rc=$?
check "same-file-twice-converts-once" "$([ $rc = 0 ] && [ -s o7c/a.xml ] && [ ! -s err7c ]; echo $?)" "exit $rc"

# ---- defect 11: a write error on standard output is a failure ----
full() { # name, command...: the command writing to a full device fails
    name=$1
    shift
    "$V" "$@" >/dev/full 2>err11
    rc=$?
    check "write-error-$name" "$([ $rc = 1 ] && grep -q 'write' err11; echo $?)" \
        "exit $rc: $(head -1 err11)"
}
if [ -w /dev/full ]; then
    X="$S/001_c23d0bb592e3a736.txt"
    "$V" index -q c11.db "$X" 2>/dev/null
    full search search c11.db kế
    full export-mapping export --opensearch-mapping
    full export export --opensearch c11.db
    full blocks blocks "$X"
    full repair repair "$X"
    full convert convert "$X"
    full version --version
fi

# ---- defect 12: a read error in the middle of an export fails it ----
"$V" index -q c12.db "$S/000_6cc1228e2ba2f095.txt" "$S/001_c23d0bb592e3a736.txt" 2>/dev/null
sqlite3 c12.db "pragma journal_mode=delete" >/dev/null
pg=$(sqlite3 c12.db "select max(pageno) from dbstat where name = 'paragraphs' and pagetype = 'leaf'")
if [ -n "$pg" ]; then
    head -c 4096 /dev/zero | tr '\0' '\377' | dd of=c12.db bs=4096 seek=$((pg - 1)) conv=notrunc 2>/dev/null
    "$V" export --opensearch c12.db >e12.ndjson 2>err12
    rc=$?
    check "export-read-error-exit-1" "$([ $rc = 1 ]; echo $?)" "exit $rc"
    check "export-read-error-said" "$(has err12 'malformed.* while read .* for export')"
    check "export-no-document-cut-short" "$(! grep -q '"text":""' e12.ndjson; echo $?)"
else
    check "export-read-error-setup" 1 "no paragraphs page found"
fi

# ---- defect 13: two index runs creating one new database ----
mkdir -p setA setB
cp "$S/000_6cc1228e2ba2f095.txt" "$S/001_c23d0bb592e3a736.txt" setA/
cp "$S/003_5b25fda696698159.txt" setB/
bad=""
for t in 1 2 3; do
    rm -f r13.db r13.db-wal r13.db-shm
    "$V" index -q -j 1 r13.db setA 2>a13.err &
    "$V" index -q -j 1 r13.db setB 2>b13.err &
    wait
    n=$(sqlite3 r13.db "select count(*) from documents where status = 'ok'" 2>&1)
    [ "$n" = 3 ] && ! grep -q error a13.err b13.err || bad="$bad trial $t: $n stored $(cat a13.err b13.err)"
done
check "index-race-both-stored" "$([ -z "$bad" ]; echo $?)" "$bad"

# ---- defects 18, 19, 20: search queries and options ----
"$V" index -q c18.db "$S/000_6cc1228e2ba2f095.txt" "$S/001_c23d0bb592e3a736.txt" 2>/dev/null
for q in 'kế OR OR OR hoạch' 'kế OR NOT hoạch' 'kế NOT NOT hoạch' 'kế AND OR NOT hoạch' 'OR AND kế NOT'; do
    "$V" search c18.db "$q" >out18 2>err18
    rc=$?
    # 0 or 1 (matches or none), never a syntax error
    check "operators-in-a-row: $q" "$([ $rc -le 1 ] && [ ! -s err18 ]; echo $?)" "exit $rc: $(head -1 err18)"
done
for a in "--limit abc" "--limit -1" "--limit 0" "--limit 10x" "--offset -5" "--offset x"; do
    # shellcheck disable=SC2086
    "$V" search $a c18.db kế >/dev/null 2>err19
    rc=$?
    check "option-refused: $a" "$([ $rc = 2 ] && grep -q -- "${a%% *} takes a whole number" err19; echo $?)" "exit $rc"
done
"$V" search --year "2024 OR 1=1" c18.db kế >/dev/null 2>err19
rc=$?
check "option-refused: --year 2024 OR 1=1" "$([ $rc = 2 ] && grep -q 'year takes a year' err19; echo $?)" "exit $rc"
"$V" search --limit 1 --offset 1 c18.db kế >out19 2>&1
check "option-accepted: --limit 1 --offset 1" "$?"
many=$(python3 -c "print(' OR '.join(['kế'] * 200))")
"$V" search c18.db "$many" >/dev/null 2>err20
rc=$?
check "query-terms-bounded" "$([ $rc = 2 ] && grep -q 'at most 128 are allowed' err20; echo $?)" "exit $rc"
big=$(python3 -c "print('quyết định ' * 4000)")
"$V" search c18.db "$big" >/dev/null 2>err20
rc=$?
check "query-bytes-bounded" "$([ $rc = 2 ] && grep -q 'bytes; at most 8192' err20; echo $?)" "exit $rc"

# ---- defect 22: an unreadable subdirectory makes the exit status 1 ----
# root reads any directory: as root, the command runs as user nobody
as_user() {
    if [ "$(id -u)" != 0 ]; then "$@"
    else setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; fi
}
# the program as that user can run it, wherever the build directory lies
UV="$V"
if [ "$(id -u)" = 0 ]; then
    chmod 755 "$T" && cp "$V" "$T/vanban-as-user" && chmod 755 "$T/vanban-as-user" && UV="$T/vanban-as-user"
fi
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
    chmod 755 .
    mkdir -p d22/locked o22 && chmod 777 o22 && cp "$S/001_c23d0bb592e3a736.txt" d22/a.txt
    chmod 755 d22 && chmod 644 d22/a.txt && chmod 000 d22/locked
    as_user "$UV" convert -q --diacritics off -o o22 d22 2>err22
    rc=$?
    chmod 755 d22/locked
    check "unreadable-dir-exit-1" "$([ $rc = 1 ] && grep -q 'd22/locked: cannot read directory' err22 &&
        [ -s o22/a.xml ]; echo $?)" "exit $rc: $(head -1 err22)"
fi

# ---- defect 23: an output directory inside the input directory ----
mkdir -p b23 && cp "$S/001_c23d0bb592e3a736.txt" b23/a.txt
for t in 1 2 3; do "$V" convert -q -f txt,xml -o b23/out b23 2>err23; done
check "output-inside-input-not-searched" "$([ "$(count b23 '*.xml')" = 1 ] && [ ! -e b23/out/out ]; echo $?)" \
    "$(count b23 '*.xml') outputs"

# ---- defect 21: a corpus on read-only media can be searched ----
# a directory nobody may write: as root, the commands run as user nobody
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
    chmod 755 .
    mkdir ro21 site21 && chmod 777 site21
    "$V" index -q ro21/ro.db "$S/001_c23d0bb592e3a736.txt" 2>/dev/null
    chmod 444 ro21/ro.db && chmod 555 ro21
    as_user "$UV" search ro21/ro.db kế >out21 2>err21
    rc=$?
    check "read-only-search" "$([ $rc = 0 ] && [ -s out21 ]; echo $?)" "exit $rc: $(head -1 err21)"
    as_user "$UV" export --opensearch ro21/ro.db >out21 2>err21
    rc=$?
    check "read-only-export" "$([ $rc = 0 ] && [ -s out21 ]; echo $?)" "exit $rc: $(head -1 err21)"
    as_user "$UV" site ro21/ro.db site21 >/dev/null 2>err21
    rc=$?
    check "read-only-site" "$([ $rc = 0 ] && [ -s site21/index.html ]; echo $?)" "exit $rc: $(head -1 err21)"
    check "read-only-left-unchanged" "$([ ! -e ro21/ro.db-wal ] && [ ! -e ro21/ro.db-shm ]; echo $?)"
fi

# ---- defect 24: a convert killed while writing leaves no temporary file ----
mkdir -p in24
for k in 1 2 3 4 5 6 7 8; do cat "$S"/00*.txt; done >in24/big.txt
"$V" convert -q -j 1 -f xml,html,txt -o o24 in24 2>/dev/null &
pid=$!
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "killed-convert-leaves-no-temporary" "$([ -z "$(find . -name '*.tmp*')" ]; echo $?)" \
    "$(find . -name '*.tmp*' | head -3)"
