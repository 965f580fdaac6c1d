//! Certificates made for one run: a CA of its own and one server certificate for every loopback
//! address of the run's TLS groups, so clients can verify the nodes as they verify ElastiCache's.

use std::net::{IpAddr, Ipv4Addr};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};

/// PEM texts: the CA certificate clients trust, and the nodes' certificate and key.
pub struct Material {
    pub ca: String,
    pub cert: String,
    pub key: String,
}

pub fn make(addresses: &[Ipv4Addr]) -> Result<Material, String> {
    let fail = |e: rcgen::Error| format!("cannot make the run's TLS certificates: {e}");
    let ca_key = KeyPair::generate().map_err(fail)?;
    let mut ca = CertificateParams::default();
    ca.distinguished_name
        .push(DnType::CommonName, "cachec local CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).map_err(fail)?;
    let issuer = Issuer::new(ca, ca_key);

    let key = KeyPair::generate().map_err(fail)?;
    let mut server = CertificateParams::default();
    server
        .distinguished_name
        .push(DnType::CommonName, "cachec local node");
    server.subject_alt_names = addresses
        .iter()
        .map(|a| SanType::IpAddress(IpAddr::V4(*a)))
        .collect();
    server
        .subject_alt_names
        .push(SanType::DnsName("localhost".try_into().map_err(fail)?));
    // Replicas present the same certificate when they connect to the primary.
    server.extended_key_usages = vec![
        rcgen::ExtendedKeyUsagePurpose::ServerAuth,
        rcgen::ExtendedKeyUsagePurpose::ClientAuth,
    ];
    let cert = server.signed_by(&key, &issuer).map_err(fail)?;
    Ok(Material {
        ca: ca_cert.pem(),
        cert: cert.pem(),
        key: key.serialize_pem(),
    })
}
