//! Throughput of the whole pipeline (extract → normalise) on the committed corpus:
//! `make bench` reports time per document; documents per second is its inverse.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus_docx() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/docx");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let docs = corpus_docx();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.sample_size(20);
    group.bench_function("docx_corpus_single_thread", |b| {
        b.iter(|| {
            for (name, bytes) in &docs {
                let o = yusuan::process_bytes(bytes, name, "docx");
                std::hint::black_box(o);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
