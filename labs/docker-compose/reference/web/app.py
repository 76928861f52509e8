# The web service: answers every request with a greeting and how many ticks the workers have written so far.
import glob
from http.server import BaseHTTPRequestHandler, HTTPServer


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        ticks = 0
        for name in glob.glob("/data/ticks-*"):
            with open(name) as f:
                ticks += sum(1 for _ in f)
        body = f"Hello from the compose lab: {ticks} ticks so far\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


print("listening on port 8000", flush=True)
HTTPServer(("0.0.0.0", 8000), Hello).serve_forever()
