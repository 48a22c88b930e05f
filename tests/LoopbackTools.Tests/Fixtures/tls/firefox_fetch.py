"""Loads URLs in one headless Firefox through Marionette (its remote protocol, the one geckodriver speaks) and prints
one line per URL, what Firefox made of it: 'ok <documentURI>' when the page loaded, 'CERTERROR <message> <documentURI>'
when Firefox refused the certificate (Marionette's "insecure certificate" error, about:certerror), 'NETERROR <message>
<documentURI>' for another error page (a restricted port: about:neterror?e=deniedPortAccess).
Usage: firefox_fetch.py PROFILE_DIR URL...  Exit 0 when every line was printed."""
import json, os, socket, subprocess, sys, time

profile, urls = sys.argv[1], sys.argv[2:]
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]
with open(os.path.join(profile, "user.js"), "a") as prefs:
    prefs.write('user_pref("marionette.port", %d);\n' % port)
    # No first-run pages, no update or telemetry attempts (nothing could leave the seal anyway).
    for name, value in [("browser.shell.checkDefaultBrowser", "false"), ("app.update.enabled", "false"),
                        ("datareporting.policy.dataSubmissionEnabled", "false"), ("toolkit.telemetry.enabled", "false"),
                        ("browser.startup.homepage_override.mstone", '"ignore"'), ("network.captive-portal-service.enabled", "false")]:
        prefs.write('user_pref("%s", %s);\n' % (name, value))
firefox = subprocess.Popen(["firefox", "--headless", "--no-remote", "--marionette", "--profile", profile, "about:blank"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    deadline = time.time() + 60
    while True:
        try:
            conn = socket.create_connection(("127.0.0.1", port), timeout=60); break
        except OSError:
            if time.time() > deadline or firefox.poll() is not None: raise
            time.sleep(0.2)
    buffer = b""
    def receive():
        global buffer
        while b":" not in buffer: buffer += conn.recv(65536)
        length, _, rest = buffer.partition(b":"); length = int(length)
        while len(rest) < length: rest += conn.recv(65536)
        buffer = rest[length:]
        return json.loads(rest[:length])
    ids = iter(range(1, 100))
    def command(name, params):
        body = json.dumps([0, next(ids), name, params]).encode()
        conn.sendall(str(len(body)).encode() + b":" + body)
        _, _, error, result = receive()
        return error, result
    receive()  # the server's hello
    error, _ = command("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": False}}})
    if error: raise SystemExit("session: %s" % error)
    for url in urls:
        error, _ = command("WebDriver:Navigate", {"url": url})
        _, result = command("WebDriver:ExecuteScript", {"script": "return document.documentURI", "args": []})
        where = result and result.get("value")
        if error and error.get("error") == "insecure certificate":
            print("CERTERROR", url, error.get("message"), where)
        elif error or (where or "").startswith("about:"):
            print("NETERROR", url, error and error.get("message"), where)
        else:
            print("ok", url, where)
        sys.stdout.flush()
    try: command("Marionette:Quit", {})
    except OSError: pass
finally:
    try: firefox.wait(20)
    except subprocess.TimeoutExpired: firefox.kill()
