//! The benchmark's results as Markdown: the machine, the table, the targets; and writing them
//! into docs/performance.md between its two markers.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;

use crate::load::Throughput;
use crate::machine::Machine;
use crate::workload::Op;

const BEGIN: &str = "<!-- bench:begin (written by `make bench`; edits here are overwritten) -->";
const END: &str = "<!-- bench:end -->";
/// Terraform's default `-parallelism`, which the benchmark keeps.
const PARALLELISM: f64 = 10.0;

/// The median (time, calls) or maximum (memory) of one cell's repeated runs.
#[derive(Debug, Clone)]
pub struct Summary {
    pub seconds: f64,
    pub calls: u64,
    pub peak_rss_kib: u64,
    pub provider_cpu_seconds: f64,
    pub terraform_cpu_seconds: f64,
    pub sandbox_cpu_seconds: f64,
    pub by_route: BTreeMap<String, u64>,
}

/// Which endpoints the provider uses, and the latency the sandbox adds to each request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Variant {
    /// The v1 tenant endpoints (a prisma id configured) rather than the classic ones.
    pub v1: bool,
    pub latency_ms: u64,
}

impl std::str::FromStr for Variant {
    type Err = std::io::Error;

    /// `classic:50`, `v1:0`.
    fn from_str(text: &str) -> Result<Variant, Self::Err> {
        let invalid = || std::io::Error::other(format!("{text:?} is not FAMILY:MS"));
        let (family, ms) = text.split_once(':').ok_or_else(invalid)?;
        let v1 = match family {
            "classic" => false,
            "v1" => true,
            _ => return Err(invalid()),
        };
        let latency_ms = ms.parse().map_err(|_| invalid())?;
        Ok(Variant { v1, latency_ms })
    }
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let family = if self.v1 { "v1" } else { "classic" };
        write!(f, "{family}, {} ms", self.latency_ms)
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub n: usize,
    pub variant: Variant,
    pub op: Op,
    pub ours: Summary,
    pub floor: Summary,
}

impl Row {
    fn ratio(&self) -> f64 {
        self.ours.seconds / self.floor.seconds
    }
}

pub struct Report {
    pub machine: Machine,
    pub repeat: usize,
    pub rows: Vec<Row>,
    /// Sorted.
    pub handshake_ms: Vec<f64>,
    pub throughput: Throughput,
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

impl Report {
    fn row(&self, n: usize, variant: Variant, op: Op) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.n == n && r.variant == variant && r.op == op)
    }

    fn percentile(&self, p: f64) -> f64 {
        let t = &self.handshake_ms;
        t[((t.len() - 1) as f64 * p).round() as usize]
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let m = &self.machine;
        let _ = writeln!(out, "### Machine\n");
        let _ = writeln!(
            out,
            "{} CPUs ({}), {:.1} GiB memory, Linux {}; load average {} at the start; {}; \
             commit {}.\n",
            m.cpus, m.cpu_model, m.memory_gib, m.kernel, m.load_average, m.terraform, m.commit
        );
        let _ = writeln!(out, "### Terraform operations\n");
        let _ = writeln!(
            out,
            "Median of {} runs; `-parallelism` 10 (Terraform's default); sandbox without rate \
             limit. API calls are the sandbox's count for the whole command (login included); \
             CPU is user plus system time: of the Terraform process itself (with the provider \
             / with terraform_data), of all provider processes Terraform started for the \
             command, and of the benchmark process, which runs the sandbox (and polls /proc); \
             peak RSS is the largest `VmHWM` of any provider process.\n",
            self.repeat
        );
        let _ = writeln!(
            out,
            "| N | API (endpoints, latency) | operation | prismacloud | terraform_data | ratio | \
             API calls | CPU: Terraform | CPU: provider | CPU: sandbox | provider peak RSS |"
        );
        let _ = writeln!(
            out,
            "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        for r in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.2} s | {:.2} s | {:.2}x | {} | {:.2} s / {:.2} s | {:.2} s \
                 | {:.2} s | {:.1} MiB |",
                r.n,
                r.variant,
                r.op.name(),
                r.ours.seconds,
                r.floor.seconds,
                r.ratio(),
                r.ours.calls,
                r.ours.terraform_cpu_seconds,
                r.floor.terraform_cpu_seconds,
                r.ours.provider_cpu_seconds,
                r.ours.sandbox_cpu_seconds,
                mib(r.ours.peak_rss_kib)
            );
        }
        if let Some(r) = self
            .rows
            .iter()
            .filter(|r| r.op == Op::Plan)
            .max_by_key(|r| r.n)
        {
            let routes: Vec<String> = r
                .ours
                .by_route
                .iter()
                .map(|(route, n)| format!("`{route}` {n}"))
                .collect();
            let _ = writeln!(
                out,
                "\nCalls of the plan of {} integrations: {}.",
                r.n,
                routes.join(", ")
            );
        }
        let t = &self.throughput;
        let _ = writeln!(out, "\n### Provider start-up and sandbox throughput\n");
        let _ = writeln!(
            out,
            "- Start-up to handshake ({} starts): median {:.1} ms, p90 {:.1} ms, max {:.1} ms.",
            self.handshake_ms.len(),
            self.percentile(0.5),
            self.percentile(0.9),
            self.percentile(1.0)
        );
        let _ = writeln!(
            out,
            "- Sandbox, `GET /integration/{{id}}` over {} keep-alive connections for {:.0} s: \
             {:.0} requests per CPU-second of the sandbox process (what one core of its own \
             serves), {:.0} requests/s of wall-clock time on this shared machine; {} errors; {}.",
            t.concurrency,
            t.seconds,
            t.requests_per_cpu_second,
            t.requests_per_second,
            t.errors,
            if t.pinned {
                "sandbox pinned to core 0, load generator to core 1 (`taskset`)"
            } else {
                "NOT pinned (taskset or a second core missing)"
            }
        );
        out.push_str(&self.targets());
        out
    }

    fn targets(&self) -> String {
        let mut out =
            String::from("\n### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        for r in self
            .rows
            .iter()
            .filter(|r| r.n == 500 && r.op == Op::Plan && r.variant.latency_ms == 0)
        {
            let _ = writeln!(
                out,
                "| plan with refresh of 500 ({}) ≤ 1.5x terraform_data | {:.2}x ({:.2} s vs \
                 {:.2} s) | {} |",
                r.variant,
                r.ratio(),
                r.ours.seconds,
                r.floor.seconds,
                verdict(r.ratio() <= 1.5)
            );
        }
        for r in self.rows.iter().filter(|r| r.n == 500 && r.op == Op::Plan) {
            let _ = writeln!(
                out,
                "| refresh of 500 integrations ({}) ≤ 3 API calls | {} | {} |",
                r.variant,
                r.ours.calls,
                verdict(r.ours.calls <= 3)
            );
        }
        // (100 / parallelism) × 50 ms: what the injected latency must cost at the least.
        let ideal = 100.0 / PARALLELISM * 0.050;
        for slow in self
            .rows
            .iter()
            .filter(|r| r.n == 100 && r.op == Op::Apply && r.variant.latency_ms == 50)
        {
            let unhurried = Variant {
                latency_ms: 0,
                ..slow.variant
            };
            // The latency's share: the same apply with and without it. The whole command also
            // holds Terraform's own work (terraform_data's apply alone), which no provider can
            // bring under the latency's budget.
            let (measured, met) = match self.row(100, unhurried, Op::Apply) {
                Some(fast) => {
                    let added = slow.ours.seconds - fast.ours.seconds;
                    (
                        format!(
                            "the latency added {added:.2} s = {:.2}x of (100 / 10) × 50 ms = \
                             {ideal:.2} s ({:.2} s against {:.2} s at 0 ms; terraform_data's \
                             apply alone {:.2} s)",
                            added / ideal,
                            slow.ours.seconds,
                            fast.ours.seconds,
                            slow.floor.seconds
                        ),
                        added <= 1.3 * ideal,
                    )
                }
                None => (
                    format!(
                        "{:.2} s = {:.2}x of {ideal:.2} s, Terraform's own work included (no \
                         0 ms run to subtract)",
                        slow.ours.seconds,
                        slow.ours.seconds / ideal
                    ),
                    slow.ours.seconds <= 1.3 * ideal,
                ),
            };
            let _ = writeln!(
                out,
                "| apply of 100 ({}) ≤ 1.3x (100 / parallelism) × per-create latency | \
                 {measured} | {} |",
                slow.variant,
                verdict(met)
            );
        }
        let peak = self
            .rows
            .iter()
            .map(|r| r.ours.peak_rss_kib)
            .max()
            .unwrap_or(0);
        let _ = writeln!(
            out,
            "| provider peak RSS < 30 MiB | {:.1} MiB (largest of all runs) | {} |",
            mib(peak),
            verdict(mib(peak) < 30.0)
        );
        let handshake = self.percentile(0.5);
        let _ = writeln!(
            out,
            "| start-up to handshake < 50 ms | median {handshake:.1} ms | {} |",
            verdict(handshake < 50.0)
        );
        let t = &self.throughput;
        let _ = writeln!(
            out,
            "| sandbox ≥ 5,000 simple requests/s on one core | {:.0} per CPU-second \
             ({:.0}/s wall-clock) | {} |",
            t.requests_per_cpu_second,
            t.requests_per_second,
            verdict(t.requests_per_cpu_second >= 5000.0 && t.pinned)
        );
        out
    }
}

/// Replaces what lies between the markers of `path` with `text` (appends both if absent).
pub fn write_into(path: &Path, text: &str) -> anyhow::Result<()> {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let block = format!("{BEGIN}\n\n{text}\n{END}");
    let new = match (old.find(BEGIN), old.find(END)) {
        (Some(begin), Some(end)) if begin < end => {
            format!("{}{block}{}", &old[..begin], &old[end + END.len()..])
        }
        _ => format!("{old}\n{block}\n"),
    };
    std::fs::write(path, new).with_context(|| format!("write {}", path.display()))
}
