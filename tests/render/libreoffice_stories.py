"""Read every story of documents with LibreOffice, after Accept All or Reject All (a helper script).

    python3 libreoffice_stories.py PROFILE_URL JOBS.json OUT.json

JOBS.json is a list of [path, view] with view "accept", "reject" or "shown".
For each job one headless LibreOffice (started here with a private profile)
opens the file, runs Edit → Track Changes → Accept All (or Reject All; nothing
for "shown") and records, in OUT.json under "path|view":

* ``body``: the text export ("Text (encoded)", UTF-8) split in lines — what
  LibreOffice shows in the text flow, list labels and table cells included;
* ``footnotes`` and ``endnotes``: the text of each note, in order;
* ``shapes``: the text of each drawing shape or text frame;
* ``headers``: the non-empty header and footer texts of the page styles in use;

or ``error`` when the file could not be opened. It imports nothing from
lexamend or the tests: LibreOffice is the judge here. Runs under a Python
that can ``import uno`` (Debian: python3-uno).
"""

import json
import os
import subprocess
import sys
import tempfile
import time


def prop(name, value):
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _texts(document):
    out = {}
    out["footnotes"] = [document.getFootnotes().getByIndex(i).getString() for i in range(document.getFootnotes().getCount())]
    out["endnotes"] = [document.getEndnotes().getByIndex(i).getString() for i in range(document.getEndnotes().getCount())]
    shapes = []
    page = document.getDrawPage()
    for i in range(page.getCount()):
        shape = page.getByIndex(i)
        try:
            text = shape.getString()
        except Exception:
            text = ""
        if text.strip():
            shapes.append(text)
    frames = document.getTextFrames()
    for name in frames.getElementNames():
        try:
            text = frames.getByName(name).getString()
        except Exception:  # a frame LibreOffice made for a drawing without text (SmartArt): nothing to read
            text = ""
        if text.strip() and text not in shapes:
            shapes.append(text)
    out["shapes"] = shapes
    headers = set()
    styles = document.getStyleFamilies().getByName("PageStyles")
    for name in styles.getElementNames():
        style = styles.getByName(name)
        if not style.isInUse():
            continue
        for flag, prefix in (("HeaderIsOn", "Header"), ("FooterIsOn", "Footer")):
            if not style.getPropertyValue(flag):
                continue
            for suffix in ("Text", "TextLeft", "TextFirst"):
                try:
                    text = style.getPropertyValue(prefix + suffix)
                except Exception:
                    continue
                if text is not None and text.getString().strip():
                    headers.add(text.getString())
    out["headers"] = sorted(headers)
    return out


def main(argv):
    import uno  # a Python with LibreOffice's UNO bridge; imported here so that test collection can import this file

    profile, jobs_path, out_path = argv
    with open(jobs_path, encoding="utf-8") as handle:
        jobs = json.load(handle)
    pipe = f"lexamend_stories_{os.getpid()}"
    soffice = os.environ.get("SOFFICE", "soffice")
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo", "--norestore",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    results = {}
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(600):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        if context is None:
            print("LibreOffice did not start", file=sys.stderr)
            return 1
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        commands = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges", "shown": None}
        with tempfile.TemporaryDirectory() as tmp:
            for number, (path, view) in enumerate(jobs):
                key = f"{path}|{view}"
                url = uno.systemPathToFileUrl(os.path.abspath(path))
                document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                if document is None:
                    results[key] = {"error": "LibreOffice could not open the file"}
                    continue
                if commands[view]:
                    dispatcher.executeDispatch(document.getCurrentController().getFrame(), commands[view], "", 0, ())
                record = _texts(document)
                target = os.path.join(tmp, f"{number}.txt")
                document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,")))
                document.close(True)
                with open(target, encoding="utf-8-sig") as handle:
                    record["body"] = handle.read().split("\n")
                results[key] = record
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
