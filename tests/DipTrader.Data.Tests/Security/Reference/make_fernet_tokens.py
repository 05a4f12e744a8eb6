#!/usr/bin/env python3
"""Writes fernet_tokens.json: Fernet tokens made by Python's `cryptography` (the predecessor's library),
which the C# tests must decrypt. The keys are test keys, used nowhere else.

    python3 tests/DipTrader.Data.Tests/Security/Reference/make_fernet_tokens.py

Re-running changes the tokens (random IVs); the C# tests read whatever is checked in.
"""
import json
import pathlib

import cryptography
from cryptography.fernet import Fernet, MultiFernet

# Two fixed test keys: 32 bytes each, URL-safe base64.
NEW_KEY = "N2JkZTdhNWQ2ZjBlNDljYzhkMmE0NTY3ODlhYmNkZWY="
OLD_KEY = "b2xkLWtleS1mb3ItZGlwdHJhZGVyLXRlc3RzLTAwMDA="

PLAINTEXTS = [
    "hello",
    "pHeMeX-aPi-KeY-0123456789abcdef",
    "s3cr3t/with+base64=chars==",
    "unicode: Grüße, 密钥, emoji 🔑",
    "x" * 1000,
    "exactly-16-bytes",
]
TIMESTAMP = 1_700_000_000  # 2023-11-14T22:13:20Z


def main() -> None:
    new, old = Fernet(NEW_KEY), Fernet(OLD_KEY)
    cases = []
    for text in PLAINTEXTS:
        cases.append({
            "key": NEW_KEY,
            "plaintext": text,
            "timestamp": TIMESTAMP,
            "token": new.encrypt_at_time(text.encode(), TIMESTAMP).decode(),
        })
    # The predecessor's security.py: cipher.encrypt(api_key.encode()).decode(), at the current time.
    cases.append({
        "key": OLD_KEY,
        "plaintext": "legacy-api-secret-from-flask",
        "timestamp": None,
        "token": old.encrypt(b"legacy-api-secret-from-flask").decode(),
    })
    # MultiFernet.rotate keeps the timestamp and re-encrypts with the first key.
    old_token = old.encrypt_at_time(b"rotated-by-python", TIMESTAMP)
    cases.append({
        "key": NEW_KEY,
        "plaintext": "rotated-by-python",
        "timestamp": TIMESTAMP,
        "token": MultiFernet([new, old]).rotate(old_token).decode(),
    })
    out = {
        "_generated_by": "make_fernet_tokens.py with cryptography " + cryptography.__version__,
        "new_key": NEW_KEY,
        "old_key": OLD_KEY,
        "tokens": cases,
    }
    path = pathlib.Path(__file__).with_name("fernet_tokens.json")
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
