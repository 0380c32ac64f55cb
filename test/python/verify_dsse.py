"""Independent check of an aims-gate DSSE envelope with securesystemslib (not our code).

Usage: verify_dsse.py ENVELOPE PUBLIC_KEY_PEM STATEMENT
Prints one JSON line {"verified": bool, "payload_matches": bool, "error": str|null}.
The key id is computed here as the SHA-256 of the key's DER SubjectPublicKeyInfo, the
rule aims-gate documents, so a wrong id fails as securesystemslib would fail it.
"""
import hashlib
import json
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from securesystemslib.dsse import Envelope
from securesystemslib.signer import SSlibKey


def main() -> None:
    envelope_path, key_path, statement_path = sys.argv[1:4]
    pem = open(key_path, "rb").read()
    public = serialization.load_pem_public_key(pem)
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    keyid = hashlib.sha256(der).hexdigest()
    if isinstance(public, ed25519.Ed25519PublicKey):
        scheme = "ed25519"
    elif isinstance(public, ec.EllipticCurvePublicKey):
        scheme = "ecdsa-sha2-nistp256"
    else:
        raise SystemExit("unsupported key")
    key = SSlibKey.from_crypto(public, keyid=keyid, scheme=scheme)
    envelope = Envelope.from_dict(json.load(open(envelope_path)))
    result = {"verified": False, "payload_matches": False, "error": None}
    try:
        envelope.verify([key], 1)
        result["verified"] = True
    except Exception as error:  # any failure is a failed verification, reported as text
        result["error"] = f"{type(error).__name__}: {error}"
    result["payload_matches"] = envelope.payload == open(statement_path, "rb").read()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
