# Pester 5: Get-Help says what the cmdlets really take. The words are written by hand in module/en-US/help; the
# structure (syntax, switches, aliases, positions, pipeline input) must equal the cmdlets' metadata, which
# scripts/sync-help.ps1 writes.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-LoopbackToolsModule
    $cmdlets = @((Get-Command -Module LoopbackTools -CommandType Cmdlet).Name | Sort-Object)
}
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:modulePath = Import-LoopbackToolsModule
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters +
        [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    function Get-HelpSection([string] $text, [string] $heading) {
        # The lines between a heading (INPUTS, OUTPUTS, SYNTAX...) and the next heading at column 0.
        $match = [regex]::Match($text, "(?ms)^$heading\r?\n(.*?)(?=^\S)")
        if ($match.Success) { $match.Groups[1].Value } else { '' }
    }
}

Describe 'The help files and the cmdlets agree' {
    It 'scripts/sync-help.ps1 -Check finds nothing to change' {
        $script = Join-Path $PSScriptRoot '../scripts/sync-help.ps1'
        $helpFolder = Join-Path $PSScriptRoot '../module/en-US/help'
        $different = Invoke-ChildPowerShell -NoProfile -NonInteractive -File $script -Check -ModulePath $script:modulePath -HelpFolder $helpFolder
        $LASTEXITCODE | Should -Be 0
        $different | Should -BeNullOrEmpty -Because 'run pwsh -File scripts/sync-help.ps1 after changing a parameter'
    }
}

Describe 'Get-Help <_>' -ForEach $cmdlets {
    BeforeAll {
        $name = $_
        $command = Get-Command $name
        $full = Get-Help $name -Full | Out-String -Width 2000
        $parameters = @($command.Parameters.Values | Where-Object {
                $_.Name -notin $script:common -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
            })
    }

    It 'shows switches as switches in SYNTAX' {
        $syntax = Get-HelpSection $full 'SYNTAX'
        $syntax | Should -Not -BeNullOrEmpty
        $syntax | Should -Not -Match '<SwitchParameter>'
        foreach ($switch in $parameters | Where-Object { $_.SwitchParameter }) {
            $syntax | Should -Match "\[-$($switch.Name)\]|-$($switch.Name)(\s|\])" -Because "-$($switch.Name) is a switch"
        }
    }

    It 'shows no type name Nullable`1 or a generic arity' {
        $full | Should -Not -Match 'Nullable`1'
    }

    It 'lists each parameter with its description and its real aliases' {
        foreach ($parameter in $parameters) {
            $help = Get-Help $name -Parameter $parameter.Name
            $help | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) must be documented"
            ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
            $expected = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
            $help.aliases | Should -Be $expected -Because "-$($parameter.Name)'s aliases"
        }
    }

    It 'fills INPUTS, naming what binds when anything takes pipeline input' {
        $inputs = (Get-HelpSection $full 'INPUTS').Trim()
        $inputs | Should -Not -BeNullOrEmpty
        $takesInput = @($parameters | Where-Object { $_.Attributes | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } }).Count -gt 0
        if ($takesInput) { $inputs | Should -Not -Match '^None\b' }
    }

    It 'names every output type in OUTPUTS' {
        $outputs = Get-HelpSection $full 'OUTPUTS'
        foreach ($type in $command.OutputType) {
            $outputs | Should -Match ([regex]::Escape($type.Name)) -Because 'OutputType and the help must agree'
        }
    }
}
