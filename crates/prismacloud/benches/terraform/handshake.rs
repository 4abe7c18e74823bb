//! Start-up to handshake: the provider binary started as Terraform starts it (magic cookie,
//! protocol versions, port range, Terraform's client certificate), timed until its one
//! handshake line arrives on stdout.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context as _, bail};

use crate::plugin_support::{ClientIdentity, terraform_env};

/// Milliseconds from spawn to handshake line, sorted, one per run.
pub fn measure(provider: &Path, runs: usize) -> anyhow::Result<Vec<f64>> {
    let identity = ClientIdentity::terraform_like();
    // As Terraform sets it up, without the trace logging the test helper asks for.
    let env: Vec<(String, String)> = terraform_env(Some(&identity))
        .into_iter()
        .filter(|(name, _)| name != "TF_LOG")
        .collect();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let mut child = Command::new(provider)
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("start the provider")?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().context("piped stdout")?)
            .read_line(&mut line)
            .context("read the handshake line")?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        child.kill().ok();
        child.wait().ok();
        if !line.starts_with("1|6|") {
            bail!("not a handshake line: {line:?}");
        }
        times.push(elapsed);
    }
    times.sort_by(f64::total_cmp);
    Ok(times)
}
