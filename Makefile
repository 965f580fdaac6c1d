# Everyday commands. `make install` puts cachec on the PATH (cargo install) and compiles every
# example with it into out/<example>/; `make build` does the same with target/release/cachec,
# installing nothing; `make test` installs the outside judges where missing and runs every test.
BIN      := target/release/cachec
CACHEC   ?= $(BIN)
EXAMPLES := $(wildcard examples/*/stack.cache)
BUCKET   ?=
STACK    ?= fa-063
EXAMPLE  ?= fa-063
CARGO_BIN := $(or $(CARGO_INSTALL_ROOT),$(CARGO_HOME),$(HOME)/.cargo)/bin

.PHONY: install build examples check test lint package deploy setup clean

# cargo prints its progress: the first build compiles every dependency and takes minutes.
install:
	cargo install --locked --path .
	@command -v cachec >/dev/null || { \
	  echo "cachec is installed in $(CARGO_BIN), which is not on your PATH:"; \
	  echo "  export PATH=\"$(CARGO_BIN):\$$PATH\"   (then make install again)"; exit 1; }
	@$(MAKE) --no-print-directory examples CACHEC=cachec

$(BIN): $(shell find src grammar -type f) Cargo.toml Cargo.lock
	cargo build --release --locked

build: $(BIN)
	@$(MAKE) --no-print-directory examples

examples:
	@for f in $(EXAMPLES); do \
	  name=$$(basename $$(dirname $$f)); \
	  $(CACHEC) build $$f -o out/$$name || exit 1; \
	done

check: $(BIN)
	@for f in $(EXAMPLES); do $(CACHEC) check $$f || exit 1; done

setup:
	./scripts/setup-tools

test: setup
	cargo test --all-targets
	cd editors/vscode && npm ci --silent --no-audit --no-fund && npm test

# W3002: local paths in TemplateURL/Code are what `aws cloudformation package` expects.
# Informational findings count: I3011 is a stateful resource without a deletion policy.
lint: build
	# Environments and a Global Datastore's regions build into folders of their own:
	# out/<example>/<env>/, out/<example>/<region>/, out/<example>/<env>/<region>/.
	cfn-lint --include-checks I --ignore-checks W3002 -- $(wildcard out/*/*.yaml out/*/*/*.yaml out/*/*/*/*.yaml)

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
