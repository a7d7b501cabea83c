terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.25"
    }
  }

  # State is local (terraform.tfstate here, git-ignored). For a team, keep it in S3 with locking, e.g.:
  # backend "s3" {
  #   bucket       = "<state bucket>"
  #   key          = "canopy/prod.tfstate"
  #   region       = "eu-west-1"
  #   use_lockfile = true
  # }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      project     = var.project
      environment = var.environment
      managed-by  = "terraform"
    }
  }
}
