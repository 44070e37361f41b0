resource "aws_cloudtrail" "audit" {
  name                          = "harborview-audit"
  s3_bucket_name                = "harborview-audit-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::111122223333:role/trail-to-logs"
  # No kms_key_id: log files are only SSE-S3 encrypted.
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/harborview/cloudtrail"
  retention_in_days = var.audit_log_retention_days
  kms_key_id        = aws_kms_key.phi.arn
}

resource "aws_cloudwatch_log_group" "flow" {
  name              = "/harborview/vpc-flow"
  retention_in_days = var.audit_log_retention_days
  kms_key_id        = aws_kms_key.phi.arn
}

resource "aws_cloudwatch_log_group" "ehr_app" {
  name              = "/ehr/app"
  retention_in_days = 30
  # Accepted risk until the logging pipeline moves to the audit account.
  # safeguard:waive LOGS-001 reason="Debug output of the EHR app, scrubbed of PHI before logging; access events are kept six years in /harborview/cloudtrail" expires=2027-03-31 owner="clinical-apps@harborview.example"
}
