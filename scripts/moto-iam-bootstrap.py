#!/usr/bin/env python3
"""Prepares a fresh moto_server for `harness run --sut examples/moto-iam.json` (issue #8).

moto's own setup, outside the SUT contract (moto-iam-notes.md §1): waits for the server,
turns authorization off, resets the state, seeds moto's random generator (so the admin's
access key is always the one committed in the SUT file), creates the admin (an IAM user with
an Allow-everything inline policy) and its key, then switches authorization on
(`/moto-api/reset-auth` with a text/plain body of 0).

Usage: scripts/moto-iam-bootstrap.py SUT_FILE
"""
import json, sys, time, urllib.error, urllib.request

import boto3, botocore.config

sut = json.load(open(sys.argv[1]))
endpoint = sut["endpoint"]


def post(path, body=b""):
    request = urllib.request.Request(endpoint + path, data=body, method="POST",
                                     headers={"Content-Type": "text/plain"})
    return urllib.request.urlopen(request, timeout=10).read()


for attempt in range(200):
    try:
        urllib.request.urlopen(endpoint + "/moto-api/", timeout=2).read()
        break
    except (urllib.error.URLError, ConnectionError):
        time.sleep(0.1)
else:
    sys.exit(f"moto-iam-bootstrap: no moto_server answers at {endpoint}")

post("/moto-api/reset-auth", b"inf")
post("/moto-api/reset")
post("/moto-api/seed?a=42")
iam = boto3.client("iam", endpoint_url=endpoint, region_name=sut["region"],
                   aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="bootstrap",
                   config=botocore.config.Config(retries={"max_attempts": 1}))
iam.create_user(UserName="admin")
iam.put_user_policy(UserName="admin", PolicyName="everything", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
key = iam.create_access_key(UserName="admin")["AccessKey"]
admin = sut["admin"]
if (key["AccessKeyId"], key["SecretAccessKey"]) != (admin["access_key_id"], admin["secret_access_key"]):
    sys.exit("moto-iam-bootstrap: the seeded admin key is now "
             f"{key['AccessKeyId']} / {key['SecretAccessKey']}; update {sys.argv[1]}")
post("/moto-api/reset-auth", b"0")
print(f"moto-iam-bootstrap: admin ready, authorization on at {endpoint}")
