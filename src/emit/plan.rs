//! The plan: every resource of the stack, each assigned to the section (nested template) it lives in.
//! Emitters fill it without caring about template boundaries; `nest` draws those afterwards.

use crate::hash::{IndexMap, IndexSet};

use super::node::{Node, Output, Parameter, Resource};
use crate::span::{Span, Spanned};

/// The nested templates, in the order the root lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Network,
    Endpoints,
    Cache,
    Layers,
    Instances,
    Functions,
}

impl Section {
    pub fn file_stem(self) -> &'static str {
        match self {
            Section::Network => "network",
            Section::Endpoints => "endpoints",
            Section::Cache => "cache",
            Section::Layers => "layers",
            Section::Instances => "instances",
            Section::Functions => "functions",
        }
    }

    /// Logical id of the `AWS::CloudFormation::Stack` that holds this section in the root.
    pub fn stack_id(self) -> &'static str {
        match self {
            Section::Network => "NetworkStack",
            Section::Endpoints => "EndpointsStack",
            Section::Cache => "CacheStack",
            Section::Layers => "LayersStack",
            Section::Instances => "InstancesStack",
            Section::Functions => "FunctionsStack",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Section::Network => "VPC, subnets, route tables and security groups",
            Section::Endpoints => "VPC endpoints",
            Section::Cache => "ElastiCache subnet groups and replication groups",
            Section::Layers => "Lambda layers built at deploy time",
            Section::Instances => "EC2 client instances",
            Section::Functions => "Lambda functions",
        }
    }
}

/// A resource or parameter of the plan, with its section and the declaration that owns it.
/// When a section is split, everything one owner has stays in one template.
#[derive(Debug, Clone)]
pub struct Planned<T> {
    pub section: Section,
    /// Index into [`Plan::owners`].
    pub owner: usize,
    pub item: T,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The stack name, used in template descriptions.
    pub name: String,
    /// Where the stack is declared, for diagnostics about the template set as a whole.
    pub span: Span,
    pub description: String,
    /// Parameters the user passes to the root template (the artifact bucket).
    pub root_parameters: IndexMap<String, Parameter>,
    /// Parameters with a default that belong to one section (AMI lookups).
    pub local_parameters: IndexMap<String, Planned<Parameter>>,
    pub resources: IndexMap<String, Planned<Resource>>,
    /// The declarations that own resources, per section, with the span of their name.
    pub owners: IndexSet<(Section, String)>,
    pub owner_spans: Vec<Span>,
    /// Outputs of the root (or single) template.
    pub outputs: IndexMap<String, Output>,
    /// Per resource, the span of the attribute behind each property (see [`super::trace`]).
    pub traces: IndexMap<String, IndexMap<String, Span>>,
    /// A secondary region's plan of a Global Datastore: its groups join the datastore.
    pub secondary: bool,
}

impl Plan {
    pub fn add(
        &mut self,
        section: Section,
        owner: &Spanned<String>,
        id: impl Into<String>,
        resource: Resource,
    ) {
        let owner = self.owner(section, owner);
        self.resources.insert(
            id.into(),
            Planned {
                section,
                owner,
                item: resource,
            },
        );
    }

    pub fn add_parameter(
        &mut self,
        section: Section,
        owner: &Spanned<String>,
        id: impl Into<String>,
        parameter: Parameter,
    ) {
        let owner = self.owner(section, owner);
        self.local_parameters.insert(
            id.into(),
            Planned {
                section,
                owner,
                item: parameter,
            },
        );
    }

    fn owner(&mut self, section: Section, owner: &Spanned<String>) -> usize {
        let key = (section, owner.value.clone());
        if let Some(index) = self.owners.get_index_of(&key) {
            return index;
        }
        self.owner_spans.push(owner.span);
        self.owners.insert_full(key).0
    }

    /// Records that `property` of resource `id` comes from the attribute at `span`.
    pub fn trace(&mut self, id: &str, property: &str, span: Span) {
        self.traces
            .entry(id.to_string())
            .or_default()
            .insert(property.to_string(), span);
    }

    pub fn output(&mut self, id: impl Into<String>, description: impl Into<String>, value: Node) {
        self.outputs.insert(
            id.into(),
            Output {
                description: description.into(),
                value,
                export: None,
            },
        );
    }

    /// An output that other stacks import by the export name `export`.
    pub fn exported(&mut self, id: String, description: String, value: Node, export: String) {
        self.published(id, description, value, Some(export));
    }

    /// An output exported by the name `export` when there is one, a plain output otherwise
    /// (an endpoint is exported only when its declaration says `export = true`).
    pub fn published(
        &mut self,
        id: String,
        description: String,
        value: Node,
        export: Option<String>,
    ) {
        self.outputs.insert(
            id,
            Output {
                description,
                value,
                export,
            },
        );
    }
}
