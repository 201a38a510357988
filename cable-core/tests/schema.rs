//! The committed JSON Schema must match the Rust types
//! (`UPDATE_SCHEMA=1 cargo test -p cable-core --test schema` rewrites it).

#[test]
fn committed_schema_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/cable.schema.json");
    let current = cable_core::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(path.parent().expect("schema folder"))
            .expect("create schema folder");
        std::fs::write(&path, &current).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == current,
        "{} is stale: run `UPDATE_SCHEMA=1 cargo test -p cable-core --test schema`",
        path.display()
    );
}
