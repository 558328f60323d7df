#!/usr/bin/env bash
# hoshu's batch against the tools a user would compare it with, on the same
# machine in the same run, alternately, each the median of RUNS runs:
#   CSV:        hoshu classify --batch   vs  xsv select 1- (a bare pass-through)
#   JSON Lines: hoshu classify --batch   vs  jq -c .       (a bare pass-through)
# and peak memory (max RSS) of hoshu on each.
#
#   bash benches/compare.sh [ROWS] [RUNS]      (default 1000000 rows, 5 runs)
#
# xsv is installed with `cargo install xsv --locked` when absent; jq from the
# distribution (apt-get install jq). Prints `uptime` first: a loaded machine
# gives wider ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}

command -v xsv >/dev/null 2>&1 || cargo install xsv --locked
command -v jq >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq jq; }
cargo build --release --quiet
cargo build --release --quiet --example gen_tickets
hoshu=target/release/hoshu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_tickets "$rows" > "$work/t.csv"
target/release/examples/gen_tickets --jsonl "$rows" > "$work/t.jsonl"

# Wall seconds of a command, its output thrown away: bash's own clock
# (EPOCHREALTIME, bash 5) where it has one, so that no `date` process is
# timed with the command; else `date`.
now() {
  if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi
}

wall() {
  local start end
  start=$(now)
  "$@" > /dev/null 2>&1 || true
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Alternate A and B RUNS times; print both medians and A / B.
compare() {
  local name=$1; shift
  local -a a=() b=()
  local seen=0 arg
  for arg in "$@"; do
    if [ "$arg" = "--" ]; then seen=1; continue; fi
    if [ $seen -eq 0 ]; then a+=("$arg"); else b+=("$arg"); fi
  done
  local ta=() tb=() i
  for ((i = 0; i < runs; i++)); do
    ta+=("$(wall "${a[@]}")")
    tb+=("$(wall "${b[@]}")")
  done
  local ma mb
  ma=$(printf '%s\n' "${ta[@]}" | median)
  mb=$(printf '%s\n' "${tb[@]}" | median)
  printf '%-12s hoshu %.3f s   %s %.3f s   ratio %.2f\n' \
    "$name" "$ma" "${b[0]##*/}" "$mb" "$(awk -v a="$ma" -v b="$mb" 'BEGIN { print a / b }')"
}

uptime
echo "rows: $rows, runs: $runs, cores: $(nproc)"
compare csv "$hoshu" classify --batch "$work/t.csv" -- xsv select 1- "$work/t.csv"
compare jsonl "$hoshu" classify --batch "$work/t.jsonl" -- jq -c . "$work/t.jsonl"
for f in t.csv t.jsonl; do
  # Row errors exit 2 (the sample has impossible dates on purpose).
  { /usr/bin/time -f "max RSS $f: %M KB" "$hoshu" classify --batch "$work/$f" 2>&1 >/dev/null || true; } | tail -1
done
