//! # cable-wasm
//!
//! The WebAssembly binding of [`cable_core`]: the same tree in JavaScript, in the
//! browser and in Node. It holds no parsing logic: every function converts its
//! arguments, calls `cable-core` and hands the result back.
//!
//! - `parseJson(text, options?)` returns [`cable_core::Cable::to_json`], byte for byte;
//! - `parse(text, options?)` returns `JSON.parse` of that string, a plain object
//!   (so `JSON.stringify(parse(x)) === parseJson(x)`);
//! - `decode(text, options?)` returns `{ container, text }`: the document text that
//!   the spans of the tree index (see [`cable_core::decode`]).
//!
//! `text` is a string, or a `Uint8Array` of UTF-8 bytes (bad bytes are an error).
//! Options: `container` (`"text_export"`, `"html_page"`, `"html_pre"`, `"csv_row"`,
//! `"bare_text"`; detected when absent), `strict` (boolean), `maxInputBytes`, `year`
//! (the year the cable was sent, for texts without a date), `fileName` (the name of the
//! file the text came from: a reference id there gives the cable its `id` when the text
//! gives none) and `idFromFileName` (boolean, default `true`).
//!
//! Parse errors are thrown as JS `Error`s named `CableError` with the properties
//! `kind`, `line`, `column`, `snippet`, `expected` and `offset` (`null` when the
//! error has no position). Bad arguments throw a `TypeError`.
//!
//! Build with `cable-wasm/build.sh`; on a host target this crate is empty, so that
//! `cargo test` and `cargo clippy` on the workspace need no wasm toolchain.

#[cfg(target_arch = "wasm32")]
mod bindings;

/// The version of cable-wasm: the workspace's, the same as `cable --version` and
/// Python's `cable.__version__` (e.g. `"0.2.0"`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Whether this build carries the index of the Cablegate release (the default feature
/// `release-index`). When it does not, every reference's `in_release` is `null`: the
/// build cannot tell whether the release holds the cited cable.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = releaseIndex)]
pub fn release_index() -> bool {
    cable_core::release::INDEXED
}
