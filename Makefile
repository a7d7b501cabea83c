# Canopy — the front door. `make help` lists the targets.
SHELL := /bin/bash
MVN := ./mvnw -B -ntp
PORT ?= $(or $(CANOPY_PORT),8080)
ADMIN_EMAILS ?= $(CANOPY_ADMIN_EMAILS)

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

.PHONY: build
build: ## Compile everything and build each function's Lambda artifact (no tests)
	$(MVN) -q package -DskipTests

.PHONY: package
package: build ## Same as build: functions/<group>/target/*-lambda.jar are the deployable artifacts
	@ls -l functions/*/target/*-lambda.jar

.PHONY: run
run: build ## The whole API on http://localhost:$(PORT) (Swagger UI at /docs), data kept in .canopy/
	CANOPY_ADMIN_EMAILS="$(ADMIN_EMAILS)" java -jar infra/target/canopy-local.jar --port $(PORT)

.PHONY: test
test: ## Every test: unit, integration (embedded PostgreSQL, DynamoDB Local), handler and end-to-end
	$(MVN) verify

.PHONY: smoke
smoke: ## The acceptance suite against a deployment: make smoke BASE_URL=https://... ADMIN_EMAIL=... ADMIN_PASSWORD=...
	@test -n "$(BASE_URL)" || { echo "Set BASE_URL (and ADMIN_EMAIL, ADMIN_PASSWORD: an admin of that deployment)"; exit 2; }
	$(MVN) -q install -DskipTests -pl infra -am
	$(MVN) verify -pl infra -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SmokeIT \
		-Dcanopy.smoke.base-url="$(BASE_URL)" -Dcanopy.smoke.admin-email="$(ADMIN_EMAIL)" -Dcanopy.smoke.admin-password="$(ADMIN_PASSWORD)"

.PHONY: clean
clean: ## Remove build output (keeps .canopy/ data)
	$(MVN) -q clean

.PHONY: reset
reset: ## Delete the local runtime's data and generated keys under .canopy/
	rm -rf .canopy
