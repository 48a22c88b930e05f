namespace LoopbackTools.Resolution;

/// <summary>A status and the sentence that explains it.</summary>
internal readonly struct Judgement
{
    public Judgement(ResolutionStatus status, string finding)
    {
        Status = status;
        Finding = finding;
    }

    public ResolutionStatus Status { get; }

    public string Finding { get; }

    public static Judgement Pass(string finding) => new(ResolutionStatus.Pass, finding);

    public static Judgement Warn(string finding) => new(ResolutionStatus.Warn, finding);

    public static Judgement Fail(string finding) => new(ResolutionStatus.Fail, finding);

    public static Judgement Error(string finding) => new(ResolutionStatus.Error, finding);
}
