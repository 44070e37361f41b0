#!/usr/bin/env python3
"""Count the requests in a moto recording (MOTO_RECORDER_FILEPATH, one JSON object a line)
per AWS service and operation.

Usage: calls_by_operation.py RECORDING.jsonl   -> TSV on stdout: service, operation, requests

The service is the signing name in the request's SigV4 credential scope. The operation is the
X-Amz-Target header (JSON protocols), the Action parameter (query protocols), or for REST
protocols the method and path with names and ids replaced by placeholders. Retries are separate
requests, so the total can exceed the scanner's own count of API operations.
"""
import base64
import json
import re
import sys
from collections import Counter
from urllib.parse import parse_qs, urlsplit


def operation(service, e):
    headers = {k.lower(): v for k, v in e.get("headers", {}).items()}
    target = headers.get("x-amz-target")
    if target:
        return target.rsplit(".", 1)[-1]
    body = e.get("body") or ""
    if e.get("body_encoded"):
        try:
            body = base64.b64decode(body).decode("utf-8", "replace")
        except ValueError:
            body = ""
    url = urlsplit(e.get("url", ""))
    for source in (url.query, body if "application/x-www-form-urlencoded" in headers.get("content-type", "") else ""):
        action = parse_qs(source).get("Action")
        if action:
            return action[0]
    segments = [s for s in url.path.split("/") if s]
    out = []
    for i, seg in enumerate(segments):
        if service == "s3" and i == 0:
            out.append("{bucket}")
        elif re.search(r"[0-9:%]", seg) and not re.fullmatch(r"v?\d{4}-\d{2}-\d{2}|v\d+", seg):
            out.append("{id}")
        else:
            out.append(seg)
    keys = sorted(k for k in parse_qs(url.query, keep_blank_values=True))
    return f"{e.get('method', '?')} /{'/'.join(out)}" + (f"?{'&'.join(keys)}" if keys else "")


def main():
    counts = Counter()
    with open(sys.argv[1]) as fh:
        for line in fh:
            if not line.strip():
                continue
            e = json.loads(line)
            auth = {k.lower(): v for k, v in e.get("headers", {}).items()}.get("authorization", "")
            m = re.search(r"Credential=[^/]+/\d+/[^/]+/([^/]+)/", auth)
            service = m.group(1) if m else "unsigned"
            counts[(service, operation(service, e))] += 1
    print("service\toperation\trequests")
    for (service, op), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        print(f"{service}\t{op}\t{n}")


if __name__ == "__main__":
    main()
