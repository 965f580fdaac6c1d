//! The processor architectures Lambda and EC2 offer, shared by functions, layers and the AMI
//! lookup of instances (Lambda `Architectures`, EC2 instance type families).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Arm64,
}

impl Arch {
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }
}
