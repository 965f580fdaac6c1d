//! JSON for CloudFormation: intrinsic functions in their long form (`{"Fn::GetAtt": [..]}`).

use serde_json::{Value, json};

use super::node::Node;

pub fn to_json(root: &Node) -> String {
    let mut text = serde_json::to_string_pretty(&value(root)).unwrap_or_default();
    text.push('\n');
    text
}

fn value(node: &Node) -> Value {
    match node {
        Node::Str(s) => Value::String(s.clone()),
        Node::Int(n) => json!(n),
        Node::Bool(b) => json!(b),
        Node::List(items) => Value::Array(items.iter().map(value).collect()),
        Node::Map(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), value(v))).collect()),
        Node::Ref(id) => json!({ "Ref": id }),
        Node::GetAtt(id, attr) => json!({ "Fn::GetAtt": [id, attr] }),
        Node::Sub(s) => json!({ "Fn::Sub": s }),
        Node::SubWith(s, vars) => json!({ "Fn::Sub": [s, value(&Node::Map(vars.clone()))] }),
        Node::Base64(inner) => json!({ "Fn::Base64": value(inner) }),
        Node::Select(index, inner) => json!({ "Fn::Select": [index, value(inner)] }),
        Node::Split(sep, inner) => json!({ "Fn::Split": [sep, value(inner)] }),
        Node::Join(sep, items) => {
            json!({ "Fn::Join": [sep, items.iter().map(value).collect::<Vec<_>>()] })
        }
    }
}
