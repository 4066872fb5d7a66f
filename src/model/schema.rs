//! A JSON Schema (2020-12) of the format, for editors: the YAML language server completes keys
//! and values and flags typos as one types. Built from the model's own key lists and
//! vocabularies, so it cannot fall behind them; the tests below check each object's keys.
//!
//! The schema says what a YAML-aware editor can know: the keys, the required ones, the closed
//! vocabularies, the shape of ids. Sums, references, the amount notation in full and ministries
//! (a warning, not an error) stay yosan's. Text fields take any scalar, as yosan does (`page: 9`
//! is the text `9`), and `date` any scalar (YAML 1.1 readers turn `2026-01-16` into a date).

use serde_json::{json, Map, Value};

use super::build::{DATASET_KEYS, FORMAT, ITEM_KEYS, LINK_KEYS, SOURCE_KEYS, TOP_KEYS};
use super::vocab::{Breakdown, Budget, LinkKind, Ministry, Phase, Rounding};

/// The schema's `$id`.
pub const SCHEMA_ID: &str = "urn:yosan:format:yosan-1";

/// The JSON Schema of `yosan/1`.
pub fn json_schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "yosan/1 budget dataset",
        "description": "A transcription of one budget document (docs/format.md). yosan checks what the schema cannot: sums, references, amounts.",
        "type": "object",
        "required": ["format", "dataset", "items"],
        "properties": object(TOP_KEYS, top_property),
        "patternProperties": { "^x-": {} },
        "additionalProperties": false,
        "$defs": {
            "dataset": closed(DATASET_KEYS, &["id", "title", "fiscal_year"], dataset_property),
            "source": closed(SOURCE_KEYS, &[], source_property),
            "item": closed(ITEM_KEYS, &["id", "name"], item_property),
            "link": closed(LINK_KEYS, &["from", "to", "kind"], link_property),
            "amount": {
                "description": "a figure: a number in the dataset's unit, text such as 151.7億円, 6,371百万円, 約42.3億円, ▲3億円, 46億円の内数, or a dash (－) for a cell that holds nothing",
                "anyOf": [
                    { "type": "number" },
                    { "type": "string", "pattern": "^[^\\s\\u3000]*[0-9０-９][^\\s\\u3000]*$" },
                    { "enum": crate::amount::DASHES }
                ]
            },
            "text": { "type": ["string", "number", "boolean"] },
            "reference": {
                "description": "an item id of this dataset, or DATASET:ITEM",
                "type": "string",
                "pattern": "^([a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9._-]*$"
            }
        }
    })
}

/// A closed object of `keys` (and `x-` keys), described by `property`.
fn closed(keys: &[&str], required: &[&str], property: fn(&str) -> Value) -> Value {
    json!({
        "type": "object",
        "required": required,
        "properties": object(keys, property),
        "patternProperties": { "^x-": {} },
        "additionalProperties": false
    })
}

fn object(keys: &[&str], property: fn(&str) -> Value) -> Value {
    Value::Object(keys.iter().map(|k| (k.to_string(), property(k))).collect::<Map<String, Value>>())
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

fn list_of(name: &str) -> Value {
    json!({ "type": "array", "items": reference(name) })
}

/// Every written form of a vocabulary.
fn forms<T>(forms: &[(&str, T)]) -> Value {
    json!({ "enum": forms.iter().map(|(form, _)| *form).collect::<Vec<_>>() })
}

/// One value of a vocabulary, or a list of them.
fn one_or_list(values: Value) -> Value {
    json!({ "anyOf": [values.clone(), { "type": "array", "items": values }] })
}

fn top_property(key: &str) -> Value {
    match key {
        "format" => json!({ "const": FORMAT }),
        "dataset" => reference("dataset"),
        "items" => list_of("item"),
        "links" => list_of("link"),
        _ => json!({}),
    }
}

fn dataset_property(key: &str) -> Value {
    match key {
        "id" => json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$" }),
        "fiscal_year" => json!({
            "description": "2022, 令和4年度, 令和元年度, R4, FY2022, 平成31年度",
            "type": ["integer", "string"]
        }),
        "budget" => forms(Budget::FORMS),
        "rounding" => forms(Rounding::FORMS),
        "unit" => json!({ "enum": crate::amount::Unit::all_symbols().collect::<Vec<_>>() }),
        "source" => reference("source"),
        _ => reference("text"),
    }
}

fn source_property(key: &str) -> Value {
    match key {
        "date" => json!({ "description": "ISO date, 2026-01-16", "pattern": "^\\d{4}-\\d{2}-\\d{2}$" }),
        _ => reference("text"),
    }
}

fn item_property(key: &str) -> Value {
    match key {
        "id" => json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$" }),
        "name" => json!({ "anyOf": [{ "type": "string", "minLength": 1 }, { "type": ["number", "boolean"] }] }),
        "amount" | "previous" | "supplementary" => reference("amount"),
        "items" => list_of("item"),
        "breakdown" => forms(Breakdown::FORMS),
        "relisted_from" | "included_in" | "same_as" => reference("reference"),
        "ministry" => one_or_list(json!({ "anyOf": [forms(Ministry::FORMS), { "type": "string" }] })),
        "phase" => one_or_list(forms(Phase::FORMS)),
        _ => reference("text"),
    }
}

fn link_property(key: &str) -> Value {
    match key {
        "from" | "to" => reference("reference"),
        "kind" => forms(LinkKind::FORMS),
        _ => reference("text"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(object: &Value) -> Vec<&str> {
        let mut keys: Vec<&str> = object["properties"].as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    fn sorted<'a>(list: &[&'a str]) -> Vec<&'a str> {
        let mut list = list.to_vec();
        list.sort_unstable();
        list
    }

    #[test]
    fn every_object_has_the_models_keys() {
        let schema = json_schema();
        let defs = &schema["$defs"];
        assert_eq!(keys(&schema), sorted(TOP_KEYS));
        assert_eq!(keys(&defs["dataset"]), sorted(DATASET_KEYS));
        assert_eq!(keys(&defs["source"]), sorted(SOURCE_KEYS));
        assert_eq!(keys(&defs["item"]), sorted(ITEM_KEYS));
        assert_eq!(keys(&defs["link"]), sorted(LINK_KEYS));
    }

    #[test]
    fn every_key_has_a_schema_of_its_own_or_is_text() {
        let schema = json_schema();
        for (object, keys) in [("item", ITEM_KEYS), ("dataset", DATASET_KEYS), ("link", LINK_KEYS)] {
            for key in keys {
                let property = &schema["$defs"][object]["properties"][key];
                assert!(property.is_object() && !property.as_object().unwrap().is_empty(), "{object}.{key}");
            }
        }
        assert_eq!(
            schema["$defs"]["link"]["properties"]["kind"]["enum"].as_array().unwrap().len(),
            LinkKind::FORMS.len()
        );
    }
}
