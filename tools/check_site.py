"""Check the built course site (build/site) in headless Chromium, served on 127.0.0.1, with no network.

    python tools/check_site.py                   # every page of build/site; exit 1 and list the problems
    python tools/check_site.py build/site --screenshots docs/screenshots     # also write the three site_*.png

Every request to a host other than 127.0.0.1 is blocked and reported. On every page: no console errors or page
errors, no failed request, every <img> loaded (naturalWidth > 0), every ipywidget rendered from its saved state; every
internal link answers 200 from the server (and its #fragment exists in the target page). The decision page (04)
must show the decision widget (.ftrag-decide). The slides index and every deck load with reveal.js initialised
(.reveal.ready); one deck's speaker view opens with its notes. Used by tests/test_site.py.
Debian's /usr/bin/chromium ($FTRAG_CHROMIUM), with --no-sandbox; `playwright install` is not needed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "site"
CHROMIUM = os.environ.get("FTRAG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = ("127.0.0.1",)
DECISION_PAGE = "solutions/04_decision_framework.html"
DECISION_WIDGET = ".ftrag-decide"
SPEAKER_DECK = "slides/04_decision_framework.slides.html"
# The three screenshots docs/site.md shows: file, then (page, what to scroll to the top) to try in order
LABS = ("lab1_rag", "lab2_lora", "lab3_embeddings", "lab4_knowledge")
SHOTS = [
    ("site_decision_widget.png", [(DECISION_PAGE, DECISION_WIDGET)]),
    ("site_lab_plot.png", [(f"solutions/{lab}.html", ".cell_output img") for lab in LABS]),
    ("site_ledger.png", [("ledger.html", "table.dataframe"), ("solutions/07_wrap_up.html", "table.dataframe")]),
]
TIMEOUT_MS = int(os.environ.get("FTRAG_SITE_TIMEOUT_MS", "60000"))  # per wait; the machine may be busy
SKIP_DIRS = ("_static", "_sources", "_images", "_downloads")

# JavaScript run in the page -------------------------------------------------------------------------------------
WIDGETS_DONE = """() => {
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  const done = views.filter(s => { const p = s.previousElementSibling;
    return p && p.classList.contains('widget-subarea') && p.childElementCount > 0; });
  return {views: views.length, rendered: done.length};
}"""
IMAGES = """async () => {
  const imgs = [...document.images];
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
  return imgs.map(i => ({src: i.currentSrc || i.src, w: i.naturalWidth}));
}"""
LINKS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"


@dataclass
class Report:
    """What the check saw: per page findings, and every problem as one line."""

    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    links_checked: int = 0
    screenshots: list[str] = field(default_factory=list)

    def add(self, page: str, what: str) -> None:
        """Record one problem."""
        self.problems.append(f"{page}: {what}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # no request log on stderr
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """The browser drops connections it no longer needs (a page left early): not an error of the site."""
        if not isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site (paths relative to it), the decks last."""
    found = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    found = [p for p in found if not p.startswith(SKIP_DIRS)]
    return sorted(found, key=lambda p: (p.endswith(".slides.html"), p))


def _ids(path: Path) -> set[str]:
    """The element ids (and anchor names) of an HTML file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return set(re.findall(r"""\b(?:id|name)=["']([^"']+)["']""", text))


class _Watch:
    """Collects console errors, page errors, failed and blocked requests of one browser context."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.events: list[str] = []

    def route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlparse(url).hostname in LOCAL:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def attach(self, page: Any, tag: str = "") -> None:
        prefix = f"{tag}: " if tag else ""
        page.on("console", lambda m: m.type == "error" and self.events.append(f"{prefix}console error: {m.text}"))
        page.on("pageerror", lambda e: self.events.append(f"{prefix}page error: {e}"))
        page.on(
            "requestfailed",
            lambda r: r.url not in self.blocked and self.events.append(f"{prefix}request failed: {r.url} {r.failure}"),
        )
        page.on("response", lambda r: r.status >= 400 and self.events.append(f"{prefix}HTTP {r.status}: {r.url}"))

    def take(self) -> tuple[list[str], list[str]]:
        blocked, events = self.blocked, self.events
        self.blocked, self.events = [], []
        return blocked, events


def _wait_widgets(page: Any) -> dict[str, int]:
    """Wait until every saved widget view is rendered (or the time is up); return the counts."""
    try:
        done = f"() => {{ const c = ({WIDGETS_DONE})(); return c.rendered >= c.views; }}"
        page.wait_for_function(done, timeout=TIMEOUT_MS)
    except Exception:  # reported below as unrendered views
        pass
    return page.evaluate(WIDGETS_DONE)


def _screenshot(page: Any, selector: str, target: Path) -> bool:
    """A viewport screenshot with the first match of `selector` near the top; False if there is none."""
    if page.locator(selector).count() == 0:
        return False
    element = page.locator(selector).first
    element.evaluate("e => { e.scrollIntoView({block: 'start'}); window.scrollBy(0, -150); }")
    page.wait_for_timeout(500)
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    return True


def check_page(page: Any, base: str, path: str, watch: _Watch, report: Report, links: dict[str, str]) -> None:
    """Load one page and record what is wrong with it."""
    seen: dict[str, Any] = {}
    page.goto(base + path, wait_until="load", timeout=TIMEOUT_MS)
    try:  # scripts that load more (the widget manager, its fonts) have started by then
        page.wait_for_load_state("networkidle", timeout=5000)
    except Exception:  # not a fault in itself; what did not load is reported below
        pass
    widgets = _wait_widgets(page)
    seen["widget_views"], seen["widgets_rendered"] = widgets["views"], widgets["rendered"]
    if widgets["rendered"] < widgets["views"]:
        report.add(path, f"{widgets['views'] - widgets['rendered']} of {widgets['views']} widgets not rendered")
    images = page.evaluate(IMAGES)
    seen["images"] = len(images)
    for image in images:
        if image["w"] == 0:
            report.add(path, f"image did not load: {image['src'][:120]}")
    if path.endswith(".slides.html"):
        try:
            page.wait_for_selector(".reveal.ready", timeout=TIMEOUT_MS)
        except Exception:
            report.add(path, "reveal.js did not initialise (.reveal.ready)")
        seen["slides"] = page.evaluate("() => document.querySelectorAll('.slides > section').length")
        seen["speaker_notes"] = page.evaluate("() => document.querySelectorAll('aside.notes').length")
        if seen["slides"] < 2:
            report.add(path, f"only {seen['slides']} slides")
    if path == DECISION_PAGE:
        seen["decision_widget"] = page.locator(DECISION_WIDGET).count()
        if not seen["decision_widget"] or not page.locator(DECISION_WIDGET).first.is_visible():
            report.add(path, f"the decision widget ({DECISION_WIDGET}) is not shown")
    for href in page.evaluate(LINKS):
        if href.startswith(base):
            links.setdefault(href, path)
    blocked, events = watch.take()
    for url in sorted(set(blocked)):
        report.add(path, f"blocked request to another host: {url}")
    for event in events:
        report.add(path, event)
    report.pages[path] = seen


def check_links(site: Path, base: str, links: dict[str, str], report: Report) -> None:
    """Every internal link answers 200; a #fragment into a site page names an element of that page."""
    ids: dict[Path, set[str]] = {}
    status: dict[str, int] = {}
    for href, page in sorted(links.items()):
        url, fragment = urldefrag(href)
        if url not in status:
            try:
                with urllib.request.urlopen(url, timeout=30) as answer:
                    status[url] = answer.status
            except urllib.error.HTTPError as error:
                status[url] = error.code
            except OSError as error:
                status[url] = 0
                report.add(page, f"link {href[len(base) :]}: {error}")
                continue
        if status[url] != 200:
            report.add(page, f"link {href[len(base) :] or '/'} answers {status[url]}")
            continue
        target = site / unquote(urlparse(url).path).lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        # (reveal.js decks route #/slide hashes themselves)
        if fragment and target.suffix == ".html" and not target.name.endswith(".slides.html"):
            if target not in ids:
                ids[target] = _ids(target)
            if unquote(fragment) not in ids[target]:
                report.add(page, f"link {href[len(base) :]}: no #{unquote(fragment)} in {target.relative_to(site)}")
    report.links_checked = len(links)


def check_speaker_view(context: Any, base: str, watch: _Watch, report: Report) -> None:
    """Open one deck's speaker view ("s") and read its notes."""
    page = context.new_page()
    watch.attach(page, "deck")
    page.goto(base + SPEAKER_DECK, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_selector(".reveal.ready", timeout=TIMEOUT_MS)
    try:
        with context.expect_page(timeout=TIMEOUT_MS) as popup:
            page.keyboard.press("s")
        view = popup.value
        watch.attach(view, "speaker view")
        view.wait_for_selector(".speaker-controls-notes .value", state="attached", timeout=TIMEOUT_MS)
        view.wait_for_function(
            "() => (document.querySelector('.speaker-controls-notes .value') || {}).textContent", timeout=TIMEOUT_MS
        )
        notes = view.evaluate("() => document.querySelector('.speaker-controls-notes .value').textContent")
        report.pages[f"{SPEAKER_DECK} (speaker view)"] = {"notes": notes.strip()[:100]}
        view.close()
    except Exception as error:
        report.add(SPEAKER_DECK, f"the speaker view did not show notes: {str(error)[:300]}")
    blocked, events = watch.take()
    for url in sorted(set(blocked)):
        report.add(f"{SPEAKER_DECK} (speaker view)", f"blocked request to another host: {url}")
    for event in events:
        report.add(f"{SPEAKER_DECK} (speaker view)", event)
    page.close()


def check(
    site: Path = SITE, screenshots: Path | None = None, pages: list[str] | None = None, speaker_view: bool = True
) -> Report:
    """Check every page of `site` (or just `pages`) in headless Chromium; write the screenshots if asked."""
    from playwright.sync_api import sync_playwright

    report = Report()
    paths = pages or site_pages(site)
    links: dict[str, str] = {}
    watch = _Watch()
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        context.route("**/*", watch.route)  # every page, popup and frame of the context
        page = context.new_page()
        watch.attach(page)
        for path in paths:
            try:
                check_page(page, base, path, watch, report, links)
            except Exception as error:  # a timeout on one page should not hide the others
                report.add(path, f"could not be checked: {str(error)[:300]}")
                page.close()
                page = context.new_page()
                watch.attach(page)
                watch.take()
        if screenshots is not None:
            for name, candidates in SHOTS:
                for candidate, selector in candidates:
                    if not (site / candidate).exists():
                        continue
                    page.goto(base + candidate, wait_until="load", timeout=TIMEOUT_MS)
                    _wait_widgets(page)
                    page.evaluate(IMAGES)
                    if _screenshot(page, selector, screenshots / name):
                        report.screenshots.append(str(screenshots / name))
                        break
                else:
                    report.add(name, f"no page to take it from: {', '.join(f'{p} {s}' for p, s in candidates)}")
            watch.take()
        page.close()
        if speaker_view and (site / SPEAKER_DECK).exists() and (pages is None or SPEAKER_DECK in pages):
            check_speaker_view(context, base, watch, report)
        context.close()
        browser.close()
        check_links(site, base, links, report)
    return report


def main(argv: list[str] | None = None) -> int:
    """Check the site; print a summary (or the JSON report) and the problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=SITE, help="the built site (default: build/site)")
    parser.add_argument("--screenshots", type=Path, help="write site_*.png there (e.g. docs/screenshots)")
    parser.add_argument("--page", action="append", help="check only this page (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"error: no site in {args.site}: run `make site` first", file=sys.stderr)
        return 1
    start = time.perf_counter()
    report = check(args.site, args.screenshots, args.page)
    if args.json:
        print(json.dumps(report.__dict__, indent=1))
    pages = report.pages.values()
    print(
        f"checked {len(report.pages)} pages in {time.perf_counter() - start:.0f} s: "
        f"{sum(p.get('images', 0) for p in pages)} images, "
        f"{sum(p.get('widgets_rendered', 0) for p in pages)} widgets rendered, "
        f"{sum(1 for p in pages if 'slides' in p)} decks, {report.links_checked} internal links"
    )
    for shot in report.screenshots:
        print(f"wrote {shot}")
    for problem in report.problems:
        print(f"PROBLEM {problem}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
