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
