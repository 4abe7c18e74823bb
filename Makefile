# The two commands of the README, and their parts.
#   make demo  build everything, start the sandbox, apply examples/quickstart, show the result
#   make test  every test: unit, in-process gRPC, sandbox, and acceptance through the real Terraform CLI
#   make docs  regenerate docs/ (index, resources, data sources) from the schemas and examples/

.PHONY: demo test build terraform lint docs

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

docs:
	cargo run --quiet --example docgen
