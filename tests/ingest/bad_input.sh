#!/bin/sh
# Bad inputs to peel-ingest: each gives the documented exit code and a message
# naming the file (and the line, where there is one); none crashes, and none
# touches records written earlier.
set -u
bin=$1 report=$2
. "$(dirname "$0")/../lib/check.sh"

# expect NAME WANT_CODE WANT_TEXT INPUT [OPTIONS...]
expect() {
    name=$1 want=$2 text=$3 input=$4
    shift 4
    run_check "$name" "$want" stderr "$text" "$bin/peel-ingest" -q "$@" "$input" -o "$work/out"
}

: > "$work/empty.txt"
expect empty 65 "empty.txt: empty file" "$work/empty.txt"

head -c 4096 /bin/sh > "$work/binary.txt"
expect binary 65 "binary.txt:[0-9]*: NUL byte" "$work/binary.txt"

{ head -n 100 "$report"; printf 'bad \377\376 bytes\n'; tail -n +101 "$report"; } > "$work/utf8.txt"
expect invalid_utf8 65 "utf8.txt:101: invalid UTF-8" "$work/utf8.txt"

{ head -n 50 "$report"; printf 'text\000more\n'; tail -n +51 "$report"; } > "$work/nul.txt"
expect nul_mid_file 65 "nul.txt:51: NUL byte" "$work/nul.txt"

{ head -n 20 "$report"; head -c 1048576 /dev/zero | tr '\0' 'a'; echo; tail -n +21 "$report"; } > "$work/longline.txt"
expect long_line 65 "longline.txt:21: line of 1048576 bytes is longer than the limit" "$work/longline.txt"

expect too_big 65 "limit" "$report" --max-size 1000

mkdir "$work/folder.txt"
expect folder 66 "folder.txt: .*folder" "$work/folder.txt"

expect missing 66 "nowhere.txt" "$work/nowhere.txt"

printf 'Just some notes.\n\nNothing to see here.\n' > "$work/notes.txt"
expect not_a_report 65 "notes.txt: no \"An inspection of" "$work/notes.txt"

head -n 60 "$report" | grep -v -i -E 'good|improvement|outstanding|inadequate|ungraded' > "$work/nogrades.txt"
expect no_grades 65 "nogrades.txt: no grades found" "$work/nogrades.txt"

expect bad_option 64 "usage" "$report" --no-such-option

if [ "$(id -u)" != 0 ]; then
    cp "$report" "$work/unreadable.txt"
    chmod 000 "$work/unreadable.txt"
    expect unreadable 66 "unreadable.txt" "$work/unreadable.txt"
fi

# Earlier records survive a later bad run of the same report.
"$bin/peel-ingest" -q "$report" -o "$work/keep" || fails=$((fails + 1))
sum_before=$(cat "$work"/keep/*/data/*.csv | cksum)
{ cat "$report"; printf '\000'; } > "$work/broken.txt"
"$bin/peel-ingest" -q "$work/broken.txt" -o "$work/keep" 2>/dev/null && fails=$((fails + 1))
sum_after=$(cat "$work"/keep/*/data/*.csv | cksum)
n=$((n + 1))
if [ "$sum_before" = "$sum_after" ] && [ -z "$(find "$work/keep" -name '.peeltmp.*')" ]; then
    echo "ok   earlier records untouched"
else
    echo "FAIL earlier records changed or temporaries left"
    fails=$((fails + 1))
fi

finish
