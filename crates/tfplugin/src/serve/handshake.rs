//! The text contract with Terraform: what its go-plugin client puts in our
//! environment, the one line we answer on stdout, and the reattach value that
//! debug mode prints for a human to paste.

use std::net::SocketAddr;
use std::ops::RangeInclusive;

use super::ServeError;

/// Environment variable holding go-plugin's magic cookie.
pub(crate) const MAGIC_COOKIE_KEY: &str = "TF_PLUGIN_MAGIC_COOKIE";
/// The cookie value Terraform sets for provider plugins. It only tells a
/// plugin that it was launched by Terraform; it is not a secret.
pub(crate) const MAGIC_COOKIE_VALUE: &str =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/// go-plugin's own protocol version (first field of the handshake line).
const CORE_PROTOCOL_VERSION: u32 = 1;
/// The Terraform plugin protocol major version we speak.
pub(crate) const PROTOCOL_VERSION: u32 = 6;

/// What Terraform tells a plugin it launches, through the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PluginEnv {
    /// Ports we may listen on; `0..=0` lets the system choose.
    pub(crate) ports: RangeInclusive<u16>,
    /// Terraform's client certificate (PEM) when AutoMTLS is on.
    pub(crate) client_cert_pem: Option<String>,
}

impl PluginEnv {
    /// Reads and checks the environment through `lookup` (`std::env::var` in
    /// production). A missing or wrong cookie means a human started us:
    /// [`ServeError::NotLaunchedByTerraform`] carries `not_a_plugin_message`.
    pub(crate) fn read(
        lookup: impl Fn(&str) -> Option<String>,
        not_a_plugin_message: &str,
    ) -> Result<Self, ServeError> {
        if lookup(MAGIC_COOKIE_KEY).as_deref() != Some(MAGIC_COOKIE_VALUE) {
            return Err(ServeError::NotLaunchedByTerraform {
                message: not_a_plugin_message.to_owned(),
            });
        }
        // Absent means an old host that names no versions; go-plugin then
        // serves its own version and lets the host judge. Present, it must
        // offer ours.
        if let Some(offered) = lookup("PLUGIN_PROTOCOL_VERSIONS")
            && !offered
                .split(',')
                .any(|v| v.trim().parse::<u32>() == Ok(PROTOCOL_VERSION))
        {
            return Err(ServeError::UnsupportedProtocol { offered });
        }
        let min = port_from_env(&lookup, "PLUGIN_MIN_PORT")?;
        let max = port_from_env(&lookup, "PLUGIN_MAX_PORT")?;
        if min > max {
            return Err(ServeError::InvalidEnv {
                name: "PLUGIN_MIN_PORT",
                reason: format!("{min} is greater than PLUGIN_MAX_PORT ({max})"),
            });
        }
        let client_cert_pem = lookup("PLUGIN_CLIENT_CERT").filter(|pem| !pem.trim().is_empty());
        Ok(Self {
            ports: min..=max,
            client_cert_pem,
        })
    }
}

fn port_from_env(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<u16, ServeError> {
    match lookup(name) {
        None => Ok(0),
        Some(text) if text.trim().is_empty() => Ok(0),
        Some(text) => text.trim().parse().map_err(|_| ServeError::InvalidEnv {
            name,
            reason: format!("{text:?} is not a port number"),
        }),
    }
}

/// The handshake line: `CORE|PROTOCOL|tcp|ADDR|grpc|CERT`, where CERT is our
/// certificate (DER, base64 standard alphabet, no padding), empty without TLS.
pub(crate) fn handshake_line(addr: SocketAddr, certificate_base64: Option<&str>) -> String {
    format!(
        "{CORE_PROTOCOL_VERSION}|{PROTOCOL_VERSION}|tcp|{addr}|grpc|{}",
        certificate_base64.unwrap_or_default()
    )
}

/// Where a debug-mode server listens, as go-plugin's `ReattachConfig.Addr`
/// names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReattachAddr {
    /// `"unix"` or `"tcp"`.
    pub(crate) network: &'static str,
    /// A socket path or `host:port`.
    pub(crate) address: String,
}

/// The `TF_REATTACH_PROVIDERS` value: a JSON object keyed by the provider's
/// source address, shaped like Terraform's `plugin.ReattachConfig`.
pub(crate) fn reattach_json(provider_address: &str, pid: u32, addr: &ReattachAddr) -> String {
    serde_json::json!({
        provider_address: {
            "Protocol": "grpc",
            "ProtocolVersion": PROTOCOL_VERSION,
            "Pid": pid,
            "Test": true,
            "Addr": { "Network": addr.network, "String": addr.address },
        }
    })
    .to_string()
}

/// What debug mode prints on stdout: how to point Terraform at us, with the
/// value quoted for POSIX shells.
pub(crate) fn reattach_instructions(reattach_json: &str) -> String {
    let quoted = reattach_json.replace('\'', r#"'"'"'"#);
    format!(
        "Provider server started in debug mode.\n\
         To make Terraform use this process instead of launching its own, set this\n\
         variable in the shell that runs Terraform:\n\
         \n\
         \tTF_REATTACH_PROVIDERS='{quoted}'\n\
         \n\
         Stop the server with Ctrl-C.\n"
    )
}

#[cfg(test)]
mod tests;
