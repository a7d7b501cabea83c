output "api_url" {
  description = "The API's public base URL (custom domain or execute-api endpoint), also the token issuer."
  value       = module.api.public_url
}

output "api_id" {
  description = "ID of the HTTP API."
  value       = module.api.api_id
}

output "route_keys" {
  description = "Every route of the gateway."
  value       = module.api.route_keys
}

output "function_names" {
  description = "The HTTP function of each group."
  value       = { for name, instance in module.function : name => instance.function_name }
}

output "event_function_names" {
  description = "The event functions (<group>-user-deleted, ...)."
  value       = { for name, instance in module.event_function : name => instance.function_name }
}

output "dead_letter_queue_urls" {
  description = "Dead-letter queue of each event function: events that could not be delivered or processed."
  value       = { for name, instance in module.event_function : name => instance.dead_letter_queue_url }
}

output "table_names" {
  description = "Real name of each DynamoDB table, by logical name."
  value       = { for name, table in module.table : name => table.name }
}

output "event_bus_name" {
  description = "The EventBridge bus identity publishes UserDeleted on."
  value       = aws_cloudwatch_event_bus.this.name
}
