//! The `yusuan` command: argument parsing, logging, and the exit code. The work is in the
//! library half of this crate ([`yusuan::run`], [`yusuan::extract_one`]).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turn folders of Chinese government budget disclosures (.docx, .doc, .pdf) into one checked dataset.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Bounds on reading one file; a file over one of them fails alone, saying which. Unset, each
/// takes its default from `yusuan::Limits` (256 MiB a part, 2000 pages, nesting 256, 120 s).
#[derive(clap::Args)]
struct LimitArgs {
    /// Largest decompressed part of a file (a zip entry, a PDF stream), in MiB [default: 256].
    #[arg(long)]
    max_part_mib: Option<u64>,
    /// Most pages read from one PDF [default: 2000].
    #[arg(long)]
    max_pages: Option<u32>,
    /// Deepest nesting of XML elements or PDF arrays and dictionaries [default: 256].
    #[arg(long)]
    max_depth: Option<usize>,
    /// Longest time spent reading one file, in seconds [default: 120].
    #[arg(long)]
    max_seconds: Option<u64>,
}

impl LimitArgs {
    fn limits(&self) -> yusuan::Limits {
        let d = yusuan::Limits::default();
        yusuan::Limits {
            max_part_bytes: self.max_part_mib.map_or(d.max_part_bytes, |m| m << 20),
            max_pages: self.max_pages.unwrap_or(d.max_pages),
            max_depth: self.max_depth.unwrap_or(d.max_depth),
            max_seconds: self.max_seconds.unwrap_or(d.max_seconds),
            ..d
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read every file under INPUT_DIR (recursively) and write the dataset into OUT_DIR:
    /// documents.csv, line_items.csv, panel.csv (preferred copies only), tables.csv, checks.csv,
    /// narrative_facts.csv, performance_targets.csv, projects.csv, codebook.csv,
    /// documents.jsonl, datapackage.json and yusuan.sqlite (see docs/dataset.md). Files that cannot be
    /// read are listed in documents.csv with their status and the reason; the run goes on.
    /// Exit status: 0 when the dataset was written, 1 when it was written but no file could be
    /// read as a disclosure (an empty folder, only unsupported or broken files), 2 for an input
    /// that is not a folder or an output that cannot be written.
    Run {
        /// Folder of disclosures to read.
        input_dir: PathBuf,
        /// Folder to write the dataset into (created if needed).
        #[arg(long, short)]
        out: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Do not show a progress bar.
        #[arg(long)]
        quiet: bool,
        /// A CSV of department aliases (`alias,canonical` per line) added to the built-in ones,
        /// so that every spelling of a department gets one department_id.
        #[arg(long)]
        aliases: Option<PathBuf>,
        /// Process only the K-th of N shards of the files (by content hash), e.g. `--shard 3/8`;
        /// combine the shards' outputs with `yusuan merge`.
        #[arg(long, value_name = "K/N")]
        shard: Option<yusuan::Shard>,
        /// Do not keep or use the cache of outcomes in OUT_DIR/.yusuan-cache (by default a
        /// re-run parses only new or changed files, and a killed run resumes).
        #[arg(long)]
        no_cache: bool,
        /// Read only files whose path (relative to INPUT_DIR) matches this glob, e.g.
        /// `--include '**/*2024*'`; may be given more than once.
        #[arg(long, value_name = "GLOB")]
        include: Vec<String>,
        /// Leave out files whose relative path matches this glob, e.g. `--exclude '*.json'`;
        /// may be given more than once.
        #[arg(long, value_name = "GLOB")]
        exclude: Vec<String>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Combine the outputs of `yusuan run --shard K/N` into one dataset, identical to what a
    /// single run over all the files writes.
    Merge {
        /// The shards' output folders.
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        /// Folder to write the combined dataset into.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Print one document's extracted structure and everything read from it, as JSON.
    Extract {
        /// A .docx, .doc or .pdf file.
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("RUST_LOG"))
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Run {
            input_dir,
            out,
            jobs,
            quiet,
            aliases,
            shard,
            no_cache,
            include,
            exclude,
            limits,
        } => {
            let run = yusuan::RunOptions {
                jobs,
                progress: !quiet && std::io::stderr().is_terminal(),
                shard,
                cache: !no_cache,
                filter: yusuan::Filter { include, exclude },
            };
            let result = yusuan::options_with_aliases(aliases.as_deref()).and_then(|options| {
                let settings = yusuan::Settings {
                    limits: limits.limits(),
                    options,
                };
                yusuan::run(&input_dir, &out, &run, &settings)
            });
            match result {
                Ok(summary) => {
                    eprintln!("{}", yusuan::run_summary_line(&summary, &out));
                    if summary.nothing_readable() && shard.is_none() {
                        eprintln!(
                            "yusuan: no readable disclosure was found in {} (the dataset lists what was there)",
                            input_dir.display()
                        );
                        return ExitCode::from(1);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("yusuan: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Merge { shards, out } => match yusuan::merge(&shards, &out) {
            Ok(summary) => {
                eprintln!("{}", yusuan::summary_line(&summary, &out));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("yusuan: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Extract { file } => match yusuan::extract_one(&file) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("yusuan: {e:#}");
                ExitCode::from(1)
            }
        },
    }
}
