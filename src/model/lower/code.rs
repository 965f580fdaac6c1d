//! A function's code and subnets as written: an inline `source` file, a packaged one
//! (`inline = false`) or a packaged `code` folder, read through the loader; `subnet` or `subnets`.

use super::{Lowerer, missing, name_of};
use crate::diag::{Diag, codes};
use crate::model::schema::Kind;
use crate::model::{CodeFile, Package, Ref, S};
use crate::syntax::ast::Item;

use super::fields::Fields;

impl Lowerer<'_> {
    /// The path written, the inline text (empty when packaged or unreadable) and the package.
    pub(super) fn function_code(
        &mut self,
        item: &Item,
        f: &Fields,
    ) -> (S<String>, String, Option<Package>) {
        let source = f.string("source");
        let folder = f.string("code");
        let inline = f.boolean("inline");
        match (source, folder) {
            (Some(source), Some(folder)) => {
                self.error(
                    Diag::new(
                        codes::E0420,
                        folder.span,
                        "the function's code is given twice: `source` and `code`",
                        "a folder to package",
                    )
                    .with_label(source.span, "a file")
                    .help(
                        "keep `source` for one file (inlined, or packaged with `inline = false`) \
                         or `code` for a folder, not both",
                    ),
                );
                (source, String::new(), None)
            }
            (None, None) => {
                let name = name_of(item);
                self.error(
                    Diag::new(
                        codes::E0421,
                        name.span,
                        format!("function `{}` has no code", name.value),
                        "neither `source` nor `code`",
                    )
                    .help("write `source = \"handler.py\"` for one file or `code = \"app/\"` for a folder"),
                );
                (missing(item), String::new(), None)
            }
            (Some(source), None) => match self.read(&source) {
                Some(text) if inline.as_ref().is_some_and(|i| !i.value) => {
                    let path = source
                        .value
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    let package = Package {
                        folder: false,
                        files: vec![CodeFile { path, text }],
                    };
                    (source, String::new(), Some(package))
                }
                Some(text) => (source, text, None),
                None => (source, String::new(), None),
            },
            (None, Some(folder)) => {
                if let Some(inline) = inline {
                    self.error(
                        Diag::new(
                            codes::E0420,
                            inline.span,
                            "`inline` applies to a `source` file; a `code` folder is always packaged",
                            "not for a folder",
                        )
                        .with_label(folder.span, "packaged as a zip")
                        .help("remove `inline`"),
                    );
                }
                let package = self.read_folder(&folder);
                (folder, String::new(), package)
            }
        }
    }

    /// A file's text (a function's source, a layer's requirements file), or `None` with E0013
    /// reported.
    pub(super) fn read(&mut self, path: &S<String>) -> Option<String> {
        if path.value.is_empty() {
            return None;
        }
        match self.loader.load(&path.value) {
            Ok(text) => Some(text),
            Err(why) => {
                self.unreadable(path, &path.value, &why, false);
                None
            }
        }
    }

    /// Every file of the folder, or `None` with E0013 reported (unlistable, empty, unreadable).
    fn read_folder(&mut self, folder: &S<String>) -> Option<Package> {
        let dir = folder.value.trim_end_matches('/');
        let paths = match self.loader.list(dir) {
            Ok(paths) if paths.is_empty() => Err("the folder holds no files".to_string()),
            other => other,
        };
        let paths = match paths {
            Ok(paths) => paths,
            Err(why) => {
                self.unreadable(folder, &folder.value, &why, true);
                return None;
            }
        };
        let mut files = Vec::new();
        for path in paths {
            match self.loader.load(&format!("{dir}/{path}")) {
                Ok(text) => files.push(CodeFile { path, text }),
                Err(why) => {
                    self.unreadable(folder, &format!("{dir}/{path}"), &why, true);
                    return None;
                }
            }
        }
        Some(Package {
            folder: true,
            files,
        })
    }

    /// E0013 at the path written; `folder` when it names packaged code's folder.
    fn unreadable(&mut self, at: &S<String>, path: &str, why: &str, folder: bool) {
        let (label, help) = if folder {
            (
                "this folder",
                "the path is relative to the .cache file; check that the folder exists (its files \
                 are read as UTF-8 text: libraries go in a layer's `requirements`)",
            )
        } else {
            (
                "this file",
                "the path is relative to the .cache file; check that the file exists",
            )
        };
        self.error(
            Diag::new(
                codes::E0013,
                at.span,
                format!("cannot read `{path}`: {why}"),
                label,
            )
            .help(help),
        );
    }

    /// `subnet = a` or `subnets = [a, b]`, not both.
    pub(super) fn function_subnets(&mut self, item: &Item, f: &Fields) -> Vec<Ref> {
        let one = self.one_ref(f, "subnet", Kind::Subnet);
        let Some(many) = f.attrs.get("subnets") else {
            return one.into_iter().collect();
        };
        let refs = self.refs(f, "subnets", Kind::Subnet, item.kind.span).value;
        if let Some(single) = f.attrs.get("subnet") {
            self.error(
                Diag::new(
                    codes::E0422,
                    many.key.span,
                    "the function's subnets are given twice: `subnet` and `subnets`",
                    "several subnets",
                )
                .with_label(single.key.span, "one subnet")
                .help("list every subnet in `subnets = [...]` and remove `subnet`"),
            );
        }
        refs
    }
}
