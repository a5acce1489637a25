"""The local test CA for the GGk interface's mutual TLS: a CA and two certificates it signs,
one for the suite's gateway (the gemeente) and one for the GGk simulator, each with its OIN in
the subject's serialNumber as PKIoverheid writes it. Production uses PKIoverheid certificates
instead (docs/ggk.md); these are for development and tests only.

`python -m deploy.ggk.ca [DIR]` writes them to DIR (default .local/ggk-ca) unless they are
there already, and prints where they are."""

from __future__ import annotations

import datetime
import ipaddress
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / ".local" / "ggk-ca"
# Test OINs (20 digits): never a real organisation's.
SUITE_OIN = "00000099000000000001"
GGK_OIN = "00000099000000000002"
VALID_DAYS = 825


@dataclass(frozen=True)
class Certificaat:
    cert: Path
    key: Path


@dataclass(frozen=True)
class LocalCa:
    ca: Path
    suite: Certificaat
    ggk: Certificaat


def _name(common_name: str, oin: str | None = None) -> x509.Name:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "wmo-suite test"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    if oin is not None:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, oin))
    return x509.Name(attributes)


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def _issue(
    directory: Path,
    name: str,
    oin: str,
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
) -> Certificaat:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name, oin))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    result = Certificaat(cert=directory / f"{name}.pem", key=directory / f"{name}-key.pem")
    result.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _write_key(key, result.key)
    return result


def ensure_test_ca(directory: Path = DEFAULT_DIR) -> LocalCa:
    """The test CA in `directory`, made there first if it is not complete."""
    wanted = LocalCa(
        ca=directory / "ca.pem",
        suite=Certificaat(directory / "suite.pem", directory / "suite-key.pem"),
        ggk=Certificaat(directory / "ggk.pem", directory / "ggk-key.pem"),
    )
    paths = [wanted.ca, wanted.suite.cert, wanted.suite.key, wanted.ggk.cert, wanted.ggk.key]
    if all(path.exists() for path in paths):
        return wanted
    directory.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("wmo-suite test-CA"))
        .issuer_name(_name("wmo-suite test-CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    wanted.ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    _issue(directory, "suite", SUITE_OIN, ca_key, ca_cert)
    _issue(directory, "ggk", GGK_OIN, ca_key, ca_cert)
    return wanted


def main(argv: list[str]) -> int:
    made = ensure_test_ca(Path(argv[0]) if argv else DEFAULT_DIR)
    print(f"test-CA: {made.ca}\nsuite:   {made.suite.cert}\nggk:     {made.ggk.cert}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
