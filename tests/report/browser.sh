#!/usr/bin/env bash
# The HTML report as a person sees it: Chromium renders the report of datasets/ headless; the
# page must show the key figures in words and colour, log no console message, and print. The
# screenshot, the PDF and the rendered DOM stay in target/report/ for a person to look at.
# Fails (never skips) when Chromium is missing: .ci/run installs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/report
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "browser test: FAILED: no chromium on PATH (apt-get install chromium)" >&2
    exit 1
fi
cargo run --quiet --locked -- report datasets --format html --output "$out/report.html"
page="file://$PWD/$out/report.html"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
run() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --no-first-run --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}
run --dump-dom "$page" >"$out/dom.html" 2>"$out/console.log"
run --window-size=1280,2400 --hide-scrollbars --screenshot="$out/report.png" "$page" 2>>"$out/console.log" >/dev/null
run --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$page" 2>>"$out/console.log" >/dev/null
failed=0
expect() {
    if ! grep -qF -- "$1" "$out/dom.html"; then
        echo "browser test: the page does not show: $1" >&2
        failed=1
    fi
}
expect '151.7億円'                       # a figure with its written precision
expect '1,238億円'                       # thousands grouped
expect 'parts 96.7 + 35.4 + 106.2 = 238.3億円'   # the arithmetic of a within-rounding line
expect '0.3億円 more than the line, within ±0.65億円'  # its difference and tolerance
expect 'class="status within-rounding"'  # its status, in colour
expect '≈ within rounding'               # and in words
expect '再掲 relisted from'              # a relisted line, visibly not counted
expect '<svg class="graph"'              # the link graph
expect '<svg class="bars"'               # the roll-ups' bars
if grep -E 'CONSOLE|Uncaught' "$out/console.log" >&2; then
    echo "browser test: the page logged to the console" >&2
    failed=1
fi
for file in report.png report.pdf; do
    if [ ! -s "$out/$file" ]; then
        echo "browser test: no $out/$file" >&2
        failed=1
    fi
done
if [ "$failed" -ne 0 ]; then
    echo "browser test: FAILED (see $out/)" >&2
    exit 1
fi
echo "browser test: passed ($out/report.png, $out/report.pdf)"
