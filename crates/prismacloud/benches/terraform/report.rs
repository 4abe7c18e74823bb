//! The benchmark's results as Markdown: the machine, the table, the targets; and writing them
//! into docs/performance.md between its two markers.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;

use crate::load::Throughput;
use crate::machine::Machine;
use crate::workload::{Op, Subject, Variant};

const BEGIN: &str = "<!-- bench:begin (written by `make bench`; edits here are overwritten) -->";
const END: &str = "<!-- bench:end -->";
/// Terraform's default `-parallelism`, which the benchmark keeps.
const PARALLELISM: f64 = 10.0;
/// The variant the size targets are judged on: PagerDuty on the v1 endpoints, no latency.
const V1: Subject = Subject::Ours(Variant {
    v1: true,
    latency_ms: 0,
});

/// The median (time, calls, CPU) or maximum (memory) of one cell's repeated runs.
#[derive(Debug, Clone)]
pub struct Summary {
    pub seconds: f64,
    pub calls: u64,
    pub peak_rss_kib: u64,
    pub provider_starts: usize,
    pub provider_cpu_seconds: f64,
    pub terraform_cpu_seconds: f64,
    /// Median of the runs' Terraform plus provider CPU time.
    pub total_cpu_seconds: f64,
    pub sandbox_cpu_seconds: f64,
    pub state_bytes: u64,
    pub by_route: BTreeMap<String, u64>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub n: usize,
    pub subject: Subject,
    pub op: Op,
    pub summary: Summary,
}

pub struct Report {
    pub machine: Machine,
    pub repeat: usize,
    pub repeat_large: usize,
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

/// "1.23x (0.45 s vs 0.37 s; CPU 1.31x)", or why there is no ratio. The verdict is on time;
/// the ratio of the CPU totals beside it moves less when other work loads the machine.
fn versus(ours: Option<&Row>, theirs: Option<&Row>) -> (String, Option<f64>) {
    match (ours, theirs) {
        (Some(a), Some(b)) => {
            let ratio = a.summary.seconds / b.summary.seconds;
            let cpu = a.summary.total_cpu_seconds / b.summary.total_cpu_seconds;
            (
                format!(
                    "{ratio:.2}x ({:.2} s vs {:.2} s; CPU {cpu:.2}x)",
                    a.summary.seconds, b.summary.seconds
                ),
                Some(ratio),
            )
        }
        _ => ("not measured in this run".to_owned(), None),
    }
}

impl Report {
    fn row(&self, n: usize, subject: Subject, op: Op) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.n == n && r.subject == subject && r.op == op)
    }

    fn ratio_to(&self, r: &Row, floor: Subject) -> String {
        match self.row(r.n, floor, r.op) {
            Some(f) => format!("{:.2}x", r.summary.seconds / f.summary.seconds),
            None => "–".to_owned(),
        }
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
            "{} CPUs ({}), {:.1} GiB memory, Linux {}; load average {} at the start and {} at \
             the end ({:.0} minutes); {}; commit {}.\n",
            m.cpus,
            m.cpu_model,
            m.memory_gib,
            m.kernel,
            m.load_average,
            m.load_average_end,
            m.minutes,
            m.terraform,
            m.commit
        );
        let _ = writeln!(out, "### Terraform operations\n");
        let _ = writeln!(
            out,
            "Median of {} interleaved runs ({} above 500 integrations); `-parallelism` 10 \
             (Terraform's default); sandbox without rate limit. Subjects: `terraform_data` \
             (built into Terraform), `minimal` (`tfplugin`'s example provider: nine strings \
             kept in state), and this provider's `pager_duty` (v1 endpoints, a prisma id \
             configured) and `okta` (classic endpoints) at 0 or 50 ms of API latency, each \
             resource holding the same name, description and key. CPU is user plus system \
             time of the Terraform process itself and of all provider processes it started \
             (how many in parentheses); the total is the median of their sums. API calls are \
             the sandbox's count, login included; state is the size of `terraform.tfstate`; \
             peak RSS the largest `VmHWM` of any provider process; the sandbox's CPU is that of \
             the benchmark process meanwhile (the in-process sandbox, and the watching).\n",
            self.repeat, self.repeat_large
        );
        let _ = writeln!(
            out,
            "| N | operation | subject | time | vs terraform_data | vs minimal | CPU: Terraform \
             | CPU: provider | CPU: total | CPU: sandbox | API calls | state | peak RSS |"
        );
        let _ = writeln!(
            out,
            "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        rows.sort_by_key(|r| (r.n, r.op, r.subject));
        for r in rows {
            let s = &r.summary;
            let ours = matches!(r.subject, Subject::Ours(_));
            let provider = if r.subject == Subject::TerraformData {
                "–".to_owned()
            } else {
                format!("{:.2} s ({})", s.provider_cpu_seconds, s.provider_starts)
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.2} s | {} | {} | {:.2} s | {provider} | {:.2} s | {} | {} \
                 | {} | {} |",
                r.n,
                r.op.name(),
                r.subject,
                s.seconds,
                self.ratio_to(r, Subject::TerraformData),
                if r.subject == Subject::TerraformData {
                    "–".to_owned()
                } else {
                    self.ratio_to(r, Subject::Minimal)
                },
                s.terraform_cpu_seconds,
                s.total_cpu_seconds,
                if ours {
                    format!("{:.2} s", s.sandbox_cpu_seconds)
                } else {
                    "–".to_owned()
                },
                if ours {
                    s.calls.to_string()
                } else {
                    "–".to_owned()
                },
                if r.op == Op::Destroy {
                    "–".to_owned()
                } else {
                    format!("{:.0} kB", s.state_bytes as f64 / 1000.0)
                },
                if r.subject == Subject::TerraformData {
                    "–".to_owned()
                } else {
                    format!("{:.1} MiB", mib(s.peak_rss_kib))
                },
            );
        }
        if let Some(r) = self
            .rows
            .iter()
            .filter(|r| r.op == Op::Plan && r.subject == V1)
            .max_by_key(|r| r.n)
        {
            let routes: Vec<String> = r
                .summary
                .by_route
                .iter()
                .map(|(route, n)| format!("`{route}` {n}"))
                .collect();
            let _ = writeln!(
                out,
                "\nCalls of the plan of {} integrations ({}): {}.",
                r.n,
                r.subject,
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

    /// A target judged on the ratio of two rows' times.
    fn ratio_target(
        &self,
        out: &mut String,
        what: &str,
        ours: Option<&Row>,
        theirs: Option<&Row>,
        limit: f64,
    ) {
        let (measured, ratio) = versus(ours, theirs);
        let judged = ratio.map_or("not judged", |r| verdict(r <= limit));
        let _ = writeln!(out, "| {what} ≤ {limit:.1}x | {measured} | {judged} |");
    }

    fn targets(&self) -> String {
        let mut out =
            String::from("\n### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        let td = Subject::TerraformData;
        self.ratio_target(
            &mut out,
            "plan of 500 with refresh, pager_duty (v1, 0 ms) vs terraform_data",
            self.row(500, V1, Op::Plan),
            self.row(500, td, Op::Plan),
            1.0,
        );
        self.ratio_target(
            &mut out,
            "plan of 500 with refresh, minimal vs terraform_data",
            self.row(500, Subject::Minimal, Op::Plan),
            self.row(500, td, Op::Plan),
            0.9,
        );
        for n in [500, 1000] {
            self.ratio_target(
                &mut out,
                &format!("apply of {n}, pager_duty (v1, 0 ms) vs terraform_data"),
                self.row(n, V1, Op::Apply),
                self.row(n, td, Op::Apply),
                0.8,
            );
        }
        out.push_str(&self.growth());
        self.ratio_target(
            &mut out,
            "plan of 10 with refresh, pager_duty (v1, 0 ms) vs minimal",
            self.row(10, V1, Op::Plan),
            self.row(10, Subject::Minimal, Op::Plan),
            1.1,
        );
        out.push_str(&self.latency_targets());
        for r in self
            .rows
            .iter()
            .filter(|r| r.n == 500 && r.op == Op::Plan && matches!(r.subject, Subject::Ours(_)))
        {
            let _ = writeln!(
                out,
                "| refresh of 500 integrations, {} ≤ 3 API calls | {} | {} |",
                r.subject,
                r.summary.calls,
                verdict(r.summary.calls <= 3)
            );
        }
        let peak = self
            .rows
            .iter()
            .filter(|r| matches!(r.subject, Subject::Ours(_)))
            .map(|r| r.summary.peak_rss_kib)
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

    /// Apply's time per integration at every N: linear growth keeps it flat. Judged on the
    /// largest N against 500.
    fn growth(&self) -> String {
        let per = |subject: Subject, n: usize| {
            self.row(n, subject, Op::Apply)
                .map(|r| r.summary.seconds / n as f64 * 1000.0)
        };
        let mut sizes: Vec<usize> = self
            .rows
            .iter()
            .filter(|r| r.subject == V1 && r.op == Op::Apply && r.n >= 100)
            .map(|r| r.n)
            .collect();
        sizes.sort_unstable();
        let line = |subject: Subject| {
            sizes
                .iter()
                .filter_map(|&n| per(subject, n).map(|ms| format!("{n}: {ms:.1}")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let largest = sizes.last().copied().filter(|&n| n > 500);
        let judged = match (largest.and_then(|n| per(V1, n)), per(V1, 500)) {
            (Some(big), Some(base)) => verdict(big <= 1.2 * base),
            _ => "not judged",
        };
        format!(
            "| apply, pager_duty (v1, 0 ms): time per integration at the largest N ≤ 1.2x that \
             at 500 (linear growth) | ms per integration — pager_duty {}; terraform_data {} | \
             {judged} |\n",
            line(V1),
            line(Subject::TerraformData)
        )
    }

    /// With 50 ms of latency per request, the time the latency adds to an apply of 100 (the
    /// same apply at 0 ms subtracted) against (100 / parallelism) × 50 ms.
    fn latency_targets(&self) -> String {
        let mut out = String::new();
        let ideal = 100.0 / PARALLELISM * 0.050;
        for v1 in [true, false] {
            let at = |latency_ms| Subject::Ours(Variant { v1, latency_ms });
            let slow = self.row(100, at(50), Op::Apply);
            let fast = self.row(100, at(0), Op::Apply);
            let (measured, judged) = match (slow, fast) {
                (Some(slow), Some(fast)) => {
                    let added = slow.summary.seconds - fast.summary.seconds;
                    (
                        format!(
                            "the latency added {added:.2} s = {:.2}x of {ideal:.2} s ({:.2} s \
                             against {:.2} s at 0 ms; {} API calls)",
                            added / ideal,
                            slow.summary.seconds,
                            fast.summary.seconds,
                            slow.summary.calls
                        ),
                        verdict(added <= 1.3 * ideal),
                    )
                }
                _ => ("not measured in this run".to_owned(), "not judged"),
            };
            let _ = writeln!(
                out,
                "| apply of 100, {}: the 50 ms latency's share ≤ 1.3x (100 / parallelism) × \
                 50 ms | {measured} | {judged} |",
                at(50)
            );
        }
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
