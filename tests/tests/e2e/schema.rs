//! The two migration folders must describe the same schema: the same
//! columns with the same types, nullability and primary keys, the same
//! indexes (unique or not) and the same foreign keys with the same delete
//! rules.

use std::fmt::Debug;

use greenlight_store::introspection::{Schema, describe};
use greenlight_tests::{Backend, TestDatabase};

/// What one list holds and the other lacks, both ways.
fn differences<T: PartialEq + Debug>(what: &str, sqlite: &[T], postgres: &[T]) -> Vec<String> {
    let only = |side: &str, a: &[T], b: &[T]| -> Vec<String> {
        a.iter()
            .filter(|item| !b.contains(item))
            .map(|item| format!("{what} only on {side}: {item:?}"))
            .collect()
    };
    let mut found = only("SQLite", sqlite, postgres);
    found.extend(only("PostgreSQL", postgres, sqlite));
    found
}

fn schema_of(database: &TestDatabase) -> Schema {
    describe(&mut database.pool().get().unwrap()).unwrap()
}

#[test]
fn both_backends_have_the_same_schema() {
    let sqlite = schema_of(&TestDatabase::create(Backend::Sqlite).unwrap());
    let Some(postgres) = TestDatabase::create(Backend::Postgres) else {
        return;
    };
    let postgres = schema_of(&postgres);

    // The description must see what it compares, on both sides.
    for schema in [&sqlite, &postgres] {
        let email = schema
            .columns
            .iter()
            .find(|c| c.table == "users" && c.name == "email")
            .unwrap();
        assert_eq!((email.data_type.as_str(), email.not_null), ("text", true));
        assert!(
            schema
                .indexes
                .iter()
                .any(|i| i.table == "users" && i.columns == ["email"] && i.unique)
        );
        assert!(schema.foreign_keys.iter().any(|f| f.table == "profiles"
            && f.referenced_table == "users"
            && f.on_delete == "CASCADE"));
        assert!(
            schema.columns.iter().any(|c| c.primary_key_position == 2),
            "a composite key"
        );
    }

    let mut found = differences("column", &sqlite.columns, &postgres.columns);
    found.extend(differences("index", &sqlite.indexes, &postgres.indexes));
    found.extend(differences(
        "foreign key",
        &sqlite.foreign_keys,
        &postgres.foreign_keys,
    ));
    assert!(
        found.is_empty(),
        "the migrations differ:\n{}",
        found.join("\n")
    );
}
