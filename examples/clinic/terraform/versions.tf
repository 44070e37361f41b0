# Harborview Family Clinic (fictional): the production account's core infrastructure.
# Scan it with: safeguard scan examples/clinic/terraform

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}
