//! Runs that are split, interrupted or repeated give the same dataset as one clean run.

use std::path::{Path, PathBuf};
use std::process::Command;

const DATASET: [&str; 11] = [
    "tables.csv",
    "documents.csv",
    "line_items.csv",
    "checks.csv",
    "narrative_facts.csv",
    "performance_targets.csv",
    "projects.csv",
    "panel.csv",
    "codebook.csv",
    "documents.jsonl",
    "datapackage.json",
];

fn corpus(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(folder)
}

fn yusuan(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "yusuan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn assert_same_dataset(a: &Path, b: &Path) {
    for name in DATASET {
        let (mut x, mut y) = (
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
        );
        if name == "datapackage.json" {
            // The record of how each run was made (its time, its input) differs by design.
            for bytes in [&mut x, &mut y] {
                let mut dp: serde_json::Value = serde_json::from_slice(bytes).unwrap();
                assert!(dp["yusuan_run"].is_object(), "no run record");
                dp.as_object_mut().unwrap().remove("yusuan_run");
                *bytes = serde_json::to_vec(&dp).unwrap();
            }
        }
        assert!(
            x == y,
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn shards_merge_into_the_single_run_byte_for_byte() {
    let input = corpus("docx");
    let tmp = tempfile::tempdir().unwrap();
    let single = tmp.path().join("single");
    yusuan(&["run", s(&input), "--out", s(&single), "--no-cache"]);
    let mut shards = Vec::new();
    for k in 1..=3 {
        let dir = tmp.path().join(format!("shard{k}"));
        yusuan(&[
            "run",
            s(&input),
            "--out",
            s(&dir),
            "--shard",
            &format!("{k}/3"),
        ]);
        let rows = std::fs::read_to_string(dir.join("documents.csv"))
            .unwrap()
            .lines()
            .count()
            - 1;
        assert!(
            rows > 0 && rows < 49,
            "shard {k} holds part of the files ({rows})"
        );
        shards.push(dir);
    }
    let merged = tmp.path().join("merged");
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("merge")
        .args(&shards)
        .args(["--out", s(&merged)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_same_dataset(&single, &merged);
    // The digests compared across years are spooled beside the dataset while it is written,
    // and nothing of them is left after the run or the merge.
    for dir in [&single, &merged] {
        let left: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".yusuan-digests"))
            .collect();
        assert!(left.is_empty(), "{}: {left:?}", dir.display());
    }
}

#[test]
fn a_killed_run_resumes_to_the_same_dataset() {
    let input = corpus("pdf");
    let tmp = tempfile::tempdir().unwrap();
    let clean = tmp.path().join("clean");
    yusuan(&[
        "run",
        s(&input),
        "--out",
        s(&clean),
        "--no-cache",
        "--jobs",
        "2",
    ]);

    let resumed = tmp.path().join("resumed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args([
            "run",
            s(&input),
            "--out",
            s(&resumed),
            "--jobs",
            "1",
            "--quiet",
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    yusuan(&["run", s(&input), "--out", s(&resumed)]);
    assert_same_dataset(&clean, &resumed);
}

#[test]
fn a_grown_folder_parses_only_the_new_files() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = [
        "changji-caizhengju-2021.docx",
        "changji-caizhengju-2022.docx",
        "hangzhou-minzhengju-2021.docx",
    ];
    for name in &names[..2] {
        std::fs::copy(corpus("docx").join(name), input.join(name)).unwrap();
    }
    let out = tmp.path().join("out");
    yusuan(&["run", s(&input), "--out", s(&out)]);

    // Mark what the cache holds for the first file, so that a re-parse would show.
    let cache_dir = std::fs::read_dir(out.join(".yusuan-cache"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let entries: Vec<PathBuf> = std::fs::read_dir(&cache_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 2);
    for entry in &entries {
        let text = std::fs::read_to_string(entry)
            .unwrap()
            .replace("昌吉州财政局", "昌吉州财政局（来自缓存）");
        std::fs::write(entry, text).unwrap();
    }
    std::fs::copy(corpus("docx").join(names[2]), input.join(names[2])).unwrap();
    yusuan(&["run", s(&input), "--out", s(&out)]);

    let docs = std::fs::read_to_string(out.join("documents.csv")).unwrap();
    assert_eq!(docs.lines().count(), 4);
    assert_eq!(
        docs.matches("（来自缓存）").count(),
        2,
        "the two known files came from the cache:\n{docs}"
    );
    assert!(
        docs.contains("杭州市民政局"),
        "the new file was parsed:\n{docs}"
    );
    assert_eq!(std::fs::read_dir(&cache_dir).unwrap().count(), 3);
}
