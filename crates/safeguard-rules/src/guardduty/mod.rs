//! Rules for Amazon GuardDuty; one rule per file.

use crate::rule::Rule;

mod detector_enabled;
mod enabled_in_region;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&enabled_in_region::RULE, &detector_enabled::RULE]
}

pub(super) const TERRAFORM: &str = "# One per region (a provider alias per region), or org-wide from the delegated administrator.\nresource \"aws_guardduty_detector\" \"main\" {\n  enable                       = true\n  finding_publishing_frequency = \"FIFTEEN_MINUTES\"\n}\n\nresource \"aws_guardduty_organization_configuration\" \"org\" {\n  detector_id                      = aws_guardduty_detector.main.id\n  auto_enable_organization_members = \"ALL\"\n}";

pub(super) const CLOUDFORMATION: &str = "# Deploy to every region with a StackSet.\nDetector:\n  Type: AWS::GuardDuty::Detector\n  Properties:\n    Enable: true\n    FindingPublishingFrequency: FIFTEEN_MINUTES";

#[cfg(test)]
mod tests {
    use crate::examples::evaluate_all;
    use crate::rule::Status;
    use safeguard_model::Inventory;
    use std::path::Path;

    #[test]
    fn missing_detector_is_unknown_when_guardduty_could_not_be_read_there() {
        let text = r#"{"format": "safeguard-inventory", "version": 1, "generated_at": "2026-11-20T12:00:00Z",
            "source": {"kind": "aws"},
            "coverage": [
                {"account": "111122223333", "region": "eu-west-1", "service": "guardduty",
                 "status": {"failed": {"reason": "timeout", "detail": "guardduty:ListDetectors"}}},
                {"account": "111122223333", "region": "us-east-1", "service": "guardduty", "status": "ok"}],
            "resources": [
                {"type": "region_settings", "id": "111122223333/eu-west-1", "account": "111122223333", "region": "eu-west-1"},
                {"type": "region_settings", "id": "111122223333/us-east-1", "account": "111122223333", "region": "us-east-1"}]}"#;
        let inv = Inventory::parse(text, Path::new("test")).unwrap();
        let out = evaluate_all(&super::enabled_in_region::RULE, &inv);
        let status = |id: &str| out.iter().find(|(i, _)| i == id).unwrap().1.status;
        assert_eq!(status("111122223333/eu-west-1"), Status::Unknown);
        assert_eq!(status("111122223333/us-east-1"), Status::Fail);
    }
}
