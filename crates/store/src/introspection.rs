//! What the database says its schema is, in one vocabulary for both
//! backends, so that a test can hold the two migration folders to the same
//! schema: columns with their types, nullability and primary keys, plain
//! indexes (unique or not) and foreign keys with their delete rules.
//!
//! Bookkeeping tables (diesel's, SQLite's internals and full-text shadow
//! tables) are left out, and so are expression indexes: full text is the
//! one place the backends differ on purpose (FTS5 on SQLite, a GIN index on
//! PostgreSQL; see docs/architecture.md).

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer, Nullable, Text};

use crate::AnyConnection;
use crate::error::StoreResult;

/// One column, its type named as SQLite's declarations name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Column {
    pub table: String,
    pub name: String,
    pub data_type: String,
    pub not_null: bool,
    /// 1-based position in the table's primary key; 0 outside it.
    pub primary_key_position: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    pub table: String,
    pub columns: Vec<String>,
    pub unique: bool,
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    pub table: String,
    pub columns: Vec<String>,
    pub referenced_table: String,
    pub referenced_columns: Vec<String>,
    /// `NO ACTION`, `RESTRICT`, `CASCADE`, `SET NULL` or `SET DEFAULT`.
    pub on_delete: String,
}

/// The application's schema, every list sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schema {
    pub columns: Vec<Column>,
    pub indexes: Vec<Index>,
    pub foreign_keys: Vec<ForeignKey>,
}

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Bool)]
    not_null: bool,
    #[diesel(sql_type = Integer)]
    primary_key_position: i32,
}

/// One column of one index, or of one foreign key (`group` names which).
#[derive(QueryableByName)]
struct KeyPartRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    group_name: String,
    #[diesel(sql_type = Integer)]
    position: i32,
    /// `None` for an expression.
    #[diesel(sql_type = Nullable<Text>)]
    column_name: Option<String>,
    #[diesel(sql_type = Bool)]
    is_unique: bool,
    #[diesel(sql_type = Bool)]
    is_partial: bool,
    #[diesel(sql_type = Text)]
    referenced_table: String,
    /// `None` where SQLite's foreign key names no column: the primary key.
    #[diesel(sql_type = Nullable<Text>)]
    referenced_column: Option<String>,
    #[diesel(sql_type = Text)]
    on_delete: String,
}

/// The tables of SQLite's catalogue (`m`), full-text virtual tables left out.
const SQLITE_TABLES: &str = "m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%'";

fn sqlite_columns() -> String {
    format!(
        "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type,
                p.\"notnull\" <> 0 AS not_null, p.pk AS primary_key_position
         FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE {SQLITE_TABLES}"
    )
}

/// Indexes other than the primary key's (`origin = 'pk'`).
fn sqlite_indexes() -> String {
    format!(
        "SELECT m.name AS table_name, l.name AS group_name, i.seqno AS position,
                i.name AS column_name, l.\"unique\" <> 0 AS is_unique, l.partial <> 0 AS is_partial,
                '' AS referenced_table, NULL AS referenced_column, '' AS on_delete
         FROM sqlite_master m JOIN pragma_index_list(m.name) l JOIN pragma_index_info(l.name) i
         WHERE {SQLITE_TABLES} AND l.origin <> 'pk'"
    )
}

fn sqlite_foreign_keys() -> String {
    format!(
        "SELECT m.name AS table_name, CAST(f.id AS TEXT) AS group_name, f.seq AS position,
                f.\"from\" AS column_name, 0 <> 0 AS is_unique, 0 <> 0 AS is_partial,
                f.\"table\" AS referenced_table, f.\"to\" AS referenced_column, f.on_delete AS on_delete
         FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
         WHERE {SQLITE_TABLES}"
    )
}

const POSTGRES_COLUMNS: &str = "
    SELECT c.table_name::text AS table_name, c.column_name::text AS column_name,
           c.data_type::text AS data_type, c.is_nullable = 'NO' AS not_null,
           COALESCE(k.ordinal_position, 0)::integer AS primary_key_position
    FROM information_schema.columns c
    LEFT JOIN (
        SELECT u.table_name, u.column_name, u.ordinal_position
        FROM information_schema.table_constraints t
        JOIN information_schema.key_column_usage u
          ON u.constraint_name = t.constraint_name AND u.table_schema = t.table_schema
        WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema()
    ) k ON k.table_name = c.table_name AND k.column_name = c.column_name
    WHERE c.table_schema = current_schema()";

const POSTGRES_INDEXES: &str = "
    SELECT t.relname::text AS table_name, i.relname::text AS group_name,
           (k.ord - 1)::integer AS position, a.attname::text AS column_name,
           x.indisunique AS is_unique, x.indpred IS NOT NULL AS is_partial,
           '' AS referenced_table, NULL::text AS referenced_column, '' AS on_delete
    FROM pg_index x
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
    WHERE n.nspname = current_schema() AND NOT x.indisprimary";

const POSTGRES_FOREIGN_KEYS: &str = "
    SELECT t.relname::text AS table_name, c.conname::text AS group_name,
           (k.ord - 1)::integer AS position, a.attname::text AS column_name,
           false AS is_unique, false AS is_partial,
           r.relname::text AS referenced_table, ra.attname::text AS referenced_column,
           CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'
               WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END AS on_delete
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, referenced_attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
    JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.referenced_attnum
    WHERE c.contype = 'f' AND n.nspname = current_schema()";

fn is_application_table(name: &str) -> bool {
    let bookkeeping =
        name.starts_with("__diesel") || name.starts_with("sqlite_") || name.contains("_fts");
    !bookkeeping
}

/// Both backends' names for the types the migrations use, as one name.
fn canonical_type(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    match lower.as_str() {
        "timestamp without time zone" => "timestamp".to_owned(),
        "timestamp with time zone" => "timestamptz".to_owned(),
        "double precision" | "real" | "double" | "float" => "double".to_owned(),
        "character varying" => "varchar".to_owned(),
        "int" | "int4" => "integer".to_owned(),
        "int8" => "bigint".to_owned(),
        "bool" => "boolean".to_owned(),
        _ => lower,
    }
}

/// Groups the rows of each index or foreign key, in key order.
fn grouped(rows: Vec<KeyPartRow>) -> Vec<Vec<KeyPartRow>> {
    let mut groups: BTreeMap<(String, String), Vec<KeyPartRow>> = BTreeMap::new();
    for row in rows
        .into_iter()
        .filter(|row| is_application_table(&row.table_name))
    {
        groups
            .entry((row.table_name.clone(), row.group_name.clone()))
            .or_default()
            .push(row);
    }
    groups
        .into_values()
        .map(|mut parts| {
            parts.sort_by_key(|part| part.position);
            parts
        })
        .collect()
}

pub fn describe(conn: &mut AnyConnection) -> StoreResult<Schema> {
    let (columns, indexes, foreign_keys): (Vec<ColumnRow>, Vec<KeyPartRow>, Vec<KeyPartRow>) =
        match conn {
            AnyConnection::Sqlite(_) => (
                diesel::sql_query(sqlite_columns()).load(conn)?,
                diesel::sql_query(sqlite_indexes()).load(conn)?,
                diesel::sql_query(sqlite_foreign_keys()).load(conn)?,
            ),
            AnyConnection::Postgresql(_) => (
                diesel::sql_query(POSTGRES_COLUMNS).load(conn)?,
                diesel::sql_query(POSTGRES_INDEXES).load(conn)?,
                diesel::sql_query(POSTGRES_FOREIGN_KEYS).load(conn)?,
            ),
        };
    let mut schema = Schema {
        columns: columns
            .into_iter()
            .filter(|row| is_application_table(&row.table_name))
            .map(|row| Column {
                table: row.table_name,
                name: row.column_name,
                data_type: canonical_type(&row.data_type),
                not_null: row.not_null,
                primary_key_position: row.primary_key_position,
            })
            .collect(),
        ..Schema::default()
    };
    for parts in grouped(indexes) {
        let Some(columns) = parts
            .iter()
            .map(|part| part.column_name.clone())
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        schema.indexes.push(Index {
            table: parts[0].table_name.clone(),
            columns,
            unique: parts[0].is_unique,
            partial: parts[0].is_partial,
        });
    }
    for parts in grouped(foreign_keys) {
        let referenced_table = parts[0].referenced_table.clone();
        let primary_key: Vec<String> = {
            let mut key: Vec<&Column> = schema
                .columns
                .iter()
                .filter(|c| c.table == referenced_table && c.primary_key_position > 0)
                .collect();
            key.sort_by_key(|c| c.primary_key_position);
            key.into_iter().map(|c| c.name.clone()).collect()
        };
        schema.foreign_keys.push(ForeignKey {
            table: parts[0].table_name.clone(),
            columns: parts
                .iter()
                .map(|part| part.column_name.clone().unwrap_or_default())
                .collect(),
            referenced_columns: parts
                .iter()
                .enumerate()
                .map(|(n, part)| {
                    part.referenced_column
                        .clone()
                        .or_else(|| primary_key.get(n).cloned())
                        .unwrap_or_default()
                })
                .collect(),
            on_delete: parts[0].on_delete.to_uppercase(),
            referenced_table,
        });
    }
    schema.columns.sort();
    schema.indexes.sort();
    schema.foreign_keys.sort();
    Ok(schema)
}
