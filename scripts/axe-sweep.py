"""Every menu page of every demo role, and the first item of each list, checked with axe-core at 1280
and 390 px against a running demo (docs/accessibility.md, "Before and after"). Not part of CI, which
checks the pages the browser journeys visit; this sweep reaches the pages no journey opens.

    make demo                          # in another terminal (CCHC_DEMO=1, demo logins without 2FA)
    .venv/bin/python scripts/axe-sweep.py http://127.0.0.1:8000 [lanhdao,noivu,…]

Prints the failing count per role, page and width, then the failures grouped by rule and element.
Exit status 1 when anything fails.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
AXE = (ROOT / "cchc/testing/assets/axe-core/axe.min.js").read_text(encoding="utf-8")
LOGINS = ["lanhdao", "noivu", "vanphong", "phuong1", "congchuc", "motcua", "mattran", "thanhtra"]
PASSWORD = "Demo@VungTau2022"
RUN = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({rule: v.id, nodes: v.nodes.map(n => ({
    selector: n.target.join(' '), summary: (n.failureSummary || '').split('\\n').slice(1, 2).join(' ')}))}));
}"""


def main() -> int:
    base = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    logins = sys.argv[2].split(",") if len(sys.argv) > 2 else LOGINS
    counts: collections.Counter[tuple[str, str, int]] = collections.Counter()
    groups: dict[tuple[str, str, str], list[str]] = collections.defaultdict(list)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"])
        for login in logins:
            context = browser.new_context(locale="vi-VN", reduced_motion="reduce")
            page = context.new_page()
            page.goto(f"{base}/tai-khoan/dang-nhap/")
            page.fill("input[name=username]", login)
            page.fill("input[name=password]", PASSWORD)
            page.click("[data-testid=login-form] button[type=submit]")
            page.wait_for_load_state("networkidle")
            menu = ["/", "/tai-khoan/bao-mat/"]
            menu += [a.get_attribute("href") or "/" for a in page.locator("[data-testid=nav] a").all()]
            paths = list(dict.fromkeys(menu))
            for path in menu:
                page.goto(base + path)
                first = page.locator("main table a[href^='/']").first
                if first.count():
                    paths.append(first.get_attribute("href") or "/")
            for path in dict.fromkeys(paths):
                for width in (1280, 390):
                    page.set_viewport_size({"width": width, "height": 844})
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    page.evaluate(AXE)
                    for v in page.evaluate(RUN):
                        for node in v["nodes"]:
                            counts[(login, path, width)] += 1
                            selector = re.sub(r":nth-child\(\d+\)", "", node["selector"])
                            groups[(v["rule"], selector, node["summary"])].append(f"{login} {path} {width}")
                    counts[(login, path, width)] += 0
            context.close()
        browser.close()
    failing = {k: n for k, n in counts.items() if n}
    print(f"{len(counts)} role × page × width checks, {sum(failing.values())} failing elements")
    for (login, path, width), n in sorted(failing.items()):
        print(f"{n:4d}  {login} {path} {width}")
    for (rule, selector, summary), where in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(where):4d}  {rule}  {selector}  {summary}  (e.g. {where[0]})")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
