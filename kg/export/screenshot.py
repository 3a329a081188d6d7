"""A PNG of an HTML view, drawn by headless Chromium: ``python -m kg.export.screenshot GRAPH.html OUT.png``.

Stage: export (a tool for the README and for looking at a view without a desktop). Input: a page
written by ``kg.export.html.write_html``. Output: a PNG of it once its layout has settled.

Needs Playwright for Python (``pip install playwright``; its wheel ships the driver) and a
Chromium: Debian's ``/usr/bin/chromium`` (``apt-get install chromium``) by default, or the one
given with ``--chromium``. ``playwright install`` is not needed: no browser is downloaded.
The page is opened from disk and every request but the page itself and ``data:`` URLs is
blocked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.atomic import atomic_write_bytes
from kg.errors import InputError, KGError, OutputError

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "screenshot", "main"]

#: Debian's Chromium.
CHROMIUM = Path("/usr/bin/chromium")
#: Flags for a headless Chromium in a container, with no background network traffic.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def screenshot(
    page_path: str | Path,
    png_path: str | Path,
    *,
    width: int = 1280,
    height: int = 800,
    chromium: str | Path = CHROMIUM,
    timeout: float = 60.0,
) -> Path:
    """Open ``page_path`` in headless Chromium, wait for the view to be drawn, save a PNG.

    Parameters
    ----------
    page_path : str or Path
        A page written by ``write_html``.
    png_path : str or Path
        The PNG to write (atomically).
    width, height : int
        The viewport, in CSS pixels.
    chromium : str or Path
        The Chromium executable.
    timeout : float
        Seconds to wait for the layout to settle.

    Returns
    -------
    Path
        ``png_path``.

    Raises
    ------
    InputError
        If the page is missing, or never gets ready within ``timeout`` seconds.
    OutputError
        If Playwright or Chromium is missing, or the PNG cannot be written.
    """
    page_file = Path(page_path).resolve()
    if not page_file.is_file():
        raise InputError(f"no such page: {page_path}")
    if not Path(chromium).is_file():
        raise OutputError(f"headless Chromium not found at {chromium}: apt-get install chromium")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise OutputError("screenshots need Playwright for Python: pip install playwright") from error
    page_url = page_file.as_uri()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_ARGS))
            try:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.route(
                    "**/*",
                    lambda route: route.continue_() if route.request.url == page_url else route.abort(),
                )
                page.goto(page_url)
                try:
                    # The view marks <html data-kg-ready> once drawn; a selector needs no eval, which the
                    # page's Content Security Policy forbids.
                    page.wait_for_selector("html[data-kg-ready='true']", state="attached", timeout=timeout * 1000)
                except PlaywrightError as error:
                    raise InputError(f"{page_path} did not draw a kg view within {timeout:g} s") from error
                image = page.screenshot()
            finally:
                browser.close()
    except PlaywrightError as error:
        raise OutputError(f"cannot take a screenshot of {page_path}: {error}") from error
    return atomic_write_bytes(png_path, image)


def main(argv: list[str] | None = None) -> int:
    """The command line: parse the arguments, take the screenshot, report errors on one line."""
    parser = argparse.ArgumentParser(prog="python -m kg.export.screenshot", description=__doc__.splitlines()[0])
    parser.add_argument("page", help="an HTML view written by kg")
    parser.add_argument("png", help="the PNG file to write")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in pixels (default 1280)")
    parser.add_argument("--height", type=int, default=800, help="viewport height in pixels (default 800)")
    parser.add_argument("--chromium", default=str(CHROMIUM), help=f"the Chromium to run (default {CHROMIUM})")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the layout (default 60)")
    args = parser.parse_args(argv)
    try:
        path = screenshot(
            args.page, args.png, width=args.width, height=args.height, chromium=args.chromium, timeout=args.timeout
        )
    except KGError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
