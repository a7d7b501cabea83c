variable "name" {
  type        = string
  description = "Table name: the deployment's prefix plus the logical name the code uses (canopy-prod-carbon-usages)."
}

variable "hash_key" {
  type        = string
  description = "Partition key attribute."
}

variable "range_key" {
  type        = string
  description = "Sort key attribute, or null for a table with a partition key only."
  default     = null
}

variable "attributes" {
  type = list(object({
    name = string
    type = string
  }))
  description = "Key attributes of the table and its indexes (DynamoDB's AttributeDefinitions): name and type S, N or B."
}

variable "local_secondary_indexes" {
  type = list(object({
    name               = string
    range_key          = string
    projection_type    = string
    non_key_attributes = optional(list(string))
  }))
  description = "Local secondary indexes (same partition key, another sort key)."
  default     = []
}

variable "global_secondary_indexes" {
  type = list(object({
    name               = string
    hash_key           = string
    range_key          = optional(string)
    projection_type    = string
    non_key_attributes = optional(list(string))
  }))
  description = "Global secondary indexes (on-demand, like the table)."
  default     = []
}

variable "ttl_attribute" {
  type        = string
  description = "Attribute holding each item's expiry (epoch seconds) for DynamoDB's time to live, or null for no TTL."
  default     = null
}

variable "point_in_time_recovery" {
  type        = bool
  description = "Continuous backups with point-in-time recovery (35 days)."
  default     = true
}

variable "kms_key_arn" {
  type        = string
  description = "Customer managed KMS key for server-side encryption; null uses the AWS managed key aws/dynamodb."
  default     = null
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the table (terraform destroy fails until it is turned off)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags for the table."
  default     = {}
}
