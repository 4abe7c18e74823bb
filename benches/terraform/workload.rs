//! One Terraform operation timed end to end, with the API calls the sandbox counted and the
//! peak memory of every provider process Terraform started meanwhile.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::support::{Acceptance, ApiCalls};

/// How often the run is checked for completion (the timing error is at most this).
const WAIT_POLL: Duration = Duration::from_millis(2);
/// How often provider processes are looked for and their peak RSS read.
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
        let ((seconds, status, rss), calls) = self.t.counting(|| {
            let mut cmd = self.t.command(op.args());
            cmd.stdin(Stdio::null())
                .stdout(File::create(&out).expect("an output file"))
                .stderr(Stdio::from(
                    File::options()
                        .append(true)
                        .open(&out)
                        .expect("the output file"),
                ));
            let started = Instant::now();
            let child = cmd.spawn().expect("the Terraform CLI starts");
            let (status, rss) = wait_watching(child, &self.provider);
            (started.elapsed().as_secs_f64(), status, rss)
        });
        if status != Some(0) {
            let text = std::fs::read_to_string(&out).unwrap_or_default();
            bail!("terraform {} exited with {status:?}:\n{text}", op.name());
        }
        Ok(Measured {
            seconds,
            calls,
            peak_rss_kib: rss.values().copied().max().unwrap_or(0),
        })
    }
}

/// Waits for `child`, meanwhile reading the peak RSS of its children that run `provider`.
fn wait_watching(mut child: Child, provider: &Path) -> (Option<i32>, HashMap<u32, u64>) {
    let mut peaks: HashMap<u32, u64> = HashMap::new();
    let mut last_scan = Instant::now() - RSS_POLL;
    loop {
        if last_scan.elapsed() >= RSS_POLL {
            last_scan = Instant::now();
            for pid in children(child.id()) {
                if is_running(pid, provider)
                    && let Some(kib) = peak_rss_kib(pid)
                {
                    let peak = peaks.entry(pid).or_default();
                    *peak = (*peak).max(kib);
                }
            }
        }
        match child.try_wait() {
            Ok(Some(status)) => return (status.code(), peaks),
            Ok(None) => std::thread::sleep(WAIT_POLL),
            Err(_) => return (None, peaks),
        }
    }
}

/// The children of every thread of `pid` (Terraform may start a plugin from any thread).
fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

fn is_running(pid: u32, binary: &Path) -> bool {
    std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary)
}

/// `VmHWM` (peak resident set) of `pid`, in KiB.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
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
