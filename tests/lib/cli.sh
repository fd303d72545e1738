# Sourced by a stage's cli.sh: a scratch folder holding a copy of the
# fictional force's report folder ($work/r), and `expect` (lib/check.sh).
#   . lib/cli.sh   with bin, out set; sets work, status
. "$(dirname "$0")/../lib/check.sh"

# expect CODE PATTERN -- CMD...: exit code, and stdout+stderr matching PATTERN
expect() {
    ex_code=$1 ex_pattern=$2
    shift 3
    run_check "$*" "$ex_code" log "$ex_pattern" "$@"
}

report=$(echo "$out"/northmoor-*)
cp -r "$report" "$work/r"
