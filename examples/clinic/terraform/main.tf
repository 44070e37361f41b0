locals {
  common_tags = {
    owner       = "clinical-apps"
    environment = var.environment
    phi         = "true"
  }
}

resource "aws_kms_key" "phi" {
  description             = "Harborview PHI data key"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.common_tags
}

resource "aws_kms_alias" "phi" {
  name          = "alias/harborview-phi"
  target_key_id = aws_kms_key.phi.key_id
}

# One module instance per PHI bucket: module.phi_bucket["documents"], ...
module "phi_bucket" {
  source   = "./modules/phi-bucket"
  for_each = var.phi_buckets

  bucket_name = each.value
  kms_key_arn = aws_kms_key.phi.arn
  tags        = local.common_tags
}

# Scanned intake forms: split AWS provider v5 resources, with two mistakes
# (SSE-S3 only is fine; public policies are not blocked and there is no TLS-only policy).
resource "aws_s3_bucket" "scanned_intake" {
  bucket = "harborview-scanned-intake"
  tags   = local.common_tags
}

resource "aws_s3_bucket_server_side_encryption_configuration" "scanned_intake" {
  bucket = aws_s3_bucket.scanned_intake.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "scanned_intake" {
  bucket                  = aws_s3_bucket.scanned_intake.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_versioning" "scanned_intake" {
  bucket = aws_s3_bucket.scanned_intake.id
  versioning_configuration {
    status = "Enabled"
  }
}
