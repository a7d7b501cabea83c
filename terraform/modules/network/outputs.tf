output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "cidr_block" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "private_subnet_ids" {
  description = "Private subnets (one per availability zone) for the functions, the database and RDS Proxy."
  value       = aws_subnet.private[*].id
}

output "function_security_group_id" {
  description = "Security group for Lambda functions in the VPC (HTTPS out, PostgreSQL inside the VPC)."
  value       = aws_security_group.functions.id
}
