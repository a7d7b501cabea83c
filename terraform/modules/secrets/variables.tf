variable "name" {
  type        = string
  description = "Name prefix of the secret and the key alias (e.g. canopy-prod)."
}

variable "signing_key_secret" {
  type        = bool
  description = "Create the Secrets Manager secret for identity's JWT signing key (created empty; its value is put outside Terraform)."
  default     = true
}

variable "initialize_signing_key" {
  type        = bool
  description = "When the secret is created, generate an RSA key locally (openssl) and put it with the AWS CLI (signing-key.sh init), so the key never enters Terraform state. Needs openssl and the aws CLI where Terraform runs."
  default     = true
}

variable "secret_recovery_window_days" {
  type        = number
  description = "Days a deleted secret can still be restored (0 deletes at once)."
  default     = 7
}

variable "key_deletion_window_days" {
  type        = number
  description = "Days before a KMS key scheduled for deletion is gone (7 to 30). Certificates wrapped by it become unreadable then."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
}
