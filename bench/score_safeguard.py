#!/usr/bin/env python3
"""Score a safeguard JSON report against the truth file of the peer benchmark's seed.py.

Usage: score_safeguard.py TRUTH.json REPORT.json [--inventory INV.json] [--json OUT]

TRUTH.json lists the planted violations ({"control", "resource", "match", "scope", ...});
TRUTH.meta.json, next to it, lists the compliant copies. Each control maps to the safeguard
rule(s) that should fail for it (CONTROL_RULES below).

A planted violation is found when one of its rules fails on the planted resource: the finding's
resource id (ARN) or name contains the truth's `match` as a whole token. Account-scope controls,
and controls whose rule judges the account or region rather than the resource (a multi-region
trail, AWS Config, GuardDuty, EBS encryption by default), are found by any failure of the rule.
It is reported as `unknown` when the rule could not decide on it (the report says why), and
`missed` otherwise; with --inventory, a miss says whether the resource was collected at all.
A false positive is a compliant copy on which one of its control's resource rules fails.
"""
import json
import os
import re
import sys
from collections import defaultdict

# control -> [(rule, level)]; level "resource": must fail on the planted resource,
# "any": the rule judges the account or a region, so any failure of it counts.
CONTROL_RULES = {
    "iam_password_policy_weak": [("ACCT-004", "any")],
    "iam_policy_admin_star": [("IAM-005", "resource")],
    "iam_user_console_no_mfa": [("IAM-001", "resource")],
    "iam_policy_attached_to_user": [("IAM-004", "resource")],
    "s3_no_public_access_block": [("S3-002", "resource")],
    "s3_public_read_policy": [("S3-004", "resource")],
    "s3_no_tls_only_policy": [("S3-003", "resource")],
    "s3_versioning_off": [("S3-006", "resource")],
    "s3_account_no_public_access_block": [("ACCT-005", "any")],
    "ebs_default_encryption_off": [("ACCT-007", "any")],
    "ebs_volume_unencrypted": [("EC2-004", "resource")],
    "vpc_no_flow_logs": [("VPC-001", "resource")],
    "sg_open_ssh": [("EC2-008", "resource")],
    "sg_open_rdp": [("EC2-009", "resource")],
    "rds_unencrypted": [("RDS-001", "resource")],
    "rds_public": [("RDS-003", "resource")],
    "rds_no_backups": [("RDS-004", "resource")],
    # CT-001 is an account rule: "a multi-region trail that is logging exists".
    "cloudtrail_single_region": [("CT-001", "any")],
    "cloudtrail_no_log_validation": [("CT-002", "resource")],
    "cloudtrail_no_kms": [("CT-003", "resource")],
    "config_recorder_missing": [("CFG-001", "any")],
    "guardduty_disabled": [("GD-001", "any")],
    "kms_no_rotation": [("KMS-001", "resource")],
    "log_group_short_retention": [("LOGS-001", "resource")],
    "dynamodb_no_pitr": [("DDB-002", "resource")],
    "sns_no_kms": [("SNS-001", "resource")],
    "sqs_no_kms": [("SQS-001", "resource")],
    "elbv2_http_listener": [("ELB-001", "resource")],
    "efs_unencrypted": [("EFS-001", "resource")],
}


def token_re(match):
    return re.compile(r"(?<![A-Za-z0-9_.-])" + re.escape(match) + r"(?![A-Za-z0-9_.-])")


def names(resource, match):
    rx = token_re(match)
    return bool(rx.search(resource.get("id") or "") or rx.search(resource.get("name") or ""))


def main():
    args = sys.argv[1:]
    opt = {}
    for flag in ("--inventory", "--json"):
        if flag in args:
            i = args.index(flag)
            opt[flag] = args[i + 1]
            del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    truth_path, report_path = args
    truth = json.load(open(truth_path))
    meta_path = os.path.splitext(truth_path)[0] + ".meta.json"
    meta = json.load(open(meta_path)) if os.path.exists(meta_path) else {}
    report = json.load(open(report_path))
    inventory_ids = None
    if "--inventory" in opt:
        inv = json.load(open(opt["--inventory"]))
        inventory_ids = [(r.get("id") or "", r.get("name") or "") for r in inv["resources"]]

    by_rule = defaultdict(list)
    for f in report["findings"]:
        by_rule[f["rule"]].append(f)

    unmapped = sorted({t["control"] for t in truth} - CONTROL_RULES.keys())
    if unmapped:
        sys.exit(f"score_safeguard: no rule mapped for control(s): {', '.join(unmapped)}")

    per_ctl = defaultdict(lambda: {"planted": 0, "found": 0, "unknown": 0, "loose": 0})
    misses = []
    for t in truth:
        pc = per_ctl[t["control"]]
        pc["planted"] += 1
        found = unknown = False
        why = []
        for rule, level in CONTROL_RULES[t["control"]]:
            for f in by_rule.get(rule, []):
                if level == "resource" and not names(f["resource"], t["match"]):
                    continue
                if f["status"] == "fail":
                    found = True
                elif f["status"] == "unknown":
                    unknown = True
                    why.append(f"{rule}: {f['message']}")
        loose = found or (t["scope"] == "resource" and any(
            f["status"] == "fail" and names(f["resource"], t["match"]) for f in report["findings"]))
        pc["found"] += found
        pc["loose"] += loose
        if not found:
            pc["unknown"] += unknown
            if unknown:
                reason = "unknown: " + "; ".join(sorted(set(why)))[:300]
            elif inventory_ids is not None and t["scope"] == "resource":
                present = any(token_re(t["match"]).search(i) or token_re(t["match"]).search(n)
                              for i, n in inventory_ids)
                reason = "passed (resource collected)" if present else "resource not in the inventory"
            else:
                reason = "no failure"
            misses.append({"control": t["control"], "match": t["match"], "why": reason})

    fp = defaultdict(list)
    for g in meta.get("compliant", []):
        for rule, level in CONTROL_RULES.get(g["control"], []):
            if level != "resource":
                continue
            for f in by_rule.get(rule, []):
                if f["status"] == "fail" and names(f["resource"], g["match"]):
                    fp[g["control"]].append({"match": g["match"], "rule": rule, "message": f["message"]})

    planted = sum(v["planted"] for v in per_ctl.values())
    found = sum(v["found"] for v in per_ctl.values())
    unknown = sum(v["unknown"] for v in per_ctl.values())
    loose = sum(v["loose"] for v in per_ctl.values())
    n_fp = sum(len(v) for v in fp.values())
    desc = report["inventory"].get("description", "")
    m = re.search(r"(\d+) API calls(?: \((\d+) retried\))?", desc)
    res = {
        "planted": planted, "found": found, "found_loose": loose, "unknown": unknown,
        "missed": planted - found, "compliant_total": len(meta.get("compliant", [])),
        "false_positives_on_compliant": n_fp,
        "resources": report["inventory"].get("resources"),
        "api_calls": int(m.group(1)) if m else None,
        "retried": int(m.group(2) or 0) if m else None,
        "fails": sum(1 for f in report["findings"] if f["status"] == "fail"),
        "unknowns": sum(1 for f in report["findings"] if f["status"] == "unknown"),
        "per_control": dict(sorted(per_ctl.items())),
        "misses": misses,
        "false_positives": dict(fp),
    }
    if "--json" in opt:
        with open(opt["--json"], "w") as fh:
            json.dump(res, fh, indent=1)
    print(f"safeguard: planted={planted} found={found}/{planted} (loose {loose}) unknown={unknown} "
          f"fp_on_compliant={n_fp}/{res['compliant_total']} resources={res['resources']} "
          f"api_calls={res['api_calls']} retried={res['retried']}")
    print(f"{'control':36} planted found unknown")
    for k, v in sorted(per_ctl.items()):
        print(f"{k:36} {v['planted']:7} {v['found']:5} {v['unknown']:7}")
    seen = set()
    for mi in misses:
        key = (mi["control"], mi["why"])
        if key in seen:
            continue
        seen.add(key)
        n = sum(1 for x in misses if (x["control"], x["why"]) == key)
        print(f"  missed {mi['control']} x{n}: {mi['why']}")
    for ctl, items in sorted(fp.items()):
        print(f"  false positive {ctl} x{len(items)}: {items[0]['rule']} {items[0]['message']}")


if __name__ == "__main__":
    main()
