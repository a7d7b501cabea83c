output "api_id" {
  description = "ID of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "public_url" {
  description = "The API's public base URL without a trailing slash: https://<custom domain>, else the default execute-api endpoint. It is the token issuer too."
  value       = local.public_url
}

output "api_endpoint" {
  description = "The default execute-api endpoint."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "execution_arn" {
  description = "Execution ARN of the API (for Lambda permissions)."
  value       = aws_apigatewayv2_api.this.execution_arn
}

output "route_keys" {
  description = "Every route key, sorted (\"GET /time/current\", ..., \"ANY /orders\")."
  value       = sort(keys(local.routes))
}

output "access_log_group_name" {
  description = "CloudWatch log group of the stage's access logs."
  value       = aws_cloudwatch_log_group.access.name
}
