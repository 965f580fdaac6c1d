//! `cachec graph`: Mermaid and DOT snapshots of every example and graph case, an SVG that is
//! well-formed XML naming every declared thing, and a layout whose edges go round boxes.

use crate::common;

use std::path::Path;

use cachec::graph::{BoxKind, Format, Layout, Point, Rect, build, layout, render};
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
    names.extend(model.serverless.iter().map(|c| c.name.value.clone()));
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
    let arrows = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("marker-end").is_some())
        .count();
    assert_eq!(arrows, graph.edges.len(), "{name}: one path per arrow");
    for edge in &graph.edges {
        assert!(
            texts.contains(&edge.label.as_str()),
            "{name}: the SVG does not write the label `{}`",
            edge.label
        );
    }

    let laid = layout(&graph);
    assert_eq!(
        laid,
        layout(&build(&model)),
        "{name}: layout differs between runs"
    );
    assert_eq!(
        laid.edges.len(),
        graph.edges.len(),
        "{name}: every edge is drawn"
    );
    check_boxes(&name, &laid);
    check_edges(&name, &laid);
    check_labels(&name, &laid);
}

/// Rectangles whose interiors overlap (touching borders do not).
fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn inside(inner: &Rect, outer: &Rect) -> bool {
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.x + inner.w <= outer.x + outer.w
        && inner.y + inner.h <= outer.y + outer.h
}

/// The axis-parallel segment from `a` to `b` has a point strictly inside `r`.
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    let x_in = x1 > r.x && x0 < r.x + r.w;
    let y_in = y1 > r.y && y0 < r.y + r.h;
    let x_in = x_in || (x0 == x1 && x0 > r.x && x0 < r.x + r.w);
    let y_in = y_in || (y0 == y1 && y0 > r.y && y0 < r.y + r.h);
    x_in && y_in
}

fn on_border(p: Point, r: &Rect) -> bool {
    let within_x = p.x >= r.x && p.x <= r.x + r.w;
    let within_y = p.y >= r.y && p.y <= r.y + r.h;
    (within_y && (p.x == r.x || p.x == r.x + r.w)) || (within_x && (p.y == r.y || p.y == r.y + r.h))
}

/// Each box lies in its parent, its text in itself, and siblings do not overlap.
fn check_boxes(name: &str, laid: &Layout) {
    for (i, b) in laid.boxes.iter().enumerate() {
        assert!(
            inside(&b.text, &b.rect),
            "{name}: `{}` writes outside itself",
            b.id
        );
        if let Some(p) = b.parent {
            assert!(
                inside(&b.rect, &laid.boxes[p].rect),
                "{name}: `{}` sticks out",
                b.id
            );
        }
        for other in &laid.boxes[i + 1..] {
            if other.parent == b.parent {
                assert!(
                    !overlap(&b.rect, &other.rect),
                    "{name}: `{}` and `{}` overlap",
                    b.id,
                    other.id
                );
            }
        }
    }
}

/// Every edge runs from the border of one node to the border of the other in horizontal and
/// vertical segments, through no node, no box that holds neither end, and no text.
fn check_edges(name: &str, laid: &Layout) {
    for e in &laid.edges {
        let (from, to) = (&laid.boxes[e.from], &laid.boxes[e.to]);
        let what = format!("{name}: the edge `{}` -> `{}`", from.id, to.id);
        assert!(e.path.len() >= 2, "{what} has no segment");
        assert!(
            on_border(e.path[0], &from.rect),
            "{what} does not start on its node"
        );
        assert!(
            on_border(e.path[e.path.len() - 1], &to.rect),
            "{what} does not end on its node"
        );
        for pair in e.path.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(a != b, "{what} has an empty segment");
            assert!(a.x == b.x || a.y == b.y, "{what} has a slanted segment");
            for (i, bx) in laid.boxes.iter().enumerate() {
                let holds_an_end = laid.holds(i, e.from) || laid.holds(i, e.to);
                let is_node = matches!(bx.kind, BoxKind::Node(_));
                assert!(
                    !(crosses(a, b, &bx.rect) && (is_node || !holds_an_end)),
                    "{what} passes through `{}` ({a:?} to {b:?})",
                    bx.id
                );
                assert!(
                    !crosses(a, b, &bx.text),
                    "{what} crosses the text of `{}` ({a:?} to {b:?})",
                    bx.id
                );
            }
        }
    }
}

/// No label covers a node, a box's text or another label, and each lies in the picture.
fn check_labels(name: &str, laid: &Layout) {
    let picture = Rect {
        x: 0.0,
        y: 0.0,
        w: laid.width,
        h: laid.height,
    };
    for (i, e) in laid.edges.iter().enumerate() {
        let r = &e.label_rect;
        let what = format!("{name}: the label `{}` of edge {i}", e.label);
        assert!(inside(r, &picture), "{what} is outside the picture");
        for b in &laid.boxes {
            let covered = match b.kind {
                BoxKind::Node(_) => &b.rect,
                BoxKind::Group(_) => &b.text,
            };
            assert!(!overlap(r, covered), "{what} covers `{}`", b.id);
        }
        for (j, other) in laid.edges.iter().enumerate().skip(i + 1) {
            assert!(
                !overlap(r, &other.label_rect),
                "{what} covers the label of edge {j}"
            );
        }
    }
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
