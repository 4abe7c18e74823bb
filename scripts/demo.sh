#!/usr/bin/env bash
# The README's demo: start the sandbox, apply crates/prismacloud/examples/quickstart with the real Terraform CLI and
# the provider built from this checkout, and show what the sandbox now holds.
#
# Expects `cargo build` to have built both binaries (the Makefile does) and the Terraform CLI
# from scripts/install-terraform.sh.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}/debug"
terraform="${TERRAFORM:-$root/.tools/bin/terraform}"
work="$root/target/demo"

rm -rf "$work" && mkdir -p "$work"
cp "$root/crates/prismacloud/examples/quickstart/main.tf" "$work/"

# The sandbox on a free port; it prints ready-to-use `export` lines.
"$target/prismacloud-sandbox" --listen 127.0.0.1:0 >"$work/sandbox.out" 2>"$work/sandbox.log" &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^export PRISMACLOUD_PASSWORD=' "$work/sandbox.out" 2>/dev/null && break
  sleep 0.1
done
grep -q '^export PRISMACLOUD_PASSWORD=' "$work/sandbox.out" || { cat "$work/sandbox.log"; echo "the sandbox did not start" >&2; exit 1; }
eval "$(grep '^export ' "$work/sandbox.out")"
echo "==> Sandbox running at $PRISMACLOUD_URL"

# Point Terraform at the provider binary we just built.
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/prismacloud-community/prismacloud" = "$target"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

cd "$work"
echo "==> terraform apply (examples/quickstart)"
"$terraform" apply -auto-approve -input=false -no-color
echo
echo "==> terraform plan after apply (expect no changes)"
"$terraform" plan -input=false -no-color -detailed-exitcode | tail -n 3

echo
echo "==> What the Prisma Cloud API (sandbox) now lists"
token=$(curl -sf -X POST "$PRISMACLOUD_URL/login" -H 'content-type: application/json' \
  -d "{\"username\":\"$PRISMACLOUD_USERNAME\",\"password\":\"$PRISMACLOUD_PASSWORD\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf "$PRISMACLOUD_URL/integration" -H "x-redlock-auth: $token" | python3 -m json.tool
