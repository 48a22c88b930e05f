namespace LoopbackTools.Fuzz;

/// <summary>A parser returned without error but broke a promise (lossless round trip, untouched lines...).</summary>
public sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException()
    {
    }

    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static void Check(bool holds, string promise)
    {
        if (!holds)
        {
            throw new FuzzInvariantException(promise);
        }
    }
}
