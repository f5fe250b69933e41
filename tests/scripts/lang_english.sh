#!/bin/sh
# Language before diacritics: clean English goes through `vanban repair` in
# the default auto mode without a word changed.  The English is the licence
# texts every Debian system carries (base-files: /usr/share/common-licenses,
# each text once), the licence of the Python the tests already need, and the
# copyright notices of the packages the Makefile's deps target installs;
# together they must come to 50,000 words or more.  Then mixed paragraphs:
# the Vietnamese that lost its marks is still repaired, the English in the
# same paragraph is not, codes and abbreviations ("TT 36/2025/TT-BNNMT")
# stay as written.
B=${1:-build}
V="$B/vanban"
M=data/model # named, so that every build (the sanitized one too) decodes with it
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

check() { # name, condition-result
    if [ "$2" = 0 ]; then echo "ok lang/$1"; else echo "FAIL lang/$1"; fi
}

if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL lang/english: python3 is needed to compare the words"
    exit 0
fi

# the English texts, each file once (GPL is a link to GPL-3, ...)
: >"$T/list"
for f in /usr/share/common-licenses/* \
         "$(python3 -c 'import os,sys; print(os.path.join(sys.base_prefix, "lib", "python%d.%d" % sys.version_info[:2], "LICENSE.txt"))')" \
         /usr/share/doc/libsqlite3-0/copyright /usr/share/doc/libxml2/copyright \
         /usr/share/doc/libzip4/copyright /usr/share/doc/libpcre2-8-0/copyright \
         /usr/share/doc/zlib1g/copyright /usr/share/doc/libc6/copyright \
         /usr/share/doc/libicu[0-9]*/copyright \
         /usr/share/doc/python3/copyright /usr/share/doc/fonts-liberation/copyright; do
    [ -f "$f" ] && readlink -f "$f" >>"$T/list"
done
sort -u "$T/list" >"$T/files"
n=0
while read -r f; do
    n=$((n + 1))
    "$V" repair --model "$M" "$f" >"$T/out.$n" 2>"$T/err" || echo "FAIL lang/english: repair failed on $f"
    printf '%s\t%s\n' "$f" "$T/out.$n" >>"$T/pairs"
done <"$T/files"

python3 - "$T/pairs" <<'PY'
import difflib, re, sys

total = changed = 0
shown = []
for line in open(sys.argv[1], encoding="utf-8"):
    src, out = line.rstrip("\n").split("\t")
    a = re.findall(r"\w+", open(src, encoding="utf-8", errors="replace").read())
    b = re.findall(r"\w+", open(out, encoding="utf-8").read())
    total += len(a)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        # a word hyphenated at a line end and joined back is no word changed
        if op == "replace" and "".join(a[i1:i2]) == "".join(b[j1:j2]):
            continue
        if op in ("replace", "insert"):
            changed += j2 - j1
            if len(shown) < 8:
                shown.append("%s: %s -> %s" % (src.split("/")[-1], " ".join(a[i1:i2]), " ".join(b[j1:j2])))
if total < 50000:
    print("FAIL lang/english-words: only %d words of English found" % total)
else:
    print("ok lang/english-words (%d)" % total)
if changed:
    print("FAIL lang/english-unchanged: %d of %d words changed" % (changed, total))
    for s in shown:
        print("    " + s)
else:
    print("ok lang/english-unchanged (%d words)" % total)
PY

# mixed paragraphs: one sentence each way
en='The project was funded by the World Bank and is expected to end in 2026.'
printf 'Theo bao cao cua So Y te, du an da hoan thanh dung tien do. %s\n' "$en" >"$T/mixed.txt"
out=$("$V" repair --model "$M" "$T/mixed.txt")
check "mixed-vietnamese-repaired" "$(echo "$out" | grep -q '^Theo báo cáo của Sở'; echo $?)"
check "mixed-english-kept" "$(echo "$out" | grep -qF "$en"; echo $?)"
printf 'Can cu Thong tu so TT 36/2025/TT-BNNMT cua Bo Nong nghiep va Moi truong ve viec huong dan thuc hien.\n' >"$T/code.txt"
out=$("$V" repair --model "$M" "$T/code.txt")
check "code-kept" "$(echo "$out" | grep -qF 'TT 36/2025/TT-BNNMT'; echo $?)"
check "code-sentence-repaired" "$(echo "$out" | grep -qF 'về việc hướng dẫn thực hiện'; echo $?)"
en='But so it appears to be on my screen, and this is the way most people do it. We got a loan of 100 million dollars.'
out=$(printf '%s\n' "$en" | "$V" repair --model "$M")
check "english-paragraph-kept" "$([ "$out" = "$en" ]; echo $?)"
# and the clean samples: not a word restored
for f in samples/000_*.txt samples/001_*.txt samples/002_*.txt samples/003_*.txt samples/*.docx; do
    [ -f "$f" ] || continue
    "$V" repair --model "$M" --report "$f" 2>"$T/rep" >/dev/null
    check "clean-sample-unrestored/$(basename "$f")" \
        "$(! grep -q 'diacritics-restored\|diacritics-review' "$T/rep"; echo $?)"
done
