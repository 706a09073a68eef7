"""The XSS payload corpus, placed into every input-derived field, briefed, and rendered in
headless Chromium: the report (``briefing.html``) and the ``serve`` pages over a store of the
same inputs.

Every payload, if it ran, would call ``window.__xss(n)``. Each page is loaded twice: as served
(its Content-Security-Policy on; a CSP violation in the console is counted) and with the CSP
bypassed (so the escaping alone is tested). Counted: payloads executed, CSP violations, and
injected markup (an element with an ``on*`` attribute, a ``javascript:`` link, an inline script
or frame carrying a payload).
"""
from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

from reliability_harness import LIGHT_TOML
from reliability_inputs import PARAGRAPHS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

# {n} is the payload's number; each one calls window.__xss(n) if it ever runs.
PAYLOADS = [
    "<script>__xss({n})</script>",
    "<img src=x onerror=__xss({n})>",
    "<img src=x:x onerror=__xss({n}) />",
    '<img src=x onerror="&#95;&#95;xss({n})">',
    "<svg onload=__xss({n})>",
    "<svg><script>__xss({n})</script></svg>",
    "<svg><animate onbegin=__xss({n}) attributeName=x dur=1s>",
    '"><script>__xss({n})</script>',
    "'><img src=x onerror=__xss({n})>",
    '" onmouseover="__xss({n})" x="',
    "' onfocus='__xss({n})' autofocus='",
    '" autofocus onfocus="__xss({n})',
    "javascript:__xss({n})",
    "JaVaScRiPt:__xss({n})",
    " javascript:__xss({n})",
    "java\tscript:__xss({n})",
    "&#106;avascript:__xss({n})",
    "data:text/html,<script>__xss({n})</script>",
    '<a href="javascript:__xss({n})">link</a>',
    '<iframe src="javascript:__xss({n})"></iframe>',
    '<iframe srcdoc="<script>parent.__xss({n})</script>"></iframe>',
    "<body onload=__xss({n})>",
    "<details open ontoggle=__xss({n})>",
    "<input autofocus onfocus=__xss({n})>",
    "<video><source onerror=__xss({n})></video>",
    "<audio src=x onerror=__xss({n})>",
    '<object data="javascript:__xss({n})"></object>',
    '<embed src="javascript:__xss({n})">',
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss({n})>",
    '<style>@import "javascript:__xss({n})";</style>',
    '<div style="background:url(javascript:__xss({n}))">x</div>',
    '<div style="width:expression(__xss({n}))">x</div>',
    '<link rel=stylesheet href="javascript:__xss({n})">',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss({n})">',
    '<base href="javascript:__xss({n})//">',
    '<form action="javascript:__xss({n})"><button>go</button></form>',
    "</textarea><script>__xss({n})</script>",
    "</title><script>__xss({n})</script>",
    "</script><script>__xss({n})</script>",
    "</style><script>__xss({n})</script>",
    "<!--<script>__xss({n})</script>-->",
    "<![CDATA[<script>__xss({n})</script>]]>",
    '{{{{constructor.constructor("__xss({n})")()}}}}',
    "${{__xss({n})}}",
    "<scr<script>ipt>__xss({n})</scr</script>ipt>",
    "\\u003cscript\\u003e__xss({n})\\u003c/script\\u003e",
    "&lt;script&gt;__xss({n})&lt;/script&gt;",
    "%3Cscript%3E__xss({n})%3C/script%3E",
    "\uff1cscript\uff1e__xss({n})\uff1c/script\uff1e",
    "<x onclick=__xss({n})>click</x>",
    '"-__xss({n})-"',
    "';__xss({n});//",
    "\u2028<script>__xss({n})</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=__xss({n})>\">",
]
# Where each payload is placed: Markdown front matter and body; JSON Lines fields (the id too);
# an RSS entry's title, author, link and description; an HTML page's title, author and body.
PLACEMENTS = ["md:title", "md:author", "md:source", "md:url", "md:body", "md:quote",
              "jsonl:id", "jsonl:title", "jsonl:source", "jsonl:author", "jsonl:url",
              "jsonl:text", "rss:title", "rss:author", "rss:link", "rss:description",
              "html:title", "html:author", "html:body"]


def _md_escape(value: str) -> str:
    return json.dumps(value)   # a YAML double-quoted scalar takes JSON's escapes


def write_inputs(folder: Path, payloads: list[str] | None = None) -> dict:
    """One Markdown file, one JSON Lines line, one RSS entry and one HTML page per payload,
    each carrying it in every field; returns the counts."""
    payloads = payloads if payloads is not None else PAYLOADS
    folder.mkdir(parents=True, exist_ok=True)
    lines, items = [], []
    for n, template in enumerate(payloads):
        p = template.format(n=n)
        body = f"{PARAGRAPHS[n % 4]} Report number {n} on the ferry route."
        (folder / f"md-{n:03d}.md").write_text(
            f"---\ntitle: {_md_escape(p)}\nauthor: {_md_escape(p)}\nsource: {_md_escape(p)}\n"
            f"url: {_md_escape(p)}\npublished: 2025-05-12\n---\n{body}\n\n"
            f"The harbour office said the notice read {p} on Monday.\n\n"
            f'"The crossings will run from Thursday, {p}," said harbour master {p}.\n', "utf-8")
        lines.append(json.dumps({"id": p, "title": p, "source": p, "author": p, "url": p,
                                 "text": f"{body} The ferry notice read {p} this week."}))
        esc = (p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        items.append(f"<item><title>{esc}</title><author>{esc}</author><link>{esc}</link>"
                     f"<description>{_cdata(body + ' ' + p)}</description></item>")
        (folder / f"page-{n:03d}.html").write_text(
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc}</title>"
            f"<meta name='author' content='{esc}'></head><body><article><h1>{esc}</h1>"
            f"<p>{body}</p><p>The harbour notice read {esc} on Monday.</p><p>{p}</p>"
            f"</article></body></html>", "utf-8")
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "feed.rss").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour'
        f"</title>{''.join(items)}</channel></rss>", "utf-8")
    return {"payloads": len(payloads), "placements": len(payloads) * len(PLACEMENTS)}


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


_INJECTED = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.toLowerCase().replace(/\\s/g, '');
      if (a.name.startsWith('on')) out.push(el.tagName + '[' + a.name + ']');
      else if (['href', 'src', 'action', 'data', 'formaction', 'srcdoc'].includes(a.name)
               && /^(javascript|vbscript|data):/.test(v))
        out.push(el.tagName + '[' + a.name + '=' + a.value.slice(0, 40) + ']');
    }
    if (el.tagName === 'SCRIPT' && el.textContent.includes('__xss')) out.push('SCRIPT');
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'FRAME'].includes(el.tagName)) out.push(el.tagName);
  }
  return out;
}"""


def visit(browser, urls: list[str]) -> dict:
    """Load every URL with the CSP on and bypassed; the counts."""
    totals = {"pages": 0, "executed": set(), "executed_without_csp": set(),
              "csp_violations": [], "injected": [], "page_errors": []}
    for bypass in (False, True):
        context = browser.new_context(bypass_csp=bypass, java_script_enabled=True)
        hits: list[int] = []
        context.expose_function("__xssHit", lambda n: hits.append(int(n)))
        context.add_init_script("window.__xss = n => window.__xssHit(n);")
        page = context.new_page()
        page.on("console", lambda m: totals["csp_violations"].append(m.text)
                if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
                else None)
        page.on("pageerror", lambda e: totals["page_errors"].append(str(e)[:200]))
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
            # open folded sections and hover the page, so toggles and focus handlers fire
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            page.mouse.move(10, 10)
            page.wait_for_timeout(50)
            if not bypass:
                totals["pages"] += 1
                totals["injected"] += [f"{url}: {x}" for x in page.evaluate(_INJECTED)]
        (totals["executed_without_csp"] if bypass else totals["executed"]).update(hits)
        context.close()
    return totals


def run_xss(folder: Path, *, article_pages: int = 20, story_pages: int = 100,
            payloads: list[str] | None = None, config_toml: str = LIGHT_TOML) -> dict:
    """Write the inputs, brief them, render the report and the serve pages; the counts."""
    import subprocess
    import sys

    from reliability_harness import SRC

    inputs = folder / "in"
    counts = write_inputs(inputs, payloads)
    config_path = folder / "config.toml"
    config_path.write_text(config_toml, "utf-8")
    out = folder / "out"
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "newsweave", "brief", str(inputs), "-o", str(out),
                           "--config", str(config_path), "--quiet", "--keep-going"],
                          capture_output=True, text=True, timeout=1800, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"brief failed: {proc.stderr[-800:]}")
    briefing = json.loads((out / "briefing.json").read_text("utf-8"))
    counts["articles"] = len(briefing["articles"])
    counts["skipped"] = len(briefing["skipped"])
    db = folder / "store.db"
    proc = subprocess.run([sys.executable, "-m", "newsweave", "ingest", str(inputs), "--db",
                           str(db), "--config", str(config_path), "--quiet"],
                          capture_output=True, text=True, timeout=1800, env=env)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"ingest failed: {proc.stderr[-800:]}")

    from playwright.sync_api import sync_playwright

    from newsweave.config import load_config
    from newsweave.web import create_app
    from newsweave.web.app import loopback_hosts
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(db, config=load_config(config_path), allowed_hosts=loopback_hosts("127.0.0.1"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        import urllib.parse
        import urllib.request

        with urllib.request.urlopen(base + "/api/v1/stories?limit=100") as response:
            stories = json.load(response)
        story_ids = [s["id"] for s in stories["stories"]]
        urls = ["file://" + str(out / "briefing.html"), base + "/"]
        urls += [f"{base}/stories/{urllib.parse.quote(s)}" for s in story_ids[:story_pages]]
        ids = [a["id"] for a in briefing["articles"]][:article_pages]
        urls += [f"{base}/articles/{urllib.parse.quote(i, safe='')}" for i in ids]
        urls += [f"{base}/search?q={urllib.parse.quote(p.format(n=n))}"
                 for n, p in enumerate((payloads or PAYLOADS)[:10])]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                totals = visit(browser, urls)
                # the control: a page that does not escape a payload must be caught
                control = folder / "control.html"
                control.write_text("<p>" + PAYLOADS[1].format(n=999) + "</p>", "utf-8")
                caught = visit(browser, ["file://" + str(control)])
                counts["control_caught"] = (caught["executed"] == {999}
                                            and bool(caught["injected"]))
            finally:
                browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    counts.update(stories=len(story_ids), **totals)
    return counts
