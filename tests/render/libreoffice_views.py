"""Accept or reject every tracked change with LibreOffice itself, then export the text (a helper script).

    python3 libreoffice_views.py PROFILE_DIR FILE.docx...

Runs under a Python that can ``import uno`` (Debian: python3-uno), starts one
headless LibreOffice with a private profile, and for each file writes
``FILE.docx.accept.txt`` (Edit → Track Changes → Accept All, then save as
text) and ``FILE.docx.reject.txt`` (Reject All). Exits non-zero on any
failure. It imports nothing from lexamend or the tests: LibreOffice is the
judge here.
"""

import os
import subprocess
import sys
import time



def prop(name, value):
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(argv):
    import uno  # a Python with LibreOffice's UNO bridge; imported here so that test collection can import this file

    profile, files = argv[0], argv[1:]
    pipe = f"lexamend_tests_{os.getpid()}"
    soffice = os.environ.get("SOFFICE", "soffice")
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo", "--norestore",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
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
        for path in files:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            for view, command in (("accept", ".uno:AcceptAllTrackedChanges"), ("reject", ".uno:RejectAllTrackedChanges")):
                document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                if document is None:
                    print(f"LibreOffice could not open {path}", file=sys.stderr)
                    return 1
                dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
                target = uno.systemPathToFileUrl(os.path.abspath(path) + f".{view}.txt")
                document.storeToURL(target, (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,")))
                document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
        return 0
    finally:
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
