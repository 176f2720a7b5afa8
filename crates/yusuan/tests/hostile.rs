//! Broken, hostile and unrelated files (made by `scripts/gen_hostile.py`, described in
//! `fixtures/hostile/README.md`), in one `yusuan run`: each gets the right status and a reason
//! a person understands; none panics, hangs or stops the batch.

use std::collections::BTreeMap;
use std::process::Command;

#[test]
fn every_hostile_file_is_listed_with_its_status_and_reason() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args([
            "run",
            fixtures,
            "--out",
            out.path().to_str().unwrap(),
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let mut rdr = csv::Reader::from_path(out.path().join("documents.csv")).unwrap();
    let note = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "note")
        .unwrap();
    // The reason: `error` for what could not be read, `note` for what was read in full.
    let rows: BTreeMap<String, (String, String, String)> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[1].to_string(),
                (
                    r[0].to_string(),
                    r[3].to_string(),
                    format!("{}{}", &r[4], &r[note]),
                ),
            )
        })
        .collect();
    let files = std::fs::read_dir(fixtures).unwrap().count();
    assert_eq!(
        rows.len(),
        files,
        "every file, hidden ones included, is listed: {rows:#?}"
    );

    let expect = |file: &str, status: &str, reason: &str| {
        let (_, got, error) = rows
            .get(file)
            .unwrap_or_else(|| panic!("{file} not listed"));
        assert_eq!(got, status, "{file}: {error}");
        assert!(
            error.contains(reason),
            "{file}: {error:?} should say {reason:?}"
        );
    };
    expect("empty.docx", "failed", "empty file");
    expect("empty.pdf", "duplicate", "same content as empty.docx");
    expect("truncated.docx", "failed", "not a readable zip container");
    expect("truncated.pdf", "failed", "damaged or truncated PDF");
    expect("random-bytes.docx", "unsupported", "unrecognised content");
    expect("random-bytes.pdf", "unsupported", "unrecognised content");
    expect("image-named.docx", "unsupported", "unrecognised content");
    expect(
        "no-document-xml.docx",
        "failed",
        "zip has no word/document.xml",
    );
    expect(
        "zip-bomb.docx",
        "failed",
        "inflates to 1073741824 bytes, over the limit",
    );
    expect(
        "billion-laughs.docx",
        "ok",
        "no disclosure table recognised",
    );
    expect(
        "deep-nesting.pdf",
        "failed",
        "nested 300000 levels deep, over the limit of 256",
    );
    expect(
        "encrypted-user-password.pdf",
        "failed",
        "a password is needed",
    );
    expect("scanned.pdf", "failed", "no text layer (scanned?)");
    // A Word 97 .doc (LibreOffice's conversion of a corpus .docx) is read like the .docx.
    expect("legacy-word97.doc", "ok", "");
    expect("notes.txt", "unsupported", "unrecognised content");
    expect("photo.jpg", "unsupported", "unrecognised content");
    // An /Prev chain that loops is followed once: the file reads, and is not a disclosure.
    expect("xref-loop.pdf", "ok", "no disclosure table recognised");
    expect("xref-loop-2.pdf", "ok", "no disclosure table recognised");

    // A PDF encrypted with an owner password only is readable and is read: its 三公 table.
    let (hidden_id, status, _) = &rows[".hidden-file.pdf"];
    assert_eq!(status, "ok");
    assert_eq!(rows["encrypted-owner-only.pdf"].1, "duplicate");
    let items = std::fs::read_to_string(out.path().join("line_items.csv")).unwrap();
    let legacy_id = &rows["legacy-word97.doc"].0;
    let legacy_items = items
        .lines()
        .filter(|l| l.starts_with(legacy_id.as_str()))
        .count();
    assert_eq!(
        legacy_items, 407,
        "legacy-word97.doc gives the line items of changji-zhengziju-2023.docx"
    );
    let three_public: Vec<&str> = items
        .lines()
        .filter(|l| l.starts_with(hidden_id.as_str()))
        .collect();
    assert!(
        three_public
            .iter()
            .any(|l| l.contains(",three_public,none,,,,,total,50000.00,")),
        "{three_public:?}"
    );
    assert!(
        three_public
            .iter()
            .any(|l| l.contains(",vehicles,30000.00,")),
        "{three_public:?}"
    );
}
