# Canopy on AWS. Wiring only: what each part is lives in ../../modules.

locals {
  name       = "${var.project}-${var.environment}"
  bundle_dir = coalesce(var.bundle_dir, "${path.root}/../../../build/deploy")
}

module "network" {
  source = "../../modules/network"

  name        = local.name
  nat_gateway = var.nat_gateway
}

module "postgres" {
  source = "../../modules/postgres"

  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = [module.network.function_security_group_id]
  instance_class            = var.db_instance_class
  multi_az                  = var.db_multi_az
  deletion_protection       = var.db_deletion_protection
  skip_final_snapshot       = var.db_skip_final_snapshot
}

module "secrets" {
  source = "../../modules/secrets"

  name                   = local.name
  initialize_signing_key = var.initialize_signing_key
}

module "canopy" {
  source = "../../modules/canopy"

  project             = var.project
  environment         = var.environment
  bundle_dir          = local.bundle_dir
  runtime_environment = "aws"
  admin_emails        = var.admin_emails
  custom_domain       = var.custom_domain
  architecture        = var.architecture
  function_overrides  = var.function_overrides
  extra_environment   = var.extra_environment
  log_retention_days  = var.log_retention_days
  redeploy_token      = var.redeploy_token

  database = {
    jdbc_url   = module.postgres.jdbc_url
    secret_arn = module.postgres.secret_arn
  }
  vpc = {
    subnet_ids         = module.network.private_subnet_ids
    security_group_ids = [module.network.function_security_group_id]
  }
  signing_key = {
    secret_arn = module.secrets.signing_key_secret_arn
  }
  certificates_master_key = {
    kms_key_arn = module.secrets.certificates_kms_key_arn
  }
}
