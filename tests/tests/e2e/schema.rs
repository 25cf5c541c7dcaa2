//! The two migration folders must describe the same schema.

use greenlight_store::introspection::application_columns;
use greenlight_tests::{Backend, TestDatabase};

#[test]
fn both_backends_have_the_same_tables_and_columns() {
    let sqlite = TestDatabase::create(Backend::Sqlite).unwrap();
    let Some(postgres) = TestDatabase::create(Backend::Postgres) else {
        return;
    };
    let sqlite_columns = application_columns(&mut sqlite.pool().get().unwrap()).unwrap();
    let postgres_columns = application_columns(&mut postgres.pool().get().unwrap()).unwrap();
    assert!(sqlite_columns.iter().any(|(table, _)| table == "users"));
    assert_eq!(sqlite_columns, postgres_columns);
}
