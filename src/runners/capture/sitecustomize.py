"""labgrade's start-up hook, imported by Python from PYTHONPATH in every process of the app's container.

When the student's program imported pyplot but bypassed the capture backend (matplotlib.use("Agg")), its
open figures are still captured at exit, with trigger "exit". A hard-coded interactive backend is left
alone: it fails as on any headless machine. Without matplotlib this does nothing. It then runs the image's
own sitecustomize, which this one shadows (Debian's python3 ships one).
"""


def _warn(message):
    try:
        import sys

        sys.stderr.write("labgrade-capture: %s\n" % (message,))
        sys.stderr.flush()
    except Exception:
        pass


def _capture_if_backend_bypassed():
    try:
        import sys

        if "matplotlib.pyplot" not in sys.modules:
            return
        if "labgrade_capture" in sys.modules:
            # The backend was loaded: its own atexit hook captures at exit.
            return
        import labgrade_capture

        labgrade_capture.capture_at_exit()
    except Exception as exc:
        _warn("could not capture the open figures at exit: %r" % (exc,))


def _register_exit_hook():
    import threading

    # matplotlib registers Gcf.destroy_all with atexit when pyplot is imported, after this file ran, so a
    # plain atexit handler from here would run last and find no figures. threading's exit hooks run before
    # any atexit handler (concurrent.futures relies on them; Python >= 3.9).
    register = getattr(threading, "_register_atexit", None)
    if register is None:
        import atexit

        register = atexit.register
    register(_capture_if_backend_bypassed)


def _run_shadowed_sitecustomize():
    import importlib.machinery
    import importlib.util
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    rest = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


try:
    _register_exit_hook()
except Exception as exc:
    _warn("could not install the exit hook: %r" % (exc,))

try:
    _run_shadowed_sitecustomize()
except Exception as exc:
    _warn("the image's own sitecustomize failed: %r" % (exc,))
