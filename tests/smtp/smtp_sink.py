"""A real SMTP server for the tests (aiosmtpd, Debian's python3-aiosmtpd).

Each accepted message is stored as one .eml file in the folder given, with an X-Envelope-To header added in front naming
the envelope's recipients. While a file named "reject" exists in the folder, every message is refused with a temporary
error (451), so that a test can see a failed send being tried again. Prints "ready" once it listens, and stops when its
standard input closes (the test process ended).

    python3 smtp_sink.py PORT FOLDER
"""
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(os.path.join(self.folder, "reject")):
            return "451 4.3.0 Try again later"
        name = os.path.join(self.folder, uuid.uuid4().hex + ".eml")
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Envelope-To: " + ",".join(envelope.rcpt_tos) + "\r\n").encode("ascii"))
            f.write(envelope.original_content or envelope.content)
        # Renamed when complete, so that a reader never sees half a message.
        os.replace(name + ".tmp", name)
        return "250 2.0.0 Stored"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Store(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
