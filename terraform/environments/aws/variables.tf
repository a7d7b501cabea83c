variable "region" {
  type        = string
  description = "AWS region to deploy to."
  default     = "eu-west-1"
}

variable "project" {
  type        = string
  description = "Project name, the first part of every resource name."
  default     = "canopy"
}

variable "environment" {
  type        = string
  description = "Deployment name (prod, staging, ...), the second part of every resource name."
  default     = "prod"
}

variable "bundle_dir" {
  type        = string
  description = "Directory make package fills; null for build/deploy of this repository."
  default     = null
}

variable "admin_emails" {
  type        = list(string)
  description = "Emails that become admins when they register or sign in."
  default     = []
}

variable "custom_domain" {
  type = object({
    domain_name    = string
    hosted_zone_id = string
  })
  description = "Serve the API on this domain, certificate and record in this Route 53 hosted zone; null for the execute-api URL."
  default     = null
}

variable "architecture" {
  type        = string
  description = "Instruction set of every function (x86_64 or arm64)."
  default     = "x86_64"
}

variable "function_overrides" {
  type = map(object({
    memory_size          = optional(number)
    timeout              = optional(number)
    reserved_concurrency = optional(number)
    snap_start           = optional(bool)
  }))
  description = "Per group: memory, timeout, reserved concurrency or SnapStart different from the defaults."
  default     = {}
}

variable "extra_environment" {
  type        = map(map(string))
  description = "More environment variables per group (\"*\" for all), e.g. { \"*\" = { CANOPY_LOG_LEVEL = \"DEBUG\" } }."
  default     = {}
}

variable "db_instance_class" {
  type        = string
  description = "RDS instance class."
  default     = "db.t4g.micro"
}

variable "db_multi_az" {
  type        = bool
  description = "A standby database in a second availability zone."
  default     = false
}

variable "db_deletion_protection" {
  type        = bool
  description = "Refuse to delete the database; make destroy needs it false (apply that first)."
  default     = true
}

variable "db_skip_final_snapshot" {
  type        = bool
  description = "Destroy the database without a final snapshot."
  default     = false
}

variable "nat_gateway" {
  type        = bool
  description = "A NAT gateway for the functions in the VPC; they need it to fetch the JWKS from the API's public URL."
  default     = true
}

variable "initialize_signing_key" {
  type        = bool
  description = "Generate and put the JWT signing key when its secret is created (needs openssl and the aws CLI here)."
  default     = true
}

variable "log_retention_days" {
  type        = number
  description = "Retention of every log group, in days."
  default     = 30
}

variable "redeploy_token" {
  type        = string
  description = "A new value publishes new versions of every function (after rotating a secret they read at init)."
  default     = ""
}
