namespace LoopbackTools.Listeners.Windows;

/// <summary>One entry of EnumServicesStatusEx's ENUM_SERVICE_STATUS_PROCESSW array: a service and its host process.</summary>
internal sealed class HostedService
{
    public HostedService(string name, string? displayName, int processId, int currentState)
    {
        Name = name;
        DisplayName = displayName;
        ProcessId = processId;
        CurrentState = currentState;
    }

    /// <summary>The service's key name (e.g. Dnscache), what sc.exe and Get-Service -Name take.</summary>
    public string Name { get; }

    public string? DisplayName { get; }

    /// <summary>0 when the service is not running.</summary>
    public int ProcessId { get; }

    /// <summary>SERVICE_STATUS_PROCESS.dwCurrentState: 4 is SERVICE_RUNNING.</summary>
    public int CurrentState { get; }
}
