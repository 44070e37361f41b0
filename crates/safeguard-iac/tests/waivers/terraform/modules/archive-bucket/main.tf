variable "name" {
  type        = string
  description = "Bucket name"
}

# Access to the archives is audited with CloudTrail S3 data events instead of server access logs.
# safeguard:waive S3-007 reason="Audited through CloudTrail S3 data events" expires=2027-03-31 owner="security@harborview.example"
resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
