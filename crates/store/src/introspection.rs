use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::AnyConnection;
use crate::error::StoreResult;

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// Every `(table, column)` of the application's own tables, sorted, so the two
/// backends' migrations can be compared. Bookkeeping tables (diesel's, SQLite's
/// internals and full-text shadow tables) are left out.
pub fn application_columns(conn: &mut AnyConnection) -> StoreResult<Vec<(String, String)>> {
    let rows: Vec<ColumnRow> = match conn {
        AnyConnection::Sqlite(_) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name
             FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
        )
        .load(conn)?,
        AnyConnection::Postgresql(_) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name
             FROM information_schema.columns
             WHERE table_schema = current_schema()",
        )
        .load(conn)?,
    };
    let mut columns: Vec<(String, String)> = rows
        .into_iter()
        .filter(|row| is_application_table(&row.table_name))
        .map(|row| (row.table_name, row.column_name))
        .collect();
    columns.sort();
    Ok(columns)
}

fn is_application_table(name: &str) -> bool {
    let bookkeeping =
        name.starts_with("__diesel") || name.starts_with("sqlite_") || name.contains("_fts");
    !bookkeeping
}
