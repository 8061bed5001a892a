"""The item dynox wrote, as boto3 hands it to Python code and as DynamoDB's
wire format carries it, for dynox's `to_json` and `to_dynamodb_json` to match.

usage: json_shapes.py ENDPOINT TABLE
Reads item (id=1, bin_key=00 01 02 ff) and prints {"resource": <the resource
API's item as plain JSON>, "wire": <GetItem's Item as DynamoDB sent it>}.
"""

import base64
import json
import sys
from decimal import Decimal

import boto3
from boto3.dynamodb.types import Binary

endpoint, table = sys.argv[1], sys.argv[2]
session = dict(
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="dynox",
    aws_secret_access_key="dynox",
)
key_bytes = bytes([0, 1, 2, 255])

# DynamoDB's own JSON: the body of the GetItem response, untouched
client = boto3.client("dynamodb", **session)
bodies = []
client.meta.events.register(
    "after-call.dynamodb.GetItem",
    lambda http_response, **_: bodies.append(http_response.content),
)
client.get_item(
    TableName=table,
    Key={"id": {"N": "1"}, "bin_key": {"B": key_bytes}},
    ConsistentRead=True,
)
wire = json.loads(bodies[0])["Item"]

item = (
    boto3.resource("dynamodb", **session)
    .Table(table)
    .get_item(Key={"id": 1, "bin_key": Binary(key_bytes)}, ConsistentRead=True)["Item"]
)


def plain(v):
    """JSON text of a resource value; a Decimal keeps its exact digits, which
    json.dumps cannot write."""
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + plain(x) for k, x in v.items()) + "}"
    if isinstance(v, (list, set)):
        return "[" + ",".join(plain(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, Binary):
        return json.dumps(base64.b64encode(v.value).decode())
    if isinstance(v, str):
        return json.dumps(v)
    if v is None:
        return "null"
    raise TypeError(type(v))


print('{"resource":' + plain(item) + ',"wire":' + json.dumps(wire) + "}")
