//! Criterion benchmarks of each stage (parse, lower and check, emit) and of the whole pipeline, on
//! the fa-063 example and on generated programs of 1 to 2,000 caches. `make bench` times the binary.
// Results carry diagnostics by value, as in the library (see its crate root).
#![allow(clippy::result_large_err)]

use std::hint::black_box;
use std::time::Duration;

use cachec::generate::{Generated, program};
use cachec::{DirLoader, Options, date::Date, emit, model::SourceLoader, syntax};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const SIZES: &[usize] = &[1, 10, 100, 1000, 2000];

/// A named input: its source and what loads its function sources.
struct Input {
    name: String,
    source: String,
    loader: Box<dyn SourceLoader>,
}

fn inputs() -> Vec<Input> {
    let example = "examples/fa-063/stack.cache";
    let mut inputs = vec![Input {
        name: "fa-063".into(),
        source: std::fs::read_to_string(example).expect("the example"),
        loader: Box::new(DirLoader("examples/fa-063".into())),
    }];
    for &caches in SIZES {
        let g: Generated = program(1, caches, 2);
        inputs.push(Input {
            name: format!("{caches}-caches"),
            source: g.source.clone(),
            loader: Box::new(g),
        });
    }
    inputs
}

fn options() -> Options {
    let mut options = Options::default();
    options.check.today = Date::new(2026, 11, 26);
    options
}

fn stages(c: &mut Criterion) {
    let options = options();
    for input in inputs() {
        let mut group = c.benchmark_group("stages");
        if input.source.len() > 500_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(8));
        }
        let loader = input.loader.as_ref();
        let file = syntax::parse(&input.source).expect("parses");
        let (model, _) = cachec::model::lower(&file, loader);
        group.bench_with_input(BenchmarkId::new("parse", &input.name), &input, |b, i| {
            b.iter(|| syntax::parse(black_box(&i.source)))
        });
        group.bench_with_input(
            BenchmarkId::new("lower+check", &input.name),
            &file,
            |b, f| {
                b.iter(|| {
                    let (model, diags) = cachec::model::lower(black_box(f), loader);
                    (cachec::check::check(&model, &options.check), diags)
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("emit", &input.name), &model, |b, m| {
            b.iter(|| emit::emit(black_box(m), options.emit))
        });
        group.bench_with_input(BenchmarkId::new("pipeline", &input.name), &input, |b, i| {
            b.iter(|| cachec::compile(black_box(&i.source), loader, &options))
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
