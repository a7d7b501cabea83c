output "signing_key_secret_arn" {
  description = "ARN of the JWT signing key secret (available once its first value is in), or null when not created."
  value       = var.signing_key_secret ? aws_secretsmanager_secret.signing_key[0].arn : null
  depends_on  = [terraform_data.signing_key_value]
}

output "certificates_kms_key_arn" {
  description = "ARN of the KMS key that wraps certificate data keys."
  value       = aws_kms_key.certificates.arn
}

output "certificates_kms_alias" {
  description = "Alias of the certificates KMS key."
  value       = aws_kms_alias.certificates.name
}
