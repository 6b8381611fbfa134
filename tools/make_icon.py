"""Draw Tandem's icon (two overlapping rings: marketing and IT) as PNG and ICO files."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen  # noqa: E402


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.Antialiasing)
    p.setBrush(QColor("#ffffff"))
    p.setPen(Qt.NoPen)
    p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2)
    width = size * 0.11
    for colour, x in (("#D55E00", 0.36), ("#0072B2", 0.64)):
        p.setPen(QPen(QColor(colour), width))
        p.setBrush(Qt.NoBrush)
        r = size * 0.24
        p.drawEllipse(QRectF(size * x - r, size * 0.5 - r, 2 * r, 2 * r))
    p.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    out = Path(__file__).resolve().parent.parent / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(out / "tandem.png"))
    from PIL import Image

    Image.open(out / "tandem.png").save(out / "tandem.ico",
                                        sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])
    print("icons written to", out)
