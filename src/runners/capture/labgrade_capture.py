"""labgrade's capture backend for matplotlib: Agg rendering plus a record of every figure.

labgrade selects it with MPLBACKEND=module://labgrade_capture and this folder on PYTHONPATH. Each
capture writes the figure as a PNG and rewrites captures.json in $LABGRADE_CAPTURE_DIR:

    {"version": 1, "captures": [{"figure": 1, "trigger": "show", "png": "figure-1-show-1.png",
      "axes": [{"title": "", "xlabel": "", "ylabel": "", "lines": [{"x": [...], "y": [...], "label": null}]}]}]}

Captures happen on show() (pyplot.show, Figure.show), on Figure.savefig (after the student's own file is
written) and at exit for figures never captured. Non-finite numbers are written as null. This runs inside
the student's program: nothing here may raise into it, and show() never blocks. Failures are reported on
stderr prefixed "labgrade-capture:".

Works with matplotlib 3.6 to 3.10. pyplot up to 3.7 calls the module-level show(); newer pyplot prefers
FigureManager.pyplot_show when a backend overrides it. Both are defined and do the same thing.
"""

import atexit
import functools
import json
import math
import os
import sys
import threading
import weakref

import numpy as np
from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

backend_version = "labgrade-capture 1"

JSON_NAME = "captures.json"
FORMAT_VERSION = 1

# Bounds that keep a runaway program (a savefig in a loop, a huge figure) from filling the disk.
_MAX_CAPTURES = 50
_MAX_AXES = 50
_MAX_LINES = 200
_MAX_POINTS = 10_000
_MAX_PNG_SIDE_PX = 2000
_PNG_DPI = 100

_lock = threading.RLock()
_captures = []
_captured = weakref.WeakSet()
_state = {"busy": False, "exit_done": False, "loaded": False, "warned_full": False, "dir_failed": False}
_capture_dir = os.environ.get("LABGRADE_CAPTURE_DIR") or None
if _capture_dir is not None:
    _capture_dir = os.path.abspath(_capture_dir)


def _warn(message):
    try:
        sys.stderr.write("labgrade-capture: %s\n" % (message,))
        sys.stderr.flush()
    except Exception:
        pass


def _floats(values):
    array = np.ma.asarray(values, dtype=float)
    flat = np.ma.filled(array.ravel(), np.nan)[:_MAX_POINTS]
    return [v if math.isfinite(v) else None for v in flat.tolist()]


def _line_coords(line, axis):
    get = line.get_xdata if axis == "x" else line.get_ydata
    try:
        return _floats(get(orig=True))
    except (TypeError, ValueError):
        # Dates and categories: fall back to the numbers matplotlib plotted them at.
        try:
            return _floats(get(orig=False))
        except (TypeError, ValueError):
            return []


def _line_label(line):
    label = line.get_label()
    # matplotlib names unlabelled artists "_child0", "_line0", ...
    if not isinstance(label, str) or label.startswith("_"):
        return None
    return label


def _title(ax):
    for loc in ("center", "left", "right"):
        text = ax.get_title(loc=loc)
        if text:
            return str(text)
    return ""


def _describe_axes(ax):
    lines = []
    for line in list(ax.get_lines())[:_MAX_LINES]:
        try:
            lines.append({"x": _line_coords(line, "x"), "y": _line_coords(line, "y"), "label": _line_label(line)})
        except Exception as exc:
            _warn("could not read a line: %r" % (exc,))
    return {"title": _title(ax), "xlabel": str(ax.get_xlabel()), "ylabel": str(ax.get_ylabel()), "lines": lines}


def _figure_number(fig):
    for manager in Gcf.get_all_fig_managers():
        if manager.canvas.figure is fig:
            return int(manager.num)
    try:
        number = getattr(fig, "number", None)
    except Exception:
        number = None
    # 0: a figure pyplot does not manage (Figure() saved directly).
    return number if isinstance(number, int) and not isinstance(number, bool) else 0


def _write_png(fig, path):
    width, height = fig.get_size_inches()
    dpi = min(_PNG_DPI, _MAX_PNG_SIDE_PX / max(width, height, 0.01))
    with open(path, "wb") as out:
        # The unwrapped savefig: rendering our copy is not a capture of its own.
        _original_savefig(fig, out, format="png", dpi=dpi)


def _write_json(directory):
    path = os.path.join(directory, JSON_NAME)
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump({"version": FORMAT_VERSION, "captures": _captures}, out, allow_nan=False)
    os.replace(temporary, path)


def _load_earlier(directory):
    # A child python process of the app appends to its parent's captures rather than overwrite them.
    try:
        with open(os.path.join(directory, JSON_NAME), encoding="utf-8") as source:
            earlier = json.load(source).get("captures")
    except (OSError, ValueError, AttributeError):
        return
    if isinstance(earlier, list):
        _captures.extend(entry for entry in earlier if isinstance(entry, dict))


def _ready_dir():
    if _state["dir_failed"]:
        return None
    if _capture_dir is None:
        _state["dir_failed"] = True
        _warn("LABGRADE_CAPTURE_DIR is not set; figures are not captured")
        return None
    try:
        os.makedirs(_capture_dir, exist_ok=True)
    except OSError as exc:
        _state["dir_failed"] = True
        _warn("cannot create %s (%s); figures are not captured" % (_capture_dir, exc))
        return None
    if not _state["loaded"]:
        _state["loaded"] = True
        _load_earlier(_capture_dir)
    return _capture_dir


def _capture(fig, trigger):
    directory = _ready_dir()
    if directory is None:
        return
    if len(_captures) >= _MAX_CAPTURES:
        if not _state["warned_full"]:
            _state["warned_full"] = True
            _warn("more than %d captures; later figures are not captured" % _MAX_CAPTURES)
        return
    number = _figure_number(fig)
    png = "figure-%d-%s-%d.png" % (number, trigger, len(_captures) + 1)
    axes = []
    for ax in list(fig.get_axes())[:_MAX_AXES]:
        try:
            axes.append(_describe_axes(ax))
        except Exception as exc:
            _warn("could not read an axes of figure %d: %r" % (number, exc))
    try:
        _write_png(fig, os.path.join(directory, png))
    except Exception as exc:
        _warn("could not render figure %d: %r" % (number, exc))
        png = None
    _captures.append({"figure": number, "trigger": trigger, "png": png, "axes": axes})
    _captured.add(fig)
    _write_json(directory)


def capture_figure(fig, trigger):
    """Record one figure now ("show", "savefig" or "exit"); never raises."""
    try:
        with _lock:
            # A draw callback of the student's that saves again must not recurse into us.
            if _state["busy"]:
                return
            _state["busy"] = True
            try:
                _capture(fig, trigger)
            finally:
                _state["busy"] = False
    except Exception as exc:
        _warn("could not capture a figure: %r" % (exc,))


def capture_open_figures(trigger, only_uncaptured=False):
    """Record every figure pyplot holds open; never raises."""
    try:
        figures = [manager.canvas.figure for manager in Gcf.get_all_fig_managers()]
    except Exception as exc:
        _warn("could not list the open figures: %r" % (exc,))
        return
    for fig in figures:
        if only_uncaptured and fig in _captured:
            continue
        capture_figure(fig, trigger)


def capture_at_exit():
    """Record the open figures never captured; runs once whoever calls it (atexit, sitecustomize)."""
    with _lock:
        if _state["exit_done"]:
            return
        _state["exit_done"] = True
    capture_open_figures("exit", only_uncaptured=True)


class FigureManager(FigureManagerBase):
    # Figure.show() and, through pyplot_show/show below, pyplot.show(). Never blocks: there is no window.
    def show(self, *args, **kwargs):
        capture_figure(self.canvas.figure, "show")

    # pyplot.show() on newer matplotlib, which uses it when a backend overrides it.
    @classmethod
    def pyplot_show(cls, *args, **kwargs):
        capture_open_figures("show")


class FigureCanvas(FigureCanvasAgg):
    manager_class = FigureManager


# The function-based backend API that pyplot 3.6/3.7 reads: new_figure_manager, draw_if_interactive, show.
def new_figure_manager_given_figure(num, figure):
    return FigureCanvas.new_manager(figure, num)


def new_figure_manager(num, *args, FigureClass=Figure, **kwargs):
    return new_figure_manager_given_figure(num, FigureClass(*args, **kwargs))


def draw_if_interactive():
    pass


def show(*args, **kwargs):
    capture_open_figures("show")


def _wrap_savefig():
    original = Figure.savefig
    if getattr(original, "_labgrade_capture", False):
        return original.__wrapped__

    @functools.wraps(original)
    def savefig(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        capture_figure(self, "savefig")
        return result

    savefig._labgrade_capture = True
    Figure.savefig = savefig
    return original


# Wrapped once, at import; the student's own file is still written by the original.
_original_savefig = _wrap_savefig()

# Registered after matplotlib._pylab_helpers registered Gcf.destroy_all (imported above), so it runs
# first: atexit calls handlers last-in, first-out.
atexit.register(capture_at_exit)
