#!/bin/sh
# The library as others use it: `make install` into a staging directory,
# the shared library exports exactly the public API (the functions the public
# headers declare with VB_EXPORT), and a program outside the tree builds
# against the installed copy with pkg-config and converts a text to XML.
# Under the sanitizer build (no shared library there) only the visibility of
# the static library's objects is checked.
B=${1:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
HEADERS="util/vb_util.h extract/extract.h normalize/normalize.h model/model.h model/lexicon.h render/render.h
pipeline/pipeline.h corpus/corpus.h"

ok() { echo "ok shared-lib/$1"; }
fail() { echo "FAIL shared-lib/$1"; shift; for l in "$@"; do echo "    $l"; done; }

# The public API: every function a public header declares with VB_EXPORT.
# shellcheck disable=SC2086
grep -h '^VB_EXPORT ' $HEADERS | sed -e 's/(.*//' -e 's/.*[ *]//' | sort -u >"$T/api"
# A function declared in a public header without VB_EXPORT would be hidden
# from the shared library: name it (a header-level declaration that is not a
# macro, typedef, static inline or marked one).
# shellcheck disable=SC2086
grep -n -E '^[A-Za-z_][A-Za-z0-9_ ]*[ *]vb_[A-Za-z0-9_]+\(' $HEADERS \
    | grep -v -E ':(VB_EXPORT|static|typedef|#)' >"$T/unmarked"
if [ -s "$T/api" ] && [ ! -s "$T/unmarked" ]; then
    ok "every-public-function-marked ($(wc -l <"$T/api") functions)"
else
    fail "every-public-function-marked" "declared in a public header without VB_EXPORT:" \
        "$(cat "$T/unmarked")"
fi

# Compares a list of exported symbols ($1) with the API; $2 names the check.
compare_exports() {
    comm -13 "$T/api" "$1" >"$T/extra"
    comm -23 "$T/api" "$1" >"$T/missing"
    if [ -s "$1" ] && [ ! -s "$T/extra" ] && [ ! -s "$T/missing" ]; then
        ok "$2"
    else
        fail "$2" \
            "exported but not declared with VB_EXPORT in a public header: $(tr '\n' ' ' <"$T/extra")" \
            "declared with VB_EXPORT but not exported: $(tr '\n' ' ' <"$T/missing")"
    fi
}

# Static library: its objects give default visibility to the API alone
# (readelf's symbol table: GLOBAL DEFAULT defined functions and objects;
# the sanitizers' own symbols start with "__").
readelf -sW "$B/libvanban.a" 2>/dev/null \
    | awk '$5 == "GLOBAL" && $6 == "DEFAULT" && $7 != "UND" && ($4 == "FUNC" || $4 == "OBJECT") {print $8}' \
    | grep -v '^__' | sort -u >"$T/static"
compare_exports "$T/static" "static-objects-visibility"

if [ ! -e "$B/libvanban.so" ]; then
    echo "ok shared-lib/skipped-install # no $B/libvanban.so (the sanitizer build makes only the static library)"
    exit 0
fi

# make install into a staging directory
if make --no-print-directory -s install B="$B" DESTDIR="$T/root" PREFIX=/usr/local >"$T/install.log" 2>&1; then
    ok "make-install"
else
    fail "make-install" "$(tail -5 "$T/install.log")"
    exit 0
fi
P="$T/root/usr/local"
missing=""
for f in bin/vanban lib/libvanban.a lib/libvanban.so lib/pkgconfig/vanban.pc share/man/man1/vanban.1 \
         share/vanban/lm.bin; do
    [ -e "$P/$f" ] || missing="$missing $f"
done
for h in $HEADERS; do [ -f "$P/include/vanban/$h" ] || missing="$missing include/vanban/$h"; done
if [ -z "$missing" ]; then ok "installed-files"; else fail "installed-files" "missing:$missing"; fi

soname=$(readelf -dW "$P/lib/libvanban.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
if [ "$soname" = libvanban.so.0 ] && [ -e "$P/lib/$soname" ]; then
    ok "soname"
else
    fail "soname" "SONAME is '$soname'"
fi

# (a) the shared library's dynamic symbols are the public API, no more, no less
# (the linker's own markers of the data segment, which ld exports when a
# C++ library such as libtesseract is linked in, are not the API)
nm -D --defined-only "$P/lib/libvanban.so" | awk '{print $3}' | grep -v -x -e __bss_start -e _edata -e _end |
    sort -u >"$T/dynamic"
compare_exports "$T/dynamic" "exports-public-api-only"

# (b) a program outside the tree, built with pkg-config against the installed copy
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$T/root"
flags=$(pkg-config --cflags --libs vanban 2>"$T/pc.err")
if [ $? -eq 0 ] && [ "$(pkg-config --modversion vanban)" = "$(sed -n 's/^#define VB_VERSION "\(.*\)"/\1/p' util/vb_util.h)" ]; then
    ok "pkg-config"
else
    fail "pkg-config" "$(cat "$T/pc.err")"
fi
mkdir -p "$T/app"
cp tests/shared_lib/to_xml.c "$T/app/"
# shellcheck disable=SC2086
if (cd "$T/app" && ${CC:-cc} -std=c11 -Wall -Wextra -Werror -o to_xml to_xml.c $flags) 2>"$T/cc.err"; then
    ok "outside-program-builds"
else
    fail "outside-program-builds" "$(head -20 "$T/cc.err")"
    exit 0
fi
if LD_LIBRARY_PATH="$P/lib" ldd "$T/app/to_xml" | grep -q "$P/lib/libvanban.so.0"; then
    ok "links-installed-shared-library"
else
    fail "links-installed-shared-library" "$(LD_LIBRARY_PATH="$P/lib" ldd "$T/app/to_xml" | grep vanban)"
fi

printf 'ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nTriển khai công tác năm 2024\n\nI. MỤC ĐÍCH\n\nNội dung thực hiện.\n' >"$T/plan.txt"
LD_LIBRARY_PATH="$P/lib" "$T/app/to_xml" "$T/plan.txt" >"$T/plan.xml" 2>"$T/run.err"
rc=$?
"$B/vanban" convert -q --diacritics off -f xml -o "$T/cli.xml" "$T/plan.txt" 2>/dev/null
if [ $rc -eq 0 ] && grep -q '<heading line="9">MỤC ĐÍCH</heading>' "$T/plan.xml" \
   && grep -q '<number line="4" code="KH-UBND" value="12" label="Số:">12/KH-UBND</number>' "$T/plan.xml" \
   && cmp -s "$T/plan.xml" "$T/cli.xml"; then
    ok "outside-program-converts (same XML as vanban convert)"
else
    fail "outside-program-converts" "exit $rc: $(head -3 "$T/run.err")" "$(diff "$T/cli.xml" "$T/plan.xml" | head -10)"
fi

# an error comes back as a status and a message naming the file
LD_LIBRARY_PATH="$P/lib" "$T/app/to_xml" "$T/missing.txt" >/dev/null 2>"$T/run.err"
rc=$?
if [ $rc -eq 1 ] && grep -q "missing.txt: cannot open: No such file" "$T/run.err"; then
    ok "outside-program-error"
else
    fail "outside-program-error" "exit $rc: $(cat "$T/run.err")"
fi
