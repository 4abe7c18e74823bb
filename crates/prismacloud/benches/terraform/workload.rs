//! One Terraform operation timed end to end, with the API calls the sandbox counted, the CPU
//! time of Terraform and of every provider process it started, and their peak RSS.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use prismacloud_sandbox::SandboxConfig;

use crate::procfs;
use crate::support::{Acceptance, ApiCalls};

/// How often the run is checked for completion (the timing error is at most this).
const WAIT_POLL: Duration = Duration::from_millis(2);
/// How often provider processes are looked for and their peak RSS and CPU time read.
const RSS_POLL: Duration = Duration::from_millis(10);

/// The operations measured, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Op {
    /// `terraform apply` from an empty state.
    Apply,
    /// `terraform plan` (with refresh) when nothing changed: must find no changes.
    Plan,
    /// `terraform plan -refresh=false` when nothing changed.
    PlanNoRefresh,
    /// `terraform destroy`.
    Destroy,
}

impl Op {
    pub const ALL: [Op; 4] = [Op::Apply, Op::Plan, Op::PlanNoRefresh, Op::Destroy];

    pub fn name(self) -> &'static str {
        match self {
            Op::Apply => "apply",
            Op::Plan => "plan",
            Op::PlanNoRefresh => "plan -refresh=false",
            Op::Destroy => "destroy",
        }
    }

    /// A plan, which leaves the state as it found it.
    pub fn plans(self) -> bool {
        matches!(self, Op::Plan | Op::PlanNoRefresh)
    }

    fn args(self) -> &'static [&'static str] {
        match self {
            Op::Apply => &["apply", "-auto-approve", "-input=false", "-no-color"],
            Op::Plan => &["plan", "-detailed-exitcode", "-input=false", "-no-color"],
            Op::PlanNoRefresh => &[
                "plan",
                "-refresh=false",
                "-detailed-exitcode",
                "-input=false",
                "-no-color",
            ],
            Op::Destroy => &["destroy", "-auto-approve", "-input=false", "-no-color"],
        }
    }
}

impl std::str::FromStr for Op {
    type Err = std::io::Error;

    /// `apply`, `plan`, `plan-refresh-false`, `destroy`.
    fn from_str(text: &str) -> Result<Op, Self::Err> {
        Op::ALL
            .into_iter()
            .find(|op| op.name().replace(" -", "-").replace('=', "-") == text)
            .ok_or_else(|| std::io::Error::other(format!("{text:?} is not an operation")))
    }
}

/// Which endpoints the provider uses, and the latency the sandbox adds to each request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Variant {
    /// The v1 tenant endpoints (PagerDuty, an outbound type) rather than the classic ones
    /// (Okta, one of the three types only the classic endpoints serve).
    pub v1: bool,
    pub latency_ms: u64,
}

impl Variant {
    /// The integration type measured on this family.
    pub fn resource(self) -> &'static str {
        if self.v1 {
            "prismacloud_integration_pager_duty"
        } else {
            "prismacloud_integration_okta"
        }
    }

    fn hcl(self, n: usize) -> String {
        let settings = if self.v1 {
            r#"integration_key = "bench-integration-key-0123456789""#
        } else {
            "domain    = \"bench.okta.com\"\n  api_token = \"bench-api-token-0123456789\""
        };
        format!(
            r#"{provider}
resource "{resource}" "bench" {{
  count       = {n}
  name        = "bench ${{count.index}}"
  description = "benchmark"
  {settings}
}}
"#,
            provider = crate::support::PROVIDER_HCL,
            resource = self.resource()
        )
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let family = if self.v1 { "v1" } else { "classic" };
        write!(f, "{family}, {} ms", self.latency_ms)
    }
}

/// What is measured: Terraform's built-in resource, the protocol crate's minimal provider, or
/// ours against the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// `terraform_data`: in-process, the floor of what any provider can cost.
    TerraformData,
    /// `tfplugin`'s example provider: the protocol layer alone (the floor we own).
    Minimal,
    /// This provider, on one endpoint family at one latency.
    Ours(Variant),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::TerraformData => f.write_str("terraform_data"),
            Subject::Minimal => f.write_str("minimal"),
            Subject::Ours(v) => {
                let short = v.resource().trim_start_matches("prismacloud_integration_");
                write!(f, "{short} ({v})")
            }
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
    /// Provider processes started for the run.
    pub provider_starts: usize,
    /// CPU time of all provider processes of the run, as last seen before each exited.
    pub provider_cpu_seconds: f64,
    /// CPU time of the Terraform process itself (its children not included), as last seen.
    pub terraform_cpu_seconds: f64,
    /// CPU time of this process meanwhile: the in-process sandbox, and the watching.
    pub sandbox_cpu_seconds: f64,
    /// Size of `terraform.tfstate` after the run.
    pub state_bytes: u64,
}

/// The binaries the benchmark runs.
pub struct Binaries {
    pub prismacloud: PathBuf,
    pub minimal: PathBuf,
}

/// A Terraform working directory of one subject.
pub struct Workspace {
    pub subject: Subject,
    /// The sandbox-backed harness (for `terraform_data`, an idle sandbox).
    t: Acceptance,
    /// The provider binary whose processes are watched (none for `terraform_data`).
    provider: Option<PathBuf>,
}

fn sandbox_config(latency_ms: u64) -> SandboxConfig {
    SandboxConfig {
        // The benchmark measures the provider, not a rate limit's waits.
        rate_limit: None,
        latency: Duration::from_millis(latency_ms),
        ..SandboxConfig::default()
    }
}

impl Workspace {
    /// The working directory of `subject` for `n` resources.
    pub fn new(subject: Subject, n: usize, binaries: &Binaries) -> anyhow::Result<Workspace> {
        let (mut t, hcl, provider) = match subject {
            Subject::TerraformData => (Acceptance::new(), floor_hcl(n), None),
            Subject::Minimal => {
                let mut t = Acceptance::new();
                let dir = binaries
                    .minimal
                    .parent()
                    .context("the minimal's directory")?;
                t.provider = tfharness::Provider {
                    source: MINIMAL_SOURCE.into(),
                    bin_dir: dir.to_path_buf(),
                    hcl: MINIMAL_HCL.into(),
                    block: "provider \"minimal\" {}".into(),
                };
                t.set_cli_config(&t.dev_overrides());
                (t, minimal_hcl(n), Some(&binaries.minimal))
            }
            Subject::Ours(variant) => {
                let mut t = Acceptance::with_config(sandbox_config(variant.latency_ms));
                t.provider.bin_dir = binaries
                    .prismacloud
                    .parent()
                    .context("the provider's directory")?
                    .to_path_buf();
                t.set_cli_config(&t.dev_overrides());
                (t, variant.hcl(n), Some(&binaries.prismacloud))
            }
        };
        if let Subject::Ours(Variant { v1: true, .. }) = subject {
            // Configured as users of the outbound types do; learning it costs one more call.
            let prisma_id = t.sandbox().state().config().prisma_id.clone();
            t.env("PRISMACLOUD_PRISMA_ID", &prisma_id);
        }
        std::fs::write(t.dir.path().join("main.tf"), hcl).context("write main.tf")?;
        let provider = provider
            .map(|p| p.canonicalize().with_context(|| format!("{}", p.display())))
            .transpose()?;
        Ok(Workspace {
            subject,
            t,
            provider,
        })
    }

    /// Forgets everything applied: the state file, and what the sandbox stores.
    pub fn reset(&self) -> anyhow::Result<()> {
        for name in ["terraform.tfstate", "terraform.tfstate.backup"] {
            let path = self.t.dir.path().join(name);
            if path.exists() {
                std::fs::remove_file(&path).with_context(|| format!("remove {name}"))?;
            }
        }
        self.t.sandbox().state().reset();
        Ok(())
    }

    /// Runs `op` and measures it; fails if Terraform does (or a plan finds changes).
    pub fn run(&self, op: Op) -> anyhow::Result<Measured> {
        let out = self
            .t
            .dir
            .path()
            .join(format!("{}.out", op.name().replace(' ', "")));
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
            let (status, watched) = wait_watching(child, self.provider.as_deref());
            (started.elapsed().as_secs_f64(), status, watched)
        });
        let sandbox_cpu_seconds = own_cpu() - cpu_before;
        if status != Some(0) {
            let text = std::fs::read_to_string(&out).unwrap_or_default();
            bail!(
                "terraform {} ({}) exited with {status:?}:\n{text}",
                op.name(),
                self.subject
            );
        }
        let state_bytes = std::fs::metadata(self.t.dir.path().join("terraform.tfstate"))
            .map(|m| m.len())
            .unwrap_or(0);
        Ok(Measured {
            seconds,
            calls,
            peak_rss_kib: watched
                .providers
                .values()
                .map(|p| p.peak_rss_kib)
                .max()
                .unwrap_or(0),
            provider_starts: watched.providers.len(),
            provider_cpu_seconds: watched.providers.values().map(|p| p.cpu_seconds).sum(),
            terraform_cpu_seconds: watched.terraform_cpu_seconds,
            sandbox_cpu_seconds,
            state_bytes,
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
fn wait_watching(mut child: Child, provider: Option<&Path>) -> (Option<i32>, Watched) {
    let mut seen = Watched::default();
    let mut last_scan = Instant::now() - RSS_POLL;
    loop {
        if last_scan.elapsed() >= RSS_POLL {
            last_scan = Instant::now();
            if let Ok(cpu) = procfs::cpu_seconds(child.id()) {
                seen.terraform_cpu_seconds = cpu;
            }
            for pid in procfs::children(child.id()) {
                if !provider.is_some_and(|p| procfs::runs(pid, p)) {
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

const MINIMAL_SOURCE: &str = "registry.terraform.io/example/minimal";

const MINIMAL_HCL: &str = r#"
terraform {
  required_providers {
    minimal = {
      source = "example/minimal"
    }
  }
}

provider "minimal" {}
"#;

/// The protocol layer's floor: `n` things of the minimal provider holding the same values.
fn minimal_hcl(n: usize) -> String {
    format!(
        r#"{MINIMAL_HCL}
resource "minimal_thing" "bench" {{
  count       = {n}
  name        = "bench ${{count.index}}"
  description = "benchmark"
  note        = "bench-integration-key-0123456789"
}}
"#
    )
}

/// Terraform's floor: `n` `terraform_data` resources holding the same values.
fn floor_hcl(n: usize) -> String {
    format!(
        r#"
resource "terraform_data" "bench" {{
  count = {n}
  input = {{
    name            = "bench ${{count.index}}"
    description     = "benchmark"
    integration_key = "bench-integration-key-0123456789"
  }}
}}
"#
    )
}
