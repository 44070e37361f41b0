//! ECS-001: every container of a task definition sends its logs to CloudWatch Logs.

use crate::prelude::*;

pub static RULE: RuleDef<EcsTaskDefinition> = RuleDef {
    meta: RuleMeta {
        id: "ECS-001",
        name: "ecs-task-definition-logs-to-cloudwatch",
        title: "ECS task definitions send every container's logs to CloudWatch Logs",
        severity: Severity::Medium,
        hipaa: &["164.312(b)", "164.308(a)(1)(ii)(D)"],
        source: "Whitepaper: Amazon Elastic Container Service (\"complete logging should also be enabled (for example, through CloudTrail), and all container instance logs should be directed to CloudWatch\")",
        rationale: "Audit controls (164.312(b)) need the application's own record of who did what \
            with PHI, and the whitepaper's ECS section asks that all container logs go to \
            CloudWatch. A container without a log configuration writes to the instance's local \
            disk, or nowhere on Fargate; the awslogs driver, or FireLens (awsfirelens) routed \
            to CloudWatch Logs, keeps the logs encrypted in transit and at rest. FireLens is \
            accepted as the whitepaper describes it; where it sends is set in the log router's \
            own configuration.",
        remediation: Remediation {
            console: "ECS console > Task definitions > FAMILY > Create new revision > each \
                container > Log collection: Amazon CloudWatch (awslogs), then update the service \
                to the new revision.",
            terraform: "container_definitions = jsonencode([{\n  name = \"api\"\n  logConfiguration = {\n    logDriver = \"awslogs\"\n    options = {\n      awslogs-group         = aws_cloudwatch_log_group.api.name\n      awslogs-region        = \"us-east-1\"\n      awslogs-stream-prefix = \"api\"\n    }\n  }\n}])",
            cloudformation: "ContainerDefinitions:\n  - Name: api\n    LogConfiguration:\n      LogDriver: awslogs\n      Options:\n        awslogs-group: !Ref ApiLogs\n        awslogs-region: !Ref AWS::Region\n        awslogs-stream-prefix: api",
        },
        examples: &[
            Example {
                name: "awslogs and firelens",
                expect: Status::Pass,
                resources: r#"[{"type": "ecs_task_definition", "id": "arn:aws:ecs:us-east-1:111122223333:task-definition/portal-api:42",
                    "containers": [{"name": "api", "log_driver": "awslogs"}, {"name": "log_router", "log_driver": "awsfirelens"}]}]"#,
            },
            Example {
                name: "sidecar without log configuration",
                expect: Status::Fail,
                resources: r#"[{"type": "ecs_task_definition", "id": "arn:aws:ecs:us-east-1:111122223333:task-definition/portal-api:41",
                    "containers": [{"name": "api", "log_driver": "awslogs"}, {"name": "pdf-renderer", "log_driver": null}]}]"#,
            },
            Example {
                name: "syslog driver",
                expect: Status::Fail,
                resources: r#"[{"type": "ecs_task_definition", "id": "arn:aws:ecs:us-east-1:111122223333:task-definition/hl7-bridge:7",
                    "containers": [{"name": "bridge", "log_driver": "syslog"}]}]"#,
            },
        ],
    },
    check,
};

fn check(t: &EcsTaskDefinition, _cx: &Context) -> Check {
    let containers = t.containers.need("containers")?;
    if containers.is_empty() {
        return Ok(Outcome::not_applicable(
            "the task definition has no containers",
        ));
    }
    let mut problems = Vec::new();
    for c in containers {
        match c.log_driver.as_deref() {
            Some("awslogs") | Some("awsfirelens") => {}
            Some(other) => problems.push(format!("{} logs with the {other} driver", c.name)),
            None => problems.push(format!("{} has no log configuration", c.name)),
        }
    }
    Ok(if problems.is_empty() {
        Outcome::pass(format!(
            "all {} containers log to CloudWatch Logs (awslogs or FireLens)",
            containers.len()
        ))
    } else {
        Outcome::fail(format!(
            "logs not sent to CloudWatch: {}",
            problems.join("; ")
        ))
    })
}
