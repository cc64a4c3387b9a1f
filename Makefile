# Nexus — the two commands that matter: `make run` and `make test`.
# Everything they need is fetched by the project itself: Go modules through
# the Go proxy, Neo4j jars through Maven Central (tools/neo4j), the viewer's
# packages through npm, Chromium from Debian's packages.

SHELL := /bin/bash
GO    ?= go
BIN   := bin/nexus

# The local Neo4j that `make run` manages (data survives restarts).
NEO4J_HOME ?= .nexus/neo4j
NEO4J_URI  ?= neo4j://127.0.0.1:7687
export NEO4J_URI

.PHONY: all build build-go ui ui-deps nlp run stop test screenshots bench bench-scale lint clean help train-relations

all: build

help: ## list targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ui ## build bin/nexus with the viewer embedded
	$(GO) build -o $(BIN) ./cmd/nexus

build-go: ## build bin/nexus without rebuilding the viewer
	$(GO) build -o $(BIN) ./cmd/nexus

ui-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

ui: ui-deps ## build the viewer into ui/dist (embedded by go:embed)
	cd ui && npm run build

nlp: ## install spaCy + en_core_web_sm (hash-pinned, tools/nlp/requirements*.txt) into .nexus/venv
	bash tools/nlp/install.sh

run: build nlp ## start Neo4j if needed, ingest seeds/, serve http://127.0.0.1:8080
	NEO4J_HOME=$(NEO4J_HOME) bash scripts/run.sh

stop: ## stop the Neo4j that `make run` started
	$(BIN) neo4j stop --home $(NEO4J_HOME)

test: ## the whole suite, with its own throwaway Neo4j
	bash scripts/test.sh

screenshots: build nlp ## the README's pictures from what make run shows (seeds/documents only, a throwaway Neo4j), into docs/
	bash scripts/screenshots.sh

train-relations: nlp ## retrain seeds/relclass.json from the annotated sets, with leave-one-set-out figures
	$(GO) run ./cmd/nexus-train -loso

bench: build-go ## all Go and API benchmarks, each with its own Neo4j (figures for BENCHMARKS.md)
	bash scripts/bench.sh

bench-scale: ## ingest at scale: 50,000 generated documents into one Neo4j of its own, time per document by size (SCALE_DOCS=5000 for a quick look)
	bash scripts/bench-scale.sh

lint: ## gofmt + go vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

clean: ## remove build outputs (keeps Neo4j data and the Maven cache)
	rm -rf bin ui/dist/assets ui/dist/index.html tools/neo4j/target
