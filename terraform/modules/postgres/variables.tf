variable "name" {
  type        = string
  description = "Name of the database instance, its proxy and security groups (e.g. canopy-prod)."
}

variable "vpc_id" {
  type        = string
  description = "VPC the database and RDS Proxy run in."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets (at least two availability zones) for the database and the proxy."
}

variable "client_security_group_ids" {
  type        = list(string)
  description = "Security groups allowed to connect to the proxy on 5432 (the functions')."
}

variable "engine_version" {
  type        = string
  description = "PostgreSQL version: a major version (\"17\") follows its minor releases; the tests run 17."
  default     = "17"
}

variable "instance_class" {
  type        = string
  description = "Instance class of the database."
  default     = "db.t4g.micro"
}

variable "allocated_storage" {
  type        = number
  description = "Initial storage in GB (gp3)."
  default     = 20
}

variable "max_allocated_storage" {
  type        = number
  description = "Storage autoscaling ceiling in GB."
  default     = 100
}

variable "database_name" {
  type        = string
  description = "Database the functions use; each group keeps its own schema in it (Flyway creates them)."
  default     = "canopy"
}

variable "master_username" {
  type        = string
  description = "Master user. Its password is generated and kept by RDS in Secrets Manager, never in Terraform state."
  default     = "canopy"
}

variable "multi_az" {
  type        = bool
  description = "A standby in a second availability zone (doubles the instance cost)."
  default     = false
}

variable "backup_retention_days" {
  type        = number
  description = "Days of automated backups."
  default     = 7
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the database (terraform destroy fails until it is turned off)."
  default     = true
}

variable "skip_final_snapshot" {
  type        = bool
  description = "Delete without a final snapshot (only for throwaway environments)."
  default     = false
}

variable "max_connections_percent" {
  type        = number
  description = "Share of the database's max_connections that RDS Proxy may open."
  default     = 90
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource of the database."
  default     = {}
}
