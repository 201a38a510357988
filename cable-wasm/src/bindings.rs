//! The wasm-bindgen exports. Conversions only: the parsing is all in `cable-core`.

use cable_core::{Container, Error, Options};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

// The tree types, generated from the committed JSON Schema
// (`cable-core/schema/cable.schema.json`) by `types/generate.mjs`: the .d.ts that
// wasm-bindgen writes declares the whole tree, and `parse` returns a `Cable`.
#[wasm_bindgen(typescript_custom_section)]
const TREE_TYPES: &str = include_str!("../types/cable.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &str = r#"
/** Options of `parse`, `parseJson` and `decode`. */
export interface ParseOptions {
  /** The container the text arrived in; detected when absent or `null`. */
  container?: Container | null;
  /** Throw on the first deviation from the grammar instead of recovering (default `false`). */
  strict?: boolean;
  /** Refuse inputs of more than this many UTF-8 bytes (default 64 MiB). */
  maxInputBytes?: number;
  /** The year the cable was sent (e.g. 2007), for texts that carry no date (a bare
   * `<pre>` block): REF items that omit their year are resolved with it. A date in the
   * text comes first. */
  year?: number;
  /** The name of the file the text came from (a path or a bare name, e.g.
   * `07BERLIN1767.html`). Cablegate files are named by their reference id: when the text
   * gives the cable no id (a bare `<pre>` block has no metadata and no date), such a name
   * gives it its `id` and year, and an `id-from-file-name` diagnostic says so. */
  fileName?: string | null;
  /** Whether a `fileName` that is a reference id gives the cable its id and year when the
   * text gives none (default `true`). */
  idFromFileName?: boolean;
}

/** What `parse` and `parseJson` throw when a cable cannot be parsed. */
export interface CableError extends Error {
  name: "CableError";
  /** The kind of error, as `cable-core` names it (`Error::kind`): `syntax` (strict
   * mode), `invalid_utf8` (bytes input) or `too_large`; `io` is for files, which this
   * binding does not read. */
  kind: "syntax" | "invalid_utf8" | "too_large" | "io";
  /** 1-based line in the document text; `null` when the error has no position. */
  line: number | null;
  /** 1-based column, in characters; `null` when the error has no position. */
  column: number | null;
  /** The offending line as written; `null` when the error has no position. */
  snippet: string | null;
  /** What the grammar expected there, in words (syntax errors). */
  expected: string | null;
  /** Byte offset in the document text (syntax) or in the input bytes (invalid UTF-8). */
  offset: number | null;
}

/** The document text that the spans of a tree index, from `decode`. */
export interface DecodedText {
  /** The container, detected or as given. */
  container: Container;
  /** The text itself for text exports and bare text; tags stripped and entities
   * decoded for HTML; the header and body fields for a CSV row. */
  text: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The options object, typed `ParseOptions` in the declarations.
    #[wasm_bindgen(typescript_type = "ParseOptions")]
    pub type JsOptions;
}

/// Parses a cable and returns the JSON of its tree: exactly the bytes of the Rust
/// `Cable::to_json()` (compact, keys in declaration order, `null` for absent values).
///
/// `text` is a string, or a `Uint8Array` of UTF-8 bytes. Lenient parsing (the default)
/// never throws on text: what is not understood is kept and reported in `diagnostics`.
///
/// @throws {CableError} in strict mode at the first deviation from the grammar, on bytes
/// that are not UTF-8, and on inputs longer than `maxInputBytes`.
/// @throws {TypeError} when `text` or `options` has the wrong type.
#[wasm_bindgen(js_name = parseJson)]
pub fn parse_json(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    options: Option<JsOptions>,
) -> Result<String, JsValue> {
    let options = read_options(options)?;
    let cable = match Input::from_js(&text)? {
        Input::Text(text) => cable_core::parse_with(&text, &options),
        Input::Bytes(bytes) => cable_core::parse_bytes(&bytes, &options),
    };
    cable
        .map(|cable| cable.to_json())
        .map_err(|err| cable_error(&err))
}

/// Parses a cable and returns its tree as a plain object: `JSON.parse(parseJson(text, options))`,
/// so `JSON.stringify(parse(text))` is exactly `parseJson(text)`.
///
/// Spans are byte offsets into the UTF-8 document text (see `decode`).
///
/// @throws {CableError} as `parseJson`.
/// @throws {TypeError} as `parseJson`.
#[wasm_bindgen(unchecked_return_type = "Cable")]
pub fn parse(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    options: Option<JsOptions>,
) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&parse_json(text, options)?)
}

/// Returns the document text that the spans of the tree index, and the container (as
/// given, or detected). For text exports and bare text the text is the input itself; for
/// HTML it is the text with tags stripped and entities decoded, for a CSV row the
/// unescaped fields. Spans are byte offsets into its UTF-8 encoding.
///
/// @throws {CableError} on bytes that are not UTF-8 and on inputs longer than `maxInputBytes`.
/// @throws {TypeError} when `text` or `options` has the wrong type.
#[wasm_bindgen(unchecked_return_type = "DecodedText")]
pub fn decode(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    options: Option<JsOptions>,
) -> Result<JsValue, JsValue> {
    let options = read_options(options)?;
    let text = match Input::from_js(&text)? {
        Input::Text(text) => text,
        Input::Bytes(bytes) => String::from_utf8(bytes).map_err(|e| {
            cable_error(&Error::InvalidUtf8 {
                offset: e.utf8_error().valid_up_to(),
            })
        })?,
    };
    let decoded = cable_core::decode_with(&text, &options).map_err(|err| cable_error(&err))?;
    let out = Object::new();
    set(&out, "container", decoded.container.name().into());
    set(&out, "text", JsValue::from_str(&decoded.text));
    Ok(out.into())
}

/// The input as given: a string, or UTF-8 bytes still to be checked.
enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

impl Input {
    fn from_js(value: &JsValue) -> Result<Input, JsValue> {
        if let Some(text) = value.as_string() {
            Ok(Input::Text(text))
        } else if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
            Ok(Input::Bytes(bytes.to_vec()))
        } else {
            Err(type_error(
                "the cable text must be a string or a Uint8Array",
            ))
        }
    }
}

/// Reads `{ container, strict, maxInputBytes, year, fileName, idFromFileName }`; absent or
/// `null` members keep their defaults.
fn read_options(options: Option<JsOptions>) -> Result<Options, JsValue> {
    let mut out = Options::new();
    let Some(options) = options.map(JsValue::from) else {
        return Ok(out);
    };
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    if !options.is_object() {
        return Err(type_error("options must be an object"));
    }
    if let Some(value) = member(&options, "container")? {
        let name = value
            .as_string()
            .ok_or_else(|| type_error("options.container must be a string"))?;
        let container: Container = name
            .parse()
            .map_err(|e| type_error(&format!("options.container: {e}")))?;
        out = out.container(container);
    }
    if let Some(value) = member(&options, "strict")? {
        let strict = value
            .as_bool()
            .ok_or_else(|| type_error("options.strict must be a boolean"))?;
        out = out.strict(strict);
    }
    if let Some(value) = member(&options, "maxInputBytes")? {
        let limit = value
            .as_f64()
            .filter(|n| *n >= 0.0 && n.fract() == 0.0)
            .ok_or_else(|| type_error("options.maxInputBytes must be a non-negative integer"))?;
        // `as` saturates: a limit past usize::MAX means no limit.
        out = out.max_input_bytes(limit as usize);
    }
    if let Some(value) = member(&options, "year")? {
        let year = value
            .as_f64()
            .filter(|n| (0.0..=9999.0).contains(n) && n.fract() == 0.0)
            .ok_or_else(|| type_error("options.year must be a year such as 2007"))?;
        out = out.year(year as u16);
    }
    if let Some(value) = member(&options, "fileName")? {
        let name = value
            .as_string()
            .ok_or_else(|| type_error("options.fileName must be a string"))?;
        out = out.file_name(name);
    }
    if let Some(value) = member(&options, "idFromFileName")? {
        let on = value
            .as_bool()
            .ok_or_else(|| type_error("options.idFromFileName must be a boolean"))?;
        out = out.id_from_file_name(on);
    }
    Ok(out)
}

/// `options[name]`, or `None` when it is `undefined` or `null`.
fn member(options: &JsValue, name: &str) -> Result<Option<JsValue>, JsValue> {
    let value = Reflect::get(options, &JsValue::from_str(name))?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

/// A JS `Error` named `CableError` carrying the error's position and expectation.
fn cable_error(err: &Error) -> JsValue {
    let js = js_sys::Error::new(&err.to_string());
    js.set_name("CableError");
    let number = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64));
    let string = |s: Option<&str>| s.map_or(JsValue::NULL, JsValue::from_str);
    set(&js, "kind", err.kind().into());
    set(&js, "line", number(err.line()));
    set(&js, "column", number(err.column()));
    set(&js, "snippet", string(err.snippet()));
    set(&js, "expected", string(err.expected()));
    set(&js, "offset", number(err.offset()));
    js.into()
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// Sets a property on an object we just created (which cannot fail).
fn set(target: &JsValue, key: &str, value: JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}
