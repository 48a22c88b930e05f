# Pester 5 over the packaged module: Test-LocalhostResolution names the source that answered (Source, Chain).
# The myhostname case runs a child pwsh in a private mount namespace with its own /etc/nsswitch.conf and
# /etc/hosts, so glibc loads the real libnss_myhostname.so.2 (apt libnss-myhostname) for that process only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LoopbackToolsModule | Out-Null

    $script:myhostname = @(Get-ChildItem '/usr/lib/*-linux-gnu/libnss_myhostname.so.2', '/lib/*-linux-gnu/libnss_myhostname.so.2', '/usr/lib/libnss_myhostname.so.2' -ErrorAction SilentlyContinue).Count -gt 0
    $script:root = $IsLinux -and (id -u) -eq '0'
}
AfterAll { Remove-Module LoopbackTools -ErrorAction SilentlyContinue }

Describe 'Test-LocalhostResolution names the source of the OS answer' -Tag 'Linux' {
    It 'answers localhost from the hosts file in the seal (hosts: files dns), and only the OsResolver row has a source' {
        $rows = @(Test-LocalhostResolution -Layer HostsFile, OsResolver)
        $os = $rows | Where-Object Layer -EQ 'OsResolver'
        $os.Source | Should -Be 'files'
        $os.Chain | Should -Be 'files', 'dns'
        $os.Finding | Should -BeLike '*for localhost from the hosts file (hosts: files dns)*'
        ($rows | Where-Object Layer -EQ 'HostsFile').Source | Should -BeNullOrEmpty
        @(($rows | Where-Object Layer -EQ 'HostsFile').Chain).Count | Should -Be 0
    }

    It 'names nss-myhostname when the hosts file has no localhost line, and the view shows it at 80 columns' {
        Assert-TestComponent -Available ($script:root -and $script:myhostname) -Because 'needs root and libnss_myhostname.so.2 (apt-get install libnss-myhostname)'
        $rows = @(Invoke-WithEtcFile @{ hosts = "127.0.0.1 other.test`n"; 'nsswitch.conf' = "hosts: files myhostname dns`n" } 'Test-LocalhostResolution -Layer OsResolver')
        $os = $rows[0]
        $os.Source | Should -Be 'myhostname'
        @($os.Chain) | Should -Be 'files', 'myhostname', 'dns'
        @($os.Addresses | Sort-Object) | Should -Be '::1', '127.0.0.1'
        $os.Finding | Should -BeLike '*for localhost from nss-myhostname (hosts: files myhostname dns), which answers localhost, `*.localhost and this machine''s name itself*'
        $lines = Get-ViewLine -InputObject $rows -Width 80
        $lines[0] | Should -Match '^Pass  OsResolver localhost system resolver \(myhostname\): '
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }
}
