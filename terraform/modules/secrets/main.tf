# Key material that must never sit in Terraform state: identity's JWT signing key (a Secrets Manager secret whose
# value is generated and put by signing-key.sh) and the certificates group's master key (a KMS key, which never
# leaves KMS).

data "aws_region" "current" {}

resource "aws_kms_key" "certificates" {
  description             = "${var.name}: wraps the data key of every stored certificate private key"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = var.key_deletion_window_days
  tags                    = var.tags
}

resource "aws_kms_alias" "certificates" {
  name          = "alias/${var.name}-certificates"
  target_key_id = aws_kms_key.certificates.key_id
}

resource "aws_secretsmanager_secret" "signing_key" {
  count                   = var.signing_key_secret ? 1 : 0
  name                    = "${var.name}/jwt-signing-key"
  description             = "PKCS#8 PEM RSA private key the identity function signs access tokens with. Put by signing-key.sh; never in Terraform state."
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

# Runs once, when the secret is created: generates a key on this machine and puts it as the secret's first value.
# The identity function reads the key at init, so it must exist before the function's first version is published.
resource "terraform_data" "signing_key_value" {
  count            = var.signing_key_secret && var.initialize_signing_key ? 1 : 0
  triggers_replace = [aws_secretsmanager_secret.signing_key[0].arn]

  provisioner "local-exec" {
    command = "${path.module}/signing-key.sh init '${aws_secretsmanager_secret.signing_key[0].arn}'"
    environment = {
      AWS_REGION = data.aws_region.current.region
    }
  }
}
