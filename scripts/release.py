#!/usr/bin/env python3
"""Release packaging and local installation of terraform-provider-prismacloud.

  release.py package --binary PATH [--out DIR] [--os OS] [--arch ARCH]
      Packs one built binary the way the Terraform Registry expects a release, in DIR
      (default target/dist):
        terraform-provider-prismacloud_<version>_<os>_<arch>.zip
            holding terraform-provider-prismacloud_v<version> (mode 0755)
        terraform-provider-prismacloud_<version>_manifest.json
            a copy of terraform-registry-manifest.json (protocol version 6.0)
        terraform-provider-prismacloud_<version>_SHA256SUMS
            the checksums of every zip of that version in DIR and of the manifest
      The version is what the binary reports (`--version`), so the package can never name
      another version than the provider does. Run it once per platform into the same DIR.

  release.py install [--dist DIR] [--mirror DIR] [--os OS] [--arch ARCH]
      Checks a packaged zip against SHA256SUMS and copies it into a local filesystem mirror,
      in Terraform's packed layout:
        <mirror>/registry.terraform.io/prismacloud-community/prismacloud/<zip>
      The default mirror, ~/.terraform.d/plugins, is one Terraform searches by itself: with no
      CLI configuration at all, `terraform init` then installs the provider with no network.

Only the Python standard library is used (a fresh machine has no `zip` command). Zips are
reproducible: fixed timestamps (SOURCE_DATE_EPOCH if set) and one fixed file mode.
"""

import argparse
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

NAME = "terraform-provider-prismacloud"
HOSTNAME = "registry.terraform.io"
NAMESPACE = "prismacloud-community"
TYPE = "prismacloud"
ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "crates" / "prismacloud" / "terraform-registry-manifest.json"
UMASK = os.umask(0o022)
os.umask(UMASK)
VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")

GO_OS = {"linux": "linux", "darwin": "darwin", "windows": "windows", "freebsd": "freebsd"}
GO_ARCH = {
    "x86_64": "amd64",
    "amd64": "amd64",
    "aarch64": "arm64",
    "arm64": "arm64",
    "i386": "386",
    "i686": "386",
    "armv7l": "arm",
}


class ReleaseError(Exception):
    pass


def host_platform():
    system = platform.system().lower()
    machine = platform.machine().lower()
    if system not in GO_OS or machine not in GO_ARCH:
        raise ReleaseError(
            f"cannot name this platform ({system}/{machine}) in Terraform's terms: pass --os and --arch"
        )
    return GO_OS[system], GO_ARCH[machine]


def binary_version(binary):
    """The version the provider reports: `terraform-provider-prismacloud 0.1.0`."""
    try:
        out = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise ReleaseError(f"{binary} --version failed: {e}") from e
    words = out.split()
    if len(words) != 2 or words[0] != NAME or not VERSION_PATTERN.match(words[1]):
        raise ReleaseError(f"{binary} --version printed {out.strip()!r}, not '{NAME} <version>'")
    return words[1]


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def zip_time():
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, zip's first day
    return time.gmtime(max(epoch, 315532800))[:6]


def write_atomically(path, write):
    """Writes through a temporary file in the same directory, then renames it into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~UMASK)  # mkstemp's 0600 is for secrets, not releases
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def package(binary, out, os_name, arch):
    binary = Path(binary)
    if not binary.is_file():
        raise ReleaseError(f"{binary} is not a file: build it first (cargo build --profile release-dist)")
    version = binary_version(binary)
    out.mkdir(parents=True, exist_ok=True)
    exe = ".exe" if os_name == "windows" else ""
    archive = out / f"{NAME}_{version}_{os_name}_{arch}.zip"

    def write_zip(tmp):
        info = zipfile.ZipInfo(f"{NAME}_v{version}{exe}", date_time=zip_time())
        info.external_attr = 0o100755 << 16  # a regular file, rwxr-xr-x
        info.create_system = 3  # Unix, so that the mode above is read as one
        info.compress_type = zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(tmp, "w") as z, open(binary, "rb") as src:
            with z.open(info, "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)

    write_atomically(archive, write_zip)

    manifest = out / f"{NAME}_{version}_manifest.json"
    shutil.copyfile(MANIFEST, manifest)

    sums = out / f"{NAME}_{version}_SHA256SUMS"
    listed = sorted(out.glob(f"{NAME}_{version}_*.zip")) + [manifest]
    lines = "".join(f"{sha256(p)}  {p.name}\n" for p in listed)
    write_atomically(sums, lambda tmp: tmp.write_text(lines))

    for p in [archive, manifest, sums]:
        print(p)
    return version


def read_sums(dist):
    files = sorted(dist.glob(f"{NAME}_*_SHA256SUMS"))
    if not files:
        raise ReleaseError(f"no {NAME}_<version>_SHA256SUMS in {dist}: run `release.py package` first")
    sums = {}
    for f in files:
        for line in f.read_text().splitlines():
            digest, _, name = line.partition("  ")
            if name:
                sums[name] = digest
    return sums


def default_mirror():
    if platform.system() == "Windows":
        return Path(os.environ["APPDATA"]) / "terraform.d" / "plugins"
    return Path.home() / ".terraform.d" / "plugins"


def install(dist, mirror, os_name, arch):
    sums = read_sums(dist)
    suffix = f"_{os_name}_{arch}.zip"
    candidates = sorted(n for n in sums if n.startswith(f"{NAME}_") and n.endswith(suffix))
    if len(candidates) != 1:
        found = ", ".join(candidates) or "none"
        raise ReleaseError(f"expected one {os_name}_{arch} zip listed in {dist}, found {found}")
    name = candidates[0]
    version = name[len(NAME) + 1 : -len(suffix)]
    archive = dist / name
    if not archive.is_file():
        raise ReleaseError(f"{archive} is listed in SHA256SUMS but missing")
    if sha256(archive) != sums[name]:
        raise ReleaseError(f"{archive} does not match its SHA256SUMS entry: package it again")

    target_dir = mirror / HOSTNAME / NAMESPACE / TYPE
    target_dir.mkdir(parents=True, exist_ok=True)
    # An unpacked copy of the same version would compete with the zip.
    unpacked = target_dir / version / f"{os_name}_{arch}"
    if unpacked.exists():
        shutil.rmtree(unpacked)
    write_atomically(target_dir / name, lambda tmp: shutil.copyfile(archive, tmp))
    print(f"Installed {NAMESPACE}/{TYPE} v{version} ({os_name}_{arch}) into {target_dir / name}")
    print()
    print("Use it with a plain requirement; `terraform init` needs no network:")
    print(f'  required_providers {{ {TYPE} = {{ source = "{NAMESPACE}/{TYPE}", version = "{version}" }} }}')
    if mirror.resolve() != default_mirror().resolve():
        print()
        print(f"{mirror} is not a directory Terraform searches by itself: add to your CLI configuration")
        source = f"{HOSTNAME}/{NAMESPACE}/{TYPE}"
        print("  provider_installation {")
        print("    filesystem_mirror {")
        print(f'      path    = "{mirror}"')
        print(f'      include = ["{source}"]')
        print("    }")
        print(f'    direct {{ exclude = ["{source}"] }}')
        print("  }")
    print()
    print("Reinstalled a rebuild under the same version? Its checksum changed: run")
    print("`terraform init -upgrade` where a .terraform.lock.hcl already names the old build.")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    pack = sub.add_parser("package", help="pack a built binary as a Registry release")
    pack.add_argument("--binary", required=True, help="the provider binary to package")
    pack.add_argument("--out", default=str(ROOT / "target" / "dist"), help="output directory")
    inst = sub.add_parser("install", help="put a packaged zip into a local filesystem mirror")
    inst.add_argument("--dist", default=str(ROOT / "target" / "dist"), help="where `package` wrote")
    inst.add_argument("--mirror", help="filesystem mirror directory (default ~/.terraform.d/plugins)")
    for p in (pack, inst):
        p.add_argument("--os", help="Terraform's OS name (default: this machine's)")
        p.add_argument("--arch", help="Terraform's architecture name (default: this machine's)")
    args = parser.parse_args(argv)

    try:
        host_os, host_arch = (None, None) if args.os and args.arch else host_platform()
        os_name, arch = args.os or host_os, args.arch or host_arch
        if args.command == "package":
            package(args.binary, Path(args.out), os_name, arch)
        else:
            mirror = Path(args.mirror) if args.mirror else default_mirror()
            install(Path(args.dist), mirror, os_name, arch)
    except ReleaseError as e:
        print(f"release.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
