#!/usr/bin/env bash
# The whole-process comparison the README reports: `yosan check` on each FILE against the parse
# floors (saphyr-parser's event stream, and granit-parser's with the loader's options), timed in
# one run and alternating, so that a change in this machine's speed falls on all of them alike.
# Prints the medians of the times, the ratios to both floors and the peak memory against the
# file's size. A ratio is the median of each round's own ratio (yosan's time over the floors'
# times of the same round, seconds apart), so that a drift of the machine's speed over minutes
# cancels out of it; the ratio of the medians of the times is shown beside it.
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
# The quotient of two numbers.
over() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", a / b }'; }
# Seconds and peak KB of one run of yosan check with the given arguments.
timed() {
    local out
    out=$(mktemp)
    /usr/bin/time -o "$out" -f "%e %M" "$yosan" check "$@" > /dev/null 2>&1 || true
    tail -1 "$out"
    rm -f "$out"
}

printf '%-28s %8s %8s %8s %8s %8s %8s %10s %9s\n' file MB saphyr granit check ÷saphyr ÷granit "(medians)" "peak MiB"
for file in "$@"; do
    saphyr="" granit="" check="" peak="" people="" by_saphyr="" by_granit="" people_by_saphyr=""
    for _ in $(seq "$runs"); do
        floors=$("$floor" "$file" 2>&1)
        s=$(echo "$floors" | awk '/saphyr-parser\)/ { print $4 }')
        g=$(echo "$floors" | awk '/loader/ { print $4 }')
        read -r seconds kb < <(timed "$file" --format json)
        saphyr+=" $s" granit+=" $g" check+=" $seconds" peak+=" $kb"
        by_saphyr+=" $(over "$seconds" "$s")" by_granit+=" $(over "$seconds" "$g")"
        if $human; then
            read -r seconds _ < <(timed "$file")
            people+=" $seconds" people_by_saphyr+=" $(over "$seconds" "$s")"
        fi
    done
    s=$(echo "$saphyr" | median) g=$(echo "$granit" | median) c=$(echo "$check" | median) p=$(echo "$peak" | median)
    rs=$(echo "$by_saphyr" | median) rg=$(echo "$by_granit" | median)
    bytes=$(stat -c %s "$file")
    awk -v f="$(basename "$file")" -v b="$bytes" -v s="$s" -v g="$g" -v c="$c" -v p="$p" -v rs="$rs" -v rg="$rg" 'BEGIN {
        printf "%-28s %8.1f %8.3f %8.3f %8.2f %7.2fx %7.2fx %7.2fx %6.1f (%.2fx)\n", f, b / 1e6, s, g, c, rs, rg, c / s, p / 1024, p * 1024 / b }'
    if $human; then
        h=$(echo "$people" | median) rh=$(echo "$people_by_saphyr" | median)
        awk -v h="$h" -v rh="$rh" 'BEGIN { printf "%-28s %35.2f %7.2fx   (human output)\n", "", h, rh }'
    fi
done
