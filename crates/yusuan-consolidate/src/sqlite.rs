//! `yusuan.sqlite`: the same tables as the CSV files (loaded from them, so the two cannot
//! differ), with indexes on `doc_id`, `department_id`, `fiscal_year` and `code`, and a view of
//! totals per department and year.
//!
//! Amounts are numbers (`REAL`) with the exact decimal string beside them (`amount_yuan_text`);
//! the view sums the exact strings in fen after rounding each to the fen, which is exact for any
//! budget below 10^13 元.

use std::path::Path;

use rusqlite::{params_from_iter, Connection};

use crate::schema;
use crate::{Result, WriteError};

fn sql_err(path: &Path) -> impl FnOnce(rusqlite::Error) -> WriteError + '_ {
    move |e| WriteError::Serialise {
        what: path.display().to_string(),
        source: e.into(),
    }
}

/// The view: per department, year, kind, table and measure, the sum of the function classes
/// (类) of the preferred copies only, so that a disclosure read as .docx and as PDF counts once.
const TOTALS_VIEW: &str = r#"
CREATE VIEW department_year_totals AS
SELECT department_id, department_name, fiscal_year, doc_kind, scope, table_id, measure,
       printf('%.2f', SUM(CAST(ROUND(CAST(amount_yuan_text AS REAL) * 100) AS INTEGER)) / 100.0) AS amount_yuan,
       COUNT(DISTINCT doc_id) AS documents
FROM line_items
WHERE scheme = 'function' AND level = 'class' AND preferred = 1
GROUP BY department_id, department_name, fiscal_year, doc_kind, scope, table_id, measure"#;

/// Build `yusuan.sqlite` in `dir` from the CSV files already written there. Numbers are stored
/// as numbers (`REAL`, so that `max()` and `ORDER BY` compare them as numbers) with the exact
/// decimal text beside them in `<column>_text`; booleans as 0 and 1; an empty field as NULL.
pub fn write_sqlite(dir: &Path) -> Result<()> {
    use rusqlite::types::Value;
    let path = dir.join("yusuan.sqlite");
    let mut conn = Connection::open(&path).map_err(sql_err(&path))?;
    // The file is new and lies in the staging folder, which is thrown away if the write fails
    // and flushed to disk before it is switched into place: a rollback journal and SQLite's
    // own flushes would only repeat that.
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        .map_err(sql_err(&path))?;
    let tx = conn.transaction().map_err(sql_err(&path))?;
    for (name, _, columns) in schema::FILES {
        let mut defs: Vec<String> = Vec::new();
        for (c, t, _) in columns.iter() {
            match *t {
                "integer" | "boolean" => defs.push(format!("\"{c}\" INTEGER")),
                "number" => {
                    defs.push(format!("\"{c}\" REAL"));
                    defs.push(format!("\"{c}_text\" TEXT"));
                }
                _ => defs.push(format!("\"{c}\" TEXT")),
            }
        }
        tx.execute(
            &format!("CREATE TABLE \"{name}\" ({})", defs.join(", ")),
            [],
        )
        .map_err(sql_err(&path))?;
        let marks = vec!["?"; defs.len()].join(", ");
        let mut insert = tx
            .prepare(&format!("INSERT INTO \"{name}\" VALUES ({marks})"))
            .map_err(sql_err(&path))?;
        let csv_path = dir.join(format!("{name}.csv"));
        // Streamed, the byte order mark skipped: the CSV is never held whole in memory.
        let io = |source| WriteError::Io {
            path: csv_path.display().to_string(),
            source,
        };
        let mut file = std::io::BufReader::new(std::fs::File::open(&csv_path).map_err(io)?);
        if std::io::BufRead::fill_buf(&mut file)
            .map_err(io)?
            .starts_with(b"\xEF\xBB\xBF")
        {
            std::io::BufRead::consume(&mut file, 3);
        }
        let mut rdr = csv::Reader::from_reader(file);
        for record in rdr.records() {
            let record = record.map_err(|e| WriteError::Serialise {
                what: csv_path.display().to_string(),
                source: e.into(),
            })?;
            let mut values: Vec<Value> = Vec::with_capacity(defs.len());
            for (v, (_, t, _)) in record.iter().zip(columns.iter()) {
                let null = v.is_empty();
                match *t {
                    _ if null && *t == "number" => values.extend([Value::Null, Value::Null]),
                    _ if null => values.push(Value::Null),
                    "integer" => values.push(v.parse::<i64>().map_or(Value::Null, Value::Integer)),
                    "boolean" => values.push(Value::Integer(i64::from(v == "true"))),
                    "number" => {
                        values.push(v.parse::<f64>().map_or(Value::Null, Value::Real));
                        values.push(Value::Text(v.to_string()));
                    }
                    _ => values.push(Value::Text(v.to_string())),
                }
            }
            insert
                .execute(params_from_iter(values))
                .map_err(sql_err(&path))?;
        }
        for column in ["doc_id", "department_id", "fiscal_year", "code"] {
            if columns.iter().any(|(c, _, _)| *c == column) {
                tx.execute(
                    &format!("CREATE INDEX \"{name}_{column}\" ON \"{name}\" (\"{column}\")"),
                    [],
                )
                .map_err(sql_err(&path))?;
            }
        }
    }
    tx.execute(TOTALS_VIEW, []).map_err(sql_err(&path))?;
    tx.commit().map_err(sql_err(&path))?;
    Ok(())
}
