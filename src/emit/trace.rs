//! The source map: for every emitted resource, the declaration it came from and, where an emitter
//! knows it, the attribute behind each property. Built beside the templates, which stay unchanged.

use crate::hash::IndexMap;

use super::node::Template;
use super::plan::Plan;
use crate::span::Span;

/// Where one resource came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traced {
    /// The file stem of the template the resource lives in (`stack` for the root).
    pub template: String,
    /// The name of the declaration that owns the resource.
    pub owner: String,
    /// The span of that declaration's name.
    pub span: Span,
    /// Property name to the span of the attribute that set it; missing when it was defaulted.
    pub properties: IndexMap<String, Span>,
}

/// Every resource of a template set by logical id, in emission order; deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    pub resources: IndexMap<String, Traced>,
    /// The span of the stack's name, for what belongs to the template set as a whole.
    pub stack: Span,
}

impl SourceMap {
    /// The map of a plan; templates are filled in by [`SourceMap::place`] once the set is split.
    pub fn of(plan: &Plan) -> SourceMap {
        let resources = plan
            .resources
            .iter()
            .map(|(id, planned)| {
                let owner = plan
                    .owners
                    .get_index(planned.owner)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default();
                let span = plan
                    .owner_spans
                    .get(planned.owner)
                    .copied()
                    .unwrap_or_default();
                let traced = Traced {
                    template: String::new(),
                    owner,
                    span,
                    properties: plan.traces.get(id).cloned().unwrap_or_default(),
                };
                (id.clone(), traced)
            })
            .collect();
        SourceMap {
            resources,
            stack: plan.span,
        }
    }

    /// Records which template each resource landed in; resources only the split adds (the
    /// nested stacks of the root) are traced to the stack declaration.
    pub fn place(&mut self, templates: &[(String, Template)], stack: &str, stack_span: Span) {
        for (stem, template) in templates {
            for id in template.resources.keys() {
                let traced = self.resources.entry(id.clone()).or_insert_with(|| Traced {
                    template: String::new(),
                    owner: stack.to_string(),
                    span: stack_span,
                    properties: IndexMap::default(),
                });
                traced.template.clone_from(stem);
            }
        }
    }

    /// The span of the attribute behind `property` of resource `id`, else of its declaration.
    pub fn span(&self, id: &str, property: Option<&str>) -> Option<Span> {
        let traced = self.resources.get(id)?;
        Some(
            property
                .and_then(|p| traced.properties.get(p).copied())
                .unwrap_or(traced.span),
        )
    }
}
