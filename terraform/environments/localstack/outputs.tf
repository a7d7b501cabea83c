output "api_url" {
  description = "Base URL of the API inside LocalStack (make smoke BASE_URL=<this>)."
  value       = module.canopy.api_url
}

output "function_names" {
  description = "The HTTP function of each group."
  value       = module.canopy.function_names
}

output "event_function_names" {
  description = "The event functions (<group>-user-deleted)."
  value       = module.canopy.event_function_names
}

output "table_names" {
  description = "DynamoDB tables by logical name."
  value       = module.canopy.table_names
}

output "route_keys" {
  description = "Every route of the gateway."
  value       = module.canopy.route_keys
}
