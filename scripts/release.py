#!/usr/bin/env python3
"""Release packaging and installation of the workspace's Terraform providers and their sandboxes.

Each provider is one entry of PROVIDERS below (its Registry type and namespace, its manifest,
its sandbox binary); every command works on all of them.

  release.py package --binary PATH [--sandbox PATH] [--out DIR] [--os OS] [--arch ARCH]
      Packs one built provider binary (and its sandbox binary) the way the Terraform Registry
      expects a release, in DIR (default target/dist):
        terraform-provider-<type>_<version>_<os>_<arch>.zip
            holding terraform-provider-<type>_v<version> (mode 0755)
        <sandbox>_<version>_<os>_<arch>.zip
            holding <sandbox> (mode 0755): the local API, for CI without a Rust toolchain
        terraform-provider-<type>_<version>_manifest.json
            a copy of terraform-registry-manifest.json (protocol version 6.0)
        terraform-provider-<type>_<version>_SHA256SUMS
            the checksums of every zip of that version in DIR and of the manifest
      The provider is the one whose binary name PATH has. The version is what the binaries
      report (`--version`), so the package can never name another version than they do. Run it
      once per platform into the same DIR.

  release.py package-all --bin-dir DIR [--out DIR] [--os OS] [--arch ARCH]
      `package` for every provider and its sandbox, both found in DIR (`make release`).

  release.py cargo-args
      The `--bin` arguments that build every provider and sandbox (for `cargo build`).

  release.py install [--dist DIR] [--mirror DIR] [--sandbox-dir DIR] [--os OS] [--arch ARCH]
      Checks each provider's zip in DIR against its SHA256SUMS and copies it into a local
      filesystem mirror, in Terraform's packed layout:
        <mirror>/<hostname>/<namespace>/<type>/<zip>
      The default mirror, ~/.terraform.d/plugins, is one Terraform searches by itself: with no
      CLI configuration at all, `terraform init` then installs the provider with no network.
      With --sandbox-dir, also unpacks each (checked) sandbox binary into that directory.

  release.py network-mirror [--dist DIR] --out DIR
      Lays out every provider zip of DIR (all versions, all platforms; checked against
      SHA256SUMS) as a provider network mirror, for any static HTTPS server:
        <out>/<hostname>/<namespace>/<type>/index.json        {"versions": {"<version>": {}}}
        <out>/<hostname>/<namespace>/<type>/<version>.json    {"archives": {"<os>_<arch>":
                                                               {"url": "<zip>", "hashes": [...]}}}
        <out>/<hostname>/<namespace>/<type>/<zip>
      The hashes are Terraform's own: `h1:` (of the files in the zip) and `zh:` (of the zip).
      Run it again with another release into the same DIR: index.json lists every version there.

Only the Python standard library is used (a fresh machine has no `zip` command). Zips are
reproducible: fixed timestamps (SOURCE_DATE_EPOCH if set) and one fixed file mode.
"""

import argparse
import base64
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Provider:
    """One provider of the workspace, as its release names it."""

    type: str  # the Registry type: resource names start with it, the binary is named after it
    namespace: str  # the Registry namespace
    manifest: str  # terraform-registry-manifest.json, relative to the repository root
    sandbox: str  # the name of its sandbox binary
    hostname: str = "registry.terraform.io"

    @property
    def binary(self):
        """Terraform finds a provider's binary by this name, and only by it."""
        return f"terraform-provider-{self.type}"

    @property
    def address(self):
        return f"{self.hostname}/{self.namespace}/{self.type}"


# Adding a provider is one line here (its crate builds `terraform-provider-<type>` and
# `<sandbox>`).
PROVIDERS = (
    Provider("prismacloud", "prismacloud-community", "crates/prismacloud/terraform-registry-manifest.json", "prismacloud-sandbox"),
    Provider("infracast", "security-integrations", "crates/infracast/terraform-registry-manifest.json", "infracast-sandbox"),
    Provider("datadogsiem", "security-integrations", "crates/datadogsiem/terraform-registry-manifest.json", "datadogsiem-sandbox"),
)

UMASK = os.umask(0o022)
os.umask(UMASK)
VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
PLATFORM_ZIP = re.compile(r"^(?P<version>.+)_(?P<os>[a-z0-9]+)_(?P<arch>[a-z0-9]+)\.zip$")

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


def exe_suffix(os_name):
    return ".exe" if os_name == "windows" else ""


def provider_of_binary(binary):
    """The provider whose binary `binary` is, by its file name."""
    name = Path(binary).name.removesuffix(".exe")
    for p in PROVIDERS:
        if p.binary == name:
            return p
    known = ", ".join(p.binary for p in PROVIDERS)
    raise ReleaseError(f"{binary} is not a provider binary of this workspace ({known})")


def binary_version(binary, name):
    """The version a binary reports: `<name> 0.1.0`."""
    try:
        out = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise ReleaseError(f"{binary} --version failed: {e}") from e
    words = out.split()
    if len(words) != 2 or words[0] != name or not VERSION_PATTERN.match(words[1]):
        raise ReleaseError(f"{binary} --version printed {out.strip()!r}, not '{name} <version>'")
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


def write_zip(archive, member, binary):
    """`archive` holding `binary` as `member`, executable."""

    def write(tmp):
        info = zipfile.ZipInfo(member, date_time=zip_time())
        info.external_attr = 0o100755 << 16  # a regular file, rwxr-xr-x
        info.create_system = 3  # Unix, so that the mode above is read as one
        info.compress_type = zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(tmp, "w") as z, open(binary, "rb") as src:
            with z.open(info, "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)

    write_atomically(archive, write)


def require_file(path, what):
    if not Path(path).is_file():
        raise ReleaseError(f"{path} is not a file: build the {what} first (cargo build --profile release-dist)")


def package(binary, sandbox, out, os_name, arch):
    """Packs a provider binary and, when given, its sandbox; returns the files written."""
    provider = provider_of_binary(binary)
    require_file(binary, provider.binary)
    version = binary_version(binary, provider.binary)
    if sandbox is not None:
        require_file(sandbox, provider.sandbox)
        sandbox_version = binary_version(sandbox, provider.sandbox)
        if sandbox_version != version:
            raise ReleaseError(
                f"{sandbox} is version {sandbox_version} but {binary} is {version}: a release ships one version"
            )
    out.mkdir(parents=True, exist_ok=True)
    exe = exe_suffix(os_name)
    written = []

    archive = out / f"{provider.binary}_{version}_{os_name}_{arch}.zip"
    write_zip(archive, f"{provider.binary}_v{version}{exe}", binary)
    written.append(archive)
    if sandbox is not None:
        archive = out / f"{provider.sandbox}_{version}_{os_name}_{arch}.zip"
        write_zip(archive, f"{provider.sandbox}{exe}", sandbox)
        written.append(archive)

    manifest = out / f"{provider.binary}_{version}_manifest.json"
    shutil.copyfile(ROOT / provider.manifest, manifest)
    written.append(manifest)

    sums = out / f"{provider.binary}_{version}_SHA256SUMS"
    listed = sorted(
        p
        for prefix in (provider.binary, provider.sandbox)
        for p in out.glob(f"{prefix}_{version}_*.zip")
        if PLATFORM_ZIP.match(p.name[len(prefix) + 1 :])
    ) + [manifest]
    lines = "".join(f"{sha256(p)}  {p.name}\n" for p in listed)
    write_atomically(sums, lambda tmp: tmp.write_text(lines))
    written.append(sums)

    for p in written:
        print(p)
    return written


def package_all(bin_dir, out, os_name, arch):
    exe = exe_suffix(os_name)
    for provider in PROVIDERS:
        package(bin_dir / f"{provider.binary}{exe}", bin_dir / f"{provider.sandbox}{exe}", out, os_name, arch)


def cargo_args():
    return " ".join(f"--bin {name}" for p in PROVIDERS for name in (p.binary, p.sandbox))


class Release:
    """What a dist directory holds for one provider: its zips by name, checked on use."""

    def __init__(self, provider, dist):
        self.provider = provider
        self.dist = dist
        self.sums = {}
        for f in sorted(dist.glob(f"{provider.binary}_*_SHA256SUMS")):
            for line in f.read_text().splitlines():
                digest, _, name = line.partition("  ")
                if name:
                    self.sums[name] = digest

    def zips(self, prefix):
        """(name, version, os, arch) of every zip of `prefix` that SHA256SUMS lists."""
        found = []
        for name in sorted(self.sums):
            if not name.startswith(f"{prefix}_"):
                continue
            m = PLATFORM_ZIP.match(name[len(prefix) + 1 :])
            if m:
                found.append((name, m["version"], m["os"], m["arch"]))
        return found

    def one_zip(self, prefix, os_name, arch):
        """The name and version of the one zip of `prefix` for the platform."""
        found = [(n, v) for n, v, o, a in self.zips(prefix) if (o, a) == (os_name, arch)]
        if len(found) != 1:
            names = ", ".join(n for n, _ in found) or "none"
            raise ReleaseError(f"expected one {os_name}_{arch} zip of {prefix} listed in {self.dist}, found {names}")
        return found[0]

    def checked(self, name):
        """The path of a listed zip, once it matches its checksum."""
        archive = self.dist / name
        if not archive.is_file():
            raise ReleaseError(f"{archive} is listed in SHA256SUMS but missing")
        if sha256(archive) != self.sums[name]:
            raise ReleaseError(f"{archive} does not match its SHA256SUMS entry: package it again")
        return archive


def releases_in(dist):
    found = [r for r in (Release(p, dist) for p in PROVIDERS) if r.sums]
    if not found:
        raise ReleaseError(f"no terraform-provider-<type>_<version>_SHA256SUMS in {dist}: run `release.py package` first")
    return found


def default_mirror():
    if platform.system() == "Windows":
        return Path(os.environ["APPDATA"]) / "terraform.d" / "plugins"
    return Path.home() / ".terraform.d" / "plugins"


def install(dist, mirror, sandbox_dir, os_name, arch):
    installed = []
    for release in releases_in(dist):
        provider = release.provider
        name, version = release.one_zip(provider.binary, os_name, arch)
        archive = release.checked(name)
        target_dir = mirror / provider.address
        target_dir.mkdir(parents=True, exist_ok=True)
        # An unpacked copy of the same version would compete with the zip.
        unpacked = target_dir / version / f"{os_name}_{arch}"
        if unpacked.exists():
            shutil.rmtree(unpacked)
        write_atomically(target_dir / name, lambda tmp: shutil.copyfile(archive, tmp))
        print(f"Installed {provider.namespace}/{provider.type} v{version} ({os_name}_{arch}) into {target_dir / name}")
        if sandbox_dir is not None:
            install_sandbox(release, sandbox_dir, os_name, arch)
        installed.append((provider, version))

    print()
    print("Use them with a plain requirement; `terraform init` needs no network:")
    for provider, version in installed:
        print(f'  {provider.type} = {{ source = "{provider.namespace}/{provider.type}", version = "{version}" }}')
    if mirror.resolve() != default_mirror().resolve():
        print()
        print(f"{mirror} is not a directory Terraform searches by itself: add to your CLI configuration")
        sources = ", ".join(f'"{p.address}"' for p, _ in installed)
        print("  provider_installation {")
        print("    filesystem_mirror {")
        print(f'      path    = "{mirror.resolve()}"')
        print(f"      include = [{sources}]")
        print("    }")
        print(f"    direct {{ exclude = [{sources}] }}")
        print("  }")
    print()
    print("Reinstalled a rebuild under the same version? Its checksum changed: run")
    print("`terraform init -upgrade` where a .terraform.lock.hcl already names the old build.")


def install_sandbox(release, sandbox_dir, os_name, arch):
    sandbox = release.provider.sandbox
    name, version = release.one_zip(sandbox, os_name, arch)
    archive = release.checked(name)
    member = f"{sandbox}{exe_suffix(os_name)}"
    sandbox_dir.mkdir(parents=True, exist_ok=True)
    target = sandbox_dir / member

    def extract(tmp):
        with zipfile.ZipFile(archive) as z, z.open(member) as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    write_atomically(target, extract)
    os.chmod(target, 0o777 & ~UMASK)
    print(f"Installed {sandbox} v{version} ({os_name}_{arch}) as {target}")


def hash_h1(archive):
    """Terraform's `h1:` hash of a provider package: of the files it holds, not of the zip."""
    summary = hashlib.sha256()
    with zipfile.ZipFile(archive) as z:
        for name in sorted(z.namelist()):
            if "\n" in name:
                raise ReleaseError(f"{archive} holds a file name with a newline")
            digest = hashlib.sha256()
            with z.open(name) as member:
                for block in iter(lambda: member.read(1 << 20), b""):
                    digest.update(block)
            summary.update(f"{digest.hexdigest()}  {name}\n".encode())
    return "h1:" + base64.b64encode(summary.digest()).decode()


def write_json(path, value):
    text = json.dumps(value, indent=2, sort_keys=True) + "\n"
    write_atomically(path, lambda tmp: tmp.write_text(text))


def network_mirror(dist, out):
    for release in releases_in(dist):
        provider = release.provider
        target_dir = out / provider.address
        target_dir.mkdir(parents=True, exist_ok=True)
        versions = {}
        for name, version, os_name, arch in release.zips(provider.binary):
            archive = release.checked(name)
            write_atomically(target_dir / name, lambda tmp: shutil.copyfile(archive, tmp))
            hashes = [hash_h1(archive), f"zh:{release.sums[name]}"]
            versions.setdefault(version, {})[f"{os_name}_{arch}"] = {"url": name, "hashes": hashes}
        for version, archives in versions.items():
            write_json(target_dir / f"{version}.json", {"archives": archives})
        listed = sorted(p.stem for p in target_dir.glob("*.json") if VERSION_PATTERN.match(p.stem))
        write_json(target_dir / "index.json", {"versions": {v: {} for v in listed}})
        for version in sorted(versions):
            print(f"{provider.address} v{version}: {target_dir / (version + '.json')}")
    print()
    print(f"Serve {out} over HTTPS (Terraform refuses a plain http:// mirror) and add to your CLI configuration:")
    print("  provider_installation {")
    print('    network_mirror { url = "https://<your server>/<where out is served>/" }')
    print("  }")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    default_dist = str(ROOT / "target" / "dist")
    pack = sub.add_parser("package", help="pack a built provider (and its sandbox) as a Registry release")
    pack.add_argument("--binary", required=True, help="the provider binary to package")
    pack.add_argument("--sandbox", help="its sandbox binary, shipped beside it")
    pack.add_argument("--out", default=default_dist, help="output directory")
    pack_all = sub.add_parser("package-all", help="package every provider and sandbox built into a directory")
    pack_all.add_argument("--bin-dir", required=True, help="where cargo put the binaries, e.g. target/release-dist")
    pack_all.add_argument("--out", default=default_dist, help="output directory")
    sub.add_parser("cargo-args", help="the --bin arguments that build every provider and sandbox")
    inst = sub.add_parser("install", help="put packaged providers into a local filesystem mirror")
    inst.add_argument("--dist", default=default_dist, help="where `package` wrote")
    inst.add_argument("--mirror", help="filesystem mirror directory (default ~/.terraform.d/plugins)")
    inst.add_argument("--sandbox-dir", help="also unpack the sandbox binaries into this directory")
    net = sub.add_parser("network-mirror", help="lay out packaged providers as a provider network mirror")
    net.add_argument("--dist", default=default_dist, help="where `package` wrote")
    net.add_argument("--out", required=True, help="the directory a static HTTPS server will serve")
    for p in (pack, pack_all, inst):
        p.add_argument("--os", help="Terraform's OS name (default: this machine's)")
        p.add_argument("--arch", help="Terraform's architecture name (default: this machine's)")
    args = parser.parse_args(argv)

    try:
        if args.command == "cargo-args":
            print(cargo_args())
            return 0
        if args.command == "network-mirror":
            network_mirror(Path(args.dist), Path(args.out))
            return 0
        host_os, host_arch = (None, None) if args.os and args.arch else host_platform()
        os_name, arch = args.os or host_os, args.arch or host_arch
        if args.command == "package":
            sandbox = Path(args.sandbox) if args.sandbox else None
            package(Path(args.binary), sandbox, Path(args.out), os_name, arch)
        elif args.command == "package-all":
            package_all(Path(args.bin_dir), Path(args.out), os_name, arch)
        else:
            mirror = Path(args.mirror) if args.mirror else default_mirror()
            sandbox_dir = Path(args.sandbox_dir) if args.sandbox_dir else None
            install(Path(args.dist), mirror, sandbox_dir, os_name, arch)
    except ReleaseError as e:
        print(f"release.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
