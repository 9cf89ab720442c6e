#!/usr/bin/python3
"""Opens Word files in LibreOffice (headless, through python3-uno) and
writes each one's text twice: with every tracked change accepted
(OUTDIR/NAME.accepted.txt), and with every one rejected
(OUTDIR/NAME.rejected.txt). One LibreOffice start for all the files.
Usage: lo_changes.py OUTDIR FILE.docx...

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
    outdir = os.path.abspath(sys.argv[1])
    sources = [os.path.abspath(a) for a in sys.argv[2:]]
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
            for source in sources:
                stem = os.path.join(outdir, os.path.splitext(os.path.basename(source))[0])
                export(ctx, desktop, source, ".uno:AcceptAllTrackedChanges",
                       stem + ".accepted.txt")
                export(ctx, desktop, source, ".uno:RejectAllTrackedChanges",
                       stem + ".rejected.txt")
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
