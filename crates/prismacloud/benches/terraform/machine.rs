//! The machine a benchmark ran on, for the report: numbers mean little without it.

use std::path::Path;
use std::process::Command;

#[derive(Debug, Clone)]
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub memory_gib: f64,
    pub kernel: String,
    /// The 1-minute load average when the benchmark started (others' work skews timings).
    pub load_average: String,
    /// The 1-minute load average when it finished, and how long it took (see [`Machine::finished`]).
    pub load_average_end: String,
    pub minutes: f64,
    started: std::time::Instant,
    pub terraform: String,
    pub commit: String,
}

impl Machine {
    pub fn describe(terraform: &Path, repository: &Path) -> Machine {
        let cpuinfo = read("/proc/cpuinfo");
        let meminfo = read("/proc/meminfo");
        Machine {
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu_model: field(&cpuinfo, "model name")
                .unwrap_or("unknown")
                .to_owned(),
            memory_gib: field(&meminfo, "MemTotal")
                .and_then(|v| v.trim_end_matches("kB").trim().parse::<f64>().ok())
                .map_or(0.0, |kib| kib / 1024.0 / 1024.0),
            kernel: read("/proc/sys/kernel/osrelease").trim().to_owned(),
            load_average: load_average(),
            load_average_end: "?".to_owned(),
            minutes: 0.0,
            started: std::time::Instant::now(),
            terraform: first_line(Command::new(terraform).arg("version")),
            commit: first_line(Command::new("git").arg("-C").arg(repository).args([
                "rev-parse",
                "--short",
                "HEAD",
            ])),
        }
    }
}

impl Machine {
    /// Records the load when the benchmark ended, and how long it ran.
    pub fn finished(&mut self) {
        self.load_average_end = load_average();
        self.minutes = self.started.elapsed().as_secs_f64() / 60.0;
    }
}

fn load_average() -> String {
    read("/proc/loadavg")
        .split_whitespace()
        .next()
        .unwrap_or("?")
        .to_owned()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The value of the first `name: value` line of a /proc file.
fn field<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        (key.trim() == name).then(|| value.trim())
    })
}

fn first_line(command: &mut Command) -> String {
    command
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}
