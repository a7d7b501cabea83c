# One Lambda function from one Canopy artifact: published versions with SnapStart behind the alias "live", its own
# role that reaches only the resources passed in, its own log group, X-Ray, and optionally an EventBridge rule.

locals {
  environment = merge(
    var.java_tool_options == "" ? {} : { JAVA_TOOL_OPTIONS = var.java_tool_options },
    var.environment,
  )
  subscribed = var.event_subscription != null
}

data "aws_partition" "current" {}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

# --- role -----------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# Every statement names this function's own resources; only X-Ray (which has no resource-level permissions) uses "*".
data "aws_iam_policy_document" "this" {
  statement {
    sid       = "OwnLogGroup"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  dynamic "statement" {
    for_each = var.tracing ? [true] : []
    content {
      sid       = "Tracing"
      actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = length(var.dynamodb_table_arns) > 0 ? [true] : []
    content {
      sid = "OwnTables"
      actions = [
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:DeleteItem",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:Scan",
        "dynamodb:UpdateItem",
      ]
      resources = concat(var.dynamodb_table_arns, [for arn in var.dynamodb_table_arns : "${arn}/index/*"])
    }
  }

  dynamic "statement" {
    for_each = length(var.secret_arns) > 0 ? [true] : []
    content {
      sid       = "OwnSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = var.secret_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.kms_key_arns) > 0 ? [true] : []
    content {
      sid       = "OwnKeys"
      actions   = ["kms:DescribeKey", "kms:Encrypt", "kms:Decrypt"]
      resources = var.kms_key_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.event_bus_arns) > 0 ? [true] : []
    content {
      sid       = "PublishEvents"
      actions   = ["events:PutEvents"]
      resources = var.event_bus_arns
    }
  }

  dynamic "statement" {
    for_each = local.subscribed ? [true] : []
    content {
      sid       = "OwnDeadLetters"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.dead_letters[0].arn]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "least-privilege"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

# In a VPC, Lambda needs to manage the function's network interfaces (an AWS managed policy, the only one attached).
resource "aws_iam_role_policy_attachment" "vpc" {
  count      = var.vpc == null ? 0 : 1
  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# --- function -------------------------------------------------------------------------------------------------

resource "aws_lambda_function" "this" {
  function_name    = var.name
  description      = var.description
  role             = aws_iam_role.this.arn
  runtime          = "java21"
  handler          = var.handler
  architectures    = [var.architecture]
  filename         = var.artifact_path
  source_code_hash = filebase64sha256(var.artifact_path)
  memory_size      = var.memory_size
  timeout          = var.timeout
  layers           = var.layers
  # Every change publishes a version; the alias below moves to it.
  publish                        = true
  reserved_concurrent_executions = var.reserved_concurrency

  environment {
    variables = local.environment
  }

  snap_start {
    apply_on = var.snap_start ? "PublishedVersions" : "None"
  }

  tracing_config {
    mode = var.tracing ? "Active" : "PassThrough"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  dynamic "vpc_config" {
    for_each = var.vpc == null ? [] : [var.vpc]
    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.this, aws_iam_role_policy_attachment.vpc]
}

# The gateway and EventBridge invoke this alias, so every invocation runs a published version (SnapStart).
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# --- optional EventBridge subscription --------------------------------------------------------------------------

resource "aws_sqs_queue" "dead_letters" {
  count                     = local.subscribed ? 1 : 0
  name                      = "${var.name}-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_cloudwatch_event_rule" "this" {
  count          = local.subscribed ? 1 : 0
  name           = var.name
  description    = "${var.event_subscription.source} ${var.event_subscription.detail_type} to ${var.name}"
  event_bus_name = var.event_subscription.event_bus_name
  event_pattern = jsonencode({
    source        = [var.event_subscription.source]
    "detail-type" = [var.event_subscription.detail_type]
  })
  tags = var.tags
}

# EventBridge retries a delivery that fails (throttling, permissions) for up to a day, then dead-letters it.
resource "aws_cloudwatch_event_target" "this" {
  count          = local.subscribed ? 1 : 0
  rule           = aws_cloudwatch_event_rule.this[0].name
  event_bus_name = var.event_subscription.event_bus_name
  arn            = aws_lambda_alias.live.arn

  retry_policy {
    maximum_event_age_in_seconds = 86400
    maximum_retry_attempts       = 185
  }

  dead_letter_config {
    arn = aws_sqs_queue.dead_letters[0].arn
  }
}

# EventBridge invokes asynchronously: a function error is retried twice by Lambda, then the event goes to the same queue.
resource "aws_lambda_function_event_invoke_config" "this" {
  count                        = local.subscribed ? 1 : 0
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = aws_lambda_alias.live.name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 21600

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letters[0].arn
    }
  }
}

resource "aws_lambda_permission" "events" {
  count         = local.subscribed ? 1 : 0
  statement_id  = "AllowEventBridgeRule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.this[0].arn
}

data "aws_iam_policy_document" "dead_letters" {
  count = local.subscribed ? 1 : 0

  statement {
    sid       = "EventBridgeDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters[0].arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.this[0].arn]
    }
  }
}

resource "aws_sqs_queue_policy" "dead_letters" {
  count     = local.subscribed ? 1 : 0
  queue_url = aws_sqs_queue.dead_letters[0].id
  policy    = data.aws_iam_policy_document.dead_letters[0].json
}
