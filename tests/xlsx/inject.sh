#!/bin/sh
# Report text never becomes a live formula: findings, checks and rejects
# whose text looks like a formula (as an attacker would write it) must come
# out as text cells, and '&' in the force name must not break the printed
# header.  check_parts.py then checks every formula is our own.
#   inject.sh BIN_DIR OUT PIPELINE_DIR CHECK_PARTS   (OUT made by make_reports.sh)
set -eu
bin=$1 out=$2 pipeline=$3 check=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/out"
r="$work/out/northmoor-and-district"
cp -r "$(echo "$out"/northmoor-*)" "$r"
rm -f "$r"/*.xlsx
sed -i 's/^force,.*/force,Northmoor \& District Constabulary,5/' "$r/data/meta.csv"
printf '%s\r\n' 'effectiveness,protecting-vulnerable-people,cause_of_concern,"'"'"'=HYPERLINK(""http://evil.invalid"",""click"")",114,2,114' \
    >>"$r/data/findings.csv"
cat >"$r/reconciliation.csv" <<'CSV'
rule_id,kind,pillar,description,expected,actual,difference,tolerance,status,source_lines,unit,note
evil-1,same,effectiveness,"'@SUM(1+1)*cmd|' /C calc'!A0",'=2+2,4,,,FAIL,104,files,'+1-1
CSV
cat >"$r/data/rejects.csv" <<'CSV'
file,line,field,value,reason,source_line
facts.csv,2,value,'-2+3,'=1+1,104
CSV
"$bin/peel-xlsx" -q "$r"
python3 "$check" "$work/out" "$pipeline" 'effectiveness:=HYPERLINK("http://evil.invalid","click")' \
    "effectiveness:@SUM(1+1)*cmd|' /C calc'!A0" 'effectiveness:=2+2' 'effectiveness:+1-1' \
    '-2+3' '=1+1'
