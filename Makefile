# Everyday commands. `make build` compiles every example into out/<example>/; `make test` installs
# the outside judges where missing and runs the whole test suite.
CACHEC  := target/release/cachec
EXAMPLES := $(wildcard examples/*/stack.cache)
BUCKET  ?=
STACK   ?= fa-063
EXAMPLE ?= fa-063

.PHONY: build check test lint package deploy setup clean

$(CACHEC): $(shell find src grammar -type f) Cargo.toml
	cargo build --release --quiet

build: $(CACHEC)
	@for f in $(EXAMPLES); do \
	  name=$$(basename $$(dirname $$f)); \
	  $(CACHEC) build $$f -o out/$$name || exit 1; \
	done

check: $(CACHEC)
	@for f in $(EXAMPLES); do $(CACHEC) check $$f || exit 1; done

setup:
	./scripts/setup-tools

test: setup
	cargo test --all-targets
	cd editors/vscode && npm ci --silent --no-audit --no-fund && npm test

# W3002: local paths in TemplateURL/Code are what `aws cloudformation package` expects.
lint: build
	cfn-lint --ignore-checks W3002 -- out/*/*.yaml

package: build
	@test -n "$(BUCKET)" || { echo "usage: make package BUCKET=my-artifact-bucket [EXAMPLE=fa-063]"; exit 2; }
	aws cloudformation package --template-file out/$(EXAMPLE)/stack.yaml --s3-bucket $(BUCKET) \
	  --output-template-file out/$(EXAMPLE)/packaged.yaml

deploy: package
	aws cloudformation deploy --template-file out/$(EXAMPLE)/packaged.yaml --stack-name $(STACK) \
	  --capabilities CAPABILITY_IAM --parameter-overrides ArtifactBucket=$(BUCKET)

clean:
	rm -rf out target

# Times the release binary as a whole process and prints the table of docs/performance.md.
.PHONY: bench
bench:
	./scripts/bench

# The VS Code extension, bundled with esbuild and packaged as editors/vscode/cachec-<version>.vsix.
.PHONY: vsix
vsix:
	cd editors/vscode && npm ci --silent --no-audit --no-fund && npm run package
