#!/bin/sh
# An output path that is not a regular file (a pipe here; /dev/null alike)
# is written in place: never replaced by a renamed temporary file.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkfifo "$T/pipe"
cat "$T/pipe" > "$T/got.xml" &
reader=$!
"$V" convert samples/002_a66ba2e25b7bb22e.docx -o "$T/pipe" 2>"$T/err"
status=$?
wait $reader
if [ $status -eq 0 ] && [ -p "$T/pipe" ] && grep -q '</document>' "$T/got.xml"; then
    echo "ok convert/output-to-pipe"
else
    echo "FAIL convert/output-to-pipe: status $status, $( [ -p "$T/pipe" ] && echo 'still a pipe' || echo 'pipe replaced'), $(head -1 "$T/err")"
fi
# a regular file is still replaced whole, and no temporary file is left
"$V" convert samples/002_a66ba2e25b7bb22e.docx -o "$T/out.xml" 2>/dev/null
if cmp -s "$T/out.xml" "$T/got.xml" && [ "$(ls "$T" | grep -c tmp)" -eq 0 ]; then
    echo "ok convert/output-file-streamed"
else
    echo "FAIL convert/output-file-streamed: file differs from the piped output or a temporary file is left"
fi
