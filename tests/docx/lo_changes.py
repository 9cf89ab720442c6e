#!/usr/bin/python3
"""Opens a Word file in LibreOffice (headless, through python3-uno) and
writes its text twice: with every tracked change accepted, and with every
one rejected. Usage: lo_changes.py FILE.docx ACCEPTED.txt REJECTED.txt

The test of `framelint --fix` on .docx: a real consumer must read the
fixed draft when the writer accepts the changes, and the original when
they reject them.
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            return resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                raise
            time.sleep(0.2)


def export(ctx, desktop, source, command, target):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                       (prop("Hidden", True),))
    dispatcher = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", ctx)
    dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
    doc.storeToURL(uno.systemPathToFileUrl(target),
                   (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
    doc.close(True)


def main():
    source, accepted, rejected = (os.path.abspath(a) for a in sys.argv[1:4])
    with tempfile.TemporaryDirectory() as profile:
        pipe = "framelint_%d" % os.getpid()
        proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
             "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
             "--accept=pipe,name=%s;urp;" % pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ctx = connect(pipe, proc)
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx)
            export(ctx, desktop, source, ".uno:AcceptAllTrackedChanges", accepted)
            export(ctx, desktop, source, ".uno:RejectAllTrackedChanges", rejected)
            try:
                desktop.terminate()
            except Exception:
                pass  # the bridge closes as soffice exits
        finally:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
