# zcps — two commands: `make run` and `make test`. Everything a fresh machine lacks is
# installed by the targets below (scripts/ensure-*.sh), never by hand.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

CARGO ?= cargo
ZCPS_BIND ?= 127.0.0.1:8080
export CARGO_TERM_COLOR ?= never

.PHONY: run build api frontend frontend-deps openapi test tools lint rust-test frontend-test live-test bench bench-submit bench-review clean

## run: build SPA and API, migrate and seed the demo SQLite database under data/, serve on :8080
run: build
	ZCPS_DEMO=1 ZCPS_DATA_DIR=data ZCPS_BIND=$(ZCPS_BIND) ./target/debug/zcps serve

build: frontend api
	bash scripts/ensure-tools.sh fonts

api:
	$(CARGO) build --bin zcps

frontend-deps:
	bash scripts/ensure-tools.sh npm

frontend: frontend-deps
	cd frontend && npm run build

## openapi: regenerate openapi/openapi.json from the code, and the SPA's typed client from it
openapi:
	$(CARGO) run -q --bin zcps -- openapi > openapi/openapi.json.tmp
	mv openapi/openapi.json.tmp openapi/openapi.json
	if [ -d frontend/node_modules ]; then cd frontend && npm run gen:api; fi

## test: the whole suite (what CI runs)
test: tools lint rust-test frontend-test live-test
	@echo "==> make test: all suites passed"

tools:
	bash scripts/ensure-tools.sh

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

# Rust unit and integration tests; every storage test runs on SQLite and PostgreSQL.
rust-test:
	pg_url=$$(bash scripts/ensure-postgres.sh); \
	trap 'bash scripts/stop-postgres.sh' EXIT; \
	ZCPS_TEST_PG_URL="$$pg_url" $(CARGO) test --workspace

frontend-test: frontend-deps
	cd frontend && npm run typecheck && npm run lint && npm test

# Playwright in Debian's Chromium and schemathesis against a live server (schemathesis on
# SQLite and again on PostgreSQL).
live-test: build
	pg_url=$$(bash scripts/ensure-postgres.sh); \
	trap 'bash scripts/stop-postgres.sh' EXIT; \
	ZCPS_TEST_PG_URL="$$pg_url" bash scripts/live-test.sh

clean:
	rm -rf target frontend/dist .tmp data

## bench: 业绩档案审核 list on PostgreSQL with 5,000 staff and 100,000 records (p50/p99)
bench:
	pg_url=$$(bash scripts/ensure-postgres.sh); \
	trap 'bash scripts/stop-postgres.sh' EXIT; \
	ZCPS_BENCH_PG_URL="$$pg_url" $(CARGO) run --release -p zcps-bench --bin review-list

## bench-submit: 提交 with 30-record snapshots, 200 in flight, on PostgreSQL (throughput, p50/p95/p99), then pgbench on the same SQL
bench-submit:
	pg_url=$$(bash scripts/ensure-postgres.sh); \
	trap 'bash scripts/stop-postgres.sh' EXIT; \
	ZCPS_BENCH_PG_URL="$$pg_url" $(CARGO) run --release -p zcps-bench --bin declaration-submit

## bench-review: province HRSS 待审查 list over 300,000 declarations at 32 clients (req/s, p50/p99), and a 100,000-row roster export (time, peak RSS)
bench-review:
	pg_url=$$(bash scripts/ensure-postgres.sh); \
	trap 'bash scripts/stop-postgres.sh' EXIT; \
	ZCPS_BENCH_PG_URL="$$pg_url" $(CARGO) run --release -p zcps-bench --bin review-chain
