//! Property tests of the contract, driven by the document itself: for every JSON
//! body of every operation, values generated from its schema must be read by the
//! Rust type, written back in a form the schema accepts, and read again to the
//! same value; and every example the document gives must be valid and readable.
//! A type whose serde attributes disagree with its schema (a rename, a default,
//! a tag, a number travelling as a string) fails here, naming the operation.

use super::{bodies, Body};
use proptest::prelude::*;
use proptest::strategy::Union;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value};

/// The schema a `$ref` of the document points at.
fn resolve<'a>(doc: &'a Value, reference: &str) -> &'a Value {
    let name = reference
        .strip_prefix("#/components/schemas/")
        .unwrap_or_else(|| panic!("a $ref outside components/schemas: {reference}"));
    &doc["components"]["schemas"][name]
}

/// Any small JSON value, for a schema that allows anything.
fn any_json() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z ]{0,12}".prop_map(Value::from),
    ]
    .boxed()
}

/// A string the schema accepts: from its `pattern`, or any text (quotes,
/// backslashes, control characters and non-Latin letters included).
fn string(o: &Map<String, Value>) -> BoxedStrategy<Value> {
    match o.get("pattern").and_then(Value::as_str) {
        // proptest's generator knows no anchors: the pattern is matched whole anyway.
        Some(p) => proptest::string::string_regex(p.trim_start_matches('^').trim_end_matches('$'))
            .unwrap_or_else(|e| panic!("pattern {p}: {e}"))
            .prop_map(Value::from)
            .boxed(),
        None => proptest::collection::vec(any::<char>(), 0..24)
            .prop_map(|c| Value::from(c.into_iter().collect::<String>()))
            .boxed(),
    }
}

/// An integer within the range of its `format`, `minimum` and `maximum`.
fn integer(o: &Map<String, Value>) -> BoxedStrategy<Value> {
    let (mut lo, mut hi): (i128, i128) = match o.get("format").and_then(Value::as_str) {
        Some("uint8") => (0, u8::MAX.into()),
        Some("uint16") => (0, u16::MAX.into()),
        Some("uint32") => (0, u32::MAX.into()),
        Some("uint64") => (0, u64::MAX.into()),
        Some("int32") => (i32::MIN.into(), i32::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    };
    if let Some(min) = o.get("minimum").and_then(Value::as_f64) {
        // Schemas here give whole minimums; the float is exact for them.
        #[allow(clippy::cast_possible_truncation)]
        let min = min as i128;
        lo = lo.max(min);
    }
    if let Some(max) = o.get("maximum").and_then(Value::as_f64) {
        #[allow(clippy::cast_possible_truncation)]
        let max = max as i128;
        hi = hi.min(max);
    }
    (lo..=hi)
        .prop_map(|n| match i64::try_from(n) {
            Ok(n) => Value::from(n),
            Err(_) => Value::from(u64::try_from(n).expect("within u64")),
        })
        .boxed()
}

/// An object with every required property, some of the optional ones, and a
/// few others if `additionalProperties` allows them.
fn object(doc: &Value, o: &Map<String, Value>, depth: u32) -> BoxedStrategy<Value> {
    let required: Vec<&str> = o
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
    let properties = o.get("properties").and_then(Value::as_object);
    for (name, schema) in properties.into_iter().flatten() {
        let value = strategy(doc, schema, depth + 1);
        let name = name.clone();
        fields.push(if required.contains(&name.as_str()) {
            value.prop_map(move |v| Some((name.clone(), v))).boxed()
        } else {
            proptest::option::of(value)
                .prop_map(move |v| v.map(|v| (name.clone(), v)))
                .boxed()
        });
    }
    let extra = match o.get("additionalProperties") {
        Some(schema @ Value::Object(_)) => {
            let known: Vec<String> = properties
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .collect();
            proptest::collection::btree_map("[a-z]{1,8}", strategy(doc, schema, depth + 1), 0..3)
                .prop_map(move |m| {
                    m.into_iter()
                        .filter(|(k, _)| !known.contains(k))
                        .collect::<Vec<_>>()
                })
                .boxed()
        }
        _ => Just(Vec::new()).boxed(),
    };
    (fields, extra)
        .prop_map(|(fields, extra)| {
            Value::Object(fields.into_iter().flatten().chain(extra).collect())
        })
        .boxed()
}

/// Both objects' properties in one (a `oneOf` branch inside a schema that has
/// properties of its own).
fn merge(base: Value, branch: Value) -> Value {
    match (base, branch) {
        (Value::Object(mut a), Value::Object(b)) => {
            a.extend(b);
            Value::Object(a)
        }
        (_, branch) => branch,
    }
}

/// The values `schema` accepts, for the subset of JSON Schema the document uses
/// (`$ref`, `const`, `enum`, `oneOf`/`anyOf`, `type` or a list of types,
/// `properties`/`required`/`additionalProperties`, `items`, `pattern`, integer
/// `format`, `minimum` and `maximum`). A keyword it does not know fails the test.
fn strategy(doc: &Value, schema: &Value, depth: u32) -> BoxedStrategy<Value> {
    assert!(depth < 32, "the schemas nest deeper than expected");
    let o = match schema {
        Value::Bool(true) => return any_json(),
        Value::Object(o) => o,
        other => panic!("a schema the generator does not know: {other}"),
    };
    for key in o.keys() {
        assert!(
            matches!(
                key.as_str(),
                "$ref"
                    | "const"
                    | "enum"
                    | "oneOf"
                    | "anyOf"
                    | "type"
                    | "properties"
                    | "required"
                    | "additionalProperties"
                    | "items"
                    | "pattern"
                    | "format"
                    | "minimum"
                    | "maximum"
                    | "description"
                    | "default"
                    | "title"
                    | "example"
            ),
            "the generator does not know the keyword {key:?}: teach it before the document uses it"
        );
    }
    if let Some(r) = o.get("$ref").and_then(Value::as_str) {
        return strategy(doc, resolve(doc, r), depth + 1);
    }
    if let Some(c) = o.get("const") {
        return Just(c.clone()).boxed();
    }
    if let Some(values) = o.get("enum").and_then(Value::as_array) {
        return proptest::sample::select(values.clone()).boxed();
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = o.get(key).and_then(Value::as_array) {
            let union = Union::new(branches.iter().map(|b| strategy(doc, b, depth + 1))).boxed();
            let mut base = o.clone();
            base.remove(key);
            if base.contains_key("properties") {
                let base = strategy(doc, &Value::Object(base), depth + 1);
                return (base, union).prop_map(|(a, b)| merge(a, b)).boxed();
            }
            return union;
        }
    }
    match o.get("type") {
        Some(Value::Array(types)) => Union::new(types.iter().map(|t| {
            let mut one = o.clone();
            one.insert("type".into(), t.clone());
            strategy(doc, &Value::Object(one), depth + 1)
        }))
        .boxed(),
        Some(Value::String(t)) => match t.as_str() {
            "null" => Just(Value::Null).boxed(),
            "boolean" => any::<bool>().prop_map(Value::from).boxed(),
            "integer" => integer(o),
            "string" => string(o),
            "array" => {
                let items = o.get("items").cloned().unwrap_or(Value::Bool(true));
                proptest::collection::vec(strategy(doc, &items, depth + 1), 0..4)
                    .prop_map(Value::Array)
                    .boxed()
            }
            "object" => object(doc, o, depth),
            other => panic!("a type the generator does not know: {other}"),
        },
        _ if o.contains_key("properties") => object(doc, o, depth),
        _ => any_json(),
    }
}

/// A validator of `schema`, with the document's components beside it for its `$ref`s.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let root = serde_json::json!({ "allOf": [schema], "components": doc["components"] });
    jsonschema::draft202012::options()
        .build(&root)
        .expect("the document's schema compiles")
}

fn errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

fn name(b: &Body) -> String {
    let side = if b.request { "request" } else { "answer" };
    format!("{} {side}", b.operation)
}

#[test]
fn every_body_of_the_document_reads_and_writes_itself() {
    let all = bodies();
    assert!(
        all.len() > 40,
        "expected every operation's bodies, got {}",
        all.len()
    );
    for (doc, body) in &all {
        let v = validator(doc, &body.schema);
        let mut runner = TestRunner::new(Config {
            cases: 48,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&strategy(doc, &body.schema, 0), |value| {
            // The generator's own check: what it made is what the schema accepts.
            prop_assert!(
                errors(&v, &value).is_empty(),
                "generated {value}: {:?}",
                errors(&v, &value)
            );
            let written = (body.round_trip)(&value).map_err(TestCaseError::fail)?;
            let problems = errors(&v, &written);
            prop_assert!(
                problems.is_empty(),
                "{value} was written as {written}, which the schema refuses: {problems:?}"
            );
            Ok(())
        });
        if let Err(e) = result {
            panic!("{}: {e}", name(body));
        }
    }
}

#[test]
fn every_example_of_the_document_is_valid_and_reads_as_its_type() {
    let all = bodies();
    let with_examples: Vec<_> = all.iter().filter(|(_, b)| b.example.is_some()).collect();
    assert!(
        with_examples.len() > 40,
        "examples: {}",
        with_examples.len()
    );
    for (doc, body) in with_examples {
        let example = body.example.as_ref().expect("filtered");
        let v = validator(doc, &body.schema);
        let problems = errors(&v, example);
        assert!(
            problems.is_empty(),
            "{}: the example {example} is not valid: {problems:?}",
            name(body)
        );
        let written = (body.round_trip)(example).unwrap_or_else(|e| panic!("{}: {e}", name(body)));
        assert_eq!(
            &written,
            example,
            "{}: the example is not what the type writes",
            name(body)
        );
    }
}

#[test]
fn a_body_its_type_cannot_read_fails_the_round_trip() {
    // The machinery itself: an error code the type does not have is refused,
    // even though it is a string (as the schema's `const`s would not allow).
    let (_, error) = bodies()
        .into_iter()
        .find(|(_, b)| b.schema["$ref"] == "#/components/schemas/ErrorBody")
        .expect("an error body");
    let refused = (error.round_trip)(&serde_json::json!({ "code": "nope", "message": "x" }));
    assert!(refused.is_err());
    assert!((error.round_trip)(&serde_json::json!({ "code": "conflict", "message": "x" })).is_ok());
}
