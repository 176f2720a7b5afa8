//! The `yusuan` command as a user runs it: exit codes, every file listed, aliases.

use std::process::Command;

fn yusuan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
}

fn corpus_file(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/docx")
        .join(name)
}

#[test]
fn run_lists_every_file_and_exits_zero() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir(input.path().join("sub")).unwrap();
    std::fs::copy(
        corpus_file("changji-zhengziju-2023.docx"),
        input.path().join("sub/a.docx"),
    )
    .unwrap();
    std::fs::copy(
        corpus_file("changji-zhengziju-2023.docx"),
        input.path().join("copy.docx"),
    )
    .unwrap();
    std::fs::write(input.path().join("notes.txt"), "not a disclosure").unwrap();
    std::fs::write(input.path().join("empty.pdf"), b"").unwrap();
    std::fs::write(input.path().join("truncated.docx"), b"PK\x03\x04broken").unwrap();
    let aliases = input.path().join("aliases.csv");
    std::fs::write(&aliases, "alias,canonical\n").unwrap();

    let status = yusuan()
        .args([
            "run",
            input.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--quiet",
        ])
        .args(["--aliases", aliases.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let summary = String::from_utf8_lossy(&status.stderr);
    assert!(
        summary.contains("6 files (1 ok, 0 partial, 2 failed, 1 duplicate, 2 unsupported)"),
        "{summary}"
    );

    let docs = std::fs::read_to_string(out.path().join("documents.csv")).unwrap();
    let rows: Vec<&str> = docs.lines().skip(1).collect();
    assert_eq!(rows.len(), 6, "{docs}");
    let row = |path: &str| {
        *rows
            .iter()
            .find(|r| r.split(',').nth(1) == Some(path))
            .unwrap_or_else(|| panic!("{path} not listed"))
    };
    assert!(row("copy.docx").contains(",ok,"));
    assert!(row("sub/a.docx").contains(",duplicate,same content as copy.docx"));
    assert!(row("empty.pdf").contains(",failed,empty.pdf: malformed: empty file"));
    assert!(row("truncated.docx")
        .contains(",failed,truncated.docx: malformed: not a readable zip container"));
    assert!(row("notes.txt").contains(",unsupported,"));

    // The SQLite view totals the function classes of the 支出总表 as the truth file does.
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus_file("../truth/changji-zhengziju-2023.json")).unwrap(),
    )
    .unwrap();
    let expected: rust_decimal::Decimal = truth["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i["table"] == "expenditure_summary"
                && i["measure"] == "total"
                && i["code"].as_str().unwrap().len() == 3
        })
        .map(|i| {
            i["amount_yuan"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    let db = rusqlite::Connection::open(out.path().join("yusuan.sqlite")).unwrap();
    let total: String = db
        .query_row(
            "SELECT amount_yuan FROM department_year_totals WHERE table_id = 'expenditure_summary' AND measure = 'total'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(total, expected.to_string());
    assert!(row("aliases.csv").contains(",unsupported,"));
}

#[test]
fn usage_errors_and_unwritable_output_exit_non_zero() {
    let missing = yusuan()
        .args(["run", "/nonexistent/folder", "--out", "/tmp/x"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/folder is not a folder")
    );

    let input = tempfile::tempdir().unwrap();
    let blocker = input.path().join("out-is-a-file");
    std::fs::write(&blocker, b"x").unwrap();
    let unwritable = yusuan()
        .args([
            "run",
            input.path().to_str().unwrap(),
            "--out",
            blocker.to_str().unwrap(),
            "--quiet",
        ])
        .output()
        .unwrap();
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unwritable.stderr).contains("cannot create"));
    assert!(String::from_utf8_lossy(&unwritable.stderr).contains("out-is-a-file"));

    let bad_aliases = input.path().join("aliases.csv");
    std::fs::write(&bad_aliases, "alias,canonical\nno comma\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let aliases = yusuan()
        .args([
            "run",
            input.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--aliases",
        ])
        .arg(&bad_aliases)
        .output()
        .unwrap();
    assert_eq!(aliases.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&aliases.stderr).contains("line 2"));
}

#[test]
fn extract_prints_one_documents_json() {
    let out = yusuan()
        .args(["extract"])
        .arg(corpus_file("seed-changji-zhengziju-2022.docx"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["disclosure"]["meta"]["fiscal_year"], 2022);
}

/// The documents.csv rows of a run, by path: (status, error).
fn documents(out: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    let mut rdr = csv::Reader::from_path(out.join("documents.csv")).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_string(), r[3].to_string())
        })
        .collect()
}

#[test]
fn output_inside_the_input_is_not_read_back() {
    let input = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus_file("changji-zhengziju-2023.docx"),
        input.path().join("a.docx"),
    )
    .unwrap();
    let out = input.path().join("out");
    let mut runs = Vec::new();
    for _ in 0..2 {
        let run = yusuan()
            .arg("run")
            .arg(input.path())
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        runs.push((
            std::fs::read(out.join("documents.csv")).unwrap(),
            std::fs::read(out.join("line_items.csv")).unwrap(),
            stderr,
        ));
    }
    assert_eq!(runs[0].0, runs[1].0, "documents.csv differs between runs");
    assert_eq!(runs[0].1, runs[1].1, "line_items.csv differs between runs");
    let docs = documents(&out);
    assert_eq!(docs.keys().collect::<Vec<_>>(), ["a.docx"], "{docs:?}");
    assert!(runs[1].2.contains("1 files (1 ok"), "{}", runs[1].2);
    assert!(runs[1].2.contains("1 from the cache"), "{}", runs[1].2);
    assert!(
        runs[1]
            .2
            .contains("the output folder inside the input was not read"),
        "{}",
        runs[1].2
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_to_files_and_reported() {
    let input = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("real.docx");
    std::fs::copy(corpus_file("changji-zhengziju-2023.docx"), &target).unwrap();
    std::os::unix::fs::symlink(&target, input.path().join("linked.docx")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), input.path().join("linked-folder")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = yusuan()
        .arg("run")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .args(["--quiet", "--no-cache"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert_eq!(
        documents(out.path()).get("linked.docx").map(String::as_str),
        Some("ok")
    );
    assert!(
        stderr.contains("1 symbolic links to files followed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 symbolic links to folders not followed"),
        "{stderr}"
    );
}

#[test]
fn an_empty_folder_says_so_and_exits_one() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = yusuan()
        .arg("run")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .arg("--quiet")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("0 files"), "{stderr}");
    assert!(
        stderr.contains("no readable disclosure was found"),
        "{stderr}"
    );
    assert!(out.path().join("documents.csv").is_file());
}

#[test]
fn include_and_exclude_choose_the_files() {
    let input = tempfile::tempdir().unwrap();
    std::fs::create_dir(input.path().join("2023")).unwrap();
    for name in ["2023/a.docx", "2023/b.docx", "c.docx"] {
        std::fs::copy(
            corpus_file("changji-zhengziju-2023.docx"),
            input.path().join(name),
        )
        .unwrap();
    }
    std::fs::write(input.path().join("notes.txt"), "x").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = yusuan()
        .arg("run")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .args(["--quiet", "--no-cache"])
        .args(["--include", "2023/**", "--include", "*.txt"])
        .args(["--exclude", "**/b.docx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let docs = documents(out.path());
    assert_eq!(
        docs.keys().collect::<Vec<_>>(),
        ["2023/a.docx", "notes.txt"],
        "{docs:?}"
    );
    assert!(
        stderr.contains("2 files left out by --include/--exclude"),
        "{stderr}"
    );
    let bad = yusuan()
        .arg("run")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .args(["--include", "a{b"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad glob"));
}

/// `--out .` run from inside the output folder replaces the files in place: the folder the
/// command (and the user's shell) works in is never swapped away from under it.
#[cfg(unix)]
#[test]
fn output_in_the_current_folder_is_replaced_in_place() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus_file("changji-zhengziju-2023.docx"),
        input.path().join("a.docx"),
    )
    .unwrap();
    std::fs::write(out.path().join("NOTES.txt"), "mine").unwrap();
    let folder = || {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(out.path()).unwrap().ino()
    };
    let before = folder();
    for _ in 0..2 {
        let status = yusuan()
            .current_dir(out.path())
            .args([
                "run",
                input.path().to_str().unwrap(),
                "--out",
                ".",
                "--quiet",
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }
    let docs = std::fs::read_to_string(out.path().join("documents.csv")).unwrap();
    assert!(docs.contains("a.docx"), "{docs}");
    assert_eq!(
        std::fs::read_to_string(out.path().join("NOTES.txt")).unwrap(),
        "mine"
    );
    assert!(!out.path().join(".yusuan-next").exists());
    assert_eq!(folder(), before, "the same folder, not one switched in");
}
