#!/usr/bin/env bash
# Puts an RSA private key (PKCS#8 PEM, 2048 bits) into identity's signing-key secret, generated on this machine. The
# key goes from openssl to a private temporary file to Secrets Manager: never on a command line, never in Terraform
# state, never printed.
#
#   signing-key.sh init   <secret-id>   put a key only if the secret has no value yet (terraform apply runs this)
#   signing-key.sh rotate <secret-id>   put a new key; it becomes AWSCURRENT, the old one AWSPREVIOUS
#
# Needs openssl and the aws CLI with credentials for the account (AWS_REGION or a configured region).
set -euo pipefail

usage() { echo "usage: $0 init|rotate <secret-id>" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
mode=$1
secret=$2

has_value() {
  aws secretsmanager describe-secret --secret-id "$secret" --query 'VersionIdsToStages' --output text \
    | grep -q AWSCURRENT
}

put_new_key() {
  local dir
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  chmod 700 "$dir"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/key.pem" 2>/dev/null)
  aws secretsmanager put-secret-value --secret-id "$secret" --secret-string "file://$dir/key.pem" \
    --query 'VersionId' --output text >/dev/null
}

case "$mode" in
  init)
    if has_value; then
      echo "signing key: $secret already has a value; left as it is"
    else
      put_new_key
      echo "signing key: generated and put into $secret"
    fi
    ;;
  rotate)
    put_new_key
    echo "signing key: new key put into $secret (AWSCURRENT). Redeploy identity so it reads it: make deploy REDEPLOY=\$(date +%s)"
    ;;
  *)
    usage
    ;;
esac
