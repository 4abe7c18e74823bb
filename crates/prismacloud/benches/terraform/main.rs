//! `make bench` (`cargo bench --bench terraform`): what the provider costs, measured with the
//! real Terraform CLI against the sandbox, side by side with two floors: N `terraform_data`
//! resources (Terraform's built-in, in-process resource, the floor of what any provider can
//! cost) and N things of `tfplugin`'s minimal example provider (one resource of nine strings
//! kept in state: the floor the protocol layer sets, the floor we own).
//!
//! For each N and each subject — the two floors, and this provider on each endpoint family
//! (PagerDuty on the v1 tenant endpoints, Okta on the classic ones) with 0 or 50 ms of latency
//! — it times `terraform apply` from empty, `terraform plan` (with refresh, nothing changed),
//! `terraform plan -refresh=false` and `terraform destroy` (or, for large N, forgets the
//! state instead of destroying), interleaved so that a burst of load from elsewhere hits every
//! subject alike. It records the API calls each made (the sandbox's counters), the CPU time of
//! Terraform and of every provider process, the provider's peak RSS and the state's size. It
//! then times the provider's start-up to handshake, and the sandbox's throughput on one core.
//! It prints a table and writes it into `docs/performance.md`.
//!
//! Settings (environment):
//! - `BENCH_SIZES` (`10,100,500,1000,2000`);
//! - `BENCH_VARIANTS` (`v1:0,v1:50@100,classic:0@500,classic:50@100`): endpoint family and
//!   latency in ms, `@N` for "only up to N integrations";
//! - `BENCH_REPEAT` (5: the median is reported), `BENCH_REPEAT_LARGE` (3: for N over 500);
//! - `BENCH_DESTROY_MAX` (100: larger N forget their state instead of timing a destroy);
//! - `BENCH_OPS` (`apply,plan,plan-refresh-false,destroy`): without `apply`, each workspace is
//!   applied once, untimed, and only the plans are repeated;
//! - `BENCH_BIN_DIR` (the directory of the provider binaries; default: this build's);
//! - `BENCH_HANDSHAKES` (50), `BENCH_LOAD_SECONDS` (5), `BENCH_WRITE` (`1`; `0` leaves
//!   docs/performance.md alone).
//!
//! # Layout
//! - `workload`: subjects, operations, one timed Terraform run and what it cost.
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
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use report::{Report, Row, Summary};
use workload::{Binaries, Measured, Op, Subject, Variant, Workspace};

/// A variant and the largest N it runs at.
#[derive(Debug, Clone, Copy)]
struct Planned {
    variant: Variant,
    max_n: Option<usize>,
}

impl std::str::FromStr for Planned {
    type Err = std::io::Error;

    /// `classic:50`, `v1:0`, `v1:50@100`.
    fn from_str(text: &str) -> Result<Planned, Self::Err> {
        let invalid = || std::io::Error::other(format!("{text:?} is not FAMILY:MS[@N]"));
        let (spec, max_n) = match text.split_once('@') {
            Some((spec, n)) => (spec, Some(n.parse().map_err(|_| invalid())?)),
            None => (text, None),
        };
        let (family, ms) = spec.split_once(':').ok_or_else(invalid)?;
        let v1 = match family {
            "classic" => false,
            "v1" => true,
            _ => return Err(invalid()),
        };
        let latency_ms = ms.parse().map_err(|_| invalid())?;
        Ok(Planned {
            variant: Variant { v1, latency_ms },
            max_n,
        })
    }
}

/// What to run, from the environment.
struct Settings {
    sizes: Vec<usize>,
    variants: Vec<Planned>,
    repeat: usize,
    repeat_large: usize,
    destroy_max: usize,
    ops: Vec<Op>,
    bin_dir: Option<PathBuf>,
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
            sizes: setting("BENCH_SIZES", "10,100,500,1000,2000")?,
            variants: setting(
                "BENCH_VARIANTS",
                "v1:0,v1:50@100,classic:0@500,classic:50@100",
            )?,
            repeat: one::<usize>("BENCH_REPEAT", "5")?.max(1),
            repeat_large: one::<usize>("BENCH_REPEAT_LARGE", "3")?.max(1),
            destroy_max: one("BENCH_DESTROY_MAX", "100")?,
            ops: setting("BENCH_OPS", "apply,plan,plan-refresh-false,destroy")?,
            bin_dir: std::env::var_os("BENCH_BIN_DIR").map(PathBuf::from),
            handshakes: one::<usize>("BENCH_HANDSHAKES", "50")?.max(1),
            load_seconds: one("BENCH_LOAD_SECONDS", "5")?,
            write: one::<u8>("BENCH_WRITE", "1")? != 0,
        })
    }

    /// The binaries to run: this build's (the Makefile builds the minimal provider beside the
    /// prismacloud one), or those of `BENCH_BIN_DIR`.
    fn binaries(&self) -> anyhow::Result<Binaries> {
        let prismacloud = match &self.bin_dir {
            Some(dir) => dir.join("terraform-provider-prismacloud"),
            None => support::provider_binary(),
        };
        let minimal = prismacloud.with_file_name("terraform-provider-minimal");
        for binary in [&prismacloud, &minimal] {
            if !binary.exists() {
                bail!(
                    "{} is missing: run `make bench`, which builds every binary it runs",
                    binary.display()
                );
            }
        }
        Ok(Binaries {
            prismacloud,
            minimal,
        })
    }

    fn repeat_for(&self, n: usize) -> usize {
        if n > 500 {
            self.repeat_large
        } else {
            self.repeat
        }
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn summarize(runs: &[Measured]) -> Summary {
    let med = |f: fn(&Measured) -> f64| median(&mut runs.iter().map(f).collect::<Vec<_>>());
    Summary {
        seconds: med(|m| m.seconds),
        calls: med(|m| m.calls.total as f64) as u64,
        peak_rss_kib: runs.iter().map(|m| m.peak_rss_kib).max().unwrap_or(0),
        provider_starts: med(|m| m.provider_starts as f64) as usize,
        provider_cpu_seconds: med(|m| m.provider_cpu_seconds),
        terraform_cpu_seconds: med(|m| m.terraform_cpu_seconds),
        total_cpu_seconds: med(|m| m.terraform_cpu_seconds + m.provider_cpu_seconds),
        sandbox_cpu_seconds: med(|m| m.sandbox_cpu_seconds),
        state_bytes: runs.last().map_or(0, |m| m.state_bytes),
        by_route: runs
            .last()
            .map(|m| m.calls.by_route.clone())
            .unwrap_or_default(),
    }
}

/// Every operation on every subject for one N, interleaved so that a burst of load from
/// elsewhere on the machine hits all of them alike.
fn measure_size(n: usize, s: &Settings, binaries: &Binaries) -> anyhow::Result<Vec<Row>> {
    let mut subjects = vec![Subject::TerraformData, Subject::Minimal];
    subjects.extend(
        s.variants
            .iter()
            .filter(|p| p.max_n.is_none_or(|max| n <= max))
            .map(|p| Subject::Ours(p.variant)),
    );
    let workspaces = subjects
        .iter()
        .map(|&subject| Workspace::new(subject, n, binaries))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let applies = s.ops.contains(&Op::Apply);
    let ops: Vec<Op> = Op::ALL
        .into_iter()
        .filter(|op| s.ops.contains(op))
        .filter(|&op| applies && (op != Op::Destroy || n <= s.destroy_max) || op.plans())
        .collect();
    if !applies {
        for w in &workspaces {
            eprintln!("N={n}: applying {} once", w.subject);
            w.run(Op::Apply)?;
        }
    }
    let repeat = s.repeat_for(n);
    let mut runs: BTreeMap<(Subject, Op), Vec<Measured>> = BTreeMap::new();
    for round in 1..=repeat {
        for &op in &ops {
            eprintln!("N={n} round {round}/{repeat}: {}", op.name());
            for w in &workspaces {
                runs.entry((w.subject, op)).or_default().push(w.run(op)?);
            }
        }
        if applies && !ops.contains(&Op::Destroy) {
            for w in &workspaces {
                w.reset()?;
            }
        }
    }
    Ok(runs
        .iter()
        .map(|(&(subject, op), measured)| Row {
            n,
            subject,
            op,
            summary: summarize(measured),
        })
        .collect())
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
    let binaries = settings.binaries()?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut machine = machine::Machine::describe(&support::terraform_cli(), root);

    let mut rows = Vec::new();
    for &n in &settings.sizes {
        rows.extend(measure_size(n, &settings, &binaries)?);
    }
    eprintln!("start-up to handshake, {} runs", settings.handshakes);
    let handshake = handshake::measure(&binaries.prismacloud, settings.handshakes)?;
    eprintln!("sandbox throughput, {} s", settings.load_seconds);
    let throughput = load::measure(
        &binaries.prismacloud.with_file_name("prismacloud-sandbox"),
        settings.load_seconds,
        64,
    )?;
    machine.finished();

    let report = Report {
        machine,
        repeat: settings.repeat,
        repeat_large: settings.repeat_large,
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
