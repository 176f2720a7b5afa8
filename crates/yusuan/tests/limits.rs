//! Streams that inflate past the limit (made by `scripts/gen_stream_bombs.py`, described in
//! `fixtures/stream-bombs/README.md`): whatever filter chain carries them, and whether the PDF
//! library would decompress them itself while loading (object and cross-reference streams), each
//! file fails with the limit's own message, never with a different failure.

use std::process::Command;

#[test]
fn every_filter_chain_stops_at_the_part_limit() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stream-bombs");
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["run", fixtures, "--out"])
        .arg(out.path())
        .args(["--quiet", "--no-cache", "--max-part-mib", "1"])
        .output()
        .unwrap();
    // Nothing in the folder is readable: the dataset is written and the exit status says so.
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut rdr = csv::Reader::from_path(out.path().join("documents.csv")).unwrap();
    let mut pdfs = 0;
    for r in rdr.records() {
        let r = r.unwrap();
        let (path, status, error) = (&r[1], &r[3], &r[4]);
        if !path.ends_with(".pdf") {
            continue;
        }
        pdfs += 1;
        assert_eq!(status, "failed", "{path}: {error}");
        assert!(
            error.contains("limit exceeded") && error.contains("1048576 bytes per part"),
            "{path}: {error:?} should name the part limit"
        );
        let on_a_page = !(path.starts_with("object-stream") || path.starts_with("xref-stream"));
        assert_eq!(error.contains("(page 1)"), on_a_page, "{path}: {error}");
    }
    assert_eq!(pdfs, 8);
}
