"""Phones as the room sees them: the Wi-Fi QR and voting dialogs, the live vote bars, and the
join card on the projector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ui.run.phones import PhonesLink, plain_label, qr_pixmap, wifi_qr_pixmap

if TYPE_CHECKING:
    from ui.run.presenter import PresenterWindow


class WifiDialog(QDialog):
    """A "join the Wi-Fi" QR code from the network's name and password (kept nowhere)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Wi-Fi QR code")
        self.ssid = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.qr = QLabel()
        self.qr.setAccessibleName("QR code to join the Wi-Fi")
        form = QFormLayout(self)
        form.addRow("Network &name:", self.ssid)
        form.addRow("&Password:", self.password)
        form.addRow(self.qr)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ssid.textChanged.connect(self._draw)
        self.password.textChanged.connect(self._draw)

    def _draw(self) -> None:
        if self.ssid.text():
            self.qr.setPixmap(wifi_qr_pixmap(self.ssid.text(), self.password.text()))
        else:
            self.qr.clear()


class VotingDialog(QDialog):
    """Open voting on the current step: its themes, or its notes when it has none."""

    def __init__(self, parent: QWidget | None = None, default_dots: int = 3) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open voting")
        self.dots = QSpinBox()
        self.dots.setRange(1, 10)
        self.dots.setValue(default_dots)
        self.dots.setAccessibleName("Dots per phone")
        form = QFormLayout(self)
        form.addRow("&Dots per phone:", self.dots)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open voting")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class VoteBars(QWidget):
    """Live bars of the top ideas by dots (drawn as plain text: participants' words)."""

    def __init__(self, link: PhonesLink, parent: QWidget | None = None, *, dark: bool = False,
                 limit: int = 8) -> None:
        super().__init__(parent)
        self.link = link
        self.dark = dark
        self.limit = limit
        self.rows: list[tuple[str, int]] = []
        self.setObjectName("voteBars")
        self.setAccessibleName("Votes so far")
        self.setMinimumHeight(60)
        link.votes_changed.connect(self.refresh)
        link.running_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        self.rows = self.link.vote_bars()[: self.limit]
        self.setVisible(bool(self.rows) and self.link.running)
        self.setAccessibleDescription("; ".join(f"{label}: {n} dots" for label, n in self.rows))
        self.updateGeometry()
        self.update()

    def detach(self) -> None:
        self.link.votes_changed.disconnect(self.refresh)
        self.link.running_changed.disconnect(self.refresh)

    def sizeHint(self):  # noqa: N802 - Qt override
        from PySide6.QtCore import QSize

        line = self.fontMetrics().height() + 8
        return QSize(400, max(60, line * len(self.rows) + 8))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        from PySide6.QtGui import QColor, QPainter

        painter = QPainter(self)
        metrics = self.fontMetrics()
        line = metrics.height() + 8
        text_colour = QColor("#ffffff" if self.dark else "#1f2328")
        bar_colour = QColor("#ffd54f" if self.dark else "#1d4e89")
        top = max((n for _l, n in self.rows), default=0) or 1
        label_width = int(self.width() * 0.45)
        count_width = metrics.horizontalAdvance("000") + 8
        bar_space = max(10, self.width() - label_width - count_width - 16)
        for row, (label, dots) in enumerate(self.rows):
            y = 4 + row * line
            text = metrics.elidedText(" ".join(label.split()), Qt.TextElideMode.ElideRight,
                                      label_width - 8)
            painter.setPen(text_colour)
            painter.drawText(0, y, label_width - 8, line, Qt.AlignmentFlag.AlignVCenter
                             | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, text)
            width = int(bar_space * dots / top)
            painter.fillRect(label_width, y + 4, max(width, 2 if dots else 0), line - 8,
                             bar_colour)
            painter.drawText(label_width + width + 8, y, count_width, line,
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             str(dots))
        painter.end()


class PresenterJoinCard(QWidget):
    """On the presenter screen while Phones is on: the QR code, the address and the code."""

    def __init__(self, link: PhonesLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.setObjectName("presenterPhones")
        self.qr = QLabel()
        self.qr.setAccessibleName("QR code to join from a phone")
        self.text = plain_label(name="How to join from a phone")
        self.text.setStyleSheet("color: #ffffff;")
        font = self.text.font()
        font.setPixelSize(28)
        font.setBold(True)
        self.text.setFont(font)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.qr)
        row.addWidget(self.text, 1)
        link.running_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        running = self.link.running
        self.setVisible(running)
        if running:
            self.qr.setPixmap(qr_pixmap(self.link.url, 5))
            self.text.setText(f"Post your notes from your phone: scan the code or open "
                              f"{self.link.url}\nJoin code: {self.link.code}")

    def detach(self) -> None:
        self.link.running_changed.disconnect(self.refresh)


def attach_presenter(link: PhonesLink, presenter: PresenterWindow) -> PresenterJoinCard:
    """Add the vote bars (while there is a vote) and the join card under the presenter's
    wall."""
    bars = VoteBars(link, presenter, dark=True)
    font = bars.font()
    font.setPixelSize(26)
    font.setBold(True)
    bars.setFont(font)
    card = PresenterJoinCard(link, presenter)
    column = presenter.layout()
    assert column is not None, "the presenter lays out its wall in a column"
    column.addWidget(bars)
    column.addWidget(card)
    presenter.closed.connect(card.detach)
    presenter.closed.connect(bars.detach)
    presenter.phones_card = card
    presenter.vote_bars = bars
    return card
