//! IPv4 CIDR blocks, parsed by hand: `a.b.c.d/n`, four decimal octets and a prefix length.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub addr: u32,
    pub prefix: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrError {
    /// Not a CIDR block at all; the text says what is wrong with it.
    Syntax(&'static str),
    /// A well-formed address with bits set after the prefix: AWS wants the network address.
    HostBits { network: Cidr },
}

impl Cidr {
    pub fn parse(text: &str) -> Result<Cidr, CidrError> {
        let (addr, prefix) = text
            .split_once('/')
            .ok_or(CidrError::Syntax("no `/` and prefix length"))?;
        let mut value: u32 = 0;
        let mut count = 0;
        for part in addr.split('.') {
            let octet = number(part, 255).ok_or(CidrError::Syntax(
                "an IPv4 address is four numbers from 0 to 255",
            ))?;
            value = (value << 8) | octet;
            count += 1;
        }
        if count != 4 {
            return Err(CidrError::Syntax(
                "an IPv4 address is four numbers from 0 to 255",
            ));
        }
        let prefix = number(prefix, 32).ok_or(CidrError::Syntax(
            "the prefix length is a number from 0 to 32",
        ))?;
        let cidr = Cidr {
            addr: value,
            prefix: prefix as u8,
        };
        let network = Cidr {
            addr: value & cidr.mask(),
            prefix: cidr.prefix,
        };
        if network != cidr {
            return Err(CidrError::HostBits { network });
        }
        Ok(cidr)
    }

    fn mask(self) -> u32 {
        u32::MAX
            .checked_shl(32 - u32::from(self.prefix))
            .unwrap_or(0)
    }

    pub fn first(self) -> u32 {
        self.addr
    }

    pub fn last(self) -> u32 {
        self.addr | !self.mask()
    }

    /// Whether every address of `other` is in `self`.
    pub fn contains(self, other: Cidr) -> bool {
        self.first() <= other.first() && other.last() <= self.last()
    }
}

/// A decimal number without sign or leading zeros, at most `max`.
fn number(text: &str, max: u32) -> Option<u32> {
    let ok = !text.is_empty()
        && text.len() <= 3
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    ok.then(|| text.parse().ok())
        .flatten()
        .filter(|n| *n <= max)
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.addr.to_be_bytes();
        write!(f, "{a}.{b}.{c}.{d}/{}", self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Cidr {
        Cidr::parse(text).unwrap()
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(ok("10.0.0.0/16").to_string(), "10.0.0.0/16");
        assert_eq!(ok("0.0.0.0/0").last(), u32::MAX);
        assert_eq!(ok("10.0.1.7/32").first(), ok("10.0.1.7/32").last());
        for bad in [
            "10.0.0.0",
            "10.0.0/16",
            "10.0.0.0.0/16",
            "10.0.0.256/24",
            "10.0.0.0/33",
            "10.0.0.0/",
            "10.00.0.0/16",
            "10.0.0.0/016",
            "a.b.c.d/8",
            "10.0.0.-1/8",
            " 10.0.0.0/8",
        ] {
            assert!(
                matches!(Cidr::parse(bad), Err(CidrError::Syntax(_))),
                "{bad}"
            );
        }
        match Cidr::parse("10.0.1.5/16") {
            Err(CidrError::HostBits { network }) => assert_eq!(network.to_string(), "10.0.0.0/16"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn containment() {
        let vpc = ok("10.0.0.0/16");
        assert!(vpc.contains(ok("10.0.255.0/24")));
        assert!(vpc.contains(vpc));
        assert!(!vpc.contains(ok("10.1.0.0/24")));
        assert!(!vpc.contains(ok("10.0.0.0/15")));
        assert_eq!(
            ok("10.0.1.0/24").last(),
            u32::from_be_bytes([10, 0, 1, 255])
        );
    }
}
