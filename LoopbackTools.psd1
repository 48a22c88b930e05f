@{
    RootModule           = 'LoopbackTools.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5b0f2a43-8d4e-4c61-9a57-3f1c2e6d7b90'
    Author               = 'LoopbackTools contributors'
    CompanyName          = 'LoopbackTools'
    Copyright            = '(c) LoopbackTools contributors. MIT License.'
    Description          = 'Answers "why can''t I reach localhost?": listening sockets and their owners, localhost resolution at every layer, the hosts file as typed entries, and container port checks, on Linux, macOS and Windows.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 loads netstandard2.0 assemblies without extra facades from .NET Framework 4.7.2 on.
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies   = @('LoopbackTools.Core.dll')
    FormatsToProcess     = @('LoopbackTools.Format.ps1xml')
    TypesToProcess       = @('LoopbackTools.Types.ps1xml')
    CmdletsToExport      = @(
        'Add-HostsEntry'
        'Get-HostsEntry'
        'Get-LoopbackInterface'
        'Get-LoopbackListener'
        'Remove-HostsEntry'
        'Set-HostsEntry'
        'Test-ContainerConnection'
        'Test-ContainerPort'
        'Test-LocalhostCertificate'
        'Test-LocalhostConnection'
        'Test-LocalhostResolution'
        'Wait-LocalhostConnection'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('localhost', 'loopback', 'network', 'hosts', 'dns', 'docker', 'diagnostics', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/loopbacktools/LoopbackTools'
            LicenseUri   = 'https://github.com/loopbacktools/LoopbackTools/blob/main/LICENSE'
            ReleaseNotes = '0.1.0
- Get-LoopbackListener, Get-LoopbackInterface: listening sockets with their process, container or service, where they are bound, dual-stack or not, on Linux, macOS and Windows; the loopback interface and its addresses.
- Get-HostsEntry, Add-HostsEntry, Set-HostsEntry, Remove-HostsEntry: the hosts file as typed entries and problems; atomic, lossless edits with a backup, -WhatIf, at blocklist scale.
- Test-LocalhostResolution: localhost at every layer (hosts file, OS resolver and the source that answered, DNS servers) and, with -Port, which address accepts.
- Test-ContainerPort: why a container port does or does not answer (running, exposed, published, bound inside, reachable).
- Test-LocalhostConnection: the whole checklist for localhost:PORT (listener, hosts file, resolution, connections and the first-address trap, bind, firewall rule, container, proxy variables, HTTP).
- Test-ContainerConnection: from inside a container to a host service or another container (localhost inside, the name, the network, the host bind, a real connection, the firewall).
- Wait-LocalhostConnection: waits until a port answers at any address of the name (with -Http, a status range); on timeout, the checklist says why.
- Test-LocalhostCertificate and Test-LocalhostConnection -Https (a Tls step) / Wait-LocalhostConnection -Https: which client families (curl/OpenSSL, .NET, Python requests, Node, Chromium, Firefox, Java) trust a local HTTPS server''s certificate and why not, with each client''s fix; a Browser step warns about ports browsers refuse (ERR_UNSAFE_PORT).
- Checks judge measured facts only: a firewall Fail names the nftables rule that matched; a listener on another loopback address, a full accept queue, lo down or ::1 missing, a server in another network namespace or container, a forwarder (ssh -L, socat, kubectl port-forward) whose far end is dead, and a -ProcessName held by another program are each named with the fix; hosts lines glibc skips or reads otherwise are named by line (also by Get-HostsEntry -Strict). Proven on a corpus of 37 injected faults on real third-party servers.
- Hosts edits never lose the file: a backup that is the file itself is refused, a bind-mounted hosts file (every container) is rewritten in place, an immutable file has its own error, SELinux label and ACL are kept; container files are read inside the container''s root; Ctrl+C stops a blocked hosts cmdlet.
- Hosts pipelines take the file from the command line: `Get-HostsEntry -LiteralPath $h ... | Remove-HostsEntry -LiteralPath $h` (and rows from Import-Csv/Import-Clixml) bind without a NoBackup prompt or AmbiguousParameterSet; a path typed wins over a piped Path. `-IPAddress` on every hosts cmdlet (alias `-Address`); `Set-HostsEntry ALIAS -IPAddress X` moves only that name to a new line (`-WholeLine` moves the line); `-Backup` with `-NoBackup` is Hosts.InvalidUpdate.
- The hosts editor writes only forms the OS resolver reads: `[::1]` loses its brackets, zone indexes and leading-zero IPv4 are Hosts.InvalidAddress, international names are written in punycode (UnicodeHostName shows the other form), a trailing dot is Hosts.InvalidHostName; Get-HostsEntry -Strict flags the same lines (checked against getent); warnings about problem lines are capped at 20 plus a count.
- `-Name` takes IP literals (`192.0.2.1`, `::1`, `[::1]`): no hosts or DNS lookup, findings for that address, endpoints written `[v6]:port`, nothing sent to a non-loopback literal (Connection.NotLoopback, Dns.ZonedAddress). Piped listeners give one checklist per TCP port; Wait-LocalhostConnection waits for a forwarder''s far end (docker-proxy, ssh -L, socat...).
- Views: Format-Table views for Test-LocalhostResolution, Test-ContainerPort, Get-HostsEntry and its problems; remote rows name their computer (`[host]`) and stay whole at 80 columns; rows read back with Import-Clixml print as live ones; the Wait table''s status column is headed HTTP. Completers for names, addresses and ports; `-AddressFamily` takes InterNetwork or InterNetworkV6 only. Help: switches shown as switches, real aliases, INPUTS/OUTPUTS filled (`scripts/sync-help.ps1` keeps the structure equal to the cmdlets).
- Test-LocalhostCertificate -Quiet; Node''s `--use-openssl-ca` and `NODE_USE_SYSTEM_CA` modelled per node version; Firefox''s verdicts (profile cert9.db and the `Certificates.Install` enterprise policy) and refused ports proven against real Firefox ESR; on Windows the Root stores (CurrentUser, LocalMachine, AuthRoot, Group Policy) and on macOS the keychains with their trust settings are read for .NET, Chromium/Edge and curl (proven on fixtures laid out like `reg export` and `security` output, not yet on those systems).
- Test-ContainerConnection writes unreadable container files as ErrorRecords (Docker.ContainerFileUnreadable, .ContainerPidMismatch, .ContainerGone); Ctrl+C ends every cmdlet; the hosts lock is protected on Windows (an ACL for Administrators and SYSTEM) and macOS (its own open flags), and O_NOFOLLOW is right on Linux ARM.
- Table views for every output type, MAML help with examples, argument completers, stable ErrorIds with remedies; Windows PowerShell 5.1 and PowerShell 7.4+.'
        }
    }
}
