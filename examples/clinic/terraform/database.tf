resource "aws_db_parameter_group" "ehr" {
  name   = "ehr-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }
}

resource "aws_db_instance" "ehr" {
  identifier                          = "ehr-${var.environment}"
  engine                              = "postgres"
  engine_version                      = "16.4"
  instance_class                      = var.db_instance_class
  allocated_storage                   = 200
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.phi.arn
  parameter_group_name                = aws_db_parameter_group.ehr.name
  backup_retention_period             = 35
  deletion_protection                 = true
  multi_az                            = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  vpc_security_group_ids              = [aws_security_group.db.id]
  username                            = "ehr_admin"
  manage_master_user_password         = true
  tags                                = local.common_tags
}

# The reporting replica of last year: unencrypted, public, default parameters.
resource "aws_db_instance" "reporting" {
  identifier              = "ehr-reporting"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = "db.t3.medium"
  allocated_storage       = 100
  publicly_accessible     = true
  backup_retention_period = 7
  username                = "reporting"
  password                = "change-me-please"
  tags                    = local.common_tags
}
