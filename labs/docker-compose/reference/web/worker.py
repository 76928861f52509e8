# A worker: writes a tick to the shared volume every two seconds, in a file of its own.
import socket
import time

name = f"/data/ticks-{socket.gethostname()}"
print(f"ticking into {name}", flush=True)
while True:
    with open(name, "a") as f:
        f.write("tick\n")
    time.sleep(2)
