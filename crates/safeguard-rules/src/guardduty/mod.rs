//! Rules for Amazon GuardDuty; one rule per file.

use crate::rule::Rule;

mod detector_enabled;
mod enabled_in_region;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    vec![&enabled_in_region::RULE, &detector_enabled::RULE]
}

pub(super) const TERRAFORM: &str = "# One per region (a provider alias per region), or org-wide from the delegated administrator.\nresource \"aws_guardduty_detector\" \"main\" {\n  enable                       = true\n  finding_publishing_frequency = \"FIFTEEN_MINUTES\"\n}\n\nresource \"aws_guardduty_organization_configuration\" \"org\" {\n  detector_id                      = aws_guardduty_detector.main.id\n  auto_enable_organization_members = \"ALL\"\n}";

pub(super) const CLOUDFORMATION: &str = "# Deploy to every region with a StackSet.\nDetector:\n  Type: AWS::GuardDuty::Detector\n  Properties:\n    Enable: true\n    FindingPublishingFrequency: FIFTEEN_MINUTES";
