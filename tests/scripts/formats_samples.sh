#!/bin/sh
# Every output format of the table (read from `vanban convert --list-formats`,
# so a new row is tested without touching this script) renders every sample:
# exit status 0, one non-empty file per sample named with the row's
# extension, well-formed XML for an XML MIME type; and -f takes all the
# formats at once; the manual page and README name every one.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$V" convert --list-formats >"$T/formats" 2>"$T/err"
if [ $? -ne 0 ] || [ ! -s "$T/formats" ]; then
    echo "FAIL formats/list: convert --list-formats gave no table ($(head -1 "$T/err"))"
    exit 0
fi
echo "ok formats/list"

ls samples >"$T/samples"
# the output name of each sample: its stem, or its whole name when another
# sample has the same stem (convert keeps the source extension then)
while read -r f; do
    stem=${f%.*}
    if [ "$(grep -c "^$stem\." "$T/samples")" -gt 1 ]; then echo "$f"; else echo "$stem"; fi
done <"$T/samples" >"$T/stems"
nsamples=$(wc -l <"$T/samples")

tab=$(printf '\t')
all=""
while IFS="$tab" read -r name ext mime; do
    all="${all:+$all,}$name"
    out="$T/out-$name"
    "$V" convert -q -f "$name" -o "$out" samples 2>"$T/err"
    status=$?
    if [ $status -ne 0 ]; then
        echo "FAIL formats/$name: convert exited with $status: $(head -1 "$T/err")"
        continue
    fi
    bad=""
    while read -r stem; do
        file="$out/$stem.$ext"
        if [ ! -s "$file" ]; then
            bad="$bad $stem.$ext (missing or empty)"
        else
            case "$mime" in
            *xml*) xmllint --noout "$file" 2>/dev/null || bad="$bad $stem.$ext (not well-formed)" ;;
            esac
        fi
    done <"$T/stems"
    nout=$(find "$out" -type f | wc -l)
    [ "$nout" -eq "$nsamples" ] || bad="$bad ($nout files for $nsamples samples)"
    if [ -z "$bad" ]; then
        echo "ok formats/$name: every sample as .$ext"
    else
        echo "FAIL formats/$name:$bad"
    fi
done <"$T/formats"

# all the formats in one run: one file per format for one input
"$V" convert -q -f "$all" -o "$T/all" samples/001_c23d0bb592e3a736.txt 2>"$T/err"
status=$?
missing=""
while IFS="$tab" read -r name ext mime; do
    [ -s "$T/all/001_c23d0bb592e3a736.$ext" ] || missing="$missing .$ext"
done <"$T/formats"
if [ $status -eq 0 ] && [ -z "$missing" ]; then
    echo "ok formats/all-at-once: -f $all"
else
    echo "FAIL formats/all-at-once: -f $all exited with $status, missing:$missing $(head -1 "$T/err")"
fi

# the texts that list the formats by hand name every one
undocumented=""
while IFS="$tab" read -r name ext mime; do
    grep -q "\\\\fB$name\\\\fR" docs/vanban.1 || undocumented="$undocumented $name (docs/vanban.1)"
    grep -Eq "^vanban convert \[-f ([a-z]+\|)*$name[]|]" README.md ||
        undocumented="$undocumented $name (README.md)"
done <"$T/formats"
if [ -z "$undocumented" ]; then
    echo "ok formats/documented: the manual page and README name every format"
else
    echo "FAIL formats/documented: not named:$undocumented"
fi
