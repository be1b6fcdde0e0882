"""Small shared pieces of the course widgets (works with ipywidgets 7 and 8): CSS classes, warnings, display."""

from __future__ import annotations

import html

import ipywidgets as widgets

YES_NO = [("Yes", True), ("No", False)]
# Okabe-Ito blue and vermillion (colour-blind safe, no red/green pair); the icons carry the meaning too.
CSS = "<style>.ftrag-ok{color:#0072B2}.ftrag-warn{color:#D55E00;font-weight:600}</style>"


def classes(widget: widgets.Widget, *names: str) -> widgets.Widget:
    """Add CSS classes to a widget and return it."""
    for name in names:
        widget.add_class(name)
    return widget


def warn(text: str) -> str:
    """HTML for a visible warning message."""
    return f'<span class="ftrag-warn">\u2757 {html.escape(text)}</span>'


def label(text: str) -> widgets.HTML:
    """A bold question label."""
    return widgets.HTML(f"<b>{html.escape(text)}</b>")


class Displayable:
    """Mixin: display the widget's `ui` box when the object is shown in a notebook."""

    ui: widgets.Widget

    def _ipython_display_(self) -> None:
        """Display the top-level box (works with ipywidgets 7 and 8)."""
        from IPython.display import display

        display(self.ui)
