resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
  tags       = merge(local.common_tags, { Name = "harborview-${var.environment}" })
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow.arn
  iam_role_arn         = "arn:aws:iam::111122223333:role/flow-logs"
}

resource "aws_security_group" "web" {
  name        = "portal-web"
  description = "Patient portal load balancer"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from patients"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name        = "ehr-db"
  description = "EHR database"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_web" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_security_group" "admin" {
  name        = "admin-ssh"
  description = "Administrator access"
  vpc_id      = aws_vpc.main.id
}

# var.admin_cidr is 0.0.0.0/0 in terraform.tfvars: SSH open to the internet.
resource "aws_security_group_rule" "admin_ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.admin.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [var.admin_cidr]
}

resource "aws_launch_template" "portal" {
  name_prefix   = "portal-"
  image_id      = "ami-0c7d2e9f4a1b36852"
  instance_type = "t3.medium"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = true
      kms_key_id  = aws_kms_key.phi.arn
    }
  }
}
