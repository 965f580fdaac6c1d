//! VPC endpoint services by the short name a program gives them (`com.amazonaws.<region>.<name>`).
//! Sources: Amazon VPC "Gateway endpoints" (only S3 and DynamoDB) and AWS PrivateLink "AWS services
//! that integrate with AWS PrivateLink" (a common subset: the list there is long and grows).

/// Services reachable through a gateway endpoint; both also offer interface endpoints.
pub const GATEWAY: &[&str] = &["dynamodb", "s3"];

/// Services reachable through an interface endpoint, sorted.
pub const INTERFACE: &[&str] = &[
    "application-autoscaling",
    "athena",
    "autoscaling",
    "bedrock-runtime",
    "cloudformation",
    "codebuild",
    "codecommit",
    "dynamodb",
    "ebs",
    "ec2",
    "ec2messages",
    "ecr.api",
    "ecr.dkr",
    "ecs",
    "ecs-agent",
    "ecs-telemetry",
    "elasticache",
    "elasticfilesystem",
    "elasticloadbalancing",
    "events",
    "execute-api",
    "glue",
    "kinesis-firehose",
    "kinesis-streams",
    "kms",
    "lambda",
    "logs",
    "monitoring",
    "rds",
    "s3",
    "sagemaker.api",
    "sagemaker.runtime",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "ssmmessages",
    "states",
    "sts",
    "xray",
];

pub fn is_gateway(name: &str) -> bool {
    GATEWAY.contains(&name)
}

pub fn is_known(name: &str) -> bool {
    INTERFACE.contains(&name) || GATEWAY.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_gateways_are_known() {
        let mut sorted = INTERFACE.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, INTERFACE);
        assert!(GATEWAY.iter().all(|g| is_known(g)));
        assert!(is_gateway("s3") && !is_gateway("ssm") && is_known("ecr.dkr"));
    }
}
