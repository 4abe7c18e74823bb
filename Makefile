# The two commands of the README, and their parts.
#   make demo  build everything, start the sandbox, apply examples/quickstart, show the result
#   make test  every test: unit, in-process gRPC, sandbox, and acceptance through the real Terraform CLI
#   make bench release build of every binary it runs; Terraform operations on 10 to 2000 integrations
#              against the sandbox, side by side with terraform_data and tfplugin's minimal provider;
#              writes docs/performance.md (not part of `test`; BENCH_* variables, see the doc)
#   make docs  regenerate each provider's docs/ (index, resources, data sources, list resources) from its schemas and examples/
#   make release  build every provider and sandbox (profile release-dist: no debug info) and package
#                 them for the Registry into a fresh target/dist (scripts/release.py lists the providers)
#   make install  make release, then put the providers into ~/.terraform.d/plugins (a local mirror)

.PHONY: demo test build terraform lint docs release install bench

target_dir := $(or $(CARGO_TARGET_DIR),target)

# Terraform 1.15.5 as .tools/bin/terraform, and the older versions of the test matrix beside it.
terraform:
	scripts/install-terraform.sh --matrix

build:
	cargo build --workspace --bins

# The demo needs only the newest Terraform.
demo: build
	scripts/install-terraform.sh
	scripts/demo.sh

test: terraform
	cargo test --workspace --all-targets

lint:
	cargo fmt --check
	cargo clippy --workspace --all-targets -- -D warnings

docs:
	cargo run --quiet -p terraform-provider-prismacloud --example docgen
	cargo run --quiet -p terraform-provider-infracast --example docgen
	cargo run --quiet -p terraform-provider-datadogsiem --example docgen

release:
	rm -rf $(target_dir)/dist
	cargo build --profile release-dist $$(scripts/release.py cargo-args)
	scripts/release.py package-all --bin-dir $(target_dir)/release-dist --out $(target_dir)/dist

install: release
	scripts/release.py install --dist $(target_dir)/dist

# The provider and the minimal provider go into the same directory (the bench profile inherits
# release), where the benchmark finds them; the sandbox binary is the throughput test's. The
# benchmark runs only the newest Terraform.
bench:
	scripts/install-terraform.sh
	cargo build --release -p terraform-provider-prismacloud --bin terraform-provider-prismacloud \
		-p tfplugin --bin terraform-provider-minimal -p prismacloud-sandbox --bin prismacloud-sandbox
	cargo bench -p terraform-provider-prismacloud --bench terraform
