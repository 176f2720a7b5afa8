//! One disclosure, counted once. The same disclosure often arrives several times: as .docx and
//! as PDF, downloaded twice with a byte changed, or byte for byte the same under two names.
//!
//! A disclosure is identified by what it says, not by its bytes: its `disclosure_id` is a hash
//! of the department, year, kind, scope and every figure read (table, scheme, code, project,
//! measure, amount). Of the copies of one disclosure, the preferred one is the richest reading
//! (most narrative facts and performance targets), then the richer format (.docx, whose text is
//! exact, before a workbook, a PDF and a Word 97 file), then the first by path; every other copy
//! names it in `duplicate_of`. A file byte-for-byte equal to one listed before it is `duplicate`
//! as well, with an id of its own (so that every row of `documents.csv` has one).
//!
//! A run keeps only a small [`Seen`] record per file to decide this; [`Assignment::apply`] then
//! marks each outcome as it is written.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use yusuan_model::{Copies, FileOutcome, FileStatus};

/// What deciding copies needs to know of one file.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    /// Path relative to the input.
    pub path: String,
    /// Its `doc_id` as read (the content hash prefix).
    pub doc_id: String,
    /// The disclosure it is a copy of, where figures were read.
    pub disclosure_id: Option<String>,
    /// How rich the reading is: a larger rank is preferred.
    pub rank: (usize, u8),
    /// Already marked a byte-for-byte duplicate (an outcome read back from a shard), with the
    /// copy it named.
    pub marked_duplicate: Option<Option<String>>,
    /// Department, year, kind and scope, where all are known: the parts of one disclosure
    /// published in two files share them.
    pub identity: Option<String>,
    /// Whether the file is an explanation without tables (a narrative published apart).
    pub narrative_only: bool,
    /// Whether the file holds an explanation (figures stated in the text).
    pub has_narrative: bool,
}

/// The disclosure id of an outcome: a hash of what it says, `None` where no figure was read.
pub(crate) fn disclosure_id(o: &FileOutcome) -> Option<String> {
    let d = o.disclosure.as_ref()?;
    if d.line_items.is_empty() {
        return None;
    }
    let m = &d.meta;
    let mut lines: Vec<String> = d
        .line_items
        .iter()
        .map(|i| {
            format!(
                "{}|{}|{}|{}|{}|{}",
                i.table,
                i.scheme.as_str(),
                i.code,
                i.project,
                i.measure,
                i.amount_yuan.normalize()
            )
        })
        .collect();
    lines.sort();
    let mut h = Sha256::new();
    h.update(
        format!(
            "{}|{:?}|{:?}|{:?}\n",
            m.department_id.as_deref().unwrap_or(""),
            m.fiscal_year,
            m.doc_kind.map(|k| k.as_str()),
            m.scope.map(|s| s.as_str())
        )
        .as_bytes(),
    );
    for l in &lines {
        h.update(l.as_bytes());
        h.update(b"\n");
    }
    Some(
        h.finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// The [`Seen`] record of an outcome.
pub(crate) fn seen(o: &FileOutcome) -> Seen {
    let richness = o
        .disclosure
        .as_ref()
        .map_or(0, |d| d.narrative_facts.len() + d.performance_targets.len());
    let format = match o.format.as_str() {
        "docx" => 3,
        "xlsx" | "xls" => 2,
        "pdf" => 1,
        _ => 0,
    };
    let marked = o.status == FileStatus::Duplicate;
    Seen {
        path: o.path.clone(),
        doc_id: o.doc_id.clone(),
        disclosure_id: if marked {
            o.copies.disclosure_id.clone()
        } else {
            disclosure_id(o)
        },
        rank: (richness, format),
        marked_duplicate: marked.then(|| o.copies.duplicate_of.clone()),
        identity: o.disclosure.as_ref().and_then(|d| {
            let m = &d.meta;
            Some(format!(
                "{}|{}|{}|{}",
                m.department_id.as_deref()?,
                m.fiscal_year?,
                m.doc_kind?.as_str(),
                m.scope?.as_str()
            ))
        }),
        has_narrative: o
            .disclosure
            .as_ref()
            .is_some_and(|d| !d.narrative_facts.is_empty()),
        narrative_only: o
            .disclosure
            .as_ref()
            .is_some_and(|d| d.tables.is_empty() && !d.narrative_facts.is_empty())
            && !marked,
    }
}

/// What becomes of one file.
#[derive(Debug, Clone, Default)]
struct Fix {
    copies: Copies,
    /// For a byte-for-byte duplicate: the path of the first file with its content, and its own
    /// id.
    byte_duplicate: Option<(String, String)>,
}

/// The copies decided over a whole run.
#[derive(Debug, Default)]
pub(crate) struct Assignment {
    by_path: HashMap<String, Fix>,
    /// Narrative part → tables part, and tables part → narrative part (paths).
    companions: HashMap<String, String>,
}

impl Assignment {
    /// Decide, from every file's [`Seen`] record (in any order).
    pub(crate) fn decide(mut seen: Vec<Seen>) -> Assignment {
        seen.sort_by(|a, b| a.path.cmp(&b.path));
        let mut by_path: HashMap<String, Fix> = HashMap::new();
        let originals = byte_duplicates(&seen, &mut by_path);
        let preferred = preferred_copies(&originals);
        mark_copies(&originals, &preferred, &mut by_path);
        keep_shard_marks(&seen, &preferred, &mut by_path);
        let companions = join_companions(&originals, &preferred, &mut by_path);
        // A byte duplicate names the preferred copy of its disclosure where it has one.
        for fix in by_path.values_mut() {
            if fix.byte_duplicate.is_some() {
                if let Some(p) = fix
                    .copies
                    .disclosure_id
                    .as_deref()
                    .and_then(|id| preferred.get(id))
                {
                    fix.copies.duplicate_of = Some(p.doc_id.clone());
                }
            }
        }
        Assignment {
            by_path,
            companions,
        }
    }

    /// The path of the other part of a disclosure published in two files.
    pub(crate) fn companion(&self, path: &str) -> Option<&str> {
        self.companions.get(path).map(String::as_str)
    }

    /// Mark one outcome.
    pub(crate) fn apply(&self, o: &mut FileOutcome) {
        let Some(fix) = self.by_path.get(&o.path) else {
            return;
        };
        o.copies = fix.copies.clone();
        if let Some((first, own)) = &fix.byte_duplicate {
            o.status = FileStatus::Duplicate;
            o.error = Some(format!("same content as {first}"));
            o.note = None;
            o.doc_id = own.clone();
            o.disclosure = None;
            o.document = None;
        }
    }
}

/// The preferred copy of each disclosure, by disclosure id.
type Preferred<'a> = HashMap<&'a str, &'a Seen>;

/// Byte-for-byte duplicates: the first file of each content is the original; every later one is
/// marked. The originals (and the files marked by a shard are left for [`keep_shard_marks`]).
fn byte_duplicates<'a>(seen: &'a [Seen], by_path: &mut HashMap<String, Fix>) -> Vec<&'a Seen> {
    let mut first_of: HashMap<&str, &Seen> = HashMap::new();
    let mut originals: Vec<&Seen> = Vec::new();
    for s in seen {
        if s.marked_duplicate.is_some() {
            continue;
        }
        if s.doc_id.is_empty() {
            originals.push(s);
            continue;
        }
        match first_of.get(s.doc_id.as_str()) {
            Some(first) => {
                let own = own_id(&s.doc_id, &s.path);
                by_path.insert(
                    s.path.clone(),
                    Fix {
                        copies: Copies {
                            disclosure_id: first.disclosure_id.clone(),
                            duplicate_of: Some(first.doc_id.clone()),
                            preferred: false,
                            companion: None,
                        },
                        byte_duplicate: Some((first.path.clone(), own)),
                    },
                );
            }
            None => {
                first_of.insert(&s.doc_id, s);
                originals.push(s);
            }
        }
    }
    originals
}

/// Copies of one disclosure among the originals: the best ranked is preferred (and counted).
fn preferred_copies<'a>(originals: &[&'a Seen]) -> Preferred<'a> {
    let mut preferred: Preferred<'a> = HashMap::new();
    for s in originals {
        if let Some(id) = s.disclosure_id.as_deref() {
            if preferred.get(id).is_none_or(|p| s.rank > p.rank) {
                preferred.insert(id, s);
            }
        }
    }
    preferred
}

/// Each original: its disclosure, and whether it is the preferred copy or which copy is.
fn mark_copies(originals: &[&Seen], preferred: &Preferred<'_>, by_path: &mut HashMap<String, Fix>) {
    for s in originals {
        let copies = match s.disclosure_id.as_deref() {
            Some(id) => {
                let p = preferred[id];
                let is_preferred = std::ptr::eq(p, *s);
                Copies {
                    disclosure_id: Some(id.to_string()),
                    duplicate_of: (!is_preferred).then(|| p.doc_id.clone()),
                    preferred: is_preferred,
                    companion: None,
                }
            }
            None => Copies::default(),
        };
        by_path.insert(
            s.path.clone(),
            Fix {
                copies,
                byte_duplicate: None,
            },
        );
    }
}

/// Duplicates marked by a shard keep their marks, pointing at the preferred copy.
fn keep_shard_marks(seen: &[Seen], preferred: &Preferred<'_>, by_path: &mut HashMap<String, Fix>) {
    for s in seen {
        if let Some(named) = &s.marked_duplicate {
            let duplicate_of = s
                .disclosure_id
                .as_deref()
                .and_then(|id| preferred.get(id))
                .map(|p| p.doc_id.clone())
                .or_else(|| named.clone());
            by_path.insert(
                s.path.clone(),
                Fix {
                    copies: Copies {
                        disclosure_id: s.disclosure_id.clone(),
                        duplicate_of,
                        preferred: false,
                        companion: None,
                    },
                    byte_duplicate: None,
                },
            );
        }
    }
}

/// A disclosure published as two files: an explanation without tables, and the tables of the
/// same department, year, kind and scope. The explanation joins the disclosure of the preferred
/// tables (it adds no line items, so nothing is counted twice). The pairs, both ways (paths).
fn join_companions(
    originals: &[&Seen],
    preferred: &Preferred<'_>,
    by_path: &mut HashMap<String, Fix>,
) -> HashMap<String, String> {
    let mut companions: HashMap<String, String> = HashMap::new();
    for s in originals.iter().filter(|s| s.narrative_only) {
        let Some(identity) = &s.identity else {
            continue;
        };
        let tables = preferred
            .values()
            .filter(|p| p.identity.as_ref() == Some(identity) && !p.narrative_only)
            .min_by(|a, b| a.path.cmp(&b.path));
        let Some(t) = tables else { continue };
        // The explanation is there already with the tables (a whole copy of the disclosure):
        // this file is a partial copy of it.
        let copies = if t.has_narrative {
            Copies {
                disclosure_id: t.disclosure_id.clone(),
                duplicate_of: Some(t.doc_id.clone()),
                preferred: false,
                companion: None,
            }
        } else {
            Copies {
                disclosure_id: t.disclosure_id.clone(),
                duplicate_of: None,
                preferred: true,
                companion: Some(t.doc_id.clone()),
            }
        };
        if let Some(fix) = by_path.get_mut(&s.path) {
            fix.copies = copies;
        }
        if t.has_narrative {
            continue;
        }
        if let Some(fix) = by_path.get_mut(&t.path) {
            fix.copies.companion = Some(s.doc_id.clone());
        }
        companions.insert(s.path.clone(), t.path.clone());
        companions.insert(t.path.clone(), s.path.clone());
    }
    companions
}

/// The id of a byte-for-byte duplicate: its content's id with its path, hashed.
fn own_id(doc_id: &str, path: &str) -> String {
    let digest = Sha256::digest(format!("{doc_id}|{path}").as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
