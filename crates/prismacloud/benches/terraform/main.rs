//! `make bench` (`cargo bench --bench terraform`): what the provider costs, measured with the
//! real Terraform CLI against the sandbox, side by side with N `terraform_data` resources —
//! Terraform's built-in, in-process resource, the floor of what any provider can cost.
//!
//! For each N (10, 100, 500) and each API variant — the classic endpoints and the v1 tenant
//! endpoints (a prisma id configured), each with 0 and 50 ms of injected latency — it
//! times `terraform apply` from empty, `terraform plan` (refresh, nothing changed) and
//! `terraform destroy`, counts the API calls each made (the sandbox's counters) and the peak
//! RSS of every provider process. It then times the provider's start-up to handshake, and the
//! sandbox's throughput on one core. It prints a table and writes it into
//! `docs/performance.md`.
//!
//! Settings (environment): `BENCH_SIZES` (`10,100,500`), `BENCH_VARIANTS`
//! (`classic:0,classic:50,v1:0,v1:50`: endpoint family and latency in ms),
//! `BENCH_REPEAT` (3: the median is reported), `BENCH_HANDSHAKES` (50), `BENCH_LOAD_SECONDS`
//! (5), `BENCH_WRITE` (`1`; `0` leaves docs/performance.md alone).
//!
//! # Layout
//! - `workload`: one timed Terraform run, its API calls and the providers' peak RSS.
//! - `handshake`: the binary started as Terraform starts it, timed to its handshake line.
//! - `load`: sandbox throughput, and the load generator (`--load-generator`).
//! - `procfs`: children, peak RSS and CPU time of other processes.
//! - `machine`: what it ran on. `report`: the table and the targets.

// The shared test harnesses (each allows the dead code of the parts this does not use).
#[path = "../../tests/it/plugin_support.rs"]
mod plugin_support;
#[path = "../../tests/it/support/mod.rs"]
mod support;

mod handshake;
mod load;
mod machine;
mod procfs;
mod report;
mod workload;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use prismacloud_sandbox::SandboxConfig;

use report::{Report, Row, Summary, Variant};
use support::Acceptance;
use workload::{Measured, Op, Workspace};

/// What to run, from the environment.
struct Settings {
    sizes: Vec<usize>,
    variants: Vec<Variant>,
    repeat: usize,
    handshakes: usize,
    load_seconds: f64,
    write: bool,
}

fn setting<T: std::str::FromStr>(name: &str, default: &str) -> anyhow::Result<Vec<T>>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text = std::env::var(name).unwrap_or_else(|_| default.to_owned());
    text.split(',')
        .map(|v| v.trim().parse::<T>())
        .collect::<Result<Vec<T>, _>>()
        .with_context(|| format!("{name}={text:?}"))
}

fn one<T: std::str::FromStr + Copy>(name: &str, default: &str) -> anyhow::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    setting::<T>(name, default)?
        .first()
        .copied()
        .with_context(|| format!("{name} is empty"))
}

impl Settings {
    fn from_env() -> anyhow::Result<Settings> {
        Ok(Settings {
            sizes: setting("BENCH_SIZES", "10,100,500")?,
            variants: setting("BENCH_VARIANTS", "classic:0,classic:50,v1:0,v1:50")?,
            repeat: one::<usize>("BENCH_REPEAT", "3")?.max(1),
            handshakes: one::<usize>("BENCH_HANDSHAKES", "50")?.max(1),
            load_seconds: one("BENCH_LOAD_SECONDS", "5")?,
            write: one::<u8>("BENCH_WRITE", "1")? != 0,
        })
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn summarize(runs: &[Measured]) -> Summary {
    let mut seconds: Vec<f64> = runs.iter().map(|m| m.seconds).collect();
    let mut calls: Vec<f64> = runs.iter().map(|m| m.calls.total as f64).collect();
    let mut cpu: Vec<f64> = runs.iter().map(|m| m.provider_cpu_seconds).collect();
    let mut terraform: Vec<f64> = runs.iter().map(|m| m.terraform_cpu_seconds).collect();
    let mut sandbox: Vec<f64> = runs.iter().map(|m| m.sandbox_cpu_seconds).collect();
    Summary {
        seconds: median(&mut seconds),
        calls: median(&mut calls) as u64,
        peak_rss_kib: runs.iter().map(|m| m.peak_rss_kib).max().unwrap_or(0),
        provider_cpu_seconds: median(&mut cpu),
        terraform_cpu_seconds: median(&mut terraform),
        sandbox_cpu_seconds: median(&mut sandbox),
        by_route: runs
            .last()
            .map(|m| m.calls.by_route.clone())
            .unwrap_or_default(),
    }
}

fn sandbox(latency_ms: u64) -> SandboxConfig {
    SandboxConfig {
        // The benchmark measures the provider, not a rate limit's waits.
        rate_limit: None,
        latency: Duration::from_millis(latency_ms),
        ..SandboxConfig::default()
    }
}

/// Every operation for one N: the floor and each variant, interleaved so that a burst of
/// load from elsewhere on the machine hits all of them alike.
fn measure_size(n: usize, s: &Settings, provider: &Path) -> anyhow::Result<Vec<Row>> {
    let floor = Workspace::new(Acceptance::new(), &workload::floor_hcl(n), provider)?;
    let ours = s
        .variants
        .iter()
        .map(|&variant| {
            let mut t = Acceptance::with_config(sandbox(variant.latency_ms));
            if variant.v1 {
                let prisma_id = t.sandbox().state().config().prisma_id.clone();
                t.env("PRISMACLOUD_PRISMA_ID", &prisma_id);
            }
            Workspace::new(t, &workload::provider_hcl(n), provider).map(|w| (variant, w))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut floor_runs: BTreeMap<&str, Vec<Measured>> = BTreeMap::new();
    let mut our_runs: BTreeMap<(Variant, &str), Vec<Measured>> = BTreeMap::new();
    for round in 1..=s.repeat {
        for op in Op::ALL {
            eprintln!("N={n} round {round}/{}: {}", s.repeat, op.name());
            floor_runs
                .entry(op.name())
                .or_default()
                .push(floor.run(op)?);
            for (variant, w) in &ours {
                let m = w.run(op)?;
                our_runs.entry((*variant, op.name())).or_default().push(m);
            }
        }
    }
    let mut rows = Vec::new();
    for (variant, _) in &ours {
        for op in Op::ALL {
            rows.push(Row {
                n,
                variant: *variant,
                op,
                ours: summarize(&our_runs[&(*variant, op.name())]),
                floor: summarize(&floor_runs[op.name()]),
            });
        }
    }
    Ok(rows)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == load::GENERATOR_FLAG) {
        return load::generate(&args[at + 1..]);
    }
    // `cargo test --all-targets` (so `make test`) runs bench targets too, without `--bench`:
    // this one takes minutes and belongs to `make bench` alone.
    if !args.iter().any(|a| a == "--bench") {
        eprintln!("the Terraform benchmark runs with `make bench` (cargo bench --bench terraform)");
        return Ok(());
    }
    let settings = Settings::from_env()?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let provider = support::provider_binary();
    let machine = machine::Machine::describe(&support::terraform_cli(), root);

    let mut rows = Vec::new();
    for &n in &settings.sizes {
        rows.extend(measure_size(n, &settings, &provider)?);
    }
    eprintln!("start-up to handshake, {} runs", settings.handshakes);
    let handshake = handshake::measure(&provider, settings.handshakes)?;
    eprintln!("sandbox throughput, {} s", settings.load_seconds);
    let throughput = load::measure(
        &provider.with_file_name("prismacloud-sandbox"),
        settings.load_seconds,
        64,
    )?;

    let report = Report {
        machine,
        repeat: settings.repeat,
        rows,
        handshake_ms: handshake,
        throughput,
    };
    let text = report.markdown();
    println!("{text}");
    if settings.write {
        let path = support::workspace_root().join("docs/performance.md");
        report::write_into(&path, &text)?;
        eprintln!("results written into {}", path.display());
    }
    Ok(())
}
