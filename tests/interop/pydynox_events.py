"""pydynox 1.8 writes and reads events on the table dynox created.

Usage: pydynox_events.py ENDPOINT TABLE
Writes two events (string and number sets, a datetime sort key, with and
without microseconds), reads back the one dynox wrote, and prints a JSON
report on stdout.
"""
import json
import sys
from datetime import datetime, timezone

from pydynox import DynamoDBClient, Model, ModelConfig
from pydynox.attributes import (
    DatetimeAttribute,
    NumberSetAttribute,
    StringAttribute,
    StringSetAttribute,
)

endpoint, table = sys.argv[1], sys.argv[2]
client = DynamoDBClient(
    region="us-east-1", access_key="dynox", secret_key="dynox", endpoint_url=endpoint
)


class Event(Model):
    model_config = ModelConfig(table=table, client=client)
    stream = StringAttribute(partition_key=True)
    at = DatetimeAttribute(sort_key=True)
    tags = StringSetAttribute()
    codes = NumberSetAttribute(required=False)


with_micros = datetime(2026, 1, 15, 10, 30, 0, 123456, tzinfo=timezone.utc)
whole_second = datetime(2026, 1, 15, 11, 0, 0, tzinfo=timezone.utc)
Event(stream="py", at=with_micros, tags={"a", "b"}, codes={1, 3}).sync_save()
Event(stream="py", at=whole_second, tags={"c"}).sync_save()

# the event dynox wrote, found by pydynox's own key text (its get takes
# the stored text of a datetime key, which is what isoformat() gives)
dynox_time = datetime(2026, 1, 15, 12, 0, 0, 500000, tzinfo=timezone.utc)
from_dynox = Event.sync_get(stream="rs", at=dynox_time.isoformat())
print(
    json.dumps(
        {
            "written": [with_micros.isoformat(), whole_second.isoformat()],
            "found_dynox_event": from_dynox is not None,
            "dynox_tags": sorted(from_dynox.tags) if from_dynox else None,
        }
    )
)
