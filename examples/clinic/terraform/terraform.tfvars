environment = "prod"

phi_buckets = {
  documents = "harborview-patient-documents"
  imaging   = "harborview-imaging-archive"
}

# A mistake the scan should catch: the admin range is the whole internet.
admin_cidr = "0.0.0.0/0"

db_instance_class = "db.m6g.large"
