//! `yusuan.sqlite`: the same tables as the CSV files (loaded from them, so the two cannot
//! differ), with indexes on `doc_id`, `department_id`, `fiscal_year` and `code`, and a view of
//! totals per department and year.
//!
//! Amounts stay exact decimal strings (`TEXT`), as in the CSV; the view sums them in fen after
//! rounding each to the fen, which is exact for any budget below 10^13 元.

use std::path::Path;

use rusqlite::{params_from_iter, Connection};

use crate::schema;
use crate::{Result, WriteError};

fn sql_err(path: &Path) -> impl FnOnce(rusqlite::Error) -> WriteError + '_ {
    move |e| WriteError::Serialise {
        what: path.display().to_string(),
        message: e.to_string(),
    }
}

/// The view: per department, year, table and measure, the sum of the function classes (类).
const TOTALS_VIEW: &str = r#"
CREATE VIEW department_year_totals AS
SELECT department_id, fiscal_year, "table", measure,
       printf('%.2f', SUM(CAST(ROUND(CAST(amount_yuan AS REAL) * 100) AS INTEGER)) / 100.0) AS amount_yuan,
       COUNT(DISTINCT doc_id) AS documents
FROM line_items
WHERE scheme = 'function' AND length(code) = 3
GROUP BY department_id, fiscal_year, "table", measure"#;

/// Build `yusuan.sqlite` in `dir` from the CSV files already written there.
pub fn write_sqlite(dir: &Path) -> Result<()> {
    let path = dir.join("yusuan.sqlite");
    let mut conn = Connection::open(&path).map_err(sql_err(&path))?;
    let tx = conn.transaction().map_err(sql_err(&path))?;
    for (name, _, columns) in schema::FILES {
        let defs: Vec<String> = columns
            .iter()
            .map(|(c, t, _)| {
                format!(
                    "\"{c}\" {}",
                    if *t == "integer" { "INTEGER" } else { "TEXT" }
                )
            })
            .collect();
        tx.execute(
            &format!("CREATE TABLE \"{name}\" ({})", defs.join(", ")),
            [],
        )
        .map_err(sql_err(&path))?;
        let marks = vec!["?"; columns.len()].join(", ");
        let mut insert = tx
            .prepare(&format!("INSERT INTO \"{name}\" VALUES ({marks})"))
            .map_err(sql_err(&path))?;
        let csv_path = dir.join(format!("{name}.csv"));
        let mut rdr = csv::Reader::from_path(&csv_path).map_err(|e| WriteError::Serialise {
            what: csv_path.display().to_string(),
            message: e.to_string(),
        })?;
        for record in rdr.records() {
            let record = record.map_err(|e| WriteError::Serialise {
                what: csv_path.display().to_string(),
                message: e.to_string(),
            })?;
            // An empty field is "not published": NULL.
            let values =
                record
                    .iter()
                    .zip(columns.iter())
                    .map(|(v, (_, t, _))| -> rusqlite::types::Value {
                        match (v, *t) {
                            ("", _) => rusqlite::types::Value::Null,
                            (v, "integer") => v.parse::<i64>().map_or(
                                rusqlite::types::Value::Null,
                                rusqlite::types::Value::Integer,
                            ),
                            (v, _) => rusqlite::types::Value::Text(v.to_string()),
                        }
                    });
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
