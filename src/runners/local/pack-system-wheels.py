"""Packs the distribution's own numpy, matplotlib and their dependencies into wheels, without touching them.

labgrade's offline python image makes its wheel index this way (src/images/offline/make-wheels.py, inside the
image's Debian); `labgrade wheels --from system` does the same on the grading machine, with that script's own
functions, so the wheels hold exactly the packages apt installed for this python, built against this machine's
libraries. Usage: pack-system-wheels.py MAKE_WHEELS_PY DIST_PACKAGES WHEEL_DIR
"""
import importlib.util
import os
import sys

make_wheels_py, dist_packages, wheel_dir = sys.argv[1:4]
spec = importlib.util.spec_from_file_location("make_wheels", make_wheels_py)
make_wheels = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_wheels)
make_wheels.DIST_PACKAGES = dist_packages
make_wheels.WHEEL_DIR = wheel_dir
os.makedirs(wheel_dir, exist_ok=True)
dists = make_wheels.installed()
names = make_wheels.closure(dists)
if "numpy" not in names or "matplotlib" not in names:
    sys.exit("numpy and matplotlib are not both installed in %s" % dist_packages)
for name in names:
    path, _tops = make_wheels.make_wheel(dists[name])
    print(os.path.basename(path))
