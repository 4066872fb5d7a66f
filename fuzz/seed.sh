#!/usr/bin/env bash
# Seeds the fuzz corpora: the YAML test suite and the shipped datasets for the loader and the
# whole check, the shipped and example rule files for the rule-file reader, and every amount
# written in the datasets for the amount parser.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/load corpus/check corpus/rule_file corpus/amount
for f in ../tests/yaml-test-suite/*.yaml ../datasets/*.yaml ../tests/fixtures/*/*.yaml; do
    name=$(echo "${f#../}" | tr '/' '_')
    cp "$f" "corpus/load/$name"
    cp "$f" "corpus/check/$name"
done
for f in ../rules/*.yaml ../examples/*/rules.yaml ../tests/fixtures/*/*/rules.yaml; do
    [ -f "$f" ] && cp "$f" "corpus/rule_file/$(echo "${f#../}" | tr '/' '_')"
done
grep -ho 'amount: [^,}#]*' ../datasets/*.yaml ../tests/fixtures/*/*.yaml | sed 's/^amount: //; s/^"//; s/"$//; s/ *$//' | sort -u |
    while IFS= read -r a; do printf '%s' "$a" > "corpus/amount/$(printf '%s' "$a" | sha1sum | cut -c1-16)"; done
