#!/bin/sh
# Dangling symbolic links in every command that takes files or walks a
# directory (convert, index, tables): a link to nothing named like a document
# is an error that names it, the others are passed over, and the good files
# next to it are still done.  (convert once read an unfilled struct stat for
# such a link; every stat of the command line is now checked before its
# result is read.)
B=${1:-build}
V="$B/vanban"
case "$V" in /*) ;; *) V="$(pwd)/$V" ;; esac
S="$(pwd)/samples"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

check() { # name, 0 when the outcome is the expected one, [what was seen]
    if [ "$2" = 0 ]; then echo "ok dangling/$1"; else echo "FAIL dangling/$1${3:+: $3}"; fi
}

mkdir -p d
cp "$S/001_c23d0bb592e3a736.txt" d/x.txt
ln -s nowhere.txt d/gone.txt
ln -s nowhere.png d/gone.png

"$V" convert -q -o out d 2>err1
rc=$?
check "convert-dir-exit-1" "$([ $rc = 1 ]; echo $?)" "exit $rc"
check "convert-dir-names-link" "$(grep -q 'd/gone.txt: No such file' err1 && ! grep -q 'gone.png' err1; echo $?)"
check "convert-dir-converts-the-rest" "$([ -s out/x.xml ] && [ "$(ls out | wc -l)" = 1 ]; echo $?)"
"$V" convert -q -o out2 d/gone.txt d/x.txt 2>err2
rc=$?
check "convert-named-exit-1" "$([ $rc = 1 ] && grep -q 'd/gone.txt: No such file' err2 && [ -s out2/x.xml ]; echo $?)" "exit $rc"

"$V" index -q c.db d 2>err3
rc=$?
rows=$(sqlite3 c.db "select path || ':' || status from documents order by path" 2>/dev/null | tr '\n' ' ')
check "index-dir-exit-1" "$([ $rc = 1 ]; echo $?)" "exit $rc"
check "index-dir-link-failed" "$([ "$rows" = "d/gone.txt:failed d/x.txt:ok " ]; echo $?)" "$rows"
check "index-dir-names-link" "$(grep -q 'd/gone.txt: cannot open' err3 && ! grep -q 'gone.png' err3; echo $?)"

"$V" tables d/gone.txt d/x.txt >out4 2>err4
rc=$?
check "tables-exit-1" "$([ $rc = 1 ]; echo $?)" "exit $rc"
check "tables-names-link" "$(grep -q 'd/gone.txt: cannot open' err4; echo $?)"
"$V" tables --csv csv d/gone.txt "$S/003_5b25fda696698159.txt" >/dev/null 2>err5
rc=$?
check "tables-csv-writes-the-rest" "$([ $rc = 1 ] && ls csv/003_5b25fda696698159-1.csv >/dev/null 2>&1; echo $?)" "exit $rc"
