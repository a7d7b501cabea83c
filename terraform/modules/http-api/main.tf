# The HTTP API in front of every function: routes generated from the controllers' OpenAPI, the native JWT
# authorizer on every operation that has a security requirement, access logs and throttling on the stage.

locals {
  # The methods an HTTP API route can have; anything else under a path item (parameters, summary, ...) is not a method.
  methods = ["get", "put", "post", "delete", "patch", "head", "options"]

  # One route per path and method. An operation is anonymous when its security (else the document's) is absent or
  # empty, or lists the empty requirement {} (authentication optional) — the rule of the local runtime's gateway.
  operations = flatten([
    for group, document in var.openapi_documents : [
      for path, item in document.paths : [
        for method, operation in item : {
          group     = group
          route_key = "${upper(method)} ${path}"
          anonymous = (length(try(operation.security, try(document.security, []))) == 0
          || contains([for requirement in try(operation.security, try(document.security, [])) : length(requirement)], 0))
        } if contains(local.methods, method)
      ]
    ]
  ])

  # Every path also gets "ANY <path>" without the authorizer, to the owning function: a request whose method has no
  # route then reaches Micronaut, which answers 405 (the function still checks the token itself).
  fallbacks = flatten([
    for group, document in var.openapi_documents : [
      for path, item in document.paths : {
        group     = group
        route_key = "ANY ${path}"
        anonymous = true
      }
    ]
  ])

  # Keyed by route key: two groups claiming one route is an error here ("duplicate object key"), not a silent override.
  routes = { for route in concat(local.operations, local.fallbacks) : route.route_key => route }

  custom     = var.custom_domain != null
  public_url = local.custom ? "https://${var.custom_domain.domain_name}" : aws_apigatewayv2_api.this.api_endpoint
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
  description   = "Canopy: one route per operation of the functions' OpenAPI"
  tags          = var.tags
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}/access"
  retention_in_days = var.access_log_retention_days
  tags              = var.tags
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      sourceIp           = "$context.identity.sourceIp"
      httpMethod         = "$context.httpMethod"
      path               = "$context.path"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
    })
  }

  default_route_settings {
    throttling_burst_limit = var.throttling_burst_limit
    throttling_rate_limit  = var.throttling_rate_limit
  }

  tags = var.tags
}

# API Gateway's own JWT check: RS256 keys from <issuer>/.well-known/openid-configuration -> jwks_uri, which the
# identity function serves through this very API. The issuer is the API's public URL, as the functions' CANOPY_ISSUER.
resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "identity-jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = local.public_url
    audience = [var.audience]
  }
}

resource "aws_apigatewayv2_integration" "this" {
  for_each               = var.integrations
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = each.value.alias_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 30000
}

resource "aws_apigatewayv2_route" "this" {
  for_each           = local.routes
  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.this[each.value.group].id}"
  authorization_type = each.value.anonymous ? "NONE" : "JWT"
  authorizer_id      = each.value.anonymous ? null : aws_apigatewayv2_authorizer.jwt.id
}

resource "aws_lambda_permission" "this" {
  for_each      = var.integrations
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_name
  qualifier     = each.value.alias_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}

# --- optional custom domain -------------------------------------------------------------------------------------

resource "aws_acm_certificate" "this" {
  count             = local.custom ? 1 : 0
  domain_name       = var.custom_domain.domain_name
  validation_method = "DNS"
  tags              = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = {
    for option in(local.custom ? aws_acm_certificate.this[0].domain_validation_options : []) :
    option.domain_name => option
  }
  zone_id         = var.custom_domain.hosted_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  count                   = local.custom ? 1 : 0
  certificate_arn         = aws_acm_certificate.this[0].arn
  validation_record_fqdns = [for record in aws_route53_record.validation : record.fqdn]
}

resource "aws_apigatewayv2_domain_name" "this" {
  count       = local.custom ? 1 : 0
  domain_name = var.custom_domain.domain_name
  tags        = var.tags

  domain_name_configuration {
    certificate_arn = aws_acm_certificate_validation.this[0].certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api_mapping" "this" {
  count       = local.custom ? 1 : 0
  api_id      = aws_apigatewayv2_api.this.id
  domain_name = aws_apigatewayv2_domain_name.this[0].id
  stage       = aws_apigatewayv2_stage.default.id
}

resource "aws_route53_record" "api" {
  count   = local.custom ? 1 : 0
  zone_id = var.custom_domain.hosted_zone_id
  name    = var.custom_domain.domain_name
  type    = "A"

  alias {
    name                   = aws_apigatewayv2_domain_name.this[0].domain_name_configuration[0].target_domain_name
    zone_id                = aws_apigatewayv2_domain_name.this[0].domain_name_configuration[0].hosted_zone_id
    evaluate_target_health = false
  }
}
