//! Lambda runtimes: the identifiers CloudFormation accepts and when each stops being usable.
//! Sources: cfn-lint 1.51 `data/AdditionalSpecs/LmbdRuntimeLifecycle.json` (lifecycle dates, which
//! match the Lambda "Runtime deprecation policy" page) and the AWS::Lambda::Function schema's
//! `Runtime` enum (the identifiers).

use crate::date::Date;

/// Every runtime identifier the AWS::Lambda::Function schema accepts.
pub const RUNTIMES: &[&str] = &[
    "dotnet10",
    "dotnet6",
    "dotnet8",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "go1.x",
    "java11",
    "java17",
    "java21",
    "java25",
    "java8",
    "java8.al2",
    "nodejs",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "nodejs18.x",
    "nodejs20.x",
    "nodejs22.x",
    "nodejs24.x",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "provided",
    "provided.al2",
    "provided.al2023",
    "python2.7",
    "python3.10",
    "python3.11",
    "python3.12",
    "python3.13",
    "python3.14",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "ruby2.5",
    "ruby2.7",
    "ruby3.2",
    "ruby3.3",
    "ruby3.4",
    "ruby4.0",
];

/// When a runtime is deprecated, when creating and then updating functions on it is blocked, and
/// what AWS names as its successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    pub deprecated: Date,
    pub create_block: Date,
    pub update_block: Date,
    pub successor: Option<&'static str>,
}

const fn d(year: i32, month: u32, day: u32) -> Date {
    Date::new(year, month, day)
}

type Row = (&'static str, Date, Date, Date, Option<&'static str>);

/// (runtime, deprecated, create-block, update-block, successor); runtimes absent have no dates yet.
#[rustfmt::skip]
const LIFECYCLES: &[Row] = &[
    ("dotnet6", d(2024, 12, 20), d(2026, 6, 1), d(2026, 7, 1), Some("dotnet9")),
    ("dotnet8", d(2026, 11, 10), d(2026, 12, 10), d(2027, 1, 11), Some("dotnet9")),
    ("dotnetcore1.0", d(2019, 6, 27), d(2019, 6, 30), d(2019, 7, 30), Some("dotnet9")),
    ("dotnetcore2.0", d(2019, 5, 30), d(2019, 4, 30), d(2019, 5, 30), Some("dotnet9")),
    ("dotnetcore2.1", d(2022, 1, 5), d(2022, 1, 5), d(2022, 4, 13), Some("dotnet9")),
    ("dotnetcore3.1", d(2023, 4, 3), d(2023, 4, 3), d(2023, 5, 3), Some("dotnet9")),
    ("go1.x", d(2024, 1, 8), d(2024, 2, 8), d(2026, 7, 1), Some("provided.al2023")),
    ("java11", d(2026, 6, 30), d(2026, 7, 31), d(2026, 8, 31), Some("java25")),
    ("java17", d(2026, 6, 30), d(2026, 7, 31), d(2026, 8, 31), Some("java25")),
    ("java21", d(2029, 6, 30), d(2029, 7, 31), d(2029, 8, 31), Some("java25")),
    ("java25", d(2029, 6, 30), d(2029, 7, 31), d(2029, 8, 31), None),
    ("java8", d(2024, 1, 8), d(2024, 2, 8), d(2026, 7, 1), Some("java25")),
    ("java8.al2", d(2026, 6, 30), d(2026, 7, 31), d(2026, 8, 31), Some("java25")),
    ("nodejs", d(2016, 8, 30), d(2016, 9, 30), d(2016, 10, 31), Some("nodejs24.x")),
    ("nodejs10.x", d(2021, 7, 30), d(2021, 7, 30), d(2022, 2, 14), Some("nodejs24.x")),
    ("nodejs12.x", d(2023, 3, 31), d(2023, 3, 31), d(2023, 4, 30), Some("nodejs24.x")),
    ("nodejs14.x", d(2023, 12, 4), d(2024, 1, 9), d(2026, 7, 1), Some("nodejs24.x")),
    ("nodejs16.x", d(2024, 6, 12), d(2026, 6, 1), d(2026, 7, 1), Some("nodejs24.x")),
    ("nodejs18.x", d(2025, 9, 1), d(2026, 6, 1), d(2026, 7, 1), Some("nodejs24.x")),
    ("nodejs20.x", d(2026, 4, 30), d(2026, 6, 1), d(2026, 7, 1), Some("nodejs24.x")),
    ("nodejs22.x", d(2027, 4, 30), d(2027, 6, 1), d(2027, 7, 1), Some("nodejs24.x")),
    ("nodejs24.x", d(2028, 4, 30), d(2028, 6, 1), d(2028, 7, 1), None),
    ("nodejs4.3", d(2020, 3, 5), d(2020, 2, 3), d(2020, 3, 5), Some("nodejs24.x")),
    ("nodejs4.3-edge", d(2020, 3, 5), d(2019, 3, 31), d(2019, 4, 30), Some("nodejs24.x")),
    ("nodejs6.10", d(2019, 8, 12), d(2019, 7, 12), d(2019, 8, 12), Some("nodejs24.x")),
    ("nodejs8.10", d(2020, 3, 6), d(2020, 2, 4), d(2020, 3, 6), Some("nodejs24.x")),
    ("provided", d(2024, 1, 8), d(2024, 2, 8), d(2026, 7, 1), Some("provided.al2023")),
    ("provided.al2", d(2026, 6, 30), d(2026, 7, 31), d(2026, 8, 31), Some("provided.al2023")),
    ("provided.al2023", d(2029, 6, 30), d(2029, 7, 31), d(2029, 8, 31), None),
    ("python2.7", d(2021, 7, 15), d(2021, 7, 15), d(2022, 5, 30), Some("python3.14")),
    ("python3.10", d(2026, 6, 30), d(2026, 7, 31), d(2026, 8, 31), Some("python3.14")),
    ("python3.11", d(2026, 6, 30), d(2026, 7, 31), d(2026, 8, 31), Some("python3.14")),
    ("python3.12", d(2028, 10, 31), d(2028, 11, 30), d(2029, 1, 10), Some("python3.14")),
    ("python3.13", d(2029, 6, 30), d(2029, 7, 31), d(2029, 8, 31), Some("python3.14")),
    ("python3.14", d(2029, 6, 30), d(2029, 7, 31), d(2029, 8, 31), None),
    ("python3.6", d(2022, 7, 18), d(2022, 7, 18), d(2022, 8, 29), Some("python3.14")),
    ("python3.7", d(2023, 12, 4), d(2024, 1, 9), d(2026, 3, 9), Some("python3.14")),
    ("python3.8", d(2024, 10, 14), d(2026, 6, 1), d(2026, 7, 1), Some("python3.14")),
    ("python3.9", d(2025, 12, 15), d(2026, 6, 1), d(2026, 7, 1), Some("python3.14")),
    ("ruby2.5", d(2021, 7, 30), d(2021, 7, 30), d(2022, 3, 31), Some("ruby3.4")),
    ("ruby2.7", d(2023, 12, 7), d(2024, 1, 9), d(2026, 7, 1), Some("ruby3.4")),
    ("ruby3.2", d(2026, 3, 31), d(2026, 6, 1), d(2026, 7, 1), Some("ruby3.4")),
    ("ruby3.3", d(2027, 3, 31), d(2027, 4, 30), d(2027, 5, 31), Some("ruby3.4")),
    ("ruby3.4", d(2028, 3, 31), d(2028, 4, 30), d(2028, 5, 31), None),
];

pub fn is_known(runtime: &str) -> bool {
    RUNTIMES.contains(&runtime)
}

pub fn lifecycle(runtime: &str) -> Option<Lifecycle> {
    LIFECYCLES.iter().find(|row| row.0 == runtime).map(
        |&(_, deprecated, create_block, update_block, successor)| Lifecycle {
            deprecated,
            create_block,
            update_block,
            successor,
        },
    )
}

/// Whether a new function can be created on `runtime` on `day`.
pub fn creatable(runtime: &str, day: Date) -> bool {
    is_known(runtime) && lifecycle(runtime).is_none_or(|l| day < l.create_block)
}

/// Whether `runtime` is still supported (not deprecated) on `day`.
pub fn supported(runtime: &str, day: Date) -> bool {
    is_known(runtime) && lifecycle(runtime).is_none_or(|l| day < l.deprecated)
}

/// The runtime to move to: AWS's named successor when it is an identifier CloudFormation accepts
/// and still supported on `day`, else the newest supported runtime of the same language
/// (`dotnet9`, the named successor of .NET 8, exists only as a container base image).
pub fn replacement(runtime: &str, day: Date) -> Option<&'static str> {
    lifecycle(runtime)
        .and_then(|l| l.successor)
        .filter(|s| supported(s, day))
        .or_else(|| newest(language(runtime), day).filter(|r| *r != runtime))
}

/// The supported runtime of `language` whose support lasts longest (undated ones are the newest).
pub fn newest(language_name: &str, day: Date) -> Option<&'static str> {
    RUNTIMES
        .iter()
        .copied()
        .filter(|r| language(r) == language_name && supported(r, day))
        .max_by_key(|r| lifecycle(r).map_or(Date::new(9999, 12, 31), |l| l.deprecated))
}

/// `python3.12` -> `python`, `provided.al2023` -> `provided`.
pub fn language(runtime: &str) -> &str {
    let end = runtime
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(runtime.len());
    runtime.get(..end).unwrap_or(runtime)
}

/// CloudFormation accepts inline code (Code.ZipFile) only for these languages.
pub fn takes_inline_code(runtime: &str) -> bool {
    matches!(language(runtime), "python" | "nodejs")
}

#[cfg(test)]
mod tests {
    use super::*;

    const AS_OF: Date = Date::new(2026, 11, 26);

    #[test]
    fn lifecycle_dates_decide_what_can_be_created() {
        assert!(creatable("python3.12", AS_OF));
        assert!(!creatable("python3.11", AS_OF));
        assert!(creatable("python3.11", Date::new(2026, 7, 30)));
        assert!(!creatable("python3.11", Date::new(2026, 7, 31)));
        assert!(creatable("dotnet8", AS_OF) && !supported("dotnet8", AS_OF));
        assert!(creatable("ruby4.0", AS_OF));
        assert!(!creatable("python3.15", AS_OF));
    }

    #[test]
    fn every_dated_runtime_is_a_known_identifier() {
        for row in LIFECYCLES {
            assert!(is_known(row.0), "{}", row.0);
        }
    }

    #[test]
    fn replacements_are_supported_runtimes_of_the_same_language() {
        assert_eq!(replacement("python3.9", AS_OF), Some("python3.14"));
        assert_eq!(replacement("dotnet8", AS_OF), Some("dotnet10"));
        assert_eq!(replacement("go1.x", AS_OF), Some("provided.al2023"));
        assert_eq!(replacement("nodejs20.x", AS_OF), Some("nodejs24.x"));
        assert_eq!(language("provided.al2023"), "provided");
        assert_eq!(newest("python", Date::new(2029, 7, 1)), None);
        assert!(takes_inline_code("nodejs22.x") && !takes_inline_code("java21"));
    }
}
