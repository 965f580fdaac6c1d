//! Packaging works: the real `aws cloudformation package`, the very command `make package` runs,
//! uploads the emitted nested templates to a bucket of a local moto server. Every TemplateURL is
//! rewritten into the bucket, each uploaded template says exactly what cachec emitted (through the
//! CLI's YAML reader, which is YAML 1.1 like CloudFormation's), every packaged function's local
//! code folder is rewritten into a zip in the bucket, and the packaged set lints clean.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::cfn::{ROOT, TemplateSet};
use crate::common::process::{Guard, free_port};
use cachec::emit::File;
use cachec::generate::program;
use serde_yaml::{Mapping, Value};

const BUCKET: &str = "cachec-package-test";

/// The AWS CLI pointed at the local moto server, with dummy credentials and no user config.
struct Aws {
    endpoint: String,
}

impl Aws {
    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("AWS_ENDPOINT_URL", &self.endpoint)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env_remove("AWS_PROFILE");
        cmd
    }

    fn run(&self, cmd: &mut Command, what: &str) -> Output {
        let output = cmd
            .output()
            .unwrap_or_else(|e| panic!("{what} cannot run ({e}); scripts/setup-tools installs it"));
        assert!(
            output.status.success(),
            "{what} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }
}

/// The `aws cloudformation package` line of `make package` for `example`, as make would run it.
fn make_package_command(example: &str) -> String {
    let output = Command::new("make")
        .args(["--no-print-directory", "-n", "package"])
        .arg(format!("BUCKET={BUCKET}"))
        .arg(format!("EXAMPLE={example}"))
        .output()
        .expect("make runs");
    let script = String::from_utf8_lossy(&output.stdout).replace("\\\n", " ");
    script
        .lines()
        .find(|l| l.trim_start().starts_with("aws cloudformation package"))
        .unwrap_or_else(|| {
            panic!("`make -n package` has no aws cloudformation package line:\n{script}")
        })
        .to_string()
}

/// A template as the CLI writes it back: intrinsic tags in their long form.
fn long_form(value: &Value) -> Value {
    match value {
        Value::Tagged(tagged) => {
            let name = tagged.tag.to_string().trim_start_matches('!').to_string();
            let inner = long_form(&tagged.value);
            let inner = match (name.as_str(), &inner) {
                ("GetAtt", Value::String(s)) => {
                    let (resource, attribute) = s.split_once('.').unwrap_or((s, ""));
                    Value::Sequence(vec![resource.into(), attribute.into()])
                }
                _ => inner,
            };
            let key = if name == "Ref" {
                name
            } else {
                format!("Fn::{name}")
            };
            let mut map = Mapping::new();
            map.insert(key.into(), inner);
            Value::Mapping(map)
        }
        Value::Mapping(m) => {
            Value::Mapping(m.iter().map(|(k, v)| (k.clone(), long_form(v))).collect())
        }
        Value::Sequence(s) => Value::Sequence(s.iter().map(long_form).collect()),
        other => other.clone(),
    }
}

fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("readable");
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

/// A nested template as emitted and where the packaged root says it was uploaded.
struct Upload {
    build: String,
    file: String,
    emitted: Value,
    key: String,
}

/// Packages one build with make's command; checks the packaged root and returns it, with the
/// uploads its TemplateURLs name.
fn package(
    aws: &Aws,
    work: &Path,
    name: &str,
    files: &[File],
    packaged_code: &mut Vec<(String, String, String)>,
) -> (PathBuf, Vec<Upload>) {
    let out = work.join("out").join(name);
    cachec::emit::write::write_all(&out, files).expect("templates written");
    let line = make_package_command(name);
    aws.run(
        aws.command("sh").arg("-c").arg(&line).current_dir(work),
        &format!("{name}: {line}"),
    );
    let set = TemplateSet::parse(files);
    let packaged_path = out.join("packaged.yaml");
    let packaged = read_yaml(&packaged_path);

    let prefix = format!("{}/{BUCKET}/", aws.endpoint);
    let mut expected_root = long_form(set.get(ROOT));
    let mut uploads = Vec::new();
    let stacks = set.resources(ROOT, "AWS::CloudFormation::Stack");
    assert!(!stacks.is_empty(), "{name}: no nested stacks to package");
    for (id, props) in stacks {
        let local = props["TemplateURL"].as_str().expect("a local TemplateURL");
        let url = packaged["Resources"][&id]["Properties"]["TemplateURL"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: {id} lost its TemplateURL"));
        let key = url
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{name}: {id}'s TemplateURL {url} is not in the bucket"));
        // Functions keep their inline code; a packaged function's local folder becomes a zip in
        // the bucket, which is all the uploaded template may differ in.
        let mut emitted = long_form(set.get(local));
        for (fid, function) in set.resources(local, "AWS::Lambda::Function") {
            if function["Code"]["ZipFile"].is_string() {
                continue;
            }
            let folder = function["Code"].as_str().unwrap_or_else(|| {
                panic!("{name}: {fid} in {local} has neither inline code nor a local folder")
            });
            assert!(
                out.join(folder).is_dir(),
                "{name}: {fid}'s code folder {folder} was not written"
            );
            packaged_code.push((name.to_string(), local.to_string(), fid.clone()));
            emitted["Resources"][&fid]["Properties"]["Code"] = Value::Null;
        }
        expected_root["Resources"][&id]["Properties"]["TemplateURL"] = url.into();
        uploads.push(Upload {
            build: name.to_string(),
            file: local.to_string(),
            emitted,
            key: key.to_string(),
        });
    }
    assert_eq!(
        packaged, expected_root,
        "{name}: the packaged root differs from the emitted one beyond its TemplateURLs"
    );
    (packaged_path, uploads)
}

/// Each layer whose Content was a local folder now reads a zip in the bucket, which holds the
/// folder's files (python/ at its top); the emitted template takes the uploaded location so the
/// rest can be compared. Returns how many there were.
fn packaged_folders(emitted: &mut Value, uploaded: &Value, fetched: &Path, build: &str) -> usize {
    let mut count = 0;
    let Some(resources) = emitted["Resources"].as_mapping_mut() else {
        return 0;
    };
    for (id, resource) in resources.iter_mut() {
        let is_layer = resource["Type"].as_str() == Some("AWS::Lambda::LayerVersion");
        if !is_layer || !resource["Properties"]["Content"].is_string() {
            continue;
        }
        let content = &uploaded["Resources"][id]["Properties"]["Content"];
        assert_eq!(
            content["S3Bucket"].as_str(),
            Some(BUCKET),
            "{build}: {id:?}'s Content was not uploaded: {content:?}"
        );
        let key = content["S3Key"].as_str().expect("an S3 key");
        let zip = std::fs::read(fetched.join(key)).expect("the uploaded zip");
        let listing = Command::new("python3")
            .args([
                "-c",
                "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
            ])
            .arg(fetched.join(key))
            .output()
            .expect("python3 runs");
        let names = String::from_utf8_lossy(&listing.stdout);
        assert!(
            !zip.is_empty() && names.lines().any(|n| n.starts_with("python/")),
            "{build}: {id:?}'s zip has no python/ folder at its top:\n{names}"
        );
        resource["Properties"]["Content"] = content.clone();
        count += 1;
    }
    count
}

#[test]
fn aws_cloudformation_package_uploads_every_nested_template() {
    let port = free_port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let mut moto = Guard::start(
        "moto_server",
        Command::new("moto_server").args(["-H", "127.0.0.1", "-p", &port.to_string()]),
    );
    moto.wait_listening(&format!("127.0.0.1:{port}"));
    let aws = Aws { endpoint };
    aws.run(
        aws.command("aws")
            .args(["s3api", "create-bucket", "--bucket", BUCKET]),
        "create-bucket",
    );

    let work = std::env::temp_dir().join(format!("cachec-package-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("work folder");
    let mut lint = Vec::new();
    let mut uploads = Vec::new();
    // (build, nested template, function) of every packaged function.
    let mut packaged_code = Vec::new();
    let mut builds = Vec::new();
    for example in ["fa-063", "packaged", "existing-network", "layers"] {
        // Local paths lead from the folder the templates are written to, as `cachec build -o`.
        let program = Path::new("examples").join(example);
        let mut options = common::options();
        options.assets = cachec::emit::local::prefix(&work.join("out").join(example), &program);
        let (files, rendered, _) = common::compile(&program.join("stack.cache"), &options);
        assert!(files.is_some(), "{example} has errors:\n{rendered}");
        builds.push((example.to_string(), files.expect("templates")));
    }
    for seed in [1, 2, 5] {
        let generated = program(seed, 1 + seed as usize % 3, 2);
        let (files, _) = cachec::compile(&generated.source, &generated, &common::options());
        let files = files.unwrap_or_else(|| panic!("seed {seed} does not compile"));
        builds.push((format!("gen-{seed}"), files));
    }
    for (name, files) in &builds {
        let (root, mut more) = package(&aws, &work, name, files, &mut packaged_code);
        lint.push(root);
        uploads.append(&mut more);
    }

    // Everything uploaded, fetched back at once: each nested template says what cachec emitted.
    let fetched = work.join("fetched");
    aws.run(
        aws.command("aws")
            .args(["s3", "cp", "--quiet", "--recursive"])
            .arg(format!("s3://{BUCKET}/"))
            .arg(&fetched),
        "download of the uploads",
    );
    let mut folders = 0;
    for upload in &uploads {
        let path = fetched.join(&upload.key);
        let mut uploaded = read_yaml(&path);
        for (build, file, fid) in &packaged_code {
            if *build != upload.build || *file != upload.file {
                continue;
            }
            // The local folder was rewritten into the bucket, as a zip the bucket holds.
            let code = uploaded["Resources"][fid.as_str()]["Properties"]["Code"].clone();
            assert_eq!(
                code["S3Bucket"].as_str(),
                Some(BUCKET),
                "{build}: {fid} {code:?}"
            );
            let key = code["S3Key"].as_str().expect("an S3Key");
            assert!(
                fetched.join(key).is_file(),
                "{build}: {fid}'s zip {key} is not in the bucket"
            );
            uploaded["Resources"][fid.as_str()]["Properties"]["Code"] = Value::Null;
        }
        let mut emitted = upload.emitted.clone();
        folders += packaged_folders(&mut emitted, &uploaded, &fetched, &upload.build);
        assert_eq!(
            uploaded, emitted,
            "{}: the uploaded {} differs from what cachec emitted",
            upload.build, upload.file
        );
        lint.push(path);
    }

    // The packaged URLs point at the local endpoint, which cfn-lint flags W3002 like local paths.
    let findings = common::cfn_lint(&lint, &[]);
    assert!(
        findings.trim().is_empty(),
        "cfn-lint on the packaged templates:\n{findings}"
    );
    assert!(folders > 0, "no layer folder was packaged");
    eprintln!(
        "package: {} templates packaged and linted, {folders} layer folder(s) uploaded",
        lint.len()
    );
    std::fs::remove_dir_all(&work).ok();
}
