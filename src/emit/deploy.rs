//! The deploy order of a Global Datastore's template sets, written beside them: the primary
//! region first (it creates the datastore), then each secondary with the datastore's id.

use super::Format;
use crate::model::Model;
use crate::model::ids::global_parameter_id;

/// The file's name in the output folder.
pub const FILE: &str = "DEPLOY.md";

/// The order and the AWS CLI commands, one region after the other.
pub fn order(model: &Model, secondaries: &[String], format: Format) -> String {
    let stack = &model.stack.name.value;
    let primary = model.stack.region.as_ref().map_or("", |r| r.value.as_str());
    let ext = format.extension();
    let ids: Vec<String> = model
        .caches
        .iter()
        .filter(|c| c.global.is_some())
        .map(|c| global_parameter_id(&c.name.value))
        .collect();
    let mut out = format!(
        "# Deploying {stack}: a Global Datastore in {} regions\n\n\
         Deploy in this order. The primary region creates the Global Datastore; each secondary\n\
         region's replication group joins it by the id the primary's stack outputs, passed as\n\
         the parameter of the same name (an export cannot cross regions). Each region's\n\
         `aws cloudformation package` needs an S3 bucket in that region.\n\n",
        1 + secondaries.len()
    );
    out.push_str(&format!(
        "## 1. {primary} (primary)\n\n```sh\n{}aws cloudformation deploy --region {primary} --stack-name {stack} \\\n  --template-file {primary}/packaged.{ext} --capabilities CAPABILITY_IAM\n",
        package(primary, ext)
    ));
    for id in &ids {
        out.push_str(&format!(
            "{id}=$(aws cloudformation describe-stacks --region {primary} --stack-name {stack} \\\n  --query \"Stacks[0].Outputs[?OutputKey=='{id}'].OutputValue\" --output text)\n"
        ));
    }
    out.push_str("```\n");
    for (i, region) in secondaries.iter().enumerate() {
        let overrides: Vec<String> = ids.iter().map(|id| format!("{id}=${id}")).collect();
        out.push_str(&format!(
            "\n## {}. {region} (secondary)\n\n```sh\n{}aws cloudformation deploy --region {region} --stack-name {stack} \\\n  --template-file {region}/packaged.{ext} --capabilities CAPABILITY_IAM \\\n  --parameter-overrides {}\n```\n",
            i + 2,
            package(region, ext),
            overrides.join(" ")
        ));
    }
    out.push_str(
        "\nTo delete, go the other way: each secondary region's stack first, then the primary's.\n",
    );
    out
}

fn package(region: &str, ext: &str) -> String {
    format!(
        "aws cloudformation package --region {region} --template-file {region}/stack.{ext} \\\n  --s3-bucket \"$BUCKET_{}\" --output-template-file {region}/packaged.{ext}\n",
        region.replace('-', "_").to_ascii_uppercase()
    )
}
