#!/usr/bin/env bash
# Test-LocalhostConnection -Https and Test-LocalhostCertificate on a healthy HTTPS port, inside PowerShell over the
# packaged module: nginx on 127.0.0.1:PORT and [::1]:PORT with a leaf from a fresh CA (openssl), the CA trusted by
# every family through its own store (a bundle named by SSL_CERT_FILE/CURL_CA_BUNDLE/REQUESTS_CA_BUNDLE,
# NODE_EXTRA_CA_CERTS, an NSS database at $HOME/.pki/nssdb). One warm-up call each, then RUNS calls timed with
# Measure-Command: median (and min/max) in ms.
# Usage (as root, after `dotnet build -c Release` and scripts/install-powershell.sh): bash bench/tls-check.sh [RUNS=50]   (seals itself)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-50}"
PWSH="${LBT_PWSH:-$ROOT/.tools/pwsh/pwsh}"
if [ -z "${LBT_BENCH_SEALED:-}" ]; then
  exec unshare --net --mount --pid --fork --mount-proc env LBT_BENCH_SEALED=1 LBT_PWSH="$PWSH" bash -c 'ip link set lo up; exec bash "$0" "$1"' "$0" "$RUNS"
fi
[ -x "$PWSH" ] || { echo "no pwsh at $PWSH: run scripts/install-powershell.sh" >&2; exit 1; }
SEAL="$(mktemp -d /tmp/lbt-tls-XXXXXX)"
trap 'kill -QUIT $(cat "$SEAL/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$SEAL"' EXIT
cd "$SEAL"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=LoopbackTools Bench CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj /CN=localhost 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nauthorityKeyIdentifier=keyid\n' > ext
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 20 -extfile ext 2>/dev/null
cat /etc/ssl/certs/ca-certificates.crt ca.pem > bundle.pem
mkdir -p home/.pki/nssdb
certutil -d sql:home/.pki/nssdb -N --empty-password
certutil -d sql:home/.pki/nssdb -A -t C,, -n bench-ca -i ca.pem
keytool -importcert -noprompt -keystore java.jks -storetype JKS -storepass changeit -alias bench-ca -file ca.pem >/dev/null 2>&1
PORT=18767
mkdir -p tmp
cat > nginx.conf <<NGINX
daemon on; pid $SEAL/nginx.pid; error_log $SEAL/error.log; events {}
http { access_log off; client_body_temp_path $SEAL/tmp; proxy_temp_path $SEAL/tmp; fastcgi_temp_path $SEAL/tmp; uwsgi_temp_path $SEAL/tmp; scgi_temp_path $SEAL/tmp;
  server { listen 127.0.0.1:$PORT ssl; listen [::1]:$PORT ssl; ssl_certificate $SEAL/leaf.pem; ssl_certificate_key $SEAL/leaf.key; location / { return 200 "ok\n"; } } }
NGINX
nginx -c "$SEAL/nginx.conf" -p "$SEAL"
sleep 0.3
cat > bench.ps1 <<PS
Import-Module '$ROOT/out/LoopbackTools'
function Measure-Median([scriptblock] \$Call) {
    \$null = & \$Call   # warm-up: JIT, the first lookup, the first read of the stores
    \$ms = foreach (\$i in 1..$RUNS) { (Measure-Command \$Call).TotalMilliseconds }
    \$sorted = @(\$ms | Sort-Object)
    '{0,-52} median {1,7:0.00} ms  min {2,7:0.00}  max {3,7:0.00}' -f \$Call.ToString().Trim(), \$sorted[[int][math]::Floor(\$sorted.Count / 2)], \$sorted[0], \$sorted[-1]
}
Test-LocalhostCertificate $PORT | Format-Table Client, Status, Finding -AutoSize | Out-String -Width 160
Test-LocalhostConnection $PORT -Https | Where-Object Step -in Tls, Http | Format-Table Step, Status, Finding | Out-String -Width 160
Measure-Median { Test-LocalhostConnection -Port $PORT -Https }
Measure-Median { Test-LocalhostCertificate -Port $PORT }
PS
HOME="$SEAL/home" SSL_CERT_FILE="$SEAL/bundle.pem" CURL_CA_BUNDLE="$SEAL/bundle.pem" REQUESTS_CA_BUNDLE="$SEAL/bundle.pem" NODE_EXTRA_CA_CERTS="$SEAL/ca.pem" JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStore=$SEAL/java.jks" \
  "$PWSH" -NoLogo -NoProfile -NonInteractive -File "$SEAL/bench.ps1"
