#!/usr/bin/env python3
"""Open a yusuan dataset the way researchers do, with no options: DuckDB reads every CSV (and
the columns need no quoting), SQLite compares amounts as numbers. Used by .ci/run.

Run: python3 scripts/check_dataset.py OUT_DIR   (needs `pip install duckdb`)
"""

import sqlite3
import sys
from pathlib import Path

import duckdb


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
    con = duckdb.connect()
    for csv in sorted(out.glob("*.csv")):
        n = con.execute(f"SELECT count(*) FROM '{csv}'").fetchall()[0][0]
        print(f"duckdb: {csv.name}: {n} rows")
    # Column names that are SQL keywords would need quoting here.
    rows = con.execute(
        f"SELECT table_id, measure, level, count(*) FROM '{out / 'panel.csv'}' "
        "GROUP BY table_id, measure, level ORDER BY 4 DESC LIMIT 3"
    ).fetchall()
    print("duckdb: panel group-by:", rows)
    kinds = con.execute(
        f"SELECT check_id, status, count(*) FROM '{out / 'checks.csv'}' GROUP BY ALL ORDER BY 3 DESC LIMIT 3"
    ).fetchall()
    print("duckdb: checks group-by:", kinds)
    typ = con.execute(f"SELECT typeof(amount_yuan) FROM '{out / 'line_items.csv'}' LIMIT 1").fetchall()[0][0]
    assert typ in ("DOUBLE", "DECIMAL(18,2)") or typ.startswith("DECIMAL"), typ
    db = sqlite3.connect(out / "yusuan.sqlite")
    kind, biggest = db.execute(
        "SELECT typeof(max(amount_yuan)), max(amount_yuan) FROM line_items"
    ).fetchone()
    assert kind == "real", kind
    text = db.execute(
        "SELECT amount_yuan_text FROM line_items ORDER BY amount_yuan DESC LIMIT 1"
    ).fetchone()[0]
    assert float(text) == biggest, (text, biggest)
    print(f"sqlite: max(amount_yuan) = {biggest} ({kind}), exact text {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
