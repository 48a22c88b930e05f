# Pester 5 over the packaged module: Test-LocalhostCertificate against a real openssl s_server (loopback only).
# Which client accepts what is proven against the real clients in xunit (Certificate/TlsClientAgreementTests); here:
# binding, the rows, the error for a plain-HTTP port, -Https on Test-LocalhostConnection, and the 80-column view.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null
    if ($IsLinux) {
        $script:Tls = Start-TestTlsServer
        $script:Expired = Start-TestTlsServer -Expired
        $script:Plain = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $script:Plain.Start()
        $script:PlainPort = $script:Plain.LocalEndpoint.Port
        # A plain-HTTP server: answers any bytes with an HTTP 400, as nginx does to a ClientHello.
        $script:PlainJob = Start-ThreadJob -ArgumentList $script:Plain {
            param($listener)
            while ($true) {
                $client = $listener.AcceptTcpClient()
                $stream = $client.GetStream(); $buffer = [byte[]]::new(1024); [void]$stream.Read($buffer, 0, 1024)
                $reply = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 400 Bad Request`r`nContent-Length: 0`r`n`r`n")
                $stream.Write($reply, 0, $reply.Length); $client.Close()
            }
        }
    }
}

AfterAll {
    if ($script:Tls) { Stop-TestProcess $script:Tls.Process }
    if ($script:Expired) { Stop-TestProcess $script:Expired.Process }
    if ($script:Plain) { $script:Plain.Stop() }
    if ($script:PlainJob) { Stop-Job $script:PlainJob; Remove-Job $script:PlainJob -Force }
}

Describe 'Test-LocalhostCertificate' -Tag Linux {
    BeforeEach { Assert-TestComponent -Available ([bool]$script:Tls) -Because 'openssl is not installed (apt-get install openssl)' }

    It 'writes one row per client family with the certificate on each' {
        $env:NODE_EXTRA_CA_CERTS = $null
        $rows = @(Test-LocalhostCertificate $script:Tls.Port)
        $rows.Count | Should -BeGreaterOrEqual 5
        @($rows.Client | Sort-Object -Unique).Count | Should -Be $rows.Count
        $rows | ForEach-Object { $_.Subject | Should -Be 'CN=localhost'; $_.DnsNames | Should -Contain 'localhost'; $_.IPAddresses | Should -Contain '127.0.0.1' }
        ($rows | Where-Object Client -eq Node).Status | Should -Be 'Fail'
        ($rows | Where-Object Client -eq Node).Finding | Should -Match 'NODE_EXTRA_CA_CERTS='
    }

    It 'names the fix a trusted self-signed certificate needs in Node: NODE_EXTRA_CA_CERTS makes it Pass' {
        try {
            $env:NODE_EXTRA_CA_CERTS = $script:Tls.Certificate
            (Test-LocalhostCertificate $script:Tls.Port | Where-Object Client -eq Node).Status | Should -Be 'Pass'
        } finally { $env:NODE_EXTRA_CA_CERTS = $null }
    }

    It 'fails every client on an expired certificate, with the date' {
        $rows = @(Test-LocalhostCertificate $script:Expired.Port | Where-Object Status -ne Skipped)
        $rows | ForEach-Object { $_.Status | Should -Be 'Fail'; $_.Finding | Should -Match 'expired on \d{4}-\d\d-\d\d' }
    }

    It 'answers -Quiet with one boolean: $false when a client family rejects it' {
        try {
            $env:NODE_EXTRA_CA_CERTS = $null
            $rows = @(Test-LocalhostCertificate $script:Tls.Port)
            $rows.Status | Should -Contain 'Fail' -Because 'Node does not trust the self-signed certificate without NODE_EXTRA_CA_CERTS'
            $quiet = @(Test-LocalhostCertificate $script:Tls.Port -Quiet)
            $quiet.Count | Should -Be 1
            $quiet[0] | Should -BeExactly $false
        } finally { $env:NODE_EXTRA_CA_CERTS = $null }
    }

    It 'answers -Quiet with $true when every family found here accepts it (Skipped families do not count)' {
        $saved = @{ PATH = $env:PATH; HOME = $env:HOME; SSL_CERT_FILE = $env:SSL_CERT_FILE; SSL_CERT_DIR = $env:SSL_CERT_DIR; CURL_CA_BUNDLE = $env:CURL_CA_BUNDLE }
        $empty = Join-Path ([System.IO.Path]::GetTempPath()) "lbt-quiet-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $empty | Out-Null
        try {
            # No node, browser, python or java on PATH, no profile in HOME: curl and .NET remain, and both read SSL_CERT_FILE.
            $env:PATH = $empty; $env:HOME = $empty; $env:SSL_CERT_FILE = $script:Tls.Certificate; $env:SSL_CERT_DIR = $empty; $env:CURL_CA_BUNDLE = $null
            $rows = @(Test-LocalhostCertificate $script:Tls.Port)
            ($rows | Where-Object Status -eq Pass).Client | Should -Contain 'Curl'
            $rows.Status | Should -Not -Contain 'Fail' -Because ($rows | Out-String -Width 200)
            Test-LocalhostCertificate $script:Tls.Port -Quiet | Should -BeExactly $true
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Remove-Item -Recurse -Force $empty
        }
    }

    It 'answers -Quiet with $false, and still writes the error, for a port it cannot check' {
        Test-LocalhostCertificate $script:PlainPort -Quiet -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeExactly $false
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Certificate.NotTls*'
    }

    It 'says to use http:// for a plain-HTTP port (Certificate.NotTls)' {
        Test-LocalhostCertificate $script:PlainPort -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Certificate.NotTls*'
        $problems[0].Exception.Message | Should -Match 'http://localhost'
    }

    It 'adds a Tls step after Connect with -Https, and the Http step goes over TLS' {
        $steps = @(Test-LocalhostConnection $script:Tls.Port -Https)
        $names = @($steps.Step)
        $names.IndexOf([LoopbackTools.ConnectionStep]::Tls) | Should -Be ($names.IndexOf([LoopbackTools.ConnectionStep]::Connect) + 1)
        ($steps | Where-Object Step -eq Http).Finding | Should -Match '^GET https://'
    }

    It 'fails the Tls step on a plain-HTTP port, saying use http://' {
        $tls = Test-LocalhostConnection $script:PlainPort -Https | Where-Object Step -eq Tls
        $tls.Status | Should -Be 'Fail'
        $tls.Finding | Should -Match 'use http://localhost'
    }

    It 'Wait-LocalhostConnection -Https returns once GET answers over TLS' {
        $wait = Wait-LocalhostConnection $script:Tls.Port -Https -TimeoutSec 10
        $wait.StatusCode | Should -Be 200
        $wait.RemoteAddress | Should -Be '127.0.0.1'
    }

    It 'Wait-LocalhostConnection -Https on a plain-HTTP port times out with the Tls step''s finding' {
        { Wait-LocalhostConnection $script:PlainPort -Https -TimeoutSec 1 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Tls step (Fail)*use http://localhost*'
    }

    It 'fits 80 columns' {
        $lines = (Test-LocalhostCertificate $script:Expired.Port | Out-String -Width 80) -split "`r?`n"
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }
}
