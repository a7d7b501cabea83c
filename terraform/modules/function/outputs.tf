output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "version" {
  description = "The version the alias live points at."
  value       = aws_lambda_function.this.version
}

output "alias_name" {
  description = "Name of the alias every invocation goes through (live)."
  value       = aws_lambda_alias.live.name
}

output "alias_arn" {
  description = "ARN of the live alias (what the gateway and EventBridge invoke)."
  value       = aws_lambda_alias.live.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the live alias, for an API Gateway integration."
  value       = aws_lambda_alias.live.invoke_arn
}

output "role_name" {
  description = "Name of the function's own IAM role."
  value       = aws_iam_role.this.name
}

output "log_group_name" {
  description = "CloudWatch log group of the function."
  value       = aws_cloudwatch_log_group.this.name
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue of the event subscription, or null without one."
  value       = local.subscribed ? aws_sqs_queue.dead_letters[0].url : null
}
