<#
.SYNOPSIS
    Keeps the structural part of the MAML help (module/en-US/help/*.xml) equal to the cmdlets' metadata.

.DESCRIPTION
    The words of the help are written by hand; what PowerShell already knows is not. For each cmdlet of the built
    module this script regenerates, from Get-Command's metadata:
      - <command:syntax>: one syntax item per parameter set (the default set first), switches without a value
        (Get-Help prints [-All], not [-All <SwitchParameter>]);
      - in <command:parameters>: each parameter's required, position, pipelineInput, globbing, variableLength and
        aliases attributes, its value type and dev:type; the hand-written description and default value are kept.
        A parameter the cmdlet no longer has is dropped; a new one is added with an empty description (the help
        tests then fail until someone writes it).
    Everything else (synopsis, description, inputs, outputs, examples, links) is left as written.

    Run it after adding or changing a parameter:  pwsh -File scripts/sync-help.ps1   (after a build)
    With -Check it changes nothing and lists the files that differ (tests/Help.Tests.ps1 uses it).
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/LoopbackTools'),
    [string] $HelpFolder = (Join-Path $PSScriptRoot '../module/en-US/help'),
    [switch] $Check
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters +
    [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Get-XmlText([string] $text) { [System.Security.SecurityElement]::Escape($text) }

function Get-TypeLabel([System.Management.Automation.ParameterMetadata] $parameter) {
    # Nullable<int> shows as Int32: the user types a number, never a Nullable.
    $type = $parameter.ParameterType
    $underlying = [Nullable]::GetUnderlyingType($type)
    if ($underlying) { $type = $underlying }
    $type.Name
}

function Get-PipelineInput($attributes) {
    $byValue = @($attributes | Where-Object ValueFromPipeline).Count -gt 0
    $byName = @($attributes | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
    if ($byValue -and $byName) { return 'True (ByValue, ByPropertyName)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    'False'
}

function Get-Position($attributes) {
    $positions = @($attributes | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Sort-Object -Unique)
    if ($positions.Count -gt 0) { return [string]$positions[0] }
    'named'
}

function Get-ParameterAttributes([System.Management.Automation.ParameterMetadata] $parameter, [string] $setName) {
    $all = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    if ($setName) {
        $inSet = @($all | Where-Object { $_.ParameterSetName -eq $setName -or $_.ParameterSetName -eq '__AllParameterSets' })
        return $inSet
    }
    $all
}

function Test-IsSwitch([System.Management.Automation.ParameterMetadata] $parameter) {
    $parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
}

function New-ValueXml([System.Management.Automation.ParameterMetadata] $parameter) {
    $label = Get-XmlText (Get-TypeLabel $parameter)
    $variable = if ($parameter.ParameterType.IsArray) { 'true' } else { 'false' }
    "<command:parameterValue required=`"true`" variableLength=`"$variable`">$label</command:parameterValue>"
}

function Test-IsHidden([System.Management.Automation.ParameterMetadata] $parameter) {
    # [Parameter(DontShow)]: bound from piped rows only, left out of help as PowerShell leaves it out of completion.
    @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count -gt 0
}

function Get-ParameterOrder($command, [string[]] $writtenOrder) {
    $names = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters -and -not (Test-IsHidden $command.Parameters[$_]) })
    $known = @($writtenOrder | Where-Object { $_ -in $names })
    $new = @($names | Where-Object { $_ -notin $known })
    @($known) + @($new)
}

function New-SyntaxXml($command, [string[]] $order) {
    $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault })
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('  <command:syntax>')
    foreach ($set in $sets) {
        $lines.Add('    <command:syntaxItem>')
        $lines.Add("      <maml:name>$($command.Name)</maml:name>")
        $inSet = @($set.Parameters | Where-Object { $_.Name -in $order })
        $positional = @($inSet | Where-Object { $_.Position -ge 0 } | Sort-Object Position)
        $named = @($order | ForEach-Object { $n = $_; $inSet | Where-Object { $_.Name -eq $n -and $_.Position -lt 0 } })
        foreach ($p in @($positional) + @($named)) {
            $metadata = $command.Parameters[$p.Name]
            $required = if ($p.IsMandatory) { 'true' } else { 'false' }
            $position = if ($p.Position -ge 0) { [string]$p.Position } else { 'named' }
            $pipeline = Get-PipelineInput (Get-ParameterAttributes $metadata $set.Name)
            $value = if (Test-IsSwitch $metadata) { '' } else { New-ValueXml $metadata }
            $lines.Add("      <command:parameter required=`"$required`" position=`"$position`" pipelineInput=`"$pipeline`"><maml:name>$($p.Name)</maml:name>$value</command:parameter>")
        }
        $lines.Add('    </command:syntaxItem>')
    }
    $lines.Add('  </command:syntax>')
    $lines -join "`n"
}

function Get-WrittenParameters([string] $parametersBlock) {
    $written = [ordered]@{}
    $pattern = '(?s)<command:parameter\b[^>]*>\s*<maml:name>([^<]+)</maml:name>(.*?)</command:parameter>'
    foreach ($m in [regex]::Matches($parametersBlock, $pattern)) {
        $body = $m.Groups[2].Value
        $description = [regex]::Match($body, '(?s)<maml:description>.*?</maml:description>').Value
        $default = [regex]::Match($body, '(?s)<dev:defaultValue>.*?</dev:defaultValue>').Value
        $written[$m.Groups[1].Value.Trim()] = [pscustomobject]@{ Description = $description; Default = $default }
    }
    $written
}

function New-ParametersXml($command, [string[]] $order, $written) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('  <command:parameters>')
    foreach ($name in $order) {
        $metadata = $command.Parameters[$name]
        $attributes = Get-ParameterAttributes $metadata $null
        $required = if (@($attributes | Where-Object { -not $_.Mandatory }).Count -eq 0) { 'true' } else { 'false' }
        $variable = if ($metadata.ParameterType.IsArray) { 'true' } else { 'false' }
        $globbing = if (@($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count) { 'true' } else { 'false' }
        $aliases = if ($metadata.Aliases.Count) { ($metadata.Aliases | ForEach-Object { Get-XmlText $_ }) -join ', ' } else { 'none' }
        $pipeline = Get-PipelineInput $attributes
        $position = Get-Position $attributes
        $description = if ($written.Contains($name) -and $written[$name].Description) { $written[$name].Description } else { '<maml:description><maml:para></maml:para></maml:description>' }
        $default = if ($written.Contains($name) -and $written[$name].Default) { $written[$name].Default } elseif (Test-IsSwitch $metadata) { '<dev:defaultValue>False</dev:defaultValue>' } else { '<dev:defaultValue>None</dev:defaultValue>' }
        $lines.Add("    <command:parameter required=`"$required`" variableLength=`"$variable`" globbing=`"$globbing`" pipelineInput=`"$pipeline`" position=`"$position`" aliases=`"$aliases`">")
        $lines.Add("      <maml:name>$name</maml:name>")
        $lines.Add("      $description")
        if (-not (Test-IsSwitch $metadata)) { $lines.Add("      $(New-ValueXml $metadata)") }
        $lines.Add("      <dev:type><maml:name>$(Get-XmlText (Get-TypeLabel $metadata))</maml:name></dev:type>")
        $lines.Add("      $default")
        $lines.Add('    </command:parameter>')
    }
    $lines.Add('  </command:parameters>')
    $lines -join "`n"
}

Import-Module (Resolve-Path $ModulePath) -Force
$different = [System.Collections.Generic.List[string]]::new()
foreach ($command in Get-Command -Module LoopbackTools -CommandType Cmdlet | Sort-Object Name) {
    $file = Join-Path $HelpFolder "$($command.Name).xml"
    if (-not (Test-Path -LiteralPath $file)) { throw "No help file for $($command.Name): $file" }
    $text = [System.IO.File]::ReadAllText($file)
    $parametersBlock = [regex]::Match($text, '(?s)  <command:parameters>.*?</command:parameters>|<command:parameters\s*/>')
    $written = Get-WrittenParameters $parametersBlock.Value
    $order = Get-ParameterOrder $command ([string[]]@($written.Keys))
    $syntax = New-SyntaxXml $command $order
    $parameters = New-ParametersXml $command $order $written
    $updated = [regex]::Replace($text, '(?s)  <command:syntax>.*?</command:syntax>', { param($m) $syntax })
    if ($parametersBlock.Success) {
        $updated = $updated.Replace($parametersBlock.Value, $parameters)
    }
    else {
        $updated = $updated.Replace('</command:syntax>', "</command:syntax>`n$parameters")
    }
    [xml]$updated | Out-Null   # still well-formed
    if ($updated -ne $text) {
        $different.Add($file)
        if (-not $Check) { [System.IO.File]::WriteAllText($file, $updated, [System.Text.UTF8Encoding]::new($false)) }
    }
}
if ($Check) { $different } else { $different | ForEach-Object { "updated $_" } }
