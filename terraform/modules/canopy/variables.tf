variable "project" {
  type        = string
  description = "Project name, the first part of every resource name."
  default     = "canopy"
}

variable "environment" {
  type        = string
  description = "Deployment name (prod, staging, dev, local), the second part of every resource name."
}

variable "bundle_dir" {
  type        = string
  description = "Directory make package fills (build/deploy): manifest.json and, per group, function.jar, openapi.yml, dynamodb-tables.json and events.json taken out of the artifact."
}

variable "runtime_environment" {
  type        = string
  description = "Value of CANOPY_ENVIRONMENT in every function (aws, localstack)."
  default     = "aws"
}

variable "audience" {
  type        = string
  description = "Token audience (CANOPY_AUDIENCE), checked by the gateway's authorizer and by every function."
  default     = "canopy"
}

variable "admin_emails" {
  type        = list(string)
  description = "Users with these emails get the admin role at registration and sign-in (CANOPY_ADMIN_EMAILS of identity)."
  default     = []
}

variable "custom_domain" {
  type = object({
    domain_name    = string
    hosted_zone_id = string
  })
  description = "Serve the API on this domain (certificate and alias record in this Route 53 zone); null for the execute-api URL."
  default     = null
}

variable "database" {
  type = object({
    jdbc_url   = string
    secret_arn = optional(string)
    username   = optional(string)
    password   = optional(string)
  })
  description = "The PostgreSQL database of the PostgreSQL groups: its JDBC URL and either the Secrets Manager secret with username and password (AWS; read at init and again after each SnapStart restore), or, for a local throwaway database only, username and password in the environment."
  default     = null
}

variable "vpc" {
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  description = "Subnets and security groups of the PostgreSQL groups' functions (to reach RDS Proxy); null runs every function outside a VPC."
  default     = null
}

variable "signing_key" {
  type = object({
    secret_arn = optional(string)
    file       = optional(string)
  })
  description = "identity's JWT signing key: the Secrets Manager secret (AWS), or a PKCS#8 PEM file inside the function's container (LocalStack mounts one)."
}

variable "certificates_master_key" {
  type = object({
    kms_key_arn = optional(string)
    file        = optional(string)
  })
  description = "The certificates group's master key: a KMS key (AWS, LocalStack), or a base64 256-bit key file inside the function's container."
}

variable "service_endpoints" {
  type = object({
    dynamodb = optional(string)
    kms      = optional(string)
    events   = optional(string)
  })
  description = "Endpoint overrides the functions use for DynamoDB, KMS and EventBridge (LocalStack); the regional AWS endpoints when unset."
  default     = {}
}

variable "architecture" {
  type        = string
  description = "Instruction set of every function: x86_64 or arm64."
  default     = "x86_64"
}

variable "memory_size" {
  type        = number
  description = "Memory in MB of every function, unless function_overrides says otherwise."
  default     = 1024
}

variable "function_overrides" {
  type = map(object({
    memory_size          = optional(number)
    timeout              = optional(number)
    reserved_concurrency = optional(number)
    snap_start           = optional(bool)
  }))
  description = "Per group (identity, orders, ...): memory, timeout, reserved concurrency or SnapStart different from the defaults."
  default     = {}
}

variable "extra_environment" {
  type        = map(map(string))
  description = "More environment variables per group (\"*\" for every group), e.g. CANOPY_LOG_LEVEL or CANOPY_BCRYPT_COST. Keys must be settings the functions read."
  default     = {}
}

variable "snap_start" {
  type        = bool
  description = "SnapStart on the published versions of every function (function_overrides can turn it off for one group)."
  default     = true
}

variable "tracing" {
  type        = bool
  description = "X-Ray active tracing on every function."
  default     = true
}

variable "log_retention_days" {
  type        = number
  description = "Retention of every log group (functions and API access logs), in days."
  default     = 30
}

variable "throttling_burst_limit" {
  type        = number
  description = "The API stage's burst limit."
  default     = 200
}

variable "throttling_rate_limit" {
  type        = number
  description = "The API stage's steady-state limit, requests per second."
  default     = 100
}

variable "table_point_in_time_recovery" {
  type        = bool
  description = "Point-in-time recovery on every DynamoDB table."
  default     = true
}

variable "table_deletion_protection" {
  type        = bool
  description = "Deletion protection on every DynamoDB table."
  default     = false
}

variable "redeploy_token" {
  type        = string
  description = "Any new value publishes a new version of every function (re-running init, e.g. after a secret rotation under SnapStart)."
  default     = ""
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
}
