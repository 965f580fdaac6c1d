//! `cachec graph`'s Mermaid, rendered by mermaid-cli with the system's Chromium (installed by
//! `scripts/setup-tools`): every label is in the picture, no box's title is covered by what the
//! box holds, and the zones run left to right in order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use cachec::graph::{Format, Graph, Group, GroupKind, build, render};

const MMDC: &str = "scripts/mermaid/node_modules/.bin/mmdc";

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CACHEC_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

fn inputs() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("examples")
        .filter_map(|e| Some(e.ok()?.path().join("stack.cache")))
        .chain(
            std::fs::read_dir("tests/graph")
                .expect("graph cases")
                .filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "cache")),
        )
        .filter(|p| p.exists())
        .collect();
    paths.sort();
    paths
}

fn graph(path: &Path) -> Graph {
    let src = std::fs::read_to_string(path).expect("readable");
    let loader = cachec::DirLoader(path.parent().expect("folder").to_path_buf());
    let checked = cachec::check(&src, &loader, &crate::common::options());
    build(&checked.model.expect("no errors"))
}

/// Every line of text the picture must show: box titles (one line with the detail), node titles
/// and details; edge labels are added by the caller.
fn texts(group: &Group, out: &mut Vec<String>) {
    out.push(if group.detail.is_empty() {
        group.title.clone()
    } else {
        format!("{} ({})", group.title, group.detail)
    });
    for node in &group.nodes {
        out.push(node.title.clone());
        out.push(node.detail.clone());
    }
    for sub in &group.groups {
        texts(sub, out);
    }
}

#[derive(Debug, Clone, Copy)]
struct Box2 {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Box2 {
    fn overlaps(&self, o: &Box2) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

fn translate(node: roxmltree::Node) -> (f64, f64) {
    let Some(t) = node.attribute("transform") else {
        return (0.0, 0.0);
    };
    let Some(args) = t
        .strip_prefix("translate(")
        .and_then(|t| t.split(')').next())
    else {
        return (0.0, 0.0);
    };
    let mut nums = args
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<f64>().unwrap_or(0.0));
    (nums.next().unwrap_or(0.0), nums.next().unwrap_or(0.0))
}

/// Where `node`'s user space sits: the sum of its own and its ancestors' translations.
fn origin(node: roxmltree::Node) -> (f64, f64) {
    node.ancestors()
        .map(translate)
        .fold((0.0, 0.0), |(x, y), (dx, dy)| (x + dx, y + dy))
}

fn num(node: roxmltree::Node, attr: &str) -> f64 {
    node.attribute(attr)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// The box of the first `tag` element under `node`, in the picture's coordinates.
fn first_box(node: roxmltree::Node, tag: &str) -> Option<Box2> {
    let el = node.descendants().find(|n| n.has_tag_name(tag))?;
    let (ox, oy) = origin(el.parent()?);
    Some(Box2 {
        x: ox + num(el, "x"),
        y: oy + num(el, "y"),
        w: num(el, "width"),
        h: num(el, "height"),
    })
}

/// The rendered picture: each cluster's box and title box, and each node's label box, by id;
/// and every line of text.
struct Picture {
    clusters: HashMap<String, (Box2, Box2)>,
    node_labels: HashMap<String, Box2>,
    lines: Vec<String>,
}

fn read_picture(svg: &str) -> Picture {
    let doc = roxmltree::Document::parse(svg).expect("mermaid-cli writes XML");
    let class_of = |n: &roxmltree::Node| n.attribute("class").unwrap_or_default().to_string();
    let mut clusters = HashMap::new();
    let mut node_labels = HashMap::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("g")) {
        let class = class_of(&n);
        let id = n.attribute("id").unwrap_or_default();
        if class.split(' ').any(|c| c == "cluster") {
            let name = id.rsplit_once("-").map_or(id, |(_, b)| b);
            // Cluster ids are `<svg id>-<subgraph id>`; subgraph ids hold `_` but no `-`.
            let rect = first_box(n, "rect").expect("cluster box");
            let label = first_box(n, "foreignObject").expect("cluster title");
            clusters.insert(name.to_string(), (rect, label));
        } else if class.split(' ').any(|c| c == "node") {
            // Node ids are `<svg id>-flowchart-<node id>-<n>`.
            let name = id
                .split_once("-flowchart-")
                .and_then(|(_, rest)| rest.rsplit_once('-'))
                .map(|(name, _)| name.to_string());
            if let (Some(name), Some(label)) = (name, first_box(n, "foreignObject")) {
                node_labels.insert(name, label);
            }
        }
    }
    let lines = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect();
    Picture {
        clusters,
        node_labels,
        lines,
    }
}

/// What lies in `group`'s box covers none of its title. A title's box is a line of 24 units
/// for text of 16: Mermaid draws the first box inside within the line's lower 4.
fn check_titles(name: &str, group: &Group, pic: &Picture) {
    for sub in &group.groups {
        let (_, line) = *pic.clusters.get(&sub.id).unwrap_or_else(|| {
            panic!(
                "{name}: no box `{}` among {:?}",
                sub.id,
                pic.clusters.keys()
            )
        });
        let title = Box2 {
            y: line.y + 4.0,
            h: line.h - 8.0,
            ..line
        };
        for inner in &sub.groups {
            let (rect, _) = *pic.clusters.get(&inner.id).expect("every box is drawn");
            assert!(
                !rect.overlaps(&title),
                "{name}: `{}` covers the title of `{}`",
                inner.id,
                sub.id
            );
        }
        for node in &sub.nodes {
            let label = *pic.node_labels.get(&node.id).unwrap_or_else(|| {
                panic!(
                    "{name}: no node `{}` among {:?}",
                    node.id,
                    pic.node_labels.keys()
                )
            });
            assert!(
                !label.overlaps(&title),
                "{name}: `{}` covers the title of `{}`",
                node.id,
                sub.id
            );
        }
        check_titles(name, sub, pic);
    }
}

/// Mermaid's layout (dagre) orders boxes by a crossing-minimising heuristic that the text can
/// steer but not pin. In valkey-3az and production (one group across three zones) it draws zone b
/// first whatever the order written; in unplaced, zone b, which no edge reaches, is laid out on
/// its own and placed as one node; in autoscaled, whose shards AWS places and whose subnets hold
/// nothing, the empty zones are stacked in one column; in packaged, whose two functions each span
/// both zones, it draws zone b first. The test fails if one comes into order, so the list stays
/// true.
const ZONES_OUT_OF_ORDER: &[&str] = &[
    "valkey-3az",
    "production",
    "unplaced",
    "autoscaled",
    "packaged",
];

#[test]
fn mermaid_cli_renders_every_label_and_keeps_zones_in_order() {
    let (Some(chromium), true) = (chromium(), Path::new(MMDC).exists()) else {
        eprintln!(
            "SKIPPED: needs Chromium (/usr/bin/chromium or CACHEC_CHROMIUM) and mermaid-cli \
             ({MMDC}); scripts/setup-tools installs both"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let config = serde_json::json!({
        "executablePath": chromium,
        "args": ["--no-sandbox", "--disable-gpu"],
    });
    let config_path = dir.path().join("puppeteer.json");
    std::fs::write(&config_path, config.to_string()).expect("config");
    let cases: Vec<(String, Graph)> = inputs()
        .iter()
        .map(|p| {
            let name = match p.file_stem().and_then(|s| s.to_str()) {
                Some("stack") => p.parent().and_then(Path::file_name),
                _ => p.file_stem(),
            };
            let name = name.expect("name").to_string_lossy().into_owned();
            (name, graph(p))
        })
        .collect();
    for (i, (name, g)) in cases.iter().enumerate() {
        let text = render(g, Format::Mermaid);
        for line in text
            .lines()
            .filter(|l| l.trim_start().starts_with("subgraph"))
        {
            assert!(
                !line.contains("<br"),
                "{name}: a subgraph title of one line: {line}"
            );
        }
        // One diagram a run: in a Markdown file of several, mermaid-cli lays them out otherwise.
        let input = dir.path().join(format!("{i}.mmd"));
        std::fs::write(&input, text).expect("input");
        let output = Command::new(MMDC)
            .arg("-q")
            .arg("-p")
            .arg(&config_path)
            .arg("-i")
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join(format!("{i}.svg")))
            .output()
            .expect("mmdc runs");
        assert!(
            output.status.success(),
            "{name}: mmdc failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for (i, (name, g)) in cases.iter().enumerate() {
        let svg_path = dir.path().join(format!("{i}.svg"));
        let svg = std::fs::read_to_string(&svg_path).expect("one SVG per diagram");
        let pic = read_picture(&svg);
        let mut wanted = Vec::new();
        texts(&g.root, &mut wanted);
        wanted.extend(g.edges.iter().map(|e| e.label.clone()));
        for w in wanted {
            assert!(pic.lines.contains(&w), "{name}: the picture lacks `{w}`");
        }
        check_titles(name, &g.root, &pic);
        let Some(vpc) = g.root.groups.iter().find(|g| g.kind == GroupKind::Vpc) else {
            continue;
        };
        let lefts: Vec<f64> = vpc.groups.iter().map(|z| pic.clusters[&z.id].0.x).collect();
        let in_order = lefts.windows(2).all(|w| w[0] < w[1]);
        assert_eq!(
            in_order,
            !ZONES_OUT_OF_ORDER.contains(&name.as_str()),
            "{name}: zones (and unplaced boxes) from the left: {:?} at {lefts:?}",
            vpc.groups.iter().map(|z| &z.title).collect::<Vec<_>>()
        );
    }
}
