"""Runs inside the offline python substitute while it is built (mmdebstrap customize hook).

The real `python` image has no numpy or matplotlib until a Dockerfile runs `pip install numpy matplotlib`.
To keep that behaviour with no network, this script turns the Debian-installed numpy, matplotlib and
their dependencies into wheels in a local index (WHEEL_DIR), removes them from dist-packages, and points
pip at that index. `import numpy` then fails until pip installs it, and pip installs it offline.
"""
import base64
import hashlib
import importlib.metadata as md
import os
import re
import shutil
import sys
import zipfile

from pip._vendor.packaging.requirements import Requirement

DIST_PACKAGES = "/usr/lib/python3/dist-packages"
WHEEL_DIR = "/usr/share/labgrade/wheels"
ROOTS = ["numpy", "matplotlib"]
# Debian's egg-info for these records no requirements; upstream's wheels declare these.
KNOWN_REQUIRES = {
    "matplotlib": ["contourpy", "cycler", "fonttools", "kiwisolver", "numpy", "packaging", "pillow", "pyparsing", "python-dateutil"],
    "python-dateutil": ["six"],
}


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def installed():
    return {norm(d.metadata["Name"]): d for d in md.distributions(path=[DIST_PACKAGES])}


def requires(dist):
    """The distribution's requirements without version bounds (Debian reports some versions as 0.0.0)."""
    found = []
    for line in dist.requires or KNOWN_REQUIRES.get(norm(dist.metadata["Name"]), []):
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            found.append(req.name)
    return found


def closure(dists):
    wanted, todo = set(), list(ROOTS)
    while todo:
        name = norm(todo.pop())
        if name in wanted or name not in dists:
            continue
        wanted.add(name)
        todo.extend(requires(dists[name]))
    return sorted(wanted)


def top_levels(dist):
    text = dist.read_text("top_level.txt")
    if text:
        return [t.strip() for t in text.split() if t.strip()]
    names = set()
    for f in dist.files or []:
        first = str(f).split("/")[0]
        if not first.endswith((".dist-info", ".egg-info")) and first != "..":
            names.add(first.split(".")[0] if first.endswith((".py", ".so")) else first)
    return sorted(names)


def sources(dist):
    """Yields (absolute path, path inside the wheel) for every file of the distribution."""
    for top in top_levels(dist):
        base = os.path.join(DIST_PACKAGES, top)
        if os.path.isdir(base):
            for root, _dirs, files in os.walk(base, followlinks=True):
                for f in files:
                    if "__pycache__" in root:
                        continue
                    full = os.path.join(root, f)
                    yield full, os.path.relpath(full, DIST_PACKAGES)
        for entry in os.listdir(DIST_PACKAGES):
            if entry == top + ".py" or (entry.startswith(top + ".") and entry.endswith(".so")):
                yield os.path.join(DIST_PACKAGES, entry), entry
    name = dist.metadata["Name"]
    for entry in os.listdir(DIST_PACKAGES):
        if entry.endswith(".pth") and norm(entry).startswith(norm(name) + "-"):
            yield os.path.join(DIST_PACKAGES, entry), entry


def metadata_text(dist):
    lines = ["Metadata-Version: 2.1", f"Name: {dist.metadata['Name']}", f"Version: {dist.version}"]
    for key in ("Summary", "Home-page", "License", "Requires-Python"):
        if dist.metadata.get(key):
            lines.append(f"{key}: {dist.metadata[key]}")
    for req in requires(dist):
        lines.append(f"Requires-Dist: {req}")
    return "\n".join(lines) + "\n"


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def make_wheel(dist):
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    version = dist.version
    info = f"{name}-{version}.dist-info"
    path = os.path.join(WHEEL_DIR, f"{name}-{version}-py3-none-any.whl")
    records = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as whl:
        for full, arc in sources(dist):
            with open(full, "rb") as fh:
                data = fh.read()
            whl.writestr(arc, data)
            records.append(record_line(arc, data))
        extra = {
            "METADATA": metadata_text(dist).encode(),
            "WHEEL": b"Wheel-Version: 1.0\nGenerator: labgrade\nRoot-Is-Purelib: false\nTag: py3-none-any\n",
        }
        for fname, data in extra.items():
            whl.writestr(f"{info}/{fname}", data)
            records.append(record_line(f"{info}/{fname}", data))
        whl.writestr(f"{info}/RECORD", "\n".join(records + [f"{info}/RECORD,,"]) + "\n")
    return path, top_levels(dist)


def remove(dist, tops):
    name = dist.metadata["Name"]
    for t in tops:
        for candidate in [t] + [e for e in os.listdir(DIST_PACKAGES) if e.startswith(os.path.basename(t) + ".")]:
            p = candidate if os.path.isabs(candidate) else os.path.join(DIST_PACKAGES, candidate)
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p)
            elif os.path.lexists(p):
                os.remove(p)
    # Debian also ships a copy of numpy's core extension under /usr/lib/python3.X/dist-packages.
    versioned = f"/usr/lib/python3.{sys.version_info.minor}/dist-packages"
    for t in tops:
        if os.path.isdir(os.path.join(versioned, t)):
            shutil.rmtree(os.path.join(versioned, t))
    meta = str(dist._path)  # the .egg-info or .dist-info folder or file
    if os.path.isdir(meta):
        shutil.rmtree(meta)
    elif os.path.exists(meta):
        os.remove(meta)
    for entry in os.listdir(DIST_PACKAGES):
        if entry.endswith(".pth") and norm(entry).startswith(norm(name) + "-"):
            os.remove(os.path.join(DIST_PACKAGES, entry))


def main():
    os.makedirs(WHEEL_DIR, exist_ok=True)
    dists = installed()
    names = closure(dists)
    if "numpy" not in names or "matplotlib" not in names:
        sys.exit(f"make-wheels: numpy and matplotlib must be installed; found {sorted(dists)}")
    built = [(dists[n], *make_wheel(dists[n])) for n in names]
    for dist, path, tops in built:
        remove(dist, tops)
        print(f"make-wheels: {os.path.basename(path)}")
    with open("/etc/pip.conf", "w") as fh:
        fh.write(f"[global]\nno-index = true\nfind-links = {WHEEL_DIR}\n"
                 "disable-pip-version-check = true\nroot-user-action = ignore\n")
    managed = f"/usr/lib/python3.{sys.version_info.minor}/EXTERNALLY-MANAGED"
    if os.path.exists(managed):
        os.remove(managed)


if __name__ == "__main__":
    main()
