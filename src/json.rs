//! JSON text to the app's types and back. In the browser the JavaScript engine
//! reads and writes the text (`JSON.parse`, `JSON.stringify`) and
//! `serde_wasm_bindgen` moves the fields between its values and the app's types,
//! so no JSON reader or writer is in the wasm (vendor/README.md has what that
//! saved); natively (the tests) serde_json does both. A text that is not JSON, or
//! not of the type's shape, is `None` either way: the callers say what that means
//! (a server error, a stored value to ignore).

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

/// The value of type `T` that `text` holds, if it is JSON of that shape.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    #[cfg(target_arch = "wasm32")]
    return serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok();
    #[cfg(not(target_arch = "wasm32"))]
    return serde_json::from_str(text).ok();
}

/// `value` as JSON text, as serde_json writes it (`None` as `null`, maps as
/// objects, the fields in their order), but for a whole float: `JSON.stringify`
/// writes `1.0` as `1`, which reads back the same.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JSON::stringify(&to_value(value)?).ok()?.as_string();
    #[cfg(not(target_arch = "wasm32"))]
    return serde_json::to_string(value).ok();
}

/// `value` as the JavaScript value `JSON.parse` would make of its JSON text: for
/// a host's event listener, say. It needs a JavaScript engine, so natively it is
/// for the browser tests alone (elsewhere `js_sys` panics).
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    #[cfg(target_arch = "wasm32")]
    return value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok();
    #[cfg(not(target_arch = "wasm32"))]
    return js_sys::JSON::parse(&serde_json::to_string(value).ok()?).ok();
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The `.rs` files under `dir`, with their text.
    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }

    /// In the browser a struct's fields are read by their place in serde's list of
    /// its field names (vendor/serde-wasm-bindgen's `field-indexes`). serde puts a
    /// field's aliases in that list too, so one alias would shift every field after
    /// it, and the app would read one field's value as another's.
    #[test]
    fn no_type_the_browser_reads_has_a_serde_alias() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        sources(&root.join("src"), &mut files);
        sources(&root.join("domain/src"), &mut files);
        assert!(files.len() > 20, "the sources were not found");
        let attribute = "serde(";
        // Each serde attribute's arguments, to its closing parenthesis, over lines too.
        let mut found = Vec::new();
        for (path, text) in &files {
            for (at, _) in text.match_indices(attribute) {
                // In an attribute: `#[serde(…)]`, `#[cfg_attr(…, serde(…))]`, or a
                // `serde(…)` line of a `cfg_attr` written over several lines.
                let line = text[..at].rsplit('\n').next().unwrap_or("").trim_start();
                if !line.starts_with("#[") && !line.is_empty() {
                    continue;
                }
                let rest = &text[at + attribute.len()..];
                let mut depth = 1;
                let end = rest
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '(' => 1,
                            ')' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map_or(rest.len(), |(i, _)| i);
                if rest[..end].contains("alias") {
                    found.push(format!("{path}: serde({})", &rest[..end]));
                }
            }
        }
        assert!(found.is_empty(), "serde aliases: {found:?}");
    }
}
