variable "name" {
  type        = string
  description = "Name prefix of the VPC and everything in it (e.g. canopy-prod)."
}

variable "cidr_block" {
  type        = string
  description = "CIDR block of the VPC; subnets are /20s carved out of it."
  default     = "10.40.0.0/16"
}

variable "availability_zone_count" {
  type        = number
  description = "How many availability zones get a private and a public subnet (RDS needs two)."
  default     = 2

  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 4
    error_message = "availability_zone_count is 2 to 4."
  }
}

variable "nat_gateway" {
  type        = bool
  description = "One NAT gateway, so functions in the VPC can reach the internet (the API's own JWKS URL). Without it they reach only the VPC endpoints."
  default     = true
}

variable "interface_endpoints" {
  type        = list(string)
  description = "AWS services reached through interface VPC endpoints from the private subnets (DynamoDB always has a gateway endpoint)."
  default     = ["secretsmanager", "kms", "events"]
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource of the network."
  default     = {}
}
