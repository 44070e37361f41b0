//! Rules for AWS Config; one rule per file.

use crate::prelude::*;
use crate::rule::Rule;

mod global_resources_recorded;
mod recorder_all_resource_types;
mod recorder_enabled_in_region;
mod recorder_last_status_ok;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &recorder_enabled_in_region::RULE,
        &recorder_all_resource_types::RULE,
        &global_resources_recorded::RULE,
        &recorder_last_status_ok::RULE,
    ]
}

/// How a recorder is named in messages.
pub(super) fn recorder_name(r: &ConfigRecorder) -> &str {
    if r.meta.name.is_empty() {
        &r.meta.id
    } else {
        &r.meta.name
    }
}

/// The recorder that should be the remediation's terraform and cloudformation example.
pub(super) const TERRAFORM_RECORDER: &str = "resource \"aws_config_configuration_recorder\" \"main\" {\n  name     = \"default\"\n  role_arn = aws_iam_service_linked_role.config.arn\n\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true # in one region only\n  }\n}\n\nresource \"aws_config_delivery_channel\" \"main\" {\n  name           = \"default\"\n  s3_bucket_name = aws_s3_bucket.config.id\n  depends_on     = [aws_config_configuration_recorder.main]\n}\n\nresource \"aws_config_configuration_recorder_status\" \"main\" {\n  name       = aws_config_configuration_recorder.main.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.main]\n}";

pub(super) const CLOUDFORMATION_RECORDER: &str = "# Deploy to every region with a StackSet; CloudFormation starts the recorder once the\n# delivery channel exists.\nConfigRecorder:\n  Type: AWS::Config::ConfigurationRecorder\n  Properties:\n    RoleARN: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig\n    RecordingGroup:\n      AllSupported: true\n      IncludeGlobalResourceTypes: true # in one region only\nDeliveryChannel:\n  Type: AWS::Config::DeliveryChannel\n  Properties:\n    S3BucketName: !Ref ConfigBucket";

#[cfg(test)]
mod tests {
    use crate::examples::evaluate_all;
    use crate::rule::Status;
    use safeguard_model::Inventory;
    use std::path::Path;

    #[test]
    fn missing_recorder_is_unknown_when_config_could_not_be_read_there() {
        let text = r#"{"format": "safeguard-inventory", "version": 1, "generated_at": "2026-11-20T12:00:00Z",
            "source": {"kind": "aws"},
            "coverage": [
                {"account": "111122223333", "region": "eu-west-1", "service": "config",
                 "status": {"failed": {"reason": "access_denied", "detail": "config:DescribeConfigurationRecorders"}}},
                {"account": "111122223333", "region": "us-east-1", "service": "config", "status": "ok"}],
            "resources": [
                {"type": "region_settings", "id": "111122223333/eu-west-1", "account": "111122223333", "region": "eu-west-1"},
                {"type": "region_settings", "id": "111122223333/us-east-1", "account": "111122223333", "region": "us-east-1"}]}"#;
        let inv = Inventory::parse(text, Path::new("test")).unwrap();
        let out = evaluate_all(&super::recorder_enabled_in_region::RULE, &inv);
        let status = |id: &str| out.iter().find(|(i, _)| i == id).unwrap().1.status;
        assert_eq!(status("111122223333/eu-west-1"), Status::Unknown);
        assert_eq!(status("111122223333/us-east-1"), Status::Fail);
    }
}
