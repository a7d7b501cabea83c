# The Canopy application: every function group that make package put into the bundle, with the tables, routes and
# event subscriptions its artifact declares. A new group needs no change here unless it must reach something beyond
# its own tables and database (see local.grants).

locals {
  prefix       = "${var.project}-${var.environment}"
  table_prefix = "${local.prefix}-"

  # --- what the artifacts declare (make package copies it out of each *-lambda.jar) ---------------------------
  manifest = jsondecode(file("${var.bundle_dir}/manifest.json"))
  groups = {
    for name, group in local.manifest.groups : name => {
      artifact = "${var.bundle_dir}/${name}/function.jar"
      postgres = group.postgres
      openapi  = yamldecode(file("${var.bundle_dir}/${name}/openapi.yml"))
      tables   = jsondecode(file("${var.bundle_dir}/${name}/dynamodb-tables.json"))
      events   = jsondecode(file("${var.bundle_dir}/${name}/events.json"))
    }
  }

  # Each group's META-INF/canopy/dynamodb-tables.json (CreateTable inputs), keyed by logical table name. A table
  # declared by two groups is an error ("duplicate object key").
  tables = {
    for entry in flatten([
      for name, group in local.groups : [for table in group.tables : { group = name, spec = table }]
      ]) : entry.spec.TableName => {
      group      = entry.group
      hash_key   = one([for key in entry.spec.KeySchema : key.AttributeName if key.KeyType == "HASH"])
      range_key  = one([for key in entry.spec.KeySchema : key.AttributeName if key.KeyType == "RANGE"])
      attributes = [for attribute in entry.spec.AttributeDefinitions : { name = attribute.AttributeName, type = attribute.AttributeType }]
      local_secondary_indexes = [
        for index in try(entry.spec.LocalSecondaryIndexes, []) : {
          name               = index.IndexName
          range_key          = one([for key in index.KeySchema : key.AttributeName if key.KeyType == "RANGE"])
          projection_type    = index.Projection.ProjectionType
          non_key_attributes = try(index.Projection.NonKeyAttributes, null)
        }
      ]
      global_secondary_indexes = [
        for index in try(entry.spec.GlobalSecondaryIndexes, []) : {
          name               = index.IndexName
          hash_key           = one([for key in index.KeySchema : key.AttributeName if key.KeyType == "HASH"])
          range_key          = one([for key in index.KeySchema : key.AttributeName if key.KeyType == "RANGE"])
          projection_type    = index.Projection.ProjectionType
          non_key_attributes = try(index.Projection.NonKeyAttributes, null)
        }
      ]
      ttl_attribute = try(entry.spec.TimeToLiveSpecification.Enabled, false) ? entry.spec.TimeToLiveSpecification.AttributeName : null
    }
  }

  # Each group's META-INF/canopy/events.json: one more function per subscription, named after the event
  # (carbon-user-deleted), from the same artifact with the subscription's handler.
  subscriptions = {
    for entry in flatten([
      for name, group in local.groups : [
        for event in group.events : { group = name, source = event.source, detail_type = event.detail_type, handler = event.handler }
      ]
    ]) : "${entry.group}-${lower(replace(entry.detail_type, "/([a-z0-9])([A-Z])/", "$1-$2"))}" => entry
  }

  # --- configuration ------------------------------------------------------------------------------------------
  signing_key_from_file = var.signing_key.file != null
  master_key_from_file  = var.certificates_master_key.file != null

  common_environment = {
    CANOPY_ENVIRONMENT = var.runtime_environment
    CANOPY_ISSUER      = module.api.public_url
    CANOPY_BASE_URL    = module.api.public_url
    CANOPY_AUDIENCE    = var.audience
    CANOPY_JWKS_URL    = "${module.api.public_url}/.well-known/jwks.json"
  }

  dynamodb_environment = merge(
    { CANOPY_TABLE_PREFIX = local.table_prefix },
    var.service_endpoints.dynamodb == null ? {} : { DYNAMODB_ENDPOINT = var.service_endpoints.dynamodb },
  )

  database_environment = var.database == null ? {} : merge(
    { JDBC_URL = var.database.jdbc_url },
    var.database.username == null
    ? { CANOPY_DB_SECRET_ID = var.database.secret_arn }
    : { JDBC_USER = var.database.username, JDBC_PASSWORD = var.database.password },
  )
  database_secret_arns = var.database == null ? [] : (var.database.username == null ? [var.database.secret_arn] : [])

  group_environment = {
    identity = merge(
      {
        CANOPY_ADMIN_EMAILS = join(",", var.admin_emails)
        CANOPY_EVENT_BUS    = aws_cloudwatch_event_bus.this.name
      },
      local.signing_key_from_file
      ? { CANOPY_SIGNING_KEY_FILE = var.signing_key.file }
      : { CANOPY_SIGNING_KEY_SECRET_ID = var.signing_key.secret_arn },
      var.service_endpoints.events == null ? {} : { CANOPY_EVENTS_ENDPOINT = var.service_endpoints.events },
    )
    certificates = merge(
      local.master_key_from_file
      ? { CANOPY_MASTER_KEY_FILE = var.certificates_master_key.file }
      : { CANOPY_KMS_KEY_ID = var.certificates_master_key.kms_key_arn },
      var.service_endpoints.kms == null ? {} : { CANOPY_KMS_ENDPOINT = var.service_endpoints.kms },
    )
  }

  # What a group may reach beyond its own tables, log group and database secret. deploy-checks holds the same list:
  # a new grant is a change in both places.
  grants = {
    identity = {
      secret_arns    = local.signing_key_from_file ? [] : [var.signing_key.secret_arn]
      kms_key_arns   = []
      event_bus_arns = [aws_cloudwatch_event_bus.this.arn]
    }
    certificates = {
      secret_arns    = []
      kms_key_arns   = local.master_key_from_file ? [] : [var.certificates_master_key.kms_key_arn]
      event_bus_arns = []
    }
  }

  functions = {
    for name, group in local.groups : name => {
      environment = merge(
        local.common_environment,
        length(group.tables) > 0 ? local.dynamodb_environment : {},
        group.postgres ? local.database_environment : {},
        contains(keys(local.group_environment), name) ? local.group_environment[name] : {},
        lookup(var.extra_environment, "*", {}),
        lookup(var.extra_environment, name, {}),
      )
      dynamodb_table_arns = [for table in group.tables : module.table[table.TableName].arn]
      secret_arns = concat(
        group.postgres ? local.database_secret_arns : [],
        contains(keys(local.grants), name) ? local.grants[name].secret_arns : [],
      )
      kms_key_arns         = contains(keys(local.grants), name) ? local.grants[name].kms_key_arns : []
      event_bus_arns       = contains(keys(local.grants), name) ? local.grants[name].event_bus_arns : []
      vpc                  = group.postgres ? var.vpc : null
      memory_size          = coalesce(try(var.function_overrides[name].memory_size, null), var.memory_size)
      timeout              = coalesce(try(var.function_overrides[name].timeout, null), 30)
      reserved_concurrency = try(var.function_overrides[name].reserved_concurrency, null)
      snap_start           = coalesce(try(var.function_overrides[name].snap_start, null), var.snap_start)
    }
  }

  description_suffix = var.redeploy_token == "" ? "" : " (redeploy ${var.redeploy_token})"
}

resource "aws_cloudwatch_event_bus" "this" {
  name = "${local.prefix}-events"
  tags = var.tags
}

module "table" {
  source   = "../dynamodb-table"
  for_each = local.tables

  name                     = "${local.table_prefix}${each.key}"
  hash_key                 = each.value.hash_key
  range_key                = each.value.range_key
  attributes               = each.value.attributes
  local_secondary_indexes  = each.value.local_secondary_indexes
  global_secondary_indexes = each.value.global_secondary_indexes
  ttl_attribute            = each.value.ttl_attribute
  point_in_time_recovery   = var.table_point_in_time_recovery
  deletion_protection      = var.table_deletion_protection
  tags                     = var.tags
}

module "function" {
  source   = "../function"
  for_each = local.functions

  name                 = "${local.prefix}-${each.key}"
  description          = "Canopy ${each.key} endpoints${local.description_suffix}"
  artifact_path        = local.groups[each.key].artifact
  architecture         = var.architecture
  memory_size          = each.value.memory_size
  timeout              = each.value.timeout
  reserved_concurrency = each.value.reserved_concurrency
  environment          = each.value.environment
  snap_start           = each.value.snap_start
  tracing              = var.tracing
  log_retention_days   = var.log_retention_days
  vpc                  = each.value.vpc
  dynamodb_table_arns  = each.value.dynamodb_table_arns
  secret_arns          = each.value.secret_arns
  kms_key_arns         = each.value.kms_key_arns
  event_bus_arns       = each.value.event_bus_arns
  tags                 = var.tags
}

# Same artifact, environment and permissions as the group's HTTP function; another handler, invoked by EventBridge.
module "event_function" {
  source   = "../function"
  for_each = local.subscriptions

  name                = "${local.prefix}-${each.key}"
  description         = "Canopy ${each.value.group}: ${each.value.source} ${each.value.detail_type}${local.description_suffix}"
  artifact_path       = local.groups[each.value.group].artifact
  handler             = each.value.handler
  architecture        = var.architecture
  memory_size         = local.functions[each.value.group].memory_size
  timeout             = local.functions[each.value.group].timeout
  environment         = local.functions[each.value.group].environment
  snap_start          = local.functions[each.value.group].snap_start
  tracing             = var.tracing
  log_retention_days  = var.log_retention_days
  vpc                 = local.functions[each.value.group].vpc
  dynamodb_table_arns = local.functions[each.value.group].dynamodb_table_arns
  secret_arns         = local.functions[each.value.group].secret_arns
  kms_key_arns        = local.functions[each.value.group].kms_key_arns
  event_bus_arns      = local.functions[each.value.group].event_bus_arns
  tags                = var.tags

  event_subscription = {
    event_bus_name = aws_cloudwatch_event_bus.this.name
    source         = each.value.source
    detail_type    = each.value.detail_type
  }
}

module "api" {
  source = "../http-api"

  name              = local.prefix
  openapi_documents = { for name, group in local.groups : name => group.openapi }
  integrations = {
    for name, instance in module.function : name => {
      function_name = instance.function_name
      alias_name    = instance.alias_name
      alias_arn     = instance.alias_arn
    }
  }
  audience                  = var.audience
  custom_domain             = var.custom_domain
  throttling_burst_limit    = var.throttling_burst_limit
  throttling_rate_limit     = var.throttling_rate_limit
  access_log_retention_days = var.log_retention_days
  tags                      = var.tags
}
