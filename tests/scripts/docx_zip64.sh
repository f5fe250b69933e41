#!/bin/sh
# ZIP64 packages: every DOCX feature fixture (tests/docx/parts) is zipped
# twice, with ordinary records and with ZIP64 records everywhere (a ZIP64
# extra field on each entry, local and central, and the ZIP64 end records:
# what streaming writers produce).  The Word samples (samples/*.docx) are
# rewritten the same way, entry by entry with the same bytes.  Each ZIP64
# copy must convert to the same XML as its ordinary twin.
B=${1:-build}
V="$B/vanban"
OUT="$B/docx-zip64"
rm -rf "$OUT"
mkdir -p "$OUT"
if ! python3 tests/docx/build.py tests/docx/parts "$OUT/plain" 2>"$OUT/err" ||
   ! python3 tests/docx/build.py --zip64 tests/docx/parts "$OUT/zip64" 2>"$OUT/err"; then
    echo "FAIL docx-zip64/build: $(head -1 "$OUT/err")"
    exit 0
fi
for f in samples/*.docx; do
    cp "$f" "$OUT/plain/"
    python3 - "$f" "$OUT/zip64/$(basename "$f")" <<'PY' 2>"$OUT/err" ||
import sys, zipfile
# ZIP64 in the central directory and end records too, not only the local headers
zipfile.ZIP64_LIMIT = zipfile.ZIP_FILECOUNT_LIMIT = 0
with zipfile.ZipFile(sys.argv[1]) as zin, zipfile.ZipFile(sys.argv[2], 'w') as zout:
    for info in zin.infolist():
        data = zin.read(info)
        copy = zipfile.ZipInfo(info.filename, info.date_time)
        copy.compress_type = zipfile.ZIP_DEFLATED
        with zout.open(copy, 'w', force_zip64=True) as out:
            out.write(data)
PY
    echo "FAIL docx-zip64/build-samples: $(tail -1 "$OUT/err")"
done

# what the archives hold: "zip64" when every entry carries a ZIP64 extra
# field in the central directory and the ZIP64 end record is there,
# "plain" when none does, "mixed" otherwise
kind() {
    python3 - "$1" <<'PY'
import struct, sys, zipfile
data = open(sys.argv[1], 'rb').read()
with zipfile.ZipFile(sys.argv[1]) as z:
    infos = z.infolist()
def has_zip64_extra(extra):
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack('<HH', extra[i:i + 4])
        if tag == 1:
            return True
        i += 4 + size
    return False
marked = sum(has_zip64_extra(i.extra) for i in infos)
end = b'PK\x06\x06' in data
print('zip64' if marked == len(infos) and end else 'plain' if marked == 0 else 'mixed')
PY
}

for f in "$OUT"/zip64/*.docx; do
    name=$(basename "$f" .docx)
    case $name in zip64*) plain_kind=any ;; *) plain_kind=plain ;; esac
    k64=$(kind "$f")
    kplain=$(kind "$OUT/plain/$name.docx")
    if [ "$k64" != zip64 ] || { [ $plain_kind = plain ] && [ "$kplain" != plain ]; }; then
        echo "FAIL docx-zip64/$name: fixtures not built as meant (ZIP64 copy: $k64, plain copy: $kplain)"
        continue
    fi
    for d in plain zip64; do
        "$V" convert -q -f xml "$OUT/$d/$name.docx" >"$OUT/$d/$name.out" 2>"$OUT/$d/$name.err"
        echo $? >"$OUT/$d/$name.rc"
        # both name their source file: drop the folder
        sed "s#$OUT/$d/##" "$OUT/$d/$name.out" >"$OUT/$d/$name.xml"
    done
    rc_plain=$(cat "$OUT/plain/$name.rc")
    rc_64=$(cat "$OUT/zip64/$name.rc")
    if [ $rc_plain -ne 0 ] || [ $rc_64 -ne 0 ]; then
        echo "FAIL docx-zip64/$name: exit $rc_plain (plain), $rc_64 (ZIP64): $(tail -1 "$OUT/zip64/$name.err")"
    elif ! grep -q '<body' "$OUT/zip64/$name.xml"; then
        echo "FAIL docx-zip64/$name: no document body in the XML"
    elif cmp -s "$OUT/plain/$name.xml" "$OUT/zip64/$name.xml"; then
        echo "ok docx-zip64/$name"
    else
        echo "FAIL docx-zip64/$name: ZIP64 package converts differently"
        diff -u "$OUT/plain/$name.xml" "$OUT/zip64/$name.xml" | head -20 | sed 's/^/    /'
    fi
done
