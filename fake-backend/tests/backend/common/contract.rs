//! Every answer the integration tests receive is checked against the OpenAPI
//! documents in `contract/`: its status must be one the document lists for the
//! operation, its body must match that response's schema, and the headers the
//! document requires must be there. An answer the document does not describe
//! fails the test that received it.

use axum::http::{header, HeaderMap, StatusCode};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

const MAIN: &str = include_str!("../../../../contract/openapi.json");
const TEST: &str = include_str!("../../../../contract/openapi.test.json");

fn documents() -> &'static [Value; 2] {
    static DOCS: OnceLock<[Value; 2]> = OnceLock::new();
    DOCS.get_or_init(|| {
        [
            serde_json::from_str(MAIN).expect("contract/openapi.json is JSON"),
            serde_json::from_str(TEST).expect("contract/openapi.test.json is JSON"),
        ]
    })
}

/// Whether `path` (without its query) matches the document's `route` template.
fn matches(route: &str, path: &str) -> bool {
    let (r, p): (Vec<&str>, Vec<&str>) = (route.split('/').collect(), path.split('/').collect());
    r.len() == p.len()
        && r.iter()
            .zip(&p)
            .all(|(r, p)| (r.starts_with('{') && r.ends_with('}') && !p.is_empty()) || r == p)
}

/// The operation of `method path` in one of the documents, with that document.
fn operation(method: &str, path: &str) -> Option<(&'static Value, &'static Value)> {
    let method = method.to_ascii_lowercase();
    documents().iter().find_map(|doc| {
        let paths = doc["paths"].as_object()?;
        // A route without parameters wins over one with (…/profile/check, not …/{id}).
        let mut candidates: Vec<(&String, &Value)> =
            paths.iter().filter(|(r, _)| matches(r, path)).collect();
        candidates.sort_by_key(|(r, _)| r.matches('{').count());
        candidates
            .into_iter()
            .find_map(|(_, item)| item.get(&method))
            .map(|op| (doc, op))
    })
}

fn validator(key: String, doc: &Value, schema: &Value) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    cache
        .entry(key)
        .or_insert_with(|| {
            let mut root = schema.clone();
            if let Some(o) = root.as_object_mut() {
                o.insert("components".into(), doc["components"].clone());
            }
            Arc::new(
                jsonschema::draft202012::options()
                    .build(&root)
                    .expect("the document's schema compiles"),
            )
        })
        .clone()
}

/// Panics, naming the request, when the answer is not what the documents describe.
pub fn check(method: &str, uri: &str, status: StatusCode, headers: &HeaderMap, body: &[u8]) {
    let path = uri.split('?').next().unwrap_or(uri);
    // Only the JSON API is described: the dialog, the dev pages and the app's files are not.
    let described = path.starts_with("/api/") || path == "/dev/mailbox.json";
    if !described {
        return;
    }
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let Some((doc, op)) = operation(method, path) else {
        // No such operation: the router's own refusal, in the one error shape.
        assert!(
            matches!(status.as_u16(), 404 | 405),
            "{method} {uri}: the document has no such operation, yet it answered {status}"
        );
        let body = json.unwrap_or(Value::Null);
        super::error_shape(&body).unwrap_or_else(|e| panic!("{method} {uri}: {e}"));
        return;
    };
    let code = status.as_u16().to_string();
    let Some(response) = op["responses"].get(&code) else {
        panic!(
            "{method} {uri} answered {status}, which the document does not list for {} (it lists {:?})",
            op["operationId"],
            op["responses"].as_object().map(|r| r.keys().collect::<Vec<_>>())
        );
    };
    if let Some(headers_doc) = response["headers"].as_object() {
        for (name, h) in headers_doc {
            let required = h.get("$ref").and_then(Value::as_str).map_or_else(
                || h["required"].as_bool().unwrap_or(false),
                |r| {
                    let name = r.rsplit('/').next().unwrap_or_default();
                    doc["components"]["headers"][name]["required"]
                        .as_bool()
                        .unwrap_or(false)
                },
            );
            assert!(
                !required || headers.contains_key(name.as_str()),
                "{method} {uri} answered {status} without the {name} header the document requires"
            );
        }
    }
    let Some(content) = response["content"].as_object() else {
        assert!(
            body.is_empty(),
            "{method} {uri} answered {status} with a body the document does not describe"
        );
        return;
    };
    if let Some(media) = content.get("application/json") {
        let instance = json.unwrap_or_else(|| {
            panic!("{method} {uri} answered {status} without the JSON body the document describes")
        });
        let key = format!("{} {code} {}", op["operationId"], doc["info"]["title"]);
        let v = validator(key, doc, &media["schema"]);
        let errors: Vec<String> = v
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "{method} {uri} answered {status} with a body that does not match the document: {errors:?}\n{instance}"
        );
    } else {
        let media_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            content.keys().any(|k| k == media_type
                || k.ends_with("/*") && media_type.starts_with(k.trim_end_matches('*'))),
            "{method} {uri} answered {status} as {media_type:?}, which the document does not list"
        );
    }
}
