//! Throughput of the whole pipeline (extract → normalise) on the committed corpus, run by
//! `make bench`:
//!
//! * `pipeline/docx_corpus`: the .docx corpus, one thread; criterion reports documents/s.
//! * `pipeline/pdf_corpus`: the LibreOffice PDFs of the same documents; criterion reports
//!   pages/s.
//! * `pipeline/pdftotext_layout`: `pdftotext -layout` over the same PDFs, one process per file,
//!   for comparison; skipped (with a message) where poppler is not installed.

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

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

criterion_group!(benches, pipeline);
criterion_main!(benches);
