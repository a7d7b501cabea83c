# Canopy on LocalStack. The same modules as environments/aws, minus the VPC and RDS (a PostgreSQL container runs
# beside LocalStack), with the functions pointed at LocalStack's endpoints.

locals {
  bundle_dir = coalesce(var.bundle_dir, "${path.root}/../../../build/deploy")
}

# Only the KMS key: the signing key comes from a file LocalStack mounts into the Lambda containers, and the
# database password from the environment (a throwaway local database), so no function calls Secrets Manager here.
module "secrets" {
  source = "../../modules/secrets"

  name                        = "${var.project}-${var.environment}"
  signing_key_secret          = false
  secret_recovery_window_days = 0
  key_deletion_window_days    = 7
}

module "canopy" {
  source = "../../modules/canopy"

  project             = var.project
  environment         = var.environment
  bundle_dir          = local.bundle_dir
  runtime_environment = "localstack"
  admin_emails        = var.admin_emails

  database = {
    jdbc_url = var.postgres.jdbc_url
    username = var.postgres.username
    password = var.postgres.password
  }
  vpc = null
  signing_key = {
    file = "${var.secrets_mount}/jwt-signing-key.pem"
  }
  certificates_master_key = {
    kms_key_arn = module.secrets.certificates_kms_key_arn
  }
  service_endpoints = {
    dynamodb = var.internal_endpoint
    kms      = var.internal_endpoint
    events   = var.internal_endpoint
  }

  # X-Ray and SnapStart are not what LocalStack is for; a version publishes faster without a snapshot.
  snap_start = false
  tracing    = false
}
