output "api_url" {
  description = "Base URL of the API (make smoke BASE_URL=<this>)."
  value       = module.canopy.api_url
}

output "signing_key_secret_arn" {
  description = "The JWT signing key secret (make signing-key rotates it)."
  value       = module.secrets.signing_key_secret_arn
}

output "certificates_kms_key_arn" {
  description = "The KMS key that wraps certificate data keys."
  value       = module.secrets.certificates_kms_key_arn
}

output "database_secret_arn" {
  description = "The Secrets Manager secret RDS keeps the database master credentials in."
  value       = module.postgres.secret_arn
}

output "function_names" {
  description = "The HTTP function of each group."
  value       = module.canopy.function_names
}

output "event_function_names" {
  description = "The event functions (<group>-user-deleted)."
  value       = module.canopy.event_function_names
}

output "dead_letter_queue_urls" {
  description = "Where undeliverable or failed UserDeleted events end up, per event function."
  value       = module.canopy.dead_letter_queue_urls
}

output "table_names" {
  description = "DynamoDB tables by logical name."
  value       = module.canopy.table_names
}

output "route_keys" {
  description = "Every route of the gateway."
  value       = module.canopy.route_keys
}
