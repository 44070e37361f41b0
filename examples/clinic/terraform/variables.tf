variable "region" {
  type    = string
  default = "us-east-1"
}

variable "environment" {
  type    = string
  default = "staging"
}

variable "phi_buckets" {
  description = "PHI buckets, each with its own module instance."
  type        = map(string)
  default     = {}
}

variable "admin_cidr" {
  description = "Where administrators connect from."
  type        = string
}

variable "db_instance_class" {
  type    = string
  default = "db.t3.medium"
}

variable "audit_log_retention_days" {
  type    = number
  default = 2192
}
