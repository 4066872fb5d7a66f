#!/usr/bin/env bash
# The pre-commit hook, tried with the real framework: a scratch git repository whose
# .pre-commit-config.yaml points at this repository (at its HEAD commit). A commit with a broken
# sum is refused, the fixed one is accepted, and a commit of one dataset with a `same_as` into a
# dataset that is not staged passes. Run by .ci/run; needs git, python3 and network access to
# PyPI and crates.io (pip installs pre-commit; pre-commit builds yosan with cargo).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rev=$(git -C "$repo" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore pre-commit
export PRE_COMMIT_HOME=${PRE_COMMIT_HOME:-$work/cache}

cd "$work"
git init --quiet scratch
cd scratch
git config user.email hook@example.invalid
git config user.name "hook test"
cat > .pre-commit-config.yaml <<CONFIG
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: yosan
CONFIG
python3 -m pre_commit install >/dev/null
mkdir datasets
header() {
    printf 'format: yosan/1\ndataset:\n  id: %s\n  title: テスト\n  fiscal_year: 令和4年度\nitems:\n' "$1"
}

fail() { echo "FAIL: $*"; exit 1; }

# 1. A broken sum: the commit is refused.
{ header budget; printf '  - id: pj\n    name: 疾患基礎研究\n    amount: 151.7億円\n    items:\n      - {id: a, name: がん, amount: 16.8億円}\n      - {id: b, name: 感染症, amount: 50億円}\n'; } > datasets/budget.yaml
git add .pre-commit-config.yaml datasets/budget.yaml
if git commit --quiet -m "broken sum" > ../broken.log 2>&1; then
    cat ../broken.log; fail "a commit with a broken sum was accepted"
fi
grep -q "sum-mismatch" ../broken.log || { cat ../broken.log; fail "the refusal does not name sum-mismatch"; }
echo "ok: a broken sum is refused"

# 2. The fixed sum: accepted.
{ header budget; printf '  - id: pj\n    name: 疾患基礎研究\n    amount: 66.8億円\n    items:\n      - {id: a, name: がん, amount: 16.8億円}\n      - {id: b, name: 感染症, amount: 50億円}\n'; } > datasets/budget.yaml
git add datasets/budget.yaml
git commit --quiet -m "fixed sum" > ../fixed.log 2>&1 || { cat ../fixed.log; fail "the fixed sum was refused"; }
echo "ok: the fix is accepted"

# 3. One dataset staged, with a same_as into another that is not staged: it resolves.
{ header other; printf '  - {id: pj, name: 疾患基礎研究, amount: 66.8億円}\n'; } > datasets/other.yaml
{ header share; printf '  - {id: pj, name: 疾患基礎研究, amount: 66.8億円, same_as: "other:pj"}\n'; } > datasets/share.yaml
git add datasets/share.yaml
git commit --quiet -m "same_as into an unstaged dataset" > ../same-as.log 2>&1 || { cat ../same-as.log; fail "a same_as into an unstaged dataset was refused"; }
echo "ok: a same_as into an unstaged dataset passes"

# 4. The same, with the figure wrong on the staged side: the finding about the staged file fails it.
sed -i 's/66.8億円, same_as/70億円, same_as/' datasets/share.yaml
git add datasets/share.yaml
if git commit --quiet -m "mismatch" > ../mismatch.log 2>&1; then
    cat ../mismatch.log; fail "a cross-dataset mismatch was accepted"
fi
grep -q "cross-dataset-mismatch" ../mismatch.log || { cat ../mismatch.log; fail "the refusal does not name cross-dataset-mismatch"; }
echo "ok: a cross-dataset mismatch of the staged file is refused"
echo "pre-commit hook: 4 passed, 0 failed"
