"""A scripted LSP client for framelint's protocol tests.

Starts `framelint lsp` with pipes, frames messages (Content-Length headers),
and reads the server's messages on a thread into a queue, so a test can
wait for a particular message with a timeout instead of blocking forever.
"""
import json
import queue
import subprocess
import threading
import time


class ProtocolError(AssertionError):
    pass


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, server, args=("lsp",), cwd=None):
        self.proc = subprocess.Popen(
            [server, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=cwd)
        self.messages = queue.Queue()
        self.next_id = 0
        self.seen = []  # every message read, for failure reports
        self.backlog = []  # messages no wait has taken yet
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.stderr = b""
        self.err_reader = threading.Thread(target=self._read_err, daemon=True)
        self.err_reader.start()

    # --- reading -------------------------------------------------------------------
    def _read_err(self):
        self.stderr = self.proc.stderr.read()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if not line.endswith(b"\r\n"):
                    self.messages.put(ProtocolError("header line without CRLF: %r" % line))
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers["content-length"])
            body = out.read(length)
            if len(body) != length:
                self.messages.put(ProtocolError("body cut short"))
                return
            try:
                self.messages.put(json.loads(body.decode("utf-8")))
            except ValueError as e:
                self.messages.put(ProtocolError("server sent bad JSON: %s: %r" % (e, body)))

    def next(self, timeout=10):
        try:
            msg = self.messages.get(timeout=timeout)
        except queue.Empty:
            raise ProtocolError("no message from the server within %ss" % timeout)
        if isinstance(msg, ProtocolError):
            raise msg
        self.seen.append(msg)
        return msg

    def wait(self, pred, timeout=10, what="a message", backlog=False):
        """The first message for which pred(msg) is true. Messages passed
        over are kept, and a wait with backlog=True looks at them first:
        responses may come in any order."""
        if backlog:
            for i, msg in enumerate(self.backlog):
                if pred(msg):
                    return self.backlog.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ProtocolError("timed out waiting for %s; saw %s" % (
                    what, json.dumps(self.seen[-5:])[:2000]))
            msg = self.next(left)
            if msg is None:
                raise ProtocolError("server closed stdout while waiting for %s" % what)
            if pred(msg):
                return msg
            self.backlog.append(msg)

    def response(self, rid, timeout=10):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout,
                         "the response to request %r" % rid, backlog=True)

    def diagnostics(self, uri, version=None, timeout=10):
        def match(m):
            return (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                    and (version is None or m["params"].get("version") == version))
        return self.wait(match, timeout, "diagnostics for %s v%s" % (uri, version))["params"]

    # --- writing -------------------------------------------------------------------
    def raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        self.raw(frame(json.dumps(msg).encode("utf-8")))

    def request(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.next_id

    def call(self, method, params=None, timeout=10):
        rid = self.request(method, params)
        return self.response(rid, timeout)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    # --- conveniences --------------------------------------------------------------
    def initialize(self, capabilities=None, options=None, encodings=None):
        caps = capabilities if capabilities is not None else {}
        if encodings is not None:
            caps.setdefault("general", {})["positionEncodings"] = encodings
        params = {"processId": None, "rootUri": None, "capabilities": caps}
        if options is not None:
            params["initializationOptions"] = options
        result = self.call("initialize", params)["result"]
        self.notify("initialized", {})
        return result

    def open(self, uri, text, language="markdown", version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": version, "text": text}})

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": changes})

    def close_stdin(self):
        self.proc.stdin.close()

    def finish(self, timeout=10):
        """Waits for the process; returns its exit status."""
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise ProtocolError("the server did not exit within %ss" % timeout)

    def shutdown(self, timeout=10):
        assert self.call("shutdown", timeout=timeout)["result"] is None
        self.notify("exit")
        try:
            self.close_stdin()
        except BrokenPipeError:
            pass
        return self.finish(timeout)
