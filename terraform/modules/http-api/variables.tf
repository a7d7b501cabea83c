variable "name" {
  type        = string
  description = "Name of the HTTP API (also of its access log group)."
}

variable "openapi_documents" {
  type        = any
  description = "The OpenAPI document each group's controllers generated, decoded (yamldecode), keyed by group. One route per path and method; operations without a security requirement are anonymous, every other one goes through the JWT authorizer."
}

variable "integrations" {
  type = map(object({
    function_name = string
    alias_name    = string
    alias_arn     = string
  }))
  description = "The Lambda function (alias) that serves each group's routes, keyed by group like openapi_documents."
}

variable "audience" {
  type        = string
  description = "The aud every access token must carry (the identity function issues it)."
  default     = "canopy"
}

variable "custom_domain" {
  type = object({
    domain_name    = string
    hosted_zone_id = string
  })
  description = "Serve the API on this domain, with an ACM certificate validated (and an alias record created) in this Route 53 hosted zone; null for the default execute-api URL."
  default     = null
}

variable "throttling_burst_limit" {
  type        = number
  description = "Stage-wide burst limit (requests)."
  default     = 200
}

variable "throttling_rate_limit" {
  type        = number
  description = "Stage-wide steady-state limit (requests per second)."
  default     = 100
}

variable "access_log_retention_days" {
  type        = number
  description = "Retention of the access log group, in days."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource of the API."
  default     = {}
}
