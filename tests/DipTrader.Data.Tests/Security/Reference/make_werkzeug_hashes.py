#!/usr/bin/env python3
"""Writes werkzeug_hashes.json: password hashes made by Werkzeug (the predecessor's library) with the
methods a stored `users.password_hash` may carry, which the C# verifier must accept.

    python3 tests/DipTrader.Data.Tests/Security/Reference/make_werkzeug_hashes.py

Re-running changes the salts and hashes; the C# tests read whatever is checked in.
"""
import hashlib
import json
import pathlib
from importlib.metadata import version

from werkzeug.security import check_password_hash, generate_password_hash

CASES = [
    # (method given to generate_password_hash, salt length, password)
    ("pbkdf2:sha256:600000", 16, "correct horse battery staple"),  # the predecessor (Werkzeug 2.3-3.0)
    ("pbkdf2:sha256", 16, "Grüße aus Köln – 密码"),  # Werkzeug 3.1's default count (1,000,000)
    ("pbkdf2:sha256:260000", 8, "older-werkzeug-2.0"),
    ("pbkdf2:sha256:150000", 8, "even older werkzeug"),
    ("pbkdf2:sha1:1000", 8, "sha1 legacy"),
    ("pbkdf2:sha512:210000", 16, "sha512 variant"),
    ("pbkdf2:sha384:10000", 16, "sha384 variant"),
    ("pbkdf2:sha256:1", 16, "one iteration"),
    ("scrypt", 16, "werkzeug 3 default scrypt"),
    ("scrypt:16384:8:1", 16, "smaller scrypt"),
    ("scrypt:1024:4:2", 16, "scrypt with p=2"),
    ("pbkdf2:sha256:600000", 16, " spaces around "),
]


def no_iterations_hash(password: str) -> str:
    """A method string without a count: no Werkzeug writes one, but check_password_hash reads it
    with its own default; this one is built the way Werkzeug 3.1 reads it."""
    salt = "NoIterationsSalt"
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 1_000_000).hex()
    return f"pbkdf2:sha256${salt}${digest}"


def main() -> None:
    hashes = []
    for method, salt_length, password in CASES:
        stored = generate_password_hash(password, method=method, salt_length=salt_length)
        assert check_password_hash(stored, password)
        hashes.append({"method": method, "password": password, "hash": stored})
    stored = no_iterations_hash("no iterations in the method")
    assert check_password_hash(stored, "no iterations in the method")
    hashes.append({"method": "pbkdf2:sha256 (no count)", "password": "no iterations in the method", "hash": stored})
    out = {"_generated_by": "make_werkzeug_hashes.py with Werkzeug " + version("werkzeug"), "hashes": hashes}
    path = pathlib.Path(__file__).with_name("werkzeug_hashes.json")
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
