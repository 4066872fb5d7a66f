#!/usr/bin/env bash
# The whole-process comparison the README reports: `yosan check` on each FILE against the parse
# floors (saphyr-parser's event stream, and granit-parser's with the loader's options), timed in
# one run and alternating, so that a change in this machine's speed falls on all of them alike.
# Prints the medians, the ratios to both floors and the peak memory against the file's size.
#
#     cargo build --release --examples --bins
#     benches/compare.sh [--runs N] [--human] FILE...
#
# Needs GNU time (/usr/bin/time) for the peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3 human=false
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --human) human=true; shift ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { echo "usage: benches/compare.sh [--runs N] [--human] FILE..." >&2; exit 2; }
yosan=target/release/yosan floor=target/release/examples/parse_floor
for binary in "$yosan" "$floor"; do
    [ -x "$binary" ] || { echo "$binary is missing: run cargo build --release --examples --bins" >&2; exit 2; }
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Seconds and peak KB of one run of yosan check with the given arguments.
timed() {
    local out
    out=$(mktemp)
    /usr/bin/time -o "$out" -f "%e %M" "$yosan" check "$@" > /dev/null 2>&1 || true
    tail -1 "$out"
    rm -f "$out"
}

printf '%-28s %8s %8s %8s %8s %8s %10s %9s\n' file MB saphyr granit check ÷saphyr ÷granit "peak MiB"
for file in "$@"; do
    saphyr="" granit="" check="" peak="" people=""
    for _ in $(seq "$runs"); do
        floors=$("$floor" "$file" 2>&1)
        saphyr+=" $(echo "$floors" | awk '/saphyr-parser\)/ { print $4 }')"
        granit+=" $(echo "$floors" | awk '/loader/ { print $4 }')"
        read -r seconds kb < <(timed "$file" --format json)
        check+=" $seconds" peak+=" $kb"
        if $human; then
            read -r seconds _ < <(timed "$file")
            people+=" $seconds"
        fi
    done
    s=$(echo "$saphyr" | median) g=$(echo "$granit" | median) c=$(echo "$check" | median) p=$(echo "$peak" | median)
    bytes=$(stat -c %s "$file")
    awk -v f="$(basename "$file")" -v b="$bytes" -v s="$s" -v g="$g" -v c="$c" -v p="$p" 'BEGIN {
        printf "%-28s %8.1f %8.3f %8.3f %8.2f %7.2fx %7.2fx %6.1f (%.2fx)\n", f, b / 1e6, s, g, c, c / s, c / g, p / 1024, p * 1024 / b }'
    if $human; then
        h=$(echo "$people" | median)
        awk -v h="$h" -v s="$s" 'BEGIN { printf "%-28s %35.2f %7.2fx   (human output)\n", "", h, h / s }'
    fi
done
