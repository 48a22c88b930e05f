namespace LoopbackTools.Fuzz;

/// <summary>Splits an input into a few leading choice bytes (which parser, which edit) and the payload.</summary>
public readonly struct FuzzInput
{
    private readonly byte[] _data;
    private readonly int _choices;

    public FuzzInput(byte[] data, int choices)
    {
        _data = data;
        _choices = choices;
    }

    /// <summary>Choice byte <paramref name="index"/> (0 when the input is shorter).</summary>
    public byte Choice(int index) => index < _data.Length && index < _choices ? _data[index] : (byte)0;

    /// <summary>The bytes after the choice bytes.</summary>
    public byte[] Payload => _data.Length <= _choices ? Array.Empty<byte>() : _data.AsSpan(_choices).ToArray();

    /// <summary>An input of <paramref name="choices"/> followed by <paramref name="payload"/>: how seeds are made.</summary>
    public static byte[] Compose(byte[] choices, byte[] payload) => choices.Concat(payload).ToArray();
}
