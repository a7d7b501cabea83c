variable "name" {
  type        = string
  description = "Function name, also the name of its role, log group and dead-letter queue (e.g. canopy-prod-carbon)."
}

variable "description" {
  type        = string
  description = "Description of the function. Changing it publishes a new version (SnapStart takes a new snapshot)."
  default     = ""
}

variable "artifact_path" {
  type        = string
  description = "Path of the deployment package: the group's shaded *-lambda.jar, as make package copies it into the bundle."
}

variable "handler" {
  type        = string
  description = "Handler class. The HTTP handler by default; io.canopy.shared.events.UserDeletedHandler for an event function."
  default     = "io.canopy.shared.lambda.HttpApiFunction"
}

variable "architecture" {
  type        = string
  description = "Instruction set: x86_64 or arm64 (Graviton, about 20% cheaper per GB-second)."
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture is x86_64 or arm64."
  }
}

variable "memory_size" {
  type        = number
  description = "Memory in MB (CPU grows with it). Java with Micronaut starts noticeably faster at 1024 than at 512."
  default     = 1024
}

variable "timeout" {
  type        = number
  description = "Timeout in seconds. An HTTP API waits 30 s at most for its integration."
  default     = 30
}

variable "environment" {
  type        = map(string)
  description = "Environment variables (the function's configuration; see the root README). No secrets: they come from Secrets Manager."
  default     = {}
}

variable "java_tool_options" {
  type        = string
  description = "JAVA_TOOL_OPTIONS of the function's JVM; empty to leave the runtime's defaults."
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

variable "snap_start" {
  type        = bool
  description = "SnapStart on published versions: init runs once per version and is restored from a snapshot."
  default     = true
}

variable "tracing" {
  type        = bool
  description = "X-Ray active tracing."
  default     = true
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the function's CloudWatch log group, in days."
  default     = 30
}

variable "layers" {
  type        = list(string)
  description = "Layer ARNs (Canopy's functions need none)."
  default     = []
}

variable "vpc" {
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  description = "Subnets and security groups when the function must reach the database in a VPC; null runs it outside any VPC."
  default     = null
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrent executions (caps the function and the database connections it can open); null for none."
  default     = null
}

variable "dynamodb_table_arns" {
  type        = list(string)
  description = "The DynamoDB tables this function reads and writes (with their indexes). Only its own tables."
  default     = []
}

variable "secret_arns" {
  type        = list(string)
  description = "Secrets Manager secrets this function may read (GetSecretValue). Only its own."
  default     = []
}

variable "kms_key_arns" {
  type        = list(string)
  description = "KMS keys this function may encrypt and decrypt data keys with. Only its own."
  default     = []
}

variable "event_bus_arns" {
  type        = list(string)
  description = "EventBridge buses this function may put events on."
  default     = []
}

variable "event_subscription" {
  type = object({
    event_bus_name = string
    source         = string
    detail_type    = string
  })
  description = "An EventBridge rule on this bus matching source and detail-type that invokes the function's live alias, with retries and a dead-letter queue; null for none."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource of the function."
  default     = {}
}
