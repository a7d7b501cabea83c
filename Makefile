# Canopy — the front door. `make help` lists the targets.
SHELL := /bin/bash
MVN := ./mvnw -B -ntp
PORT ?= $(or $(CANOPY_PORT),8080)
ADMIN_EMAILS ?= $(CANOPY_ADMIN_EMAILS)

# Deployment: the bundle Terraform reads, the two Terraform roots, LocalStack.
BUNDLE := build/deploy
TF_AWS := terraform -chdir=terraform/environments/aws
TF_LOCAL := terraform -chdir=terraform/environments/localstack
COMPOSE := docker compose -f localstack/docker-compose.yml
LOCALSTACK_SECRETS := $(CURDIR)/localstack/.secrets
SCHEMA_DIR := build/provider-schema
# make destroy ENV=localstack; make deploy REDEPLOY=<anything new> publishes new versions of every function.
ENV ?= aws
REDEPLOY ?=
comma := ,
TF_ADMIN_EMAILS = [$(foreach e,$(subst $(comma), ,$(ADMIN_EMAILS)),"$(e)",)]

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

.PHONY: build
build: ## Compile everything and build each function's Lambda artifact (no tests)
	$(MVN) -q package -DskipTests

.PHONY: package
package: build ## Build the artifacts and the deployment bundle build/deploy/ (artifact, OpenAPI, tables, events per group)
	@mkdir -p build && echo '*' > build/.gitignore
	java -cp deploy-checks/target/classes io.canopy.deploy.DeployBundle . $(BUNDLE)

.PHONY: run
run: build ## The whole API on http://localhost:$(PORT) (Swagger UI at /docs), data kept in .canopy/
	CANOPY_ADMIN_EMAILS="$(ADMIN_EMAILS)" java -jar infra/target/canopy-local.jar --port $(PORT)

.PHONY: test
test: ## Every test: unit, integration (embedded PostgreSQL, DynamoDB Local), handler, end-to-end, deployment checks
	$(MVN) verify

.PHONY: bench
bench: build ## Cold start and latency of every function against a no-framework floor; rewrites docs/BENCHMARKS.md (7–18 min; BENCH_ARGS=-Dbench.*=...)
	java $(BENCH_ARGS) -jar bench/target/canopy-bench.jar

.PHONY: bench-throughput
bench-throughput: build ## Requests/s and p50/p90/p99 of the local runtime under 1, 4, 16 connections (needs wrk)
	bench/throughput.sh

.PHONY: check-infra
check-infra: $(SCHEMA_DIR)/aws-provider-schema.json ## Terraform against the AWS provider schema (npm @cdktf/provider-aws), terraform fmt if installed
	$(MVN) -pl deploy-checks verify -Dtest=ProviderSchemaTest -Dsurefire.failIfNoSpecifiedTests=false \
		-Dcanopy.provider-schema="$(CURDIR)/$(SCHEMA_DIR)/aws-provider-schema.json"
	@if command -v terraform >/dev/null; then \
		echo "terraform fmt -check -recursive terraform"; terraform fmt -check -recursive terraform; \
	else echo "terraform not installed: fmt check skipped"; fi

# npm ci only when the lockfile changed; the schema only when the bindings or the extractor changed.
$(SCHEMA_DIR)/node_modules/.package-lock.json: deploy-checks/provider-schema/package.json deploy-checks/provider-schema/package-lock.json
	@command -v npm >/dev/null || { echo "check-infra needs Node.js 20+ and npm"; exit 2; }
	@mkdir -p $(SCHEMA_DIR) && echo '*' > build/.gitignore
	cp deploy-checks/provider-schema/package.json deploy-checks/provider-schema/package-lock.json $(SCHEMA_DIR)/
	cd $(SCHEMA_DIR) && npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error

$(SCHEMA_DIR)/aws-provider-schema.json: $(SCHEMA_DIR)/node_modules/.package-lock.json deploy-checks/provider-schema/extract.mjs
	cd $(SCHEMA_DIR) && node $(CURDIR)/deploy-checks/provider-schema/extract.mjs aws-provider-schema.json

.PHONY: localstack-up
localstack-up: ## Start LocalStack and PostgreSQL (Docker; needs LOCALSTACK_AUTH_TOKEN), see localstack/README.md
	@command -v docker >/dev/null || { echo "localstack-up needs Docker (docker compose)"; exit 2; }
	@test -n "$$LOCALSTACK_AUTH_TOKEN" || { echo "Set LOCALSTACK_AUTH_TOKEN (LocalStack's image needs it, even on the free plan)"; exit 2; }
	@mkdir -p "$(LOCALSTACK_SECRETS)" && chmod 755 "$(LOCALSTACK_SECRETS)"
	@test -f "$(LOCALSTACK_SECRETS)/jwt-signing-key.pem" || { \
		(umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$(LOCALSTACK_SECRETS)/jwt-signing-key.pem" 2>/dev/null) \
		&& chmod 644 "$(LOCALSTACK_SECRETS)/jwt-signing-key.pem" && echo "generated localstack/.secrets/jwt-signing-key.pem"; }
	CANOPY_LOCALSTACK_SECRETS="$(LOCALSTACK_SECRETS)" $(COMPOSE) up -d --wait

.PHONY: localstack-down
localstack-down: ## Stop LocalStack and PostgreSQL (their data goes with them)
	CANOPY_LOCALSTACK_SECRETS="$(LOCALSTACK_SECRETS)" $(COMPOSE) down --volumes

.PHONY: deploy-local
deploy-local: package ## Deploy to LocalStack (make localstack-up first): terraform apply of terraform/environments/localstack
	@command -v terraform >/dev/null || { echo "deploy-local needs terraform >= 1.6 on the PATH"; exit 2; }
	$(TF_LOCAL) init -input=false
	$(TF_LOCAL) apply -input=false -auto-approve -var 'admin_emails=$(TF_ADMIN_EMAILS)'
	@echo "API: $$($(TF_LOCAL) output -raw api_url)   (make smoke BASE_URL=<that>)"

.PHONY: deploy
deploy: package ## Deploy to AWS: shows the plan, asks, applies (terraform/environments/aws/terraform.tfvars; see terraform/README.md)
	@command -v terraform >/dev/null || { echo "deploy needs terraform >= 1.6 on the PATH"; exit 2; }
	@test -f terraform/environments/aws/terraform.tfvars || { \
		echo "Copy terraform/environments/aws/terraform.tfvars.example to terraform.tfvars and fill it in first"; exit 2; }
	$(TF_AWS) init -input=false
	$(TF_AWS) plan -input=false -out=tfplan $(if $(REDEPLOY),-var 'redeploy_token=$(REDEPLOY)')
	@if [ "$(AUTO_APPROVE)" != "1" ]; then \
		read -r -p "Apply this plan? [y/N] " answer && [ "$$answer" = "y" ] || { echo "Not applied."; exit 1; }; fi
	$(TF_AWS) apply -input=false tfplan
	@rm -f terraform/environments/aws/tfplan
	@echo "API: $$($(TF_AWS) output -raw api_url)   (make smoke BASE_URL=<that> ADMIN_EMAIL=... ADMIN_PASSWORD=...)"

.PHONY: destroy
destroy: ## Delete a deployment: make destroy (AWS) or make destroy ENV=localstack; Terraform asks first
	@command -v terraform >/dev/null || { echo "destroy needs terraform on the PATH"; exit 2; }
	@test -f $(BUNDLE)/manifest.json || $(MAKE) package
	terraform -chdir=terraform/environments/$(ENV) destroy -input=false

.PHONY: signing-key
signing-key: ## Rotate the JWT signing key in AWS (a new key into its secret), then publish new versions
	@command -v aws >/dev/null && command -v openssl >/dev/null || { echo "signing-key needs the aws CLI and openssl"; exit 2; }
	terraform/modules/secrets/signing-key.sh rotate "$$($(TF_AWS) output -raw signing_key_secret_arn)"
	$(MAKE) deploy REDEPLOY=signing-key-$$(date +%s)

.PHONY: smoke
smoke: ## The acceptance suite against a deployment: make smoke BASE_URL=https://... ADMIN_EMAIL=... ADMIN_PASSWORD=...
	@test -n "$(BASE_URL)" || { echo "Set BASE_URL (and ADMIN_EMAIL, ADMIN_PASSWORD: an admin of that deployment)"; exit 2; }
	$(MVN) -q install -DskipTests -pl infra -am
	$(MVN) verify -pl infra -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SmokeIT \
		-Dcanopy.smoke.base-url="$(BASE_URL)" -Dcanopy.smoke.admin-email="$(ADMIN_EMAIL)" -Dcanopy.smoke.admin-password="$(ADMIN_PASSWORD)"

.PHONY: clean
clean: ## Remove build output (keeps .canopy/ data)
	$(MVN) -q clean
	rm -rf build

.PHONY: reset
reset: ## Delete the local runtime's data and generated keys under .canopy/
	rm -rf .canopy
