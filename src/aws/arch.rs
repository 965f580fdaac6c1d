//! The processor architectures Lambda and EC2 offer, shared by functions, layers and the AMI
//! lookup of instances (Lambda `Architectures`, EC2 instance type families).

use crate::words::{Word, words};

words! {
    /// An instruction set, as Lambda's `Architectures` and the language spell it.
    pub enum Arch {
        X86_64 = "x86_64",
        Arm64 = "arm64",
    }
}

impl Arch {
    pub fn as_str(self) -> &'static str {
        self.word()
    }
}
