#!/usr/bin/env python3
"""A deliberately broken SUT for the adapter's tests: `misbehave.py MODE`.

Every mode answers the first command correctly for `user list`-like probes where noted, then
misbehaves as its name says. Used by Tests/ConformanceTests/AdapterTests.swift.
"""
import os
import sys
import time

MODE = sys.argv[1]
OK = '{"error_code": 0, "data": "Logout successful"}'


def out(text):
    sys.stdout.write(text)
    sys.stdout.flush()


if MODE == "banner":
    # An answer-shaped object at start-up, then correct answers: every answer is one late.
    out(OK + "\n")
    MODE = "answer"

if MODE == "close-stdin":
    # Answers the first command, having stopped reading, and keeps running.
    os.read(0, 65536)
    os.close(0)
    out(OK + "\n")
    time.sleep(10)
    sys.exit(0)

if MODE == "close-stdout":
    # Stops writing but keeps running (and reading).
    os.close(1)
    for line in sys.stdin:
        pass
    time.sleep(10)
    sys.exit(0)

if MODE == "early-exit":
    sys.stderr.write("fatal: cannot open the HSM\n")
    sys.exit(3)

for line in sys.stdin:
    if MODE == "garbage":
        out("aws-cloudhsm > this is not json {oops: 1}\n{\"error_code\": 0,, }\n")
    elif MODE == "truncated-exit":
        out('{"error_code": 0, "da')
        sys.exit(0)
    elif MODE == "truncated-hang":
        out('{"error_code": 0, "da')
    elif MODE == "silence":
        pass
    elif MODE == "not-envelope":
        out('{"status": "ok"}\n')
    elif MODE == "split":
        # A correct answer, pretty-printed and after a prompt, one byte per write.
        for ch in "aws-cloudhsm > " + '{\n    "data": "Logout successful",\n    "error_code": 0\n}\n':
            out(ch)
            time.sleep(0.001)
    elif MODE == "crash-second":
        out(OK + "\n")
        MODE = "early-exit-now"
    elif MODE == "early-exit-now":
        os._exit(139)
    elif MODE == "question-newline":
        # Asks for the password on a line of its own, then answers.
        out("Enter password:\n")
        answer = sys.stdin.readline().strip()
        out('{"error_code": 0, "data": {"username": "admin", "role": "%s"}}\n' % answer)
    elif MODE == "endless":
        # Prints without end and never answers (as `yes` would): 1 MiB at a time.
        chunk = "y\n" * (512 * 1024)
        while True:
            out(chunk)
    elif MODE == "huge-object":
        # An object that never ends: its member list grows without bound.
        out('{"error_code": 0, "data": [')
        while True:
            out('"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",' * 8192)
    elif MODE == "long-colon-line":
        # A 64 KiB line that ends in ':' is no question: the step times out, and the error
        # does not quote the line.
        out("x" * 65536 + ":")
    elif MODE == "answer":
        out(OK + "\n")
    elif MODE == "two-answers":
        out(OK + "\n" + OK + "\n")
