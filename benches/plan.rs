//! Criterion benchmarks of `cachec plan` on two generated programs of 2,000 caches that differ in
//! one cache (TLS turned on): building both sides and diffing them, and the diff alone.
// Results carry diagnostics by value, as in the library (see its crate root).
#![allow(clippy::result_large_err)]

use std::hint::black_box;
use std::time::Duration;

use cachec::generate::program;
use cachec::{Options, date::Date, plan};
use criterion::{Criterion, criterion_group, criterion_main};

fn options() -> Options {
    let mut options = Options::default();
    options.check.today = Date::new(2026, 11, 26);
    options
}

fn plan_2000(c: &mut Criterion) {
    let options = options();
    let old = program(1, 2000, 2);
    let mut new = program(1, 2000, 2);
    new.source = new
        .source
        .replacen("transit_encryption = false", "transit_encryption = true", 1);
    assert_ne!(old.source, new.source, "the programs differ");
    let mut group = c.benchmark_group("plan");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("build-both-and-plan/2000-caches", |b| {
        b.iter(|| {
            let (before, _) = cachec::build(black_box(&old.source), &old, &options);
            let (after, _) = cachec::build(black_box(&new.source), &new, &options);
            let (before, after) = (before.expect("builds"), after.expect("builds"));
            plan::plan(&before, &after, &[]).changes.len()
        })
    });
    let before = cachec::build(&old.source, &old, &options)
        .0
        .expect("builds");
    let after = cachec::build(&new.source, &new, &options)
        .0
        .expect("builds");
    let changes = plan::plan(&before, &after, &[]);
    assert!(!changes.changes.is_empty(), "the plan sees the change");
    group.bench_function("plan-only/2000-caches", |b| {
        b.iter(|| {
            plan::plan(black_box(&before), black_box(&after), &[])
                .changes
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, plan_2000);
criterion_main!(benches);
