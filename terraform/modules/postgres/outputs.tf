output "jdbc_url" {
  description = "JDBC URL of the database through RDS Proxy, TLS required (sslmode=require)."
  value       = "jdbc:postgresql://${aws_db_proxy.this.endpoint}:5432/${var.database_name}?sslmode=require"
}

output "proxy_endpoint" {
  description = "Host name of RDS Proxy."
  value       = aws_db_proxy.this.endpoint
}

output "secret_arn" {
  description = "Secrets Manager secret RDS keeps the master credentials in: JSON with username and password."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "instance_identifier" {
  description = "Identifier of the RDS instance."
  value       = aws_db_instance.this.identifier
}
