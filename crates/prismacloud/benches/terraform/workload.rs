//! One Terraform operation timed end to end, with the API calls the sandbox counted and the
//! peak memory and CPU time of every provider process Terraform started meanwhile.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::procfs;
use crate::support::{Acceptance, ApiCalls};

/// How often the run is checked for completion (the timing error is at most this).
const WAIT_POLL: Duration = Duration::from_millis(2);
/// How often provider processes are looked for and their peak RSS and CPU time read.
const RSS_POLL: Duration = Duration::from_millis(10);

/// The operations measured, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `terraform apply` from an empty state.
    Apply,
    /// `terraform plan` (with refresh) when nothing changed: must find no changes.
    Plan,
    /// `terraform destroy`.
    Destroy,
}

impl Op {
    pub const ALL: [Op; 3] = [Op::Apply, Op::Plan, Op::Destroy];

    pub fn name(self) -> &'static str {
        match self {
            Op::Apply => "apply",
            Op::Plan => "plan",
            Op::Destroy => "destroy",
        }
    }

    fn args(self) -> &'static [&'static str] {
        match self {
            Op::Apply => &["apply", "-auto-approve", "-input=false", "-no-color"],
            Op::Plan => &["plan", "-detailed-exitcode", "-input=false", "-no-color"],
            Op::Destroy => &["destroy", "-auto-approve", "-input=false", "-no-color"],
        }
    }
}

/// What one run cost.
#[derive(Debug, Clone)]
pub struct Measured {
    pub seconds: f64,
    pub calls: ApiCalls,
    /// Largest `VmHWM` of any provider process of the run, in KiB (0 when none was seen).
    pub peak_rss_kib: u64,
    /// CPU time of all provider processes of the run, as last seen before each exited.
    pub provider_cpu_seconds: f64,
    /// CPU time of the Terraform process itself (its children not included), as last seen.
    pub terraform_cpu_seconds: f64,
    /// CPU time of this process meanwhile: the in-process sandbox, and the watching.
    pub sandbox_cpu_seconds: f64,
}

/// A Terraform working directory: the sandbox-backed one for the provider, or one for the floor.
pub struct Workspace {
    pub t: Acceptance,
    provider: PathBuf,
}

impl Workspace {
    /// `hcl` is the whole `main.tf` (no provider block is added).
    pub fn new(t: Acceptance, hcl: &str, provider: &Path) -> anyhow::Result<Workspace> {
        std::fs::write(t.dir.path().join("main.tf"), hcl).context("write main.tf")?;
        Ok(Workspace {
            t,
            provider: provider.canonicalize().context("the provider binary")?,
        })
    }

    /// Runs `op` and measures it; fails if Terraform does (or a plan finds changes).
    pub fn run(&self, op: Op) -> anyhow::Result<Measured> {
        let out = self.t.dir.path().join(format!("{}.out", op.name()));
        let own_cpu = || procfs::cpu_seconds(std::process::id()).unwrap_or(0.0);
        let cpu_before = own_cpu();
        let ((seconds, status, watched), calls) = self.t.counting(|| {
            let mut cmd = self
                .t
                .command(op.args(), &self.t.dir.path().join("unused.log"));
            // As users run it: no logs (the test harness asks for the provider's trace).
            cmd.env_remove("TF_LOG_PROVIDER")
                .env_remove("TF_LOG_PATH")
                .stdin(Stdio::null())
                .stdout(File::create(&out).expect("an output file"))
                .stderr(Stdio::from(
                    File::options()
                        .append(true)
                        .open(&out)
                        .expect("the output file"),
                ));
            let started = Instant::now();
            let child = cmd.spawn().expect("the Terraform CLI starts");
            let (status, watched) = wait_watching(child, &self.provider);
            (started.elapsed().as_secs_f64(), status, watched)
        });
        let sandbox_cpu_seconds = own_cpu() - cpu_before;
        if status != Some(0) {
            let text = std::fs::read_to_string(&out).unwrap_or_default();
            bail!("terraform {} exited with {status:?}:\n{text}", op.name());
        }
        Ok(Measured {
            seconds,
            calls,
            peak_rss_kib: watched
                .providers
                .values()
                .map(|p| p.peak_rss_kib)
                .max()
                .unwrap_or(0),
            provider_cpu_seconds: watched.providers.values().map(|p| p.cpu_seconds).sum(),
            terraform_cpu_seconds: watched.terraform_cpu_seconds,
            sandbox_cpu_seconds,
        })
    }
}

/// What was last seen of one provider process.
#[derive(Debug, Default)]
struct Seen {
    peak_rss_kib: u64,
    cpu_seconds: f64,
}

/// What was seen of a Terraform run.
#[derive(Debug, Default)]
struct Watched {
    terraform_cpu_seconds: f64,
    providers: HashMap<u32, Seen>,
}

/// Waits for `child`, meanwhile watching it and its children that run `provider`.
fn wait_watching(mut child: Child, provider: &Path) -> (Option<i32>, Watched) {
    let mut seen = Watched::default();
    let mut last_scan = Instant::now() - RSS_POLL;
    loop {
        if last_scan.elapsed() >= RSS_POLL {
            last_scan = Instant::now();
            if let Ok(cpu) = procfs::cpu_seconds(child.id()) {
                seen.terraform_cpu_seconds = cpu;
            }
            for pid in procfs::children(child.id()) {
                if !procfs::runs(pid, provider) {
                    continue;
                }
                let process = seen.providers.entry(pid).or_default();
                if let Some(kib) = procfs::peak_rss_kib(pid) {
                    process.peak_rss_kib = process.peak_rss_kib.max(kib);
                }
                if let Ok(cpu) = procfs::cpu_seconds(pid) {
                    process.cpu_seconds = cpu;
                }
            }
        }
        match child.try_wait() {
            Ok(Some(status)) => return (status.code(), seen),
            Ok(None) => std::thread::sleep(WAIT_POLL),
            Err(_) => return (None, seen),
        }
    }
}

/// The provider configuration: `n` Slack integrations.
pub fn provider_hcl(n: usize) -> String {
    format!(
        r#"{provider}
resource "prismacloud_integration_slack" "bench" {{
  count       = {n}
  name        = "bench ${{count.index}}"
  description = "benchmark"
  webhook_url = "https://hooks.slack.com/services/T0000/B0000/bench-token"
}}
"#,
        provider = crate::support::PROVIDER_HCL
    )
}

/// The floor: `n` `terraform_data` resources holding the same values.
pub fn floor_hcl(n: usize) -> String {
    format!(
        r#"
resource "terraform_data" "bench" {{
  count = {n}
  input = {{
    name        = "bench ${{count.index}}"
    description = "benchmark"
    webhook_url = "https://hooks.slack.com/services/T0000/B0000/bench-token"
  }}
}}
"#
    )
}
