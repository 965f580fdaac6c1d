//! The one catalog of diagnostic codes: id, default severity, one-line title and long explanation.
//! Explanations live in `docs/codes/<ID>.md`; a code without one does not compile.

use super::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub explanation: &'static str,
}

macro_rules! catalog {
    ($($id:ident $sev:ident $title:literal;)*) => {
        $(
            #[doc = $title]
            pub const $id: Code = Code {
                id: stringify!($id),
                severity: Severity::$sev,
                title: $title,
                explanation: include_str!(concat!("../../docs/codes/", stringify!($id), ".md")),
            };
        )*
        /// Every code, in catalog order.
        pub const ALL: &[Code] = &[$($id),*];
    };
}

catalog! {
    // E00xx: syntax and structure.
    E0001 Error "syntax error";
    E0002 Error "unknown declaration kind";
    E0003 Error "unknown attribute";
    E0004 Error "value of the wrong type";
    E0005 Error "missing required attribute";
    E0006 Error "attribute given twice";
    E0007 Error "name declared twice";
    E0008 Error "unknown name";
    E0009 Error "reference to the wrong kind of thing";
    E0010 Error "missing or repeated top-level declaration";
    E0011 Error "unknown attribute of a reference";
    E0012 Error "value not among the allowed ones";
    E0013 Error "source file cannot be read";
    E0014 Error "declaration needs a name";
    // E065x: programs no split of the template set fits into CloudFormation's limits.
    E0651 Error "declaration too large for one template";
    E0652 Error "root template cannot hold the nested stacks";
}

/// The code with this id, ignoring case (`e0001` finds `E0001`).
pub fn lookup(id: &str) -> Option<Code> {
    ALL.iter().copied().find(|c| c.id.eq_ignore_ascii_case(id))
}
