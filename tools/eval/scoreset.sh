#!/usr/bin/env bash
# scoreset.sh SET_DIR [--docs]: run `nexus extract --json` on every document
# of an annotated set and score it with ../shared/eval/score.py. Prints the
# macro average (and, with --docs, one line per document): entity R/P and
# typed relation R/P. It never prints misses, so a held-out set can be
# measured without being read.
set -euo pipefail
dir=$1; shift || true
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${NEXUS_BIN:-$root/bin/nexus}
score=${SCORE:-$root/../shared/eval/score.py}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for gold in "$dir"/*.gold.json; do
  doc=${gold%.gold.json}
  txt=$(ls "$doc".* | grep -v '\.gold\.json$' | head -1)
  "$bin" extract --json "$txt" >"$tmp/out.json"
  line=$(python3 "$score" "$gold" "$tmp/out.json" | head -1)
  echo "$(basename "$doc") $line" >>"$tmp/lines"
done
[[ ${1:-} == --docs ]] && cat "$tmp/lines"
python3 - "$tmp/lines" "$(basename "$dir")" <<'PY'
import re, sys
keys = ["entities R", "P", "typedR", "typedP"]
vals = {k: [] for k in keys}
for line in open(sys.argv[1]):
    for k in keys:
        m = re.search(r"(?:^|[ |])" + re.escape(k) + r"=([0-9.]+)", line)
        if m:
            vals[k].append(float(m.group(1)))
print(sys.argv[2], " ".join(f"{k}={sum(v)/len(v):.2f}" if v else f"{k}=?" for k, v in vals.items()), f"(n={len(open(sys.argv[1]).readlines())})")
PY
