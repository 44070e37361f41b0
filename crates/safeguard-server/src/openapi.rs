//! The OpenAPI 3.1 document of the API, written by hand; a test checks that it lists
//! exactly the routes the server has.

use serde_json::{json, Value};

fn scan_param() -> Value {
    json!({"name": "scan", "in": "path", "required": true,
        "description": "A scan id (positive integer) or `latest`.",
        "schema": {"type": "string", "pattern": "^([1-9][0-9]*|latest)$"}})
}

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn list_query(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description,
        "style": "form", "explode": true, "schema": {"type": "array", "items": {"type": "string"}}})
}

fn ok(description: &str, schema: Value) -> Value {
    json!({
        "200": {"description": description, "content": {"application/json": {"schema": schema}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "404": {"$ref": "#/components/responses/NotFound"}
    })
}

fn get(summary: &str, operation: &str, parameters: Vec<Value>, responses: Value) -> Value {
    json!({"get": {"summary": summary, "operationId": operation, "parameters": parameters, "responses": responses}})
}

fn obj(properties: Value) -> Value {
    json!({"type": "object", "properties": properties})
}

fn r(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// The document served at `/api/v1/openapi.json`.
pub fn document() -> Value {
    let limit = |max: u32, default: u32| {
        query(
            "limit",
            "How many items at most.",
            json!({"type": "integer", "minimum": 1, "maximum": max, "default": default}),
        )
    };
    let counts = obj(
        json!({"pass": {"type": "integer"}, "fail": {"type": "integer"},
        "unknown": {"type": "integer"}, "not_applicable": {"type": "integer"}}),
    );
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "safeguard API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Recorded HIPAA Security Rule scans of AWS estates: scans, findings, drift, waivers and the score trend. Every request needs `Authorization: Bearer <token>` unless the server runs on loopback with authentication disabled. Errors are JSON: `{\"error\": {\"status\", \"code\", \"message\"}}`."
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/scans": get("List recorded scans, newest first", "listScans", vec![
                query("target", "Only scans of this target.", json!({"type": "string"})),
                limit(1000, 100),
                query("before", "Only scans with a smaller id (paging back).", json!({"type": "integer", "minimum": 1})),
            ], ok("Scans", obj(json!({"scans": {"type": "array", "items": r("ScanMeta")}})))),
            "/api/v1/scans/{scan}": get("A scan: summary, families, HIPAA sections and rule outcomes", "getScan", vec![scan_param()],
                ok("The scan", obj(json!({
                    "scan": r("ScanMeta"),
                    "previous": {"type": ["integer", "null"], "description": "The previous scan of the same target."},
                    "families": {"type": "array", "items": r("FamilyScore")},
                    "sections": {"type": "array", "items": r("Section")},
                    "readiness": {"type": "object"},
                    "rules": {"type": "array", "items": r("RuleOutcome")}
                })))),
            "/api/v1/scans/{scan}/findings": get("A scan's findings (failures and unknowns), filtered and paged, most severe first", "listFindings", vec![
                scan_param(),
                list_query("severity", "critical, high, medium, low or info (repeatable or comma-separated)."),
                query("min_severity", "At least this severity.", json!({"type": "string", "enum": ["critical", "high", "medium", "low", "info"]})),
                list_query("service", "AWS service, e.g. s3."),
                list_query("account", "AWS account id."),
                list_query("region", "AWS region."),
                list_query("rule", "Rule id, e.g. S3-001."),
                list_query("status", "fail, unknown, open (not waived) or waived."),
                query("in_scope", "Only findings in (true) or out of (false) the PHI scope.", json!({"type": "boolean"})),
                query("text", "Case-sensitive substring of the resource id, name or message.", json!({"type": "string", "maxLength": 200})),
                query("offset", "Items to skip.", json!({"type": "integer", "minimum": 0, "default": 0})),
                limit(1000, 50),
            ], ok("One page of findings", obj(json!({
                "scan": {"type": "integer"}, "total": {"type": "integer"}, "offset": {"type": "integer"},
                "limit": {"type": "integer"}, "items": {"type": "array", "items": r("Finding")}
            })))),
            "/api/v1/scans/{scan}/findings/{fingerprint}": get("One finding with its rule and remediation", "getFinding", vec![
                scan_param(),
                json!({"name": "fingerprint", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{1,64}$"}}),
            ], ok("The finding", obj(json!({"scan": {"type": "integer"}, "finding": r("Finding"), "rule": r("Rule")})))),
            "/api/v1/scans/{scan}/facets": get("Distinct filter values with counts", "getFacets", vec![scan_param()],
                ok("Facets", obj(json!({
                    "scan": {"type": "integer"},
                    "severity": {"type": "array", "items": r("Facet")}, "service": {"type": "array", "items": r("Facet")},
                    "account": {"type": "array", "items": r("Facet")}, "region": {"type": "array", "items": r("Facet")},
                    "rule": {"type": "array", "items": r("Facet")}, "status": {"type": "array", "items": r("Facet")}
                })))),
            "/api/v1/scans/{scan}/drift": get("New, fixed and still-open findings and changed resources since an earlier scan; each list paged with offset and limit, counts complete", "getDrift", vec![
                scan_param(),
                query("from", "The earlier scan (default: the previous scan of the same target).", json!({"type": "string"})),
                query("offset", "Items to skip in each list.", json!({"type": "integer", "minimum": 0, "default": 0})),
                limit(1000, 100),
            ], ok("Drift", obj(json!({
                "counts": obj(json!({"new": {"type": "integer"}, "fixed": {"type": "integer"}, "still_open": {"type": "integer"}, "still_open_changed": {"type": "integer"}, "changed_resources": {"type": "integer"}})),
                "offset": {"type": "integer"}, "limit": {"type": "integer"},
                "drift": obj(json!({
                    "from": r("ScanMeta"), "to": r("ScanMeta"), "score_change": {"type": ["number", "null"]},
                    "new": {"type": "array", "items": r("Finding")},
                    "fixed": {"type": "array", "items": obj(json!({"finding": r("Finding"), "how": {"type": "string", "enum": ["resolved", "resource_removed", "rule_not_run"]}}))},
                    "still_open": {"type": "array", "items": obj(json!({"finding": r("Finding"), "change": {"type": ["string", "null"]}}))},
                    "changed_resources": {"type": "array", "items": obj(json!({"resource_id": {"type": "string"}, "resource_type": {"type": "string"}, "change": {"type": "string", "enum": ["added", "removed", "modified"]}}))}
                }))
            })))),
            "/api/v1/scans/{scan}/waivers": get("The waivers applied in a scan and their state", "listWaivers", vec![scan_param()],
                ok("Waivers", obj(json!({"scan": {"type": "integer"}, "waivers": {"type": "array", "items": r("Waiver")}})))),
            "/api/v1/scores": get("The posture score trend of a target, oldest first", "getScores", vec![
                query("target", "The target (default: that of the latest scan).", json!({"type": "string"})),
                limit(1000, 100),
            ], ok("Score points", obj(json!({"target": {"type": ["string", "null"]}, "points": {"type": "array", "items": r("ScorePoint")}})))),
            "/api/v1/targets": get("Scanned targets with their latest scan", "listTargets", vec![],
                ok("Targets", obj(json!({"targets": {"type": "array", "items": obj(json!({
                    "target": {"type": "string"}, "scans": {"type": "integer"}, "latest": {"type": "integer"},
                    "latest_finished_at": {"type": "string"}, "latest_score": {"type": ["number", "null"]}
                }))}})))),
            "/api/v1/openapi.json": get("This document", "getOpenApi", vec![], ok("OpenAPI 3.1 document", json!({"type": "object"}))),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "BadRequest": {"description": "Invalid input", "content": {"application/json": {"schema": r("Error")}}},
                "Unauthorized": {"description": "Missing or wrong token", "content": {"application/json": {"schema": r("Error")}}},
                "NotFound": {"description": "No such scan or finding", "content": {"application/json": {"schema": r("Error")}}}
            },
            "schemas": {
                "Error": obj(json!({"error": obj(json!({"status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}))})),
                "Counts": counts,
                "ScanMeta": obj(json!({
                    "id": {"type": "integer"}, "target": {"type": "string"}, "source_kind": {"type": "string"},
                    "source_description": {"type": "string"}, "started_at": {"type": "string"}, "finished_at": {"type": "string"},
                    "inventory_generated_at": {"type": "string"}, "tool_version": {"type": "string"}, "catalog_version": {"type": "string"},
                    "inventory_digest": {"type": "string"}, "score": {"type": ["number", "null"]}, "resources": {"type": "integer"},
                    "rules": {"type": "integer"}, "counts": r("Counts"), "waived": {"type": "integer"},
                    "fails": obj(json!({"critical": {"type": "integer"}, "high": {"type": "integer"}, "medium": {"type": "integer"}, "low": {"type": "integer"}, "info": {"type": "integer"}})),
                    "out_of_scope_fail": {"type": "integer"}, "incomplete": {"type": "boolean"}, "coverage_failures": {"type": "integer"},
                    "waivers_active": {"type": "integer"}, "waivers_expired": {"type": "integer"}, "waivers_stale": {"type": "integer"}
                })),
                "FamilyScore": obj(json!({"family": {"type": "string"}, "score": {"type": ["number", "null"]}, "counts": r("Counts")})),
                "Section": obj(json!({"id": {"type": "string"}, "title": {"type": "string"}, "family": {"type": "string"},
                    "requirement": {"type": "string"}, "status": {"type": "string"}, "counts": r("Counts"), "rules": {"type": "array", "items": {"type": "string"}}})),
                "RuleOutcome": obj(json!({"rule_id": {"type": "string"}, "severity": {"type": "string"}, "counts": r("Counts"), "waived": {"type": "integer"}})),
                "Finding": obj(json!({
                    "fingerprint": {"type": "string"}, "rule_id": {"type": "string"}, "rule_name": {"type": "string"}, "title": {"type": "string"},
                    "severity": {"type": "string"}, "status": {"type": "string", "enum": ["fail", "unknown"]}, "unknown_reason": {"type": ["string", "null"]},
                    "message": {"type": "string"}, "resource_id": {"type": "string"}, "resource_type": {"type": "string"}, "resource_name": {"type": "string"},
                    "service": {"type": "string"}, "account": {"type": "string"}, "region": {"type": "string"},
                    "file": {"type": ["string", "null"]}, "line": {"type": ["integer", "null"]},
                    "hipaa": {"type": "array", "items": {"type": "string"}}, "in_scope": {"type": "boolean"},
                    "waived": {"oneOf": [{"type": "null"}, obj(json!({"rule": {"type": "string"}, "resource": {"type": "string"}, "reason": {"type": "string"}, "owner": {"type": "string"}, "expires": {"type": "string"}, "origin": {"type": "string"}}))]}
                })),
                "Rule": obj(json!({"id": {"type": "string"}, "name": {"type": "string"}, "title": {"type": "string"}, "severity": {"type": "string"},
                    "hipaa": {"type": "array", "items": {"type": "string"}}, "source": {"type": "string"}, "rationale": {"type": "string"},
                    "remediation": obj(json!({"console": {"type": "string"}, "terraform": {"type": "string"}, "cloudformation": {"type": "string"}}))})),
                "Facet": obj(json!({"value": {"type": "string"}, "count": {"type": "integer"}})),
                "Waiver": obj(json!({"rule": {"type": "string"}, "resource": {"type": "string"}, "reason": {"type": "string"}, "owner": {"type": "string"},
                    "created": {"type": ["string", "null"]}, "expires": {"type": "string"}, "origin": {"type": "string"},
                    "state": {"type": "string", "enum": ["active", "expired", "stale", "not_run"]}, "findings": {"type": "integer"}})),
                "ScorePoint": obj(json!({"scan": {"type": "integer"}, "finished_at": {"type": "string"}, "score": {"type": ["number", "null"]},
                    "families": {"type": "array", "items": r("FamilyScore")}, "open": {"type": "integer"}, "waived": {"type": "integer"}}))
            }
        }
    })
}
