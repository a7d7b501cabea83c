variable "region" {
  type        = string
  description = "Region LocalStack emulates."
  default     = "us-east-1"
}

variable "project" {
  type        = string
  description = "Project name, the first part of every resource name."
  default     = "canopy"
}

variable "environment" {
  type        = string
  description = "Deployment name, the second part of every resource name."
  default     = "local"
}

variable "bundle_dir" {
  type        = string
  description = "Directory make package fills; null for build/deploy of this repository."
  default     = null
}

variable "localstack_endpoint" {
  type        = string
  description = "LocalStack's edge endpoint as Terraform (on this machine) reaches it."
  default     = "http://localhost:4566"
}

variable "internal_endpoint" {
  type        = string
  description = "LocalStack's endpoint as the functions (in Lambda containers LocalStack starts) reach it."
  default     = "http://localhost.localstack.cloud:4566"
}

variable "postgres" {
  type = object({
    jdbc_url = string
    username = string
    password = string
  })
  description = "The PostgreSQL container of localstack/docker-compose.yml, as the Lambda containers reach it on the compose network. A throwaway local database: its password is not a secret."
  default = {
    jdbc_url = "jdbc:postgresql://postgres:5432/canopy"
    username = "canopy"
    password = "canopy"
  }
}

variable "secrets_mount" {
  type        = string
  description = "Where localstack/docker-compose.yml mounts the generated signing key into every Lambda container (LAMBDA_DOCKER_FLAGS)."
  default     = "/opt/canopy-secrets"
}

variable "admin_emails" {
  type        = list(string)
  description = "Emails that become admins when they register or sign in."
  default     = []
}
