"""The results screen's radar redrawn with new values, as at every answer saved while a room
answers: ``RadarChart.set_data`` and a repaint, with the drawn series moved in place (now)
against the whole chart built again (before issue 25), alternating in the same run.

    python benchmarks/radar_redraw.py   # 15 themes, 3 series, an 800 x 700 chart, offscreen
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from assessment_app.analysis.radar_geometry import Series
    from assessment_app.ui.radar_chart import RadarChart

    axes = [f"Theme {i}" for i in range(15)]
    chart = RadarChart("benchmark")
    chart.resize(800, 700)
    chart.show()
    app.processEvents()

    def series(k: int) -> list[Series]:
        return [Series("Marketing", [1 + (i * k) % 4 for i in range(15)], "#1f77b4"),
                Series("IT", [1 + (i + k) % 4 for i in range(15)], "#d62728", dashed=True),
                Series("Target", [4.5] * 15, "#333333", symbol="s", fill=False)]

    times: dict[str, list[float]] = {"built again (before)": [], "moved in place (now)": []}
    for k in range(40):
        for name, again in (("built again (before)", True), ("moved in place (now)", False)):
            if again:
                chart._drawn = None  # what set_data did every time before
            start = time.perf_counter()
            chart.set_data(axes, series(k))
            chart.plot.viewport().repaint()
            times[name].append((time.perf_counter() - start) * 1000)
    print("| radar redraw with new values | median | max |")
    print("|---|---|---|")
    for name, got in times.items():
        print(f"| {name} | {statistics.median(got):.1f} ms | {max(got):.1f} ms |")
    print(f"items in the chart: {len(chart.plot.getPlotItem().items)} (plus the legend's)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
