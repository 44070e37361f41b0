terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

# Public marketing site: static assets served through CloudFront, no PHI.
# safeguard:waive S3-003 reason="Static marketing site; holds no PHI and is read through CloudFront only" expires=2027-06-30 owner="web-platform@harborview.example"
resource "aws_s3_bucket" "marketing_site" {
  bucket = "harborview-marketing-site"
}

resource "aws_s3_bucket_public_access_block" "marketing_site" {
  bucket = aws_s3_bucket.marketing_site.id

  # Public by design: the bucket serves the website.
  // safeguard:waive S3-002 reason="Public website by design; contents are reviewed for PHI before publishing" expires=2027-06-30
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_db_instance" "legacy_reporting" {
  identifier          = "ehr-legacy-reporting"
  engine              = "postgres"
  engine_version      = "16.4"
  instance_class      = "db.t3.medium"
  allocated_storage   = 50
  storage_encrypted   = true
  publicly_accessible = true
  username            = "reporting"
  # safeguard:waive RDS-003 reason="Vendor BI tool needs a public endpoint until the VPN cut-over" expires=2025-09-30 owner=data-platform
}

resource "aws_cloudwatch_log_group" "debug" {
  name              = "/harborview/debug"
  retention_in_days = 14
  # safeguard:waive LOGS-001 reason="Debug output, scrubbed of PHI at source"
}

resource "aws_cloudwatch_log_group" "batch" {
  name              = "/harborview/batch"
  retention_in_days = 30
  # safeguard:waive LOGS-001 reason="Batch job summaries, no PHI" expires=31/12/2027
}

resource "aws_sqs_queue" "intake" {
  name                    = "harborview-intake" # safeguard:waive SQS-001 reason="legacy" expires=2027-01-01
  sqs_managed_sse_enabled = false
}

# safeguard:waive EC2-008 reason="Office IP range only" expires=2027-01-01

module "archive" {
  source   = "./modules/archive-bucket"
  for_each = toset(["claims", "imaging"])

  name = "harborview-archive-${each.key}"
}
