//! HtmlPre container, lenient parsing: no panic, no hang, and every invariant of
//! `cable_fuzz::invariants` holds for the tree (lenient parsing must succeed).
//!
//! A `<pre>` block has no metadata and often no date, so it is where the reference id
//! comes from a file's name (`Options::file_name`) and REF years from `Options::year`: each
//! input is parsed a second time under a file name that is a reference id (and, when the
//! first byte says so, with a year), and that tree must hold the invariants too, have an
//! id, and say with an `id-from-file-name` diagnostic when the id is the name's.
#![no_main]

use cable_core::{decode, parse_with, Container, Options};
use libfuzzer_sys::fuzz_target;

const FILE_NAME: &str = "07BERLIN1767.html";

fuzz_target!(|data: &[u8]| {
    cable_fuzz::parse_as(data, Some(Container::HtmlPre), false);
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let mut options = Options::new()
        .container(Container::HtmlPre)
        .file_name(FILE_NAME);
    if let Some(&b) = data.first().filter(|&&b| b & 1 == 1) {
        options = options.year(1966 + u16::from(b % 45));
    }
    let cable = parse_with(input, &options).expect("lenient parsing never fails");
    cable_fuzz::invariants::check_cable(&cable, &decode(input, Some(Container::HtmlPre)).text);
    let id = cable.id.as_deref();
    assert!(
        id.is_some(),
        "a reference id as file name, and no id in the tree"
    );
    let from_name = cable
        .diagnostics
        .iter()
        .any(|d| d.code == "id-from-file-name");
    assert_eq!(
        from_name,
        cable.metadata.is_none() && id == Some("07BERLIN1767"),
        "the id-from-file-name diagnostic does not match where the id {id:?} came from"
    );
    let unnamed = options.clone().id_from_file_name(false);
    let cable = parse_with(input, &unnamed).expect("lenient parsing never fails");
    assert!(
        !cable
            .diagnostics
            .iter()
            .any(|d| d.code == "id-from-file-name"),
        "an id from the file name although id_from_file_name is off"
    );
});
