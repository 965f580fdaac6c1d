//! `cachec lsp`: a Language Server Protocol server over stdio that checks documents as they are
//! typed with the same library as the CLI, and answers hover, definition, completion and symbols.

mod completion;
mod context;
mod convert;
mod definition;
mod diagnostics;
mod document;
mod hover;
mod server;
mod symbols;

pub use server::run;

#[cfg(test)]
mod tests {
    use super::document::Document;
    use super::{completion, hover};

    /// Three syntax errors: one in the network, one in the cache, one in the layer.
    const BROKEN: &str = "stack \"s\" { region = \"ap-northeast-1\" }\n\
        network vpc {\n  cidr \"10.0.0.0/16\"\n  subnet a { zone = \"a\"  cidr = \"10.0.1.0/24\" }\n}\n\
        replication_group cache {\n  engine = \"redis\"\n  port =\n  subnets = [a]\n}\n\
        layer l { runtime = \"python3.12\"  requirements = [\"a\" \"b\"] }\n\
        instance client {\n  subnet = a\n  \n  image = \"al2023\"\n}\n";

    fn labels(items: Vec<lsp_types::CompletionItem>) -> Vec<String> {
        items.into_iter().map(|i| i.label).collect()
    }

    #[test]
    fn hover_and_completion_work_where_the_text_parses_around_syntax_errors() {
        let (_, errors) = crate::syntax::parse_partial(BROKEN);
        assert_eq!(errors.len(), 3, "{errors:?}");
        let mut doc = Document::new(BROKEN.to_string(), 1);
        doc.reparse();
        let view = doc.view().expect("a tree");

        let engine = BROKEN.find("engine").unwrap();
        let text = hover_text(hover::hover(&view, engine + 1));
        assert!(text.contains("redis"), "{text}");
        let image = BROKEN.find("image").unwrap();
        assert!(!hover_text(hover::hover(&view, image + 1)).is_empty());
        let cache = BROKEN.find("replication_group").unwrap();
        assert!(hover_text(hover::hover(&view, cache + 1)).contains("replication_group"));

        // A new key in the instance, and declared names of the kind a key expects.
        let blank = BROKEN.find("  \n  image").unwrap() + 2;
        let keys = labels(completion::complete(
            &doc.text,
            blank,
            Some(&view.parsed.file),
        ));
        assert!(keys.contains(&"instance_type".to_string()), "{keys:?}");
        assert!(
            !keys.contains(&"subnet".to_string()),
            "given already: {keys:?}"
        );
        let subnet = BROKEN.find("subnet = a").unwrap() + "subnet = ".len();
        let names = labels(completion::complete(
            &doc.text,
            subnet,
            Some(&view.parsed.file),
        ));
        assert_eq!(names, ["a"]);
    }

    #[test]
    fn parameters_are_completed_and_explained_from_the_parameter_table() {
        let text = "parameter_group p {\n  family = \"valkey8\"\n  parameters {\n    timeout = 300\n    maxmemory-policy = \"allkeys-lru\"\n    \n  }\n}\n";
        let mut doc = Document::new(text.to_string(), 1);
        doc.reparse();
        let view = doc.view().expect("a tree");
        let policy = text.find("maxmemory-policy").unwrap() + 12;
        let about = hover_text(hover::hover(&view, policy));
        assert!(
            about.starts_with("`maxmemory-policy`: what to evict") && about.contains("allkeys-lfu"),
            "{about}"
        );
        let blank = text.find("    \n  }").unwrap() + 4;
        let names = labels(completion::complete(text, blank, Some(&view.parsed.file)));
        assert!(
            names.contains(&"notify-keyspace-events".to_string()),
            "{names:?}"
        );
        assert!(!names.contains(&"timeout".to_string()), "given: {names:?}");
        assert!(
            !names.contains(&"maxclients".to_string()),
            "fixed: {names:?}"
        );
        let value = text.find("\"allkeys-lru\"").unwrap();
        let words = labels(completion::complete(text, value, Some(&view.parsed.file)));
        assert!(words.contains(&"noeviction".to_string()), "{words:?}");
    }

    fn hover_text(hover: Option<lsp_types::Hover>) -> String {
        match hover.map(|h| h.contents) {
            Some(lsp_types::HoverContents::Markup(m)) => m.value,
            _ => String::new(),
        }
    }
}
