//! Reading an emitted template set the way CloudFormation does: parsed YAML, intrinsic tags kept,
//! and a value followed across nested stacks to the resource attribute that produces it.

use serde_yaml::Value;

/// The parsed templates of one build, by file name; the root is `stack.yaml`.
pub struct TemplateSet {
    pub templates: Vec<(String, Value)>,
}

pub const ROOT: &str = "stack.yaml";

impl TemplateSet {
    pub fn parse(files: &[cachec::emit::File]) -> Self {
        TemplateSet {
            templates: files
                .iter()
                .filter(|f| f.is_template())
                .map(|f| {
                    let value = serde_yaml::from_str(&f.contents)
                        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", f.name));
                    (f.name.clone(), value)
                })
                .collect(),
        }
    }

    pub fn get(&self, file: &str) -> &Value {
        self.templates
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, t)| t)
            .unwrap_or_else(|| panic!("no template {file}"))
    }

    /// The resources of `file` of this type, as (logical id, properties).
    pub fn resources(&self, file: &str, ty: &str) -> Vec<(String, Value)> {
        let Some(resources) = self.get(file)["Resources"].as_mapping() else {
            return Vec::new();
        };
        resources
            .iter()
            .filter(|(_, r)| r["Type"].as_str() == Some(ty))
            .map(|(id, r)| {
                (
                    id.as_str().unwrap_or_default().to_string(),
                    r["Properties"].clone(),
                )
            })
            .collect()
    }

    /// The nested stack resource of the root whose TemplateURL is `file`.
    fn stack_of(&self, file: &str) -> Option<(String, Value)> {
        self.resources(ROOT, "AWS::CloudFormation::Stack")
            .into_iter()
            .find(|(_, p)| p["TemplateURL"].as_str() == Some(file))
    }

    fn file_of_stack(&self, stack: &str) -> Option<String> {
        let root = self.get(ROOT);
        root["Resources"][stack]["Properties"]["TemplateURL"]
            .as_str()
            .map(str::to_string)
    }

    /// Follows `value`, found in `file`, through nested-stack parameters and outputs until it is
    /// no longer a wire: returns the template it ends in and the value there.
    pub fn resolve(&self, file: &str, value: &Value) -> (String, Value) {
        match intrinsic(value) {
            Some(("!Ref", name)) if file != ROOT => {
                let param = self.get(file)["Parameters"].get(name);
                match (param, self.stack_of(file)) {
                    (Some(_), Some((_, props))) => {
                        self.resolve(ROOT, &props["Parameters"][name].clone())
                    }
                    _ => (file.to_string(), value.clone()),
                }
            }
            Some(("!GetAtt", target)) => {
                let mut parts = target.splitn(3, '.');
                match (parts.next(), parts.next(), parts.next()) {
                    (Some(stack), Some("Outputs"), Some(output)) => {
                        let nested = self
                            .file_of_stack(stack)
                            .unwrap_or_else(|| panic!("{file}: no stack {stack}"));
                        let out = self.get(&nested)["Outputs"][output]["Value"].clone();
                        self.resolve(&nested, &out)
                    }
                    _ => (file.to_string(), value.clone()),
                }
            }
            _ => (file.to_string(), value.clone()),
        }
    }
}

/// `!Ref X` or `!GetAtt X.Y` as (tag, scalar); other values give `None`.
pub fn intrinsic(value: &Value) -> Option<(&str, &str)> {
    let Value::Tagged(tagged) = value else {
        return None;
    };
    let tag = if tagged.tag == "Ref" {
        "!Ref"
    } else if tagged.tag == "GetAtt" {
        "!GetAtt"
    } else {
        return None;
    };
    Some((tag, tagged.value.as_str()?))
}
