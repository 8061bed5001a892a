"""What a Python user of boto3 sees of an item dynox wrote, and the same
values written back by boto3 for dynox to read.

usage: boto3_roundtrip.py ENDPOINT TABLE
Reads item (id=1, bin_key=00 01 02 ff), prints a JSON report on stdout, and
puts the item boto3 read back under id=2 with the resource API.
"""

import json
import sys

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

# the low-level client shows DynamoDB's own types
raw = boto3.client("dynamodb", **session).get_item(
    TableName=table,
    Key={"id": {"N": "1"}, "bin_key": {"B": key_bytes}},
    ConsistentRead=True,
)["Item"]

# the resource API is what Python code works with
t = boto3.resource("dynamodb", **session).Table(table)
item = t.get_item(Key={"id": 1, "bin_key": Binary(key_bytes)}, ConsistentRead=True)["Item"]


def python_type(v):
    if isinstance(v, set):
        return "set[" + ",".join(sorted({python_type(x) for x in v})) + "]"
    return type(v).__name__


report = {
    "dynamodb_types": {k: next(iter(v)) for k, v in raw.items()},
    "python_types": {k: python_type(v) for k, v in item.items()},
    "values": {
        "u64_": str(item["u64_"]),
        "i128_": str(item["i128_"]),
        "big": str(item["big"]),
        "ns": sorted(str(x) for x in item["ns"]),
        "s": item["s"],
        "color": item["color"],
        "address": {k: str(v) for k, v in item["address"].items()},
        "bytes_vec": list(item["bytes_vec"].value),
    },
}

item["id"] = 2
t.put_item(Item=item)
print(json.dumps(report))
