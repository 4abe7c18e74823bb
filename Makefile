# The two commands of the README, and their parts.
#   make demo  build everything, start the sandbox, apply examples/quickstart, show the result
#   make test  every test: unit, in-process gRPC, sandbox, and acceptance through the real Terraform CLI
#   make bench release build; Terraform operations on 10/100/500 integrations against the sandbox,
#              side by side with terraform_data; writes docs/performance.md (not part of `test`)

.PHONY: demo test build terraform lint bench

terraform:
	scripts/install-terraform.sh

build:
	cargo build --bins

demo: terraform build
	scripts/demo.sh

test: terraform
	cargo test --all-targets

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

bench: terraform
	cargo bench --bench terraform
