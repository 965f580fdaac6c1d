//! `cachec graph`: Mermaid and DOT snapshots of every example and graph case, and an SVG that is
//! well-formed XML naming every declared thing.

use crate::common;

use std::path::Path;

use cachec::graph::{Format, build, render};
use cachec::model::Model;

fn model(path: &Path) -> Model {
    let src = std::fs::read_to_string(path).expect("readable");
    let loader = cachec::DirLoader(path.parent().expect("folder").to_path_buf());
    let checked = cachec::check(&src, &loader, &common::options());
    checked
        .model
        .unwrap_or_else(|| panic!("{} has errors: {:?}", path.display(), checked.diags))
}

/// Every name the program declares: the stack, the network and everything in and beside it.
fn declared_names(model: &Model) -> Vec<String> {
    let mut names = vec![
        model.stack.name.value.clone(),
        model.network.name.value.clone(),
    ];
    names.extend(model.network.subnets.iter().map(|s| s.name.value.clone()));
    names.extend(model.network.endpoints.iter().map(|e| e.name.value.clone()));
    names.extend(model.caches.iter().map(|c| c.name.value.clone()));
    names.extend(model.layers.iter().map(|l| l.name.value.clone()));
    names.extend(model.instances.iter().map(|i| i.name.value.clone()));
    names.extend(model.functions.iter().map(|f| f.name.value.clone()));
    names
}

fn snapshot_name(path: &Path) -> String {
    let folder = path.parent().and_then(Path::file_name).expect("folder");
    if path.file_name().is_some_and(|n| n == "stack.cache") {
        folder.to_string_lossy().into_owned()
    } else {
        path.file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned()
    }
}

fn check_one(path: &Path) {
    let model = model(path);
    let graph = build(&model);
    let name = snapshot_name(path);
    for (format, ext) in [(Format::Mermaid, "mmd"), (Format::Dot, "dot")] {
        let text = render(&graph, format);
        assert_eq!(
            text,
            render(&build(&model), format),
            "{name}: output differs between runs"
        );
        insta::with_settings!({ snapshot_path => "../graph/snapshots", snapshot_suffix => ext, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name.clone(), text);
        });
    }
    let svg = render(&graph, Format::Svg);
    let doc = roxmltree::Document::parse(&svg)
        .unwrap_or_else(|e| panic!("{name}: the SVG is not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for declared in declared_names(&model) {
        assert!(
            texts.contains(&declared.as_str()),
            "{name}: the SVG does not name `{declared}`"
        );
    }
    let edges = doc.descendants().filter(|n| n.has_tag_name("line")).count();
    assert_eq!(edges, graph.edges.len(), "{name}: one line per arrow");
}

#[test]
fn examples() {
    insta::glob!("../../examples", "*/stack.cache", check_one);
}

#[test]
fn cases() {
    insta::glob!("..", "graph/*.cache", check_one);
}

#[test]
fn every_connects_is_an_arrow_with_its_port() {
    let model = model(Path::new("examples/fa-063/stack.cache"));
    let graph = build(&model);
    let to_primary: Vec<(&str, &str)> = graph
        .edges
        .iter()
        .filter(|e| e.to == "cache_0_primary")
        .map(|e| (e.from.as_str(), e.label.as_str()))
        .collect();
    assert_eq!(to_primary, [("instance_0", "6379"), ("function_0", "6379")]);
}

/// The fa-063 diagram shown in the documentation is what `cachec graph` draws today.
#[test]
fn the_documented_diagram_is_current() {
    let model = model(Path::new("examples/fa-063/stack.cache"));
    let current = render(&build(&model), Format::Mermaid);
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir("docs")
        .expect("docs")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.push("README.md".into());
    let mut found = 0;
    for page in pages {
        let Ok(text) = std::fs::read_to_string(&page) else {
            continue;
        };
        for block in text.split("```mermaid\n").skip(1) {
            let block = block.split("```").next().unwrap_or_default();
            if block.starts_with("---\ntitle: fa-063") {
                assert_eq!(
                    block,
                    current,
                    "{}: regenerate with `cachec graph`",
                    page.display()
                );
                found += 1;
            }
        }
    }
    assert!(found > 0, "no page shows the fa-063 diagram");
}
