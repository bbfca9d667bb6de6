//! TLS for sync: a server's certificate is trusted when the system's roots
//! vouch for it (the OS's own store, as the browser and the mail client
//! use), or when it is exactly the one the user chose to trust for this
//! account, by its SHA-256 fingerprint (a self-signed Radicale or Nextcloud
//! at home). Nothing else is accepted: a certificate neither vouches for is
//! refused, and the refusal carries its fingerprint so the user can compare
//! it with the one the server shows and trust it explicitly; a pinned
//! certificate that changed is refused again, saying so.
//!
//! A pinned certificate is matched whole, so its names and dates are not
//! checked: the user vouched for that very certificate. A changed one that
//! the system's roots vouch for (the server moved to a public authority)
//! is accepted as any such server is.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::error::{CoreError, Result, UntrustedCertificate};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

/// `der`'s SHA-256 as "AB:CD:…", the way browsers and `openssl x509
/// -fingerprint -sha256` show it.
pub(crate) fn fingerprint(der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    colon_hex(digest.as_ref())
}

fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A fingerprint as the user pasted it (colons or not, any case, with
/// `openssl`'s "sha256 Fingerprint=" before it) in the form kept, or
/// `None` when it is not 32 bytes of hex.
pub fn normalize_fingerprint(input: &str) -> Option<String> {
    let hex: String = input
        .rsplit('=')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .collect();
    if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16))
        .collect::<std::result::Result<_, _>>()
        .ok()?;
    Some(colon_hex(&bytes))
}

/// The system's roots, read once per process (a few hundred files). A
/// system with none (no CA bundle installed) falls back to the Mozilla
/// roots ureq ships, so public servers still work there.
fn system_roots() -> Arc<RootCertStore> {
    static ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let mut roots = RootCertStore::empty();
            roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
            if roots.is_empty() {
                roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            }
            Arc::new(roots)
        })
        .clone()
}

/// The TLS settings of one account's connections, and the last
/// certificate they refused.
pub(crate) struct Tls {
    pub config: Arc<ClientConfig>,
    refused: Arc<Mutex<Option<String>>>,
    trusted: Option<String>,
}

impl Tls {
    /// Trusting the system's roots and, if given, the certificate with the
    /// `trusted` fingerprint.
    pub fn new(trusted: Option<&str>) -> Result<Tls> {
        let broken = |e: rustls::Error| CoreError::Server(format!("TLS cannot be set up ({e})"));
        #[allow(
            deprecated,
            reason = "ring, as ureq's own TLS: the post-quantum aws-lc-rs is a heavy C build"
        )]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let system = WebPkiServerVerifier::builder_with_provider(system_roots(), provider.clone())
            .build()
            .map_err(|e| CoreError::Server(format!("TLS cannot be set up ({e})")))?;
        let refused = Arc::new(Mutex::new(None));
        let verifier = Verifier {
            system,
            trusted: trusted.map(str::to_owned),
            refused: refused.clone(),
            algorithms: provider.signature_verification_algorithms,
        };
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(broken)?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Ok(Tls {
            config: Arc::new(config),
            refused,
            trusted: trusted.map(str::to_owned),
        })
    }

    /// The certificate refused by the connection that just failed, if a
    /// refused certificate is why it failed.
    pub fn take_refused(&self, url: &str) -> Option<UntrustedCertificate> {
        let fingerprint = self
            .refused
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()?;
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| url.to_owned());
        Some(UntrustedCertificate {
            host,
            fingerprint,
            trusted: self.trusted.clone(),
        })
    }
}

#[derive(Debug)]
struct Verifier {
    system: Arc<WebPkiServerVerifier>,
    trusted: Option<String>,
    refused: Arc<Mutex<Option<String>>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let seen = fingerprint(end_entity.as_ref());
        if self.trusted.as_deref() == Some(seen.as_str()) {
            return Ok(ServerCertVerified::assertion());
        }
        let verdict = self.system.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        if let Err(rustls::Error::InvalidCertificate(_)) = &verdict {
            *self.refused.lock().unwrap_or_else(PoisonError::into_inner) = Some(seen);
        }
        verdict
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_fingerprint_is_kept_in_one_form_whatever_its_spelling() {
        let kept = format!("AB:{}", ["01"; 31].join(":"));
        for pasted in [
            kept.clone(),
            kept.to_lowercase(),
            kept.replace(':', ""),
            format!("sha256 Fingerprint={kept}"),
            format!("  {}  ", kept.replace(':', " ")),
        ] {
            assert_eq!(
                normalize_fingerprint(&pasted),
                Some(kept.clone()),
                "{pasted}"
            );
        }
    }

    #[test]
    fn what_is_not_a_sha256_fingerprint_is_refused() {
        for pasted in [
            "",
            "AB:CD",
            &"G".repeat(64),
            &"AB".repeat(33),
            "é".repeat(32).as_str(),
        ] {
            assert_eq!(normalize_fingerprint(pasted), None, "{pasted}");
        }
    }

    #[test]
    fn a_fingerprint_is_the_sha256_of_the_certificate_in_upper_case_pairs() {
        // SHA-256 of the empty input, a value anyone can check.
        assert_eq!(
            fingerprint(b"").replace(':', ""),
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"
        );
        assert_eq!(fingerprint(b"x").len(), 32 * 3 - 1);
    }
}
