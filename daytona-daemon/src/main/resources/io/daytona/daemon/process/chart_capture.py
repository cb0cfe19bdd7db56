"""Runs code-run Python source that uses matplotlib and reports its charts.

The daemon starts this script as ``python3 -u chart_capture.py ARGV...`` with the user's source
on stdin. The script forces the non-GUI Agg backend and replaces ``pyplot.show()``: every open
figure becomes one stdout line ``dtn_artifact_k39fd2:{"type": "chart", "value": {...}}`` (chart
metadata and a base64 PNG) and is then closed. The daemon removes those lines from the output
and answers them as ``artifacts.charts``. The source runs as ``__main__`` from ``<target_code>``;
an uncaught exception prints a traceback of the user's frames only and exits 1, so the output
looks as if the code had run on its own.

Field names and value types follow the toolbox API's Chart and ChartElement schemas, which the
official SDKs validate: ticks and points are numbers, a bar's value is a string.
"""

import base64
import io
import json
import linecache
import math
import os
import sys
import traceback
import types

ARTIFACT_PREFIX = "dtn_artifact_k39fd2:"
TARGET_FILENAME = "<target_code>"
PNG_DPI = 100


def main():
    source = sys.stdin.buffer.read()
    # As with "python3 -": argv[0] is "-" and imports resolve from the working directory,
    # not from the directory this script was written to.
    sys.argv[0] = "-"
    sys.path[0] = ""
    os.environ["MPLBACKEND"] = "Agg"
    install_chart_capture()
    sys.exit(run_as_main(source))


def install_chart_capture():
    try:
        import matplotlib
    except ImportError:
        return  # the user's own import reports the missing package
    except Exception as error:  # a broken installation: run the code anyway, without charts
        sys.stderr.write("daytona: charts will not be captured, matplotlib failed to load: %s\n" % error)
        return
    matplotlib.use("Agg", force=True)
    import matplotlib.axes
    import matplotlib.pyplot as pyplot

    record_box_plots(matplotlib.axes.Axes)
    pyplot.show = make_show(pyplot)


def record_box_plots(axes_class):
    """Keeps the statistics Axes.bxp draws, because drawn box plots are only anonymous lines."""
    draw_boxes = axes_class.bxp

    def bxp(self, bxpstats, positions=None, *args, **kwargs):
        stats = list(bxpstats)
        artists = draw_boxes(self, stats, positions, *args, **kwargs)
        places = list(positions) if positions is not None else list(range(1, len(stats) + 1))
        vertical = kwargs.get("vert")
        if vertical is None:  # matplotlib 3.10 replaced vert with orientation
            vertical = kwargs.get("orientation", "vertical") != "horizontal"
        boxes = getattr(self, "_daytona_boxes", [])
        boxes.extend((box, place, bool(vertical)) for box, place in zip(stats, places))
        self._daytona_boxes = boxes
        return artists

    bxp.__doc__ = draw_boxes.__doc__
    axes_class.bxp = bxp


def make_show(pyplot):
    from matplotlib._pylab_helpers import Gcf

    def show(*args, **kwargs):
        for manager in Gcf.get_all_fig_managers():
            emit_figure(manager.canvas.figure)
        pyplot.close("all")

    return show


def emit_figure(figure):
    try:
        png = render_png(figure)
    except Exception as error:  # a figure that cannot render must not end the user's program
        sys.stderr.write("daytona: could not render figure %s: %s\n" % (figure.number, error))
        return
    try:
        chart = figure_chart(figure)
    except Exception as error:
        sys.stderr.write("daytona: could not read the data of figure %s: %s\n" % (figure.number, error))
        chart = {"type": "unknown", "title": "", "elements": []}
    chart["png"] = png
    line = ARTIFACT_PREFIX + json.dumps({"type": "chart", "value": chart}, allow_nan=False)
    # One write, on the real stdout even if the code redirected sys.stdout.
    sys.__stdout__.write(line + "\n")
    sys.__stdout__.flush()


def render_png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_chart(figure):
    axes = [ax for ax in figure.axes if ax.get_visible() and getattr(ax, "_colorbar", None) is None]
    if len(axes) == 1:
        return axes_chart(axes[0])
    if not axes:
        return {"type": "unknown", "title": figure_title(figure), "elements": []}
    return {
        "type": "composite_chart",
        "title": figure_title(figure),
        "elements": [axes_chart(ax) for ax in axes],
    }


def figure_title(figure):
    title = getattr(figure, "_suptitle", None)
    return title.get_text() if title is not None else ""


def axes_chart(ax):
    from matplotlib.container import BarContainer
    from matplotlib.patches import Wedge

    wedges = [patch for patch in ax.patches if isinstance(patch, Wedge)]
    if wedges:
        return {"type": "pie", "title": ax.get_title(), "elements": [pie_slice(wedge) for wedge in wedges]}
    chart = {"type": "unknown", "title": ax.get_title()}
    chart.update(axis_description(ax))
    boxes = getattr(ax, "_daytona_boxes", None)
    bars = [container for container in ax.containers if isinstance(container, BarContainer)]
    if boxes:
        chart["type"] = "box_and_whisker"
        chart["elements"] = [box_element(ax, stats, place, vertical) for stats, place, vertical in boxes]
    elif bars:
        chart["type"] = "bar"
        chart["elements"] = [bar for container in bars for bar in bar_elements(ax, container)]
    else:
        chart["type"], chart["elements"] = point_chart(ax)
    return chart


def axis_description(ax):
    x_ticks, x_labels = visible_ticks(ax.xaxis, ax.get_xlim())
    y_ticks, y_labels = visible_ticks(ax.yaxis, ax.get_ylim())
    return {
        "x_label": ax.get_xlabel(),
        "y_label": ax.get_ylabel(),
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "x_tick_labels": x_labels,
        "y_tick_labels": y_labels,
        "x_scale": ax.get_xscale(),
        "y_scale": ax.get_yscale(),
    }


def visible_ticks(axis, limits):
    """Major ticks inside the view limits: locators also place ticks just outside them."""
    low, high = min(limits), max(limits)
    slack = (high - low) * 1e-9
    ticks, labels = [], []
    for location, label in major_ticks(axis):
        value = number(location)
        if value is not None and low - slack <= value <= high + slack:
            ticks.append(value)
            labels.append(label)
    return ticks, labels


def major_ticks(axis):
    """(location, label text) of each major tick."""
    axis.get_majorticklabels()  # formats the labels of the current locations
    locations = axis.get_majorticklocs()
    ticks = axis.get_major_ticks(len(locations))
    return [(location, tick.label1.get_text() or tick.label2.get_text()) for location, tick in zip(locations, ticks)]


def point_chart(ax):
    from matplotlib.collections import PathCollection

    lines = [line for line in ax.get_lines() if line.get_visible()]
    scatters = [collection for collection in ax.collections
                if collection.get_visible() and isinstance(collection, PathCollection)]
    series = [point_series(line.get_label(), line.get_xydata()) for line in lines]
    series += [point_series(collection.get_label(), collection.get_offsets()) for collection in scatters]
    if not series:
        return "unknown", []
    # Lines drawn with markers only (plot(x, y, "o")) are scatter plots too.
    markers_only = all(line.get_linestyle() in ("None", "", " ") for line in lines)
    return ("scatter" if markers_only else "line"), series


def point_series(label, xy):
    points = []
    for x, y in xy:
        x, y = number(x), number(y)
        if x is not None and y is not None:  # gaps (NaN) have no point to report
            points.append([x, y])
    return {"label": public_label(label), "points": points}


def bar_elements(ax, container):
    vertical = getattr(container, "orientation", "vertical") != "horizontal"
    axis = ax.xaxis if vertical else ax.yaxis
    group = public_label(container.get_label())
    elements = []
    for rectangle in container.patches:
        if vertical:
            center, value = rectangle.get_x() + rectangle.get_width() / 2, rectangle.get_height()
        else:
            center, value = rectangle.get_y() + rectangle.get_height() / 2, rectangle.get_width()
        elements.append({
            "label": category_at(axis, center),
            "group": group,
            "value": format_number(value),
        })
    return elements


def box_element(ax, stats, place, vertical):
    axis = ax.xaxis if vertical else ax.yaxis
    label = stats.get("label")
    return {
        "label": str(label) if label is not None else category_at(axis, place),
        "min": number(stats["whislo"]),
        "first_quartile": number(stats["q1"]),
        "median": number(stats["med"]),
        "third_quartile": number(stats["q3"]),
        "max": number(stats["whishi"]),
        "outliers": [value for value in map(number, stats.get("fliers", [])) if value is not None],
    }


def pie_slice(wedge):
    return {
        "label": public_label(wedge.get_label()),
        "angle": number(abs(wedge.theta2 - wedge.theta1)),
        "radius": number(wedge.r),
    }


def category_at(axis, position):
    """A bar's or box's name: its category on a labelled axis, else its position."""
    from matplotlib.category import StrCategoryFormatter, StrCategoryLocator
    from matplotlib.ticker import FixedFormatter, FixedLocator

    # Categories and ticks the code placed itself name the bars; automatic ticks on a numeric axis do not.
    if (isinstance(axis.get_major_locator(), (FixedLocator, StrCategoryLocator))
            or isinstance(axis.get_major_formatter(), (FixedFormatter, StrCategoryFormatter))):
        ticks = major_ticks(axis)
        if ticks:
            # Grouped bars sit beside their category's tick, not on it.
            _, label = min(ticks, key=lambda tick: abs(tick[0] - position))
            if label:
                return label
    return format_number(position)


def public_label(label):
    # matplotlib names unlabelled artists "_child0", "_container1"...: not the user's words
    label = "" if label is None else str(label)
    return "" if label.startswith("_") else label


def number(value):
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def format_number(value):
    """A number as people write it: 3 not 3.0, 1.1 not 1.1000000000000001."""
    value = number(value)
    if value is None:
        return ""
    value = float("%.12g" % value)
    return str(int(value)) if value.is_integer() else repr(value)


def run_as_main(source):
    """Runs the source as __main__; returns the exit status for an uncaught exception."""
    text = source.decode("utf-8", errors="replace")
    # Lets tracebacks quote the user's lines, as they would for a file.
    linecache.cache[TARGET_FILENAME] = (len(text), None, text.splitlines(True), TARGET_FILENAME)
    module = types.ModuleType("__main__")
    module.__dict__["__builtins__"] = __builtins__
    module.__file__ = TARGET_FILENAME
    sys.modules["__main__"] = module
    try:
        code = compile(source, TARGET_FILENAME, "exec", dont_inherit=True)
        exec(code, module.__dict__)
    except SystemExit:
        raise
    except BaseException as error:
        print_user_traceback(error)
        return 1
    return 0


def print_user_traceback(error):
    frames = error.__traceback__
    while frames is not None and frames.tb_frame.f_code.co_filename != TARGET_FILENAME:
        frames = frames.tb_next
    sys.stdout.flush()
    sys.stderr.write("".join(traceback.format_exception(type(error), error, frames)))
    sys.stderr.flush()


if __name__ == "__main__":
    main()
