//! Throughput of the whole pipeline (extract → normalise) on the committed corpus, run by
//! `make bench`:
//!
//! * `pipeline/docx_corpus`: the .docx corpus, one thread; criterion reports documents/s.
//! * `pipeline/pdf_corpus`: the LibreOffice PDFs of the same documents; criterion reports
//!   pages/s.
//! * `pipeline/pdftotext_layout`: `pdftotext -layout` over the same PDFs, one process per file,
//!   for comparison; skipped (with a message) where poppler is not installed.
//! * `realdocs ratio`: the whole `yusuan run ../shared/realdocs --no-cache` (the built binary,
//!   one process: walk, read, normalise, write the dataset) against `pdftotext -layout` over the
//!   same folder's PDFs (one process per file), run in turn [`RATIO_ROUNDS`] times; prints the
//!   median of the pairs' ratios of CPU time (user + system of the finished children, from
//!   `/proc/self/stat`) and of wall time. Skipped, with a message, where pdftotext or
//!   `../shared/realdocs` is missing.

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use criterion::{criterion_group, Criterion, Throughput};

fn corpus_files(folder: &str, ext: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn run_all(files: &[(PathBuf, Vec<u8>)], ext: &str) -> u64 {
    let mut pages = 0;
    for (path, bytes) in files {
        let o = yusuan::process_bytes(bytes, &path.to_string_lossy(), ext);
        pages += u64::from(o.pages.unwrap_or(0));
        std::hint::black_box(o);
    }
    pages
}

fn pipeline(c: &mut Criterion) {
    let docx = corpus_files("docx", "docx");
    let pdf = corpus_files("pdf", "pdf");
    let pdf_pages = run_all(&pdf, "pdf");
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);

    group.throughput(Throughput::Elements(docx.len() as u64));
    group.bench_function("docx_corpus", |b| b.iter(|| run_all(&docx, "docx")));

    group.throughput(Throughput::Elements(pdf_pages));
    group.bench_function("pdf_corpus", |b| b.iter(|| run_all(&pdf, "pdf")));

    let poppler = Command::new("pdftotext").arg("-v").output().is_ok();
    if poppler {
        group.bench_function("pdftotext_layout", |b| {
            b.iter(|| {
                for (path, _) in &pdf {
                    let status = Command::new("pdftotext")
                        .arg("-layout")
                        .arg(path)
                        .arg("/dev/null")
                        .status();
                    std::hint::black_box(status.ok());
                }
            })
        });
    } else {
        eprintln!("pipeline/pdftotext_layout: skipped (pdftotext is not installed; apt-get install poppler-utils)");
    }
    group.finish();
}

/// Rounds of the realdocs comparison (each runs both commands once).
const RATIO_ROUNDS: usize = 11;

/// CPU seconds (user + system) of this process's finished and waited-for children, from
/// `/proc/self/stat` (Linux; clock ticks of 1/100 s). `None` elsewhere.
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses; cutime and cstime
    // are fields 16 and 17 of the whole line, 14th and 15th after the name.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let cutime: f64 = f.get(13)?.parse().ok()?;
    let cstime: f64 = f.get(14)?.parse().ok()?;
    Some((cutime + cstime) / 100.0)
}

/// Run `cmd` to its end; (CPU seconds of it and its children, wall seconds).
fn timed(cmd: &mut Command) -> (Option<f64>, f64) {
    let cpu0 = children_cpu_seconds();
    let t0 = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let wall = t0.elapsed().as_secs_f64();
    assert!(status.code().is_some_and(|c| c <= 1), "{cmd:?}: {status}");
    let cpu = cpu0.zip(children_cpu_seconds()).map(|(a, b)| b - a);
    (cpu, wall)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The whole run over `../shared/realdocs` against `pdftotext -layout` over its PDFs.
fn realdocs_ratio() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realdocs");
    let (Ok(dir), Ok(entries)) = (dir.canonicalize(), std::fs::read_dir(&dir)) else {
        eprintln!("realdocs ratio: skipped ({} is not there)", dir.display());
        return;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!(
            "realdocs ratio: skipped (pdftotext is not installed; apt-get install poppler-utils)"
        );
        return;
    }
    let mut pdfs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let mut pairs = Vec::new();
    // One round not counted: files into the page cache, the binary loaded.
    for round in 0..=RATIO_ROUNDS {
        let out = tmp.path().join(format!("out{round}"));
        let ours = timed(
            Command::new(env!("CARGO_BIN_EXE_yusuan"))
                .arg("run")
                .arg(&dir)
                .arg("--out")
                .arg(&out)
                .args(["--no-cache", "--quiet"]),
        );
        let mut theirs = (Some(0.0), 0.0);
        for pdf in &pdfs {
            let (cpu, wall) = timed(
                Command::new("pdftotext")
                    .arg("-layout")
                    .arg(pdf)
                    .arg("/dev/null"),
            );
            theirs = (theirs.0.zip(cpu).map(|(a, b)| a + b), theirs.1 + wall);
        }
        let _ = std::fs::remove_dir_all(&out);
        if round > 0 {
            pairs.push((ours, theirs));
        }
    }
    let wall = median(pairs.iter().map(|(a, b)| a.1 / b.1).collect());
    let cpu: Option<Vec<f64>> = pairs
        .iter()
        .map(|(a, b)| a.0.zip(b.0).map(|(a, b)| a / b.max(0.01)))
        .collect();
    let cpu_a: Option<Vec<f64>> = pairs.iter().map(|(a, _)| a.0).collect();
    let cpu_b: Option<Vec<f64>> = pairs.iter().map(|(_, b)| b.0).collect();
    println!(
        "realdocs ratio: yusuan run {} / pdftotext -layout over its {} PDFs, median of {} pairs",
        dir.display(),
        pdfs.len(),
        pairs.len()
    );
    if let (Some(cpu), Some(a), Some(b)) = (cpu, cpu_a, cpu_b) {
        println!(
            "  cpu:  {:.3}  (yusuan {:.3} s, pdftotext {:.3} s)",
            median(cpu),
            median(a),
            median(b)
        );
    }
    println!(
        "  wall: {:.3}  (yusuan {:.3} s, pdftotext {:.3} s)",
        wall,
        median(pairs.iter().map(|(a, _)| a.1).collect()),
        median(pairs.iter().map(|(_, b)| b.1).collect())
    );
}

criterion_group!(benches, pipeline);

fn main() {
    realdocs_ratio();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
