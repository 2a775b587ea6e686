"""A small IMAP4rev1 server on 127.0.0.1 for the mailbox tests: just what a client polling for unread
messages uses (CAPABILITY, LOGIN, SELECT, UID SEARCH UNSEEN, UID FETCH RFC822, UID STORE +FLAGS,
NOOP, LOGOUT). The product's real ``imaplib`` code path talks to it over a real socket."""

from __future__ import annotations

import re
import socketserver
import threading
from dataclasses import dataclass, field


@dataclass
class Message:
    uid: int
    raw: bytes
    flags: set[str] = field(default_factory=set)


@dataclass
class Mailbox:
    user: str = "phananh@vungtau.example.gov.vn"
    password: str = 'mat khau "thu"'
    messages: list[Message] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, raw: bytes) -> Message:
        with self.lock:
            m = Message(uid=100 + len(self.messages), raw=raw)
            self.messages.append(m)
            return m

    def by_uid(self, uid: int) -> tuple[int, Message] | None:
        for seq, m in enumerate(self.messages, start=1):
            if m.uid == uid:
                return seq, m
        return None


TOKEN = re.compile(rb'"((?:[^"\\]|\\.)*)"|(\S+)')


def _args(line: bytes) -> list[str]:
    out = []
    for quoted, atom in TOKEN.findall(line):
        if atom:
            out.append(atom.decode())
        else:
            out.append(re.sub(rb"\\(.)", rb"\1", quoted).decode())
    return out


class Handler(socketserver.StreamRequestHandler):
    mailbox: Mailbox

    def send(self, text: str | bytes) -> None:
        data = text if isinstance(text, bytes) else text.encode()
        self.wfile.write(data + b"\r\n")

    def handle(self) -> None:
        box = self.server.mailbox  # type: ignore[attr-defined]
        authed = False
        self.send("* OK [CAPABILITY IMAP4rev1] CCHC test double ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            args = _args(line.rstrip(b"\r\n"))
            if len(args) < 2:
                self.send("* BAD empty command")
                continue
            tag, cmd, rest = args[0], args[1].upper(), args[2:]
            box.log.append(" ".join([cmd, *rest]) if cmd != "LOGIN" else "LOGIN")
            if cmd == "CAPABILITY":
                self.send("* CAPABILITY IMAP4rev1")
                self.send(f"{tag} OK CAPABILITY completed")
            elif cmd == "NOOP":
                self.send(f"{tag} OK NOOP completed")
            elif cmd == "LOGIN":
                authed = rest == [box.user, box.password]
                self.send(
                    f"{tag} OK LOGIN completed"
                    if authed
                    else f"{tag} NO [AUTHENTICATIONFAILED] wrong password"
                )
            elif cmd == "LOGOUT":
                self.send("* BYE logging out")
                self.send(f"{tag} OK LOGOUT completed")
                return
            elif not authed:
                self.send(f"{tag} NO not authenticated")
            elif cmd == "SELECT":
                self.send(f"* {len(box.messages)} EXISTS")
                self.send("* 0 RECENT")
                self.send("* OK [UIDVALIDITY 1] UIDs valid")
                self.send(f"{tag} OK [READ-WRITE] SELECT completed")
            elif cmd == "UID" and rest:
                self.uid_command(tag, rest[0].upper(), rest[1:], box)
            else:
                self.send(f"{tag} BAD unsupported command {cmd}")

    def uid_command(self, tag: str, sub: str, rest: list[str], box: Mailbox) -> None:
        with box.lock:
            if sub == "SEARCH":
                found = [str(m.uid) for m in box.messages if "\\Seen" not in m.flags]
                self.send("* SEARCH" + "".join(" " + u for u in found))
                self.send(f"{tag} OK SEARCH completed")
            elif sub == "FETCH":
                hit = box.by_uid(int(rest[0]))
                if hit is not None:
                    seq, m = hit
                    self.wfile.write(
                        f"* {seq} FETCH (UID {m.uid} RFC822 {{{len(m.raw)}}}\r\n".encode() + m.raw + b")\r\n"
                    )
                self.send(f"{tag} OK FETCH completed")
            elif sub == "STORE":
                hit = box.by_uid(int(rest[0]))
                if hit is not None:
                    seq, m = hit
                    m.flags |= set(" ".join(rest[2:]).strip("()").split())
                    self.send(f"* {seq} FETCH (UID {m.uid} FLAGS ({' '.join(sorted(m.flags))}))")
                self.send(f"{tag} OK STORE completed")
            else:
                self.send(f"{tag} BAD unsupported UID {sub}")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mailbox: Mailbox) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.mailbox = mailbox

    @property
    def port(self) -> int:
        return int(self.server_address[1])


def start(mailbox: Mailbox) -> Server:
    server = Server(mailbox)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
