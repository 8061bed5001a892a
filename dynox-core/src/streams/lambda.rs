//! AWS Lambda's DynamoDB stream events (the `aws_lambda_events` crate's
//! types) as the same typed changes a stream reader gives, for a Lambda
//! function fed by a table's stream. Lambda keeps the position in the
//! stream itself, so these records carry no shard id.

use super::{Change, Record};
use crate::{DynoModel, Error, Item, Result};
use aws_lambda_events::event::dynamodb::{Event, EventRecord};

/// The changes of a Lambda invocation's event, in order: one result per
/// record, an image that does not fit `M` an [`Error::Deserialize`] in
/// its place.
pub fn from_lambda_event<M: DynoModel>(event: &Event) -> Vec<Result<Record<M>>> {
    event.records.iter().map(from_lambda_record::<M>).collect()
}

/// One record of a Lambda event as a typed change.
pub fn from_lambda_record<M: DynoModel>(record: &EventRecord) -> Result<Record<M>> {
    let change = &record.change;
    let event = match record.event_name.as_str() {
        "INSERT" => Change::Insert {
            new: image::<M>(&change.new_image)?,
        },
        "MODIFY" => Change::Modify {
            old: image::<M>(&change.old_image)?,
            new: image::<M>(&change.new_image)?,
        },
        "REMOVE" => Change::Remove {
            old: image::<M>(&change.old_image)?,
        },
        other => {
            return Err(Error::backend(
                "UnknownStreamEvent",
                format!("a Lambda stream record named {other:?}, which dynox does not know"),
            ))
        }
    };
    let keys: Item =
        crate::json::item_from_dynamodb_json(&to_json(&change.keys)?).map_err(|e| {
            Error::Deserialize {
                table: M::SCHEMA.table.to_owned(),
                field: "Keys".to_owned(),
                expected: "DynamoDB JSON".to_owned(),
                found: e.to_string(),
            }
        })?;
    Ok(Record {
        change: event,
        keys,
        shard_id: String::new(),
        sequence_number: change.sequence_number.clone().unwrap_or_default(),
        created: Some(change.approximate_creation_date_time.into()),
    })
}

/// An image of the event as `M`; an empty one (the view does not keep
/// it) is `None`.
fn image<M: DynoModel>(image: &impl serde::Serialize) -> Result<Option<M>> {
    let json = to_json(image)?;
    if json.as_object().is_some_and(|o| o.is_empty()) {
        return Ok(None);
    }
    M::from_dynamodb_json(&json).map(Some)
}

/// An item of the event in DynamoDB's JSON (`{"name": {"S": "..."}}`).
fn to_json(item: &impl serde::Serialize) -> Result<serde_json::Value> {
    serde_json::to_value(item).map_err(|e| Error::Deserialize {
        table: String::new(),
        field: "Lambda event".to_owned(),
        expected: "an item in DynamoDB JSON".to_owned(),
        found: e.to_string(),
    })
}
