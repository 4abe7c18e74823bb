//! A snapshot of every schema the provider serves: a change to any attribute (name, type,
//! presence, sensitivity, write-only, description) shows up in review as a snapshot diff.
//! Accept an intended change with `INSTA_UPDATE=always cargo test --test schema_snapshot`.

use serde_json::{Map, Value as Json, json};
use tfplugin::provider::Provider;
use tfplugin::schema::{Attribute, AttributeType, IdentitySchema, Schema};

fn attribute(a: &Attribute) -> Json {
    let mut m = Map::new();
    match &a.ty {
        AttributeType::Plain(t) => {
            m.insert("type".into(), t.to_json());
        }
        AttributeType::Nested {
            nesting,
            attributes,
        } => {
            m.insert("nesting".into(), json!(format!("{nesting:?}")));
            m.insert(
                "attributes".into(),
                attributes
                    .iter()
                    .map(|n| (n.name.clone(), attribute(n)))
                    .collect(),
            );
        }
    }
    m.insert("presence".into(), json!(format!("{:?}", a.presence)));
    if a.sensitive {
        m.insert("sensitive".into(), json!(true));
    }
    if a.write_only {
        m.insert("write_only".into(), json!(true));
    }
    m.insert("description".into(), json!(a.description));
    Json::Object(m)
}

fn schema(s: &Schema) -> Json {
    json!({
        "version": s.version,
        "description": s.block.description,
        "attributes": s.block.attributes.iter().map(|a| (a.name.clone(), attribute(a))).collect::<Map<_, _>>(),
    })
}

fn identity(i: &IdentitySchema) -> Json {
    json!({
        "version": i.version,
        "attributes": i.attributes.iter().map(|a| (a.name.clone(), json!({
            "type": a.ty.to_json(),
            "required_for_import": a.required_for_import,
            "optional_for_import": a.optional_for_import,
            "description": a.description,
        }))).collect::<Map<_, _>>(),
    })
}

#[test]
fn provider_schema_snapshot() {
    let provider = prismacloud::provider::provider(Box::new(|_| None));
    let s = provider.schemas();
    let all = json!({
        "provider": schema(&s.provider),
        "resources": s.resources.iter().map(|(n, r)| (n.clone(), schema(r))).collect::<Map<_, _>>(),
        "data_sources": s.data_sources.iter().map(|(n, r)| (n.clone(), schema(r))).collect::<Map<_, _>>(),
        "list_resources": s.list_resources.iter().map(|(n, r)| (n.clone(), schema(r))).collect::<Map<_, _>>(),
        "identities": s.identities.iter().map(|(n, i)| (n.clone(), identity(i))).collect::<Map<_, _>>(),
    });
    insta::assert_json_snapshot!("provider_schema", all);
}
