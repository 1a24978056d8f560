"""The process `streamlit run app.py` starts: what app.py sets for it when Streamlit imports it to find `app`."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_app_as_the_server_does_lets_threads_take_turns_every_millisecond():
    # The crowd's p95 (docs/hosting.md) depends on it; CPython's default is 5 ms.
    probe = "import sys; import app; print(sys.getswitchinterval())"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert float(out.stdout.strip().splitlines()[-1]) == 0.001


def _inotify_instances(pid: int) -> int:
    """How many inotify instances the process holds (watchdog opens one to watch folders)."""
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd) == "anon_inode:inotify"
        except OSError:
            continue  # a descriptor closed meanwhile
    return count


def test_a_visitors_session_on_the_readmes_command_watches_no_files():
    """`streamlit run app.py` as the README and Community Cloud start it: Streamlit's file watcher walked and watched
    every folder under app.py for each new session (~0.3 s of server CPU a visitor in a clean checkout, ~1 s with
    .venv inside it). The visitor-facing config turns it off; `make dev` turns it on for work on the code."""
    import asyncio

    from bench.common import free_port, wait_healthy
    from bench.stclient import StreamlitClient

    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.address", "127.0.0.1"]  # nothing else: the README's command and the repository's config
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", process, 120)

        async def visit() -> list[str]:
            async with StreamlitClient(port) as client:
                return (await client.run("story", "lang=en")).errors

        assert asyncio.run(visit()) == []
        assert _inotify_instances(process.pid) == 0
    finally:
        process.terminate()
        process.wait(timeout=30)


NODELAY_PROBE = """
import asyncio, socket
import app  # as the server imports it
from streamlit.web.server.starlette.starlette_server import _bind_socket

async def main():
    listening = _bind_socket("127.0.0.1", 0, 8)  # the listening socket exactly as Streamlit makes it
    accepted = asyncio.get_running_loop().create_future()

    def connected(reader, writer):
        sock = writer.get_extra_info("socket")
        accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(connected, sock=listening)
    _, writer = await asyncio.open_connection(*listening.getsockname()[:2])
    print(await asyncio.wait_for(accepted, 10))
    writer.close()
    server.close()

asyncio.run(main())
"""


def test_the_server_sends_a_visitors_small_messages_at_once():
    """Streamlit's listening socket (proto 0) made asyncio leave Nagle's algorithm on for every visitor's connection:
    each script run's second WebSocket message waited for a delayed ACK, ~40 ms of every /story rerun, directly and
    through Caddy (docs/performance.md). Importing app.py as the server does turns it off on every accepted
    connection."""
    out = subprocess.run([sys.executable, "-c", NODELAY_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.strip().splitlines()[-1]) == 1


WAKE_PROBE = """
import asyncio, json, threading
from types import SimpleNamespace
import app  # as the server imports it
from streamlit.runtime.runtime import Runtime

async def main():
    loop = asyncio.get_running_loop()
    writes = []
    write = loop._write_to_self
    loop._write_to_self = lambda: writes.append(threading.current_thread().name) or write()
    objects = SimpleNamespace(eventloop=loop, need_send_data=asyncio.Event())
    runtime = SimpleNamespace(_get_async_objs=lambda: objects)
    seen = {}
    for where in ("loop", "script"):
        objects.need_send_data.clear()
        writes.clear()
        if where == "loop":
            Runtime._enqueued_some_message(runtime)
        else:
            worker = threading.Thread(target=Runtime._enqueued_some_message, args=(runtime,), name="script")
            worker.start()
            worker.join()
        await asyncio.wait_for(objects.need_send_data.wait(), 5)
        seen[where] = writes[:]
    print(json.dumps(seen))

asyncio.run(main())
"""


def test_a_message_enqueued_on_the_event_loop_sets_its_flag_without_waking_the_loop_again():
    """Streamlit 1.67 flagged every message for sending with `call_soon_threadsafe`, from the loop itself too: a write
    to the loop's wake-up socket (a system call that gives up the interpreter's lock) for each message of each run,
    4 % of a process's samples (docs/hosting.md). On the loop the flag is now set without it; from a script's thread
    the loop is still woken."""
    out = subprocess.run([sys.executable, "-c", WAKE_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"loop": [], "script": ["script"]}


THEME_PROBE = """
import json
from streamlit import config
from streamlit.proto.NewSession_pb2 import CustomThemeConfig
from streamlit.runtime import app_session

streamlits_own = app_session._populate_theme_msg
import app  # as the server imports it

walks = []
walk = config.get_options_for_section
config.get_options_for_section = lambda section: walks.append(section) or walk(section)
sections = ["theme", "theme.light", "theme.dark", "theme.sidebar", "theme.light.sidebar", "theme.dark.sidebar"]
same, colour = [], None
for section in sections:
    expected = CustomThemeConfig()
    streamlits_own(expected, section)
    walks.clear()
    for _ in range(3):  # three script runs
        msg = CustomThemeConfig()
        app_session._populate_theme_msg(msg, section)
        same.append(msg == expected)
    same.append(walks == [] or walks == [section])  # the options walked once, at most
    colour = colour or msg.primary_color
print(json.dumps({"same": all(same), "walked": len(same), "primary": colour}))
"""


def test_the_theme_a_visitor_is_sent_is_streamlits_own_built_once():
    """Streamlit 1.67 built the theme of its new-session message from every config option at the start of each script
    run (4 % of a process's samples). It is built once now: each run gets exactly what Streamlit builds, our
    .streamlit/config.toml's colours included."""
    out = subprocess.run([sys.executable, "-c", THEME_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"same": True, "walked": 24, "primary": "#00629B"}


HAND_OVER_PROBE = """
import asyncio, json, threading
from types import SimpleNamespace
import app  # as the server imports it
from streamlit.runtime.app_session import AppSession

loop = asyncio.new_event_loop()
writes, ran, failed = [], [], []
write = loop._write_to_self
loop._write_to_self = lambda: writes.append(1) or write()
loop.set_exception_handler(lambda _loop, context: failed.append(str(context.get("exception"))))
session = SimpleNamespace(_event_loop=loop)

def step(i):
    if i == 10:
        raise ValueError("callback 10")
    ran.append(i)

def hand_over(first, count):  # a script's thread drawing `count` messages
    for i in range(first, first + count):
        AppSession._call_soon_on_event_loop(session, lambda i=i: step(i))

counts = []
for first, count in ((0, 50), (50, 3)):
    writes.clear()
    worker = threading.Thread(target=hand_over, args=(first, count))
    worker.start()
    worker.join()  # all handed over before the loop runs
    counts.append(len(writes))
    loop.run_until_complete(asyncio.sleep(0.05))
print(json.dumps({"writes": counts, "ran": ran == [i for i in range(53) if i != 10], "failed": failed}))
"""


def test_a_scripts_messages_wake_the_event_loop_once_until_it_gets_to_them():
    """Streamlit 1.67 hands each message a script draws to the event loop with `call_soon_threadsafe`: a write to the
    loop's wake-up socket, which gives up the interpreter's lock, for every message. Under a crowd of 100 these writes
    were 11 % of the script threads' samples (docs/hosting.md). Now the loop is woken once for all the messages a
    script hands over before the loop runs them; they still run in order, and one that fails stops none of the rest."""
    out = subprocess.run([sys.executable, "-c", HAND_OVER_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"writes": [1, 1], "ran": True, "failed": ["callback 10"]}
